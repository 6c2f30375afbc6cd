//! What clap_mangen writes, made to lint clean under `mandoc -Tlint`: man pages are
//! read by `man` (groff or mandoc) on every system, and mandoc's lint is the usual
//! check of a page (Debian's lintian and the BSDs run it). The page means the same
//! after tidying; only its source changes:
//!
//! - clap_mangen separates an option's help from its "Possible values:" with `.br`,
//!   an empty line, `.br` — mandoc warns "skipping paragraph macro: br before sp" (an
//!   empty line is a `.sp`), and "br after sp". One `.sp` says the same.
//! - Characters beyond ASCII are written as groff's escapes (`…` as `\[u2026]`),
//!   which mandoc and groff read alike, with or without a `preconv` step, and which is
//!   how mandoc counts a line's length.
//! - Text lines end without blanks ("whitespace at end of input line").
//! - Text lines longer than 80 bytes are broken at a blank ("input text line longer
//!   than 80 bytes"): in fill mode a line break in the source is a space. The tag line
//!   after `.TP` is one line by definition, so its pieces are joined with `\c`, which
//!   both groff and mandoc read as "the line goes on". A blank is never a break point
//!   when it is escaped (`\ `), doubled, ends a sentence (a line break there would
//!   widen the space), or comes before a `.` or `'` (which would start a request).
//!
//! The title in capitals (`.TH MILLECTL-USER-SHOW`, mandoc's "lower case character in
//! document title") is asked of clap_mangen itself; see `render` in `generate.rs`.

use std::fmt::Write as _;

/// The longest text line mandoc accepts without a note.
const WIDTH: usize = 80;

/// The page, tidied as the module says.
pub(super) fn tidy(page: &str) -> String {
    let page = ascii(&page.replace("\n.br\n\n.br\n", "\n.sp\n"));
    let mut out = String::with_capacity(page.len() + page.len() / 16);
    let mut previous = "";
    let mut fill = true;
    for line in page.lines() {
        let request = line.starts_with('.') || line.starts_with('\'');
        if request {
            match line.split_whitespace().next() {
                Some(".nf" | ".EX") => fill = false,
                Some(".fi" | ".EE") => fill = true,
                _ => {}
            }
            out.push_str(line);
        } else {
            let line = trim_end(line);
            if fill && line.len() > WIDTH {
                let joint = if previous == ".TP" { " \\c\n" } else { "\n" };
                out.push_str(&break_line(line, joint));
            } else {
                out.push_str(line);
            }
        }
        out.push('\n');
        previous = line;
    }
    out
}

/// Every character beyond ASCII as `\[uXXXX]`.
fn ascii(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    for c in page.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let _ = write!(out, "\\[u{:04X}]", u32::from(c));
        }
    }
    out
}

/// Without trailing blanks, unless one is escaped (`\ `): a line ending in a lone
/// backslash would join the next one.
fn trim_end(line: &str) -> &str {
    let trimmed = line.trim_end_matches([' ', '\t']);
    let backslashes = trimmed.len() - trimmed.trim_end_matches('\\').len();
    if backslashes % 2 == 1 {
        &line[..trimmed.len() + 1]
    } else {
        trimmed
    }
}

/// `line` in pieces of at most [`WIDTH`] bytes (the joint's own bytes counted) where
/// it can be broken, joined by `joint` (a piece with no break point in reach stays
/// longer).
fn break_line(line: &str, joint: &str) -> String {
    let width = WIDTH - joint.trim_end_matches('\n').len();
    let breaks = break_points(line);
    let mut out = String::with_capacity(line.len() + 8);
    let mut start = 0;
    // The last piece may use the whole width: it has no joint.
    while line.len() - start > WIDTH {
        // The last break point that keeps the piece within the width, else the first.
        let within = breaks
            .iter()
            .copied()
            .rev()
            .find(|&b| b > start && b - start <= width);
        let Some(at) = within.or_else(|| breaks.iter().copied().find(|&b| b > start)) else {
            break;
        };
        out.push_str(&line[start..at]);
        out.push_str(joint);
        start = at + 1;
    }
    out.push_str(&line[start..]);
    out
}

/// The byte offsets of the blanks `line` may be broken at.
fn break_points(line: &str) -> Vec<usize> {
    let bytes = line.as_bytes();
    let mut points = Vec::new();
    let mut escaped = false;
    for (i, &b) in bytes.iter().enumerate() {
        if escaped {
            escaped = false;
            continue;
        }
        if b == b'\\' {
            escaped = true;
            continue;
        }
        if b != b' ' || i == 0 {
            continue;
        }
        let before = bytes[i - 1];
        let after = bytes.get(i + 1).copied();
        let sentence_end = matches!(before, b'.' | b'!' | b'?');
        let starts_request = matches!(after, Some(b'.' | b'\''));
        if before != b' ' && !matches!(after, None | Some(b' ')) && !sentence_end && !starts_request
        {
            points.push(i);
        }
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_and_possible_values_are_parted_by_one_sp() {
        let page = "Output format\n.br\n\n.br\n\\fIPossible values:\\fR\n.RS 14\n";
        assert_eq!(
            tidy(page),
            "Output format\n.sp\n\\fIPossible values:\\fR\n.RS 14\n"
        );
    }

    #[test]
    fn characters_beyond_ascii_are_escaped() {
        assert_eq!(
            tidy("u000001…, Wójcik\n"),
            "u000001\\[u2026], W\\[u00F3]jcik\n"
        );
    }

    #[test]
    fn trailing_blanks_go_but_an_escaped_one_stays() {
        assert_eq!(tidy("environment variable. \n"), "environment variable.\n");
        assert_eq!(tidy("a\\  \n"), "a\\ \n");
        assert_eq!(tidy("a\\\\ \n"), "a\\\\\n");
        assert_eq!(tidy(".RS \n"), ".RS \n", "requests are left as they are");
    }

    #[test]
    fn long_text_lines_are_broken_at_blanks_within_80_bytes() {
        let words = "word ".repeat(40);
        let line = words.trim_end();
        let tidied = tidy(&format!("{line}\n"));
        assert!(tidied.lines().all(|l| l.len() <= WIDTH), "{tidied}");
        assert_eq!(tidied.replace('\n', " ").trim_end(), line);
    }

    #[test]
    fn a_long_tag_after_tp_is_continued_with_backslash_c() {
        let tag = format!(
            "\\fB\\-\\-option\\fR \\fI<{}>\\fR [default: 24]",
            "X".repeat(60)
        );
        let tidied = tidy(&format!(".TP\n{tag}\nThe help\n"));
        let lines: Vec<&str> = tidied.lines().collect();
        assert_eq!(lines[0], ".TP");
        assert!(lines[1].ends_with(" \\c"), "{tidied}");
        let continued = lines[1..].iter().take_while(|l| l.ends_with("\\c")).count();
        let pieces = &lines[1..=continued + 1];
        let joined: String = pieces
            .iter()
            .map(|l| l.strip_suffix("\\c").unwrap_or(l))
            .collect();
        assert_eq!(joined, tag);
        assert!(pieces.iter().all(|l| l.len() <= WIDTH), "{tidied}");
        assert_eq!(lines[continued + 2], "The help");
    }

    #[test]
    fn never_broken_where_the_meaning_would_change() {
        // An escaped blank, a doubled blank, a sentence end, a word that would start a
        // request: none is a break point.
        let line = format!("{}\\ a  b. next .bashrc 'q'", "x".repeat(70));
        assert!(break_points(&line).is_empty(), "{:?}", break_points(&line));
        let no_fill = format!(".nf\n{}\n.fi\n", "y ".repeat(50).trim_end());
        assert_eq!(tidy(&no_fill), no_fill);
    }
}
