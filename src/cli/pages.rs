//! Lists that page instead of refusing (issue 16): `--limit N` and `--all` on every
//! list (`audit`, `user list`, `user find`, `api-token list`), one loop that follows the
//! server's `next_cursor` and prints as it goes.
//!
//! A request asks for what is left to print, at most [`MAX_PAGE`] (the most any list
//! route gives at once), so `audit --limit 5000` is five requests and never a refusal.
//! When `--limit` cut the list and the server said more follow, one line on stderr
//! says so; stdout stays exactly the records, for scripts.
//!
//! Memory stays bounded by a page where the format allows: JSON, CSV and the piped
//! (tab-separated) table are written page by page, each page rendered by `Output` as
//! a list and joined into one document (the header once, one JSON array). A table on
//! a terminal is fitted to its widest cells, so it waits for every record (up to the
//! limit) and is drawn once.

use std::io::Write;

use crate::api::MAX_PAGE;
use crate::output::{Format, Output, Tabular};

/// How many records to print: `Some(n)`, or `None` for every one.
pub fn wanted(limit: Option<u32>, all: bool, default: Option<u32>) -> Option<u64> {
    if all {
        None
    } else {
        limit.or(default).map(u64::from)
    }
}

/// Records per request: what is left to print, at most a page.
fn page_size(wanted: Option<u64>, printed: u64) -> u32 {
    let left = wanted.map_or(u64::from(MAX_PAGE), |n| n.saturating_sub(printed));
    u32::try_from(left.min(u64::from(MAX_PAGE))).unwrap_or(MAX_PAGE)
}

/// Fetch page after page (`fetch(cursor, page size)` answers the records and the next
/// cursor) and print them, until the last page or until `wanted` are printed; then,
/// if the list was cut, say so on stderr naming `noun` ("users", "audit records").
pub async fn print_pages<T, F, Fut>(
    output: &Output,
    wanted: Option<u64>,
    noun: &str,
    mut fetch: F,
) -> anyhow::Result<()>
where
    T: Tabular,
    F: FnMut(Option<String>, u32) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<(Vec<T>, Option<String>)>>,
{
    let mut writer = PageWriter::new(output.clone());
    let mut paged = None;
    let mut cursor = None;
    let mut printed: u64 = 0;
    let more = loop {
        let (mut records, next) = fetch(cursor.clone(), page_size(wanted, printed)).await?;
        if let Some(n) = wanted {
            records.truncate(usize::try_from(n.saturating_sub(printed)).unwrap_or(usize::MAX));
        }
        let empty = records.is_empty();
        printed += records.len() as u64;
        // The pager (on a terminal) starts with the first output, after the first
        // request: an error before it is printed plainly.
        let out = paged.get_or_insert_with(|| output.pager());
        writer.page(out, records)?;
        match next {
            Some(_) if wanted.is_some_and(|n| printed >= n) => break true,
            // Our servers never answer an empty page with a cursor (they look one
            // record ahead); following one could loop for ever.
            Some(_) if empty => break false,
            // Nor does one hand back the cursor it was given.
            Some(next) if cursor.as_ref() == Some(&next) => break false,
            Some(next) => cursor = Some(next),
            None => break false,
        }
    };
    let mut out = paged.unwrap_or_else(|| output.pager());
    writer.finish(&mut out)?;
    // Wait for the person to quit the pager before the note on stderr.
    out.finish()?;
    if more {
        eprintln!("{}", cut_note(noun, printed));
    }
    Ok(())
}

/// The stderr line of a list that `--limit` cut.
pub fn cut_note(noun: &str, printed: u64) -> String {
    // Short enough for an 80-column terminal with a seven-digit count.
    format!("Showing the first {printed} {noun}; more match (--limit N or --all).")
}

/// Print `records` as one list cut to `wanted` (a list the server sends whole), with
/// the note when cut.
pub fn print_cut<T: Tabular>(
    output: &Output,
    wanted: Option<u64>,
    noun: &str,
    mut records: Vec<T>,
) -> anyhow::Result<()> {
    let total = records.len() as u64;
    if let Some(n) = wanted {
        records.truncate(usize::try_from(n).unwrap_or(usize::MAX));
    }
    let shown = records.len() as u64;
    let mut out = output.pager();
    output.list(&mut out, &records)?;
    out.finish()?;
    if shown < total {
        eprintln!("{}", cut_note(noun, shown));
    }
    Ok(())
}

/// One list written a page at a time.
struct PageWriter<T> {
    output: Output,
    /// A terminal table: every record, drawn at the end.
    held: Option<Vec<T>>,
    /// Records written so far.
    written: usize,
}

impl<T: Tabular> PageWriter<T> {
    fn new(output: Output) -> Self {
        // A terminal table is fitted to its widest cells, and `--jq` reads the whole
        // array: both wait for every record.
        let held = (output.for_people() || output.jq.is_some()).then(Vec::new);
        Self {
            output,
            held,
            written: 0,
        }
    }

    fn page(&mut self, out: &mut dyn Write, records: Vec<T>) -> anyhow::Result<()> {
        if let Some(held) = &mut self.held {
            held.extend(records);
            return Ok(());
        }
        if records.is_empty() {
            return Ok(());
        }
        let mut text = Vec::new();
        self.output.list(&mut text, &records)?;
        let first = self.written == 0;
        self.written += records.len();
        match self.output.format {
            Format::Json => {
                let inner = json_items(&text);
                if !first {
                    out.write_all(b",")?;
                } else {
                    out.write_all(b"[")?;
                }
                out.write_all(inner)?;
            }
            // CSV and the piped table: the header once, then rows.
            _ if first => out.write_all(&text)?,
            _ => out.write_all(after_first_line(&text))?,
        }
        Ok(())
    }

    fn finish(self, out: &mut dyn Write) -> anyhow::Result<()> {
        match self.held {
            Some(held) => self.output.list(out, &held),
            None if self.written == 0 => self.output.list(out, &Vec::<T>::new()),
            None if self.output.format == Format::Json => {
                out.write_all(b"\n]\n")?;
                Ok(())
            }
            None => Ok(()),
        }
    }
}

/// The items of a JSON array as `Output` writes it (`[\n  {…},\n  {…}\n]\n`):
/// `\n  {…},\n  {…}`, ready to be joined with `,` into one array.
fn json_items(text: &[u8]) -> &[u8] {
    let text = text.strip_suffix(b"\n").unwrap_or(text);
    let text = text.strip_suffix(b"]").unwrap_or(text);
    let text = text.strip_prefix(b"[").unwrap_or(text);
    let mut end = text.len();
    while end > 0 && text[end - 1] == b'\n' {
        end -= 1;
    }
    &text[..end]
}

fn after_first_line(text: &[u8]) -> &[u8] {
    match text.iter().position(|&b| b == b'\n') {
        Some(at) => &text[at + 1..],
        None => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiTokenView;

    fn token(n: u32) -> ApiTokenView {
        ApiTokenView {
            id: format!("t{n}"),
            name: format!("name, \"{n}\"\nline"),
            scopes: vec![],
            created_by: crate::api::Login::parse("helpdesk").unwrap(),
            created_at: time::macros::datetime!(2026-11-30 02:50:30.92 UTC),
            expires_at: time::macros::datetime!(2026-12-30 02:50 UTC),
            revoked_at: None,
        }
    }

    /// What the pages print, against what one `Output::list` of them all prints.
    fn paged_and_whole(format: Format, pages: &[u32]) -> (String, String) {
        let output = Output {
            format,
            terminal: false,
            color: false,
            width: None,
            columns: None,
            clock: crate::output::Clock::system(true),
            jq: None,
            pager: false,
        };
        let mut writer = PageWriter::new(output.clone());
        let mut paged = Vec::new();
        let mut all = Vec::new();
        let mut n = 0;
        for &size in pages {
            let page: Vec<ApiTokenView> = (n..n + size).map(token).collect();
            n += size;
            all.extend(page.clone());
            writer.page(&mut paged, page).unwrap();
        }
        writer.finish(&mut paged).unwrap();
        let mut whole = Vec::new();
        output.list(&mut whole, &all).unwrap();
        (
            String::from_utf8(paged).unwrap(),
            String::from_utf8(whole).unwrap(),
        )
    }

    #[test]
    fn pages_join_into_the_document_one_list_would_be() {
        for format in [Format::Json, Format::Csv, Format::Table] {
            for pages in [&[][..], &[0], &[3], &[2, 0, 3, 1], &[0, 0, 1]] {
                let (paged, whole) = paged_and_whole(format, pages);
                assert_eq!(paged, whole, "{format:?} {pages:?}");
            }
        }
    }

    #[test]
    fn the_limit_and_all_decide_how_many() {
        assert_eq!(wanted(None, false, Some(100)), Some(100));
        assert_eq!(wanted(Some(5000), false, Some(100)), Some(5000));
        assert_eq!(wanted(None, true, Some(100)), None);
        assert_eq!(wanted(None, false, None), None);
        assert_eq!(page_size(Some(5000), 0), 1000);
        assert_eq!(page_size(Some(5000), 4500), 500);
        assert_eq!(page_size(Some(3), 0), 3);
        assert_eq!(page_size(None, 123_456), 1000);
        assert_eq!(page_size(Some(u64::MAX), 0), 1000);
    }
}
