//! The column model and fitting a table to the terminal.
//!
//! Each record type declares its columns once ([`Column`]): a stable snake_case key
//! (what `--columns` takes and what CSV and piped headers print), a header in words for
//! people, whether it is in the default (narrow) set, and whether it may be cut to fit.
//! Its values ([`Value`]) then render twice: for people (local times with hints, `yes`,
//! `-` for none, status in colour) and for scripts (RFC 3339 UTC, `true`, empty).
//!
//! Fitting, like `gh`'s table printer: columns are separated by two spaces, no box.
//! A MilleKod, login, time or number is never cut or wrapped — its column takes its
//! full width. When the line is too wide, the free-text columns (name, reason,
//! detail) give way, widest first, down to [`MIN_TEXT`], and their cells are cut with
//! `…` at a grapheme boundary, measured in display columns (`ł`, `ę` are one column,
//! a CJK character two). Only when that is still too wide (a wide table on a narrow
//! terminal) do the other columns give way too, so no line is ever wider than the
//! terminal.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::clock::Clock;

/// May a column be cut to fit?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Codes, logins, times, numbers: full width, always.
    Keep,
    /// Free text: shrinks and is cut with `…` when the terminal is narrow.
    Shrink,
}

/// One column of a record type.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Stable, snake_case: `--columns`, CSV and piped headers.
    pub key: &'static str,
    /// For people: "Attempts left".
    pub header: &'static str,
    /// In the default (narrow) table; `-o wide` shows every column.
    pub default: bool,
    pub fit: Fit,
    /// Printed for scripts (CSV, piped) unless picked by `--columns`; `false` for a
    /// column that only joins others for people ("User": MilleKod/login).
    pub scripts: bool,
}

impl Column {
    /// A column in the default set that is never cut.
    pub const fn new(key: &'static str, header: &'static str) -> Self {
        Self {
            key,
            header,
            default: true,
            fit: Fit::Keep,
            scripts: true,
        }
    }

    /// Free text: may be cut to fit.
    pub const fn text(self) -> Self {
        Self {
            fit: Fit::Shrink,
            ..self
        }
    }

    /// Only for people: scripts have its parts in their own columns.
    pub const fn people(self) -> Self {
        Self {
            scripts: false,
            ..self
        }
    }

    /// Only in `-o wide` (and piped, CSV, `--columns`).
    pub const fn wide(self) -> Self {
        Self {
            default: false,
            ..self
        }
    }
}

/// How a status-like cell is coloured for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Bad,
    Warn,
}

impl Tone {
    fn ansi(self) -> &'static str {
        match self {
            Tone::Good => "\x1b[32m",
            Tone::Bad => "\x1b[31m",
            Tone::Warn => "\x1b[33m",
        }
    }
}

/// One cell's value, before it is rendered for people or for scripts.
#[derive(Debug, Clone)]
pub enum Value {
    Text(String),
    /// None: `-` for people, empty for scripts.
    Maybe(Option<String>),
    Flag(bool),
    Time(Option<time::OffsetDateTime>),
    /// A status word, coloured for people.
    Status(String, Tone),
    /// A deadline: "in 14 min (2026-11-30 14:19:07 CET)" for people.
    Deadline(time::OffsetDateTime),
    /// Words with times in them: "since 14:02 by helpdesk1: fraud".
    Phrase(Vec<Piece>),
}

/// A piece of a [`Value::Phrase`].
#[derive(Debug, Clone)]
pub enum Piece {
    Text(String),
    Time(time::OffsetDateTime),
}

impl Value {
    pub fn text(value: impl ToString) -> Self {
        Value::Text(value.to_string())
    }

    pub fn maybe<T: ToString>(value: Option<T>) -> Self {
        Value::Maybe(value.map(|v| v.to_string()))
    }

    /// For a table: local times, `yes`/`no`, `-` for none.
    pub fn for_people(&self, clock: &Clock) -> String {
        match self {
            Value::Text(s) | Value::Maybe(Some(s)) => s.clone(),
            // `pending_activation` reads as words.
            Value::Status(s, _) => s.replace('_', " "),
            Value::Maybe(None) | Value::Time(None) => "-".to_owned(),
            Value::Flag(b) => if *b { "yes" } else { "no" }.to_owned(),
            Value::Time(Some(t)) => clock.when(*t),
            Value::Deadline(t) => format!("{} ({})", clock.from_now(*t), clock.full(*t)),
            Value::Phrase(pieces) => phrase(pieces, |t| clock.when(t)),
        }
    }

    /// For CSV and piped text: RFC 3339 UTC ms, `true`/`false`, empty for none.
    pub fn for_scripts(&self) -> String {
        match self {
            Value::Text(s) | Value::Status(s, _) | Value::Maybe(Some(s)) => s.clone(),
            Value::Maybe(None) | Value::Time(None) => String::new(),
            Value::Flag(b) => b.to_string(),
            Value::Time(Some(t)) | Value::Deadline(t) => Clock::for_scripts(*t),
            Value::Phrase(pieces) => phrase(pieces, Clock::for_scripts),
        }
    }

    pub fn tone(&self) -> Option<Tone> {
        match self {
            Value::Status(_, tone) => Some(*tone),
            _ => None,
        }
    }
}

fn phrase(pieces: &[Piece], time: impl Fn(time::OffsetDateTime) -> String) -> String {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.clone(),
            Piece::Time(t) => time(*t),
        })
        .collect()
}

/// The narrowest a free-text column gets before the others give way.
pub const MIN_TEXT: usize = 10;
const GAP: &str = "  ";

/// Display width (terminal columns) of `text`.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` cut to at most `max` display columns, ending in `…` when cut.
pub fn cut(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let w = width(grapheme);
        if used + w > max - 1 {
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    // "Klient…", not "Klient …".
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// The width of each column so that the line fits in `limit` (when given).
pub fn fit(natural: &[usize], fits: &[Fit], limit: Option<usize>) -> Vec<usize> {
    let mut widths = natural.to_vec();
    let Some(limit) = limit else {
        return widths;
    };
    let total = |w: &[usize]| w.iter().sum::<usize>() + GAP.len() * w.len().saturating_sub(1);
    // First the free text, widest first, down to MIN_TEXT, then to a stub ("Kl…");
    // only then anything, down to 1.
    for (floor, may) in [
        (MIN_TEXT, Some(Fit::Shrink)),
        (3, Some(Fit::Shrink)),
        (1, None),
    ] {
        while total(&widths) > limit {
            let widest = (0..widths.len())
                .filter(|&i| may.is_none_or(|f| fits[i] == f) && widths[i] > floor)
                .max_by_key(|&i| (widths[i], i));
            match widest {
                Some(i) => widths[i] -= 1,
                None => break,
            }
        }
    }
    widths
}

/// One rendered cell: its text and colour.
pub struct Cell {
    pub text: String,
    pub tone: Option<Tone>,
}

/// Lines of a table for people: a header, then a row per record, fitted to `limit`.
pub fn table(
    headers: &[&str],
    fits: &[Fit],
    rows: &[Vec<Cell>],
    limit: Option<usize>,
    color: bool,
) -> Vec<String> {
    let mut natural: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            natural[i] = natural[i].max(width(&cell.text));
        }
    }
    let widths = fit(&natural, fits, limit);
    let header: Vec<Cell> = headers
        .iter()
        .map(|h| Cell {
            text: (*h).to_owned(),
            tone: None,
        })
        .collect();
    let mut lines = vec![line(&header, &widths, color, true)];
    lines.extend(rows.iter().map(|row| line(row, &widths, color, false)));
    lines.into_iter().map(|cells| cells.join(GAP)).collect()
}

fn line(cells: &[Cell], widths: &[usize], color: bool, header: bool) -> Vec<String> {
    let last = cells.len().saturating_sub(1);
    cells
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (cell, &w))| {
            let text = cut(&cell.text, w);
            let pad = if i == last {
                String::new()
            } else {
                " ".repeat(w - width(&text))
            };
            let text = match (color, header, cell.tone) {
                (false, _, _) | (true, false, None) => text,
                (true, true, _) => format!("\x1b[1m{text}\x1b[0m"),
                (true, false, Some(tone)) => paint(&text, tone),
            };
            format!("{text}{pad}")
        })
        .collect()
}

/// `text` in the tone's colour.
pub fn paint(text: &str, tone: Tone) -> String {
    format!("{}{text}\x1b[0m", tone.ansi())
}

/// `text` broken at spaces into lines of at most `max` display columns (a word longer
/// than that is cut with `…`).
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        let word = cut(word, max);
        let needed = if current.is_empty() {
            width(&word)
        } else {
            width(&current) + 1 + width(&word)
        };
        if needed > max && !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&word);
    }
    lines.push(current);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_counts_display_columns_and_keeps_graphemes_whole() {
        assert_eq!(cut("Grzegorz Brzęczyszczykiewicz", 12), "Grzegorz Br…");
        assert_eq!(width(&cut("Grzegorz Brzęczyszczykiewicz", 12)), 12);
        assert_eq!(cut("Żółć", 4), "Żółć");
        assert_eq!(cut("Żółćx", 4), "Żół…");
        // e + combining acute is one grapheme, one column.
        assert_eq!(cut("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
        assert_eq!(cut("漢字漢字", 5), "漢字…");
    }

    #[test]
    fn free_text_gives_way_first_and_the_line_never_exceeds_the_limit() {
        let fits = [Fit::Keep, Fit::Shrink, Fit::Keep, Fit::Shrink];
        let natural = [10, 40, 16, 30];
        assert_eq!(fit(&natural, &fits, None), natural);
        let w = fit(&natural, &fits, Some(80));
        assert_eq!((w[0], w[2]), (10, 16), "kept columns keep their width");
        assert_eq!(w.iter().sum::<usize>() + 6, 80);
        let w = fit(&natural, &fits, Some(40));
        assert_eq!(
            w,
            [10, 4, 16, 4],
            "text gives way to a stub before any code is cut"
        );
        let w = fit(&natural, &fits, Some(20));
        assert_eq!(w.iter().sum::<usize>() + 6, 20, "{w:?}");
    }

    #[test]
    fn wrap_breaks_at_spaces() {
        assert_eq!(wrap("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("abcdefgh", 4), ["abc…"]);
    }
}
