//! CSV that a spreadsheet cannot turn into a formula (OWASP "CSV injection").
//!
//! A helpdesk exports users or an import report and opens it in Excel or LibreOffice;
//! a user whose name is `=HYPERLINK("http://x","y")` must show as text there, not run.
//! Free-text cells that begin with `=`, `+`, `-`, `@`, a tab or a carriage return get a
//! leading `'` (what OWASP recommends; spreadsheets show the rest as text). A phone
//! number keeps its value (E.164 begins with `+` by definition) when both its column
//! is a phone column and the cell has a phone's shape; numbers and times never begin
//! with a trigger, so they are unchanged anyway.

use std::borrow::Cow;

/// The first characters that make a spreadsheet read a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Columns that carry a phone number: E.164 (`+48601234567`) or masked
/// (`+48******567`), which begins with `+` by definition.
const PHONE_COLUMNS: &[&str] = &["phone", "new_phone", "old_phone"];

/// Whether `value` has a phone number's shape: `+`, then 1 to 20 digits or `*`.
/// Checked as well as the column, so a phone column that carries raw input (an import
/// row that failed validation) cannot smuggle a formula through.
fn is_phone(value: &str) -> bool {
    value.strip_prefix('+').is_some_and(|rest| {
        (1..=20).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_digit() || b == b'*')
    })
}

/// A free-text cell as a spreadsheet will show it: prefixed with `'` if it would
/// otherwise start a formula. A lone `-` (the "none" of a table) is not a formula and
/// stays as it is.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(first) if TRIGGERS.contains(&first) && cell != "-" => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// The cell of column `key`: a phone number in a phone column as it is, every other
/// cell neutralised. Numbers and times never begin with a trigger, so they come out
/// unchanged too; the column's key never makes free text verbatim.
pub fn cell<'a>(key: &str, value: &'a str) -> Cow<'a, str> {
    if PHONE_COLUMNS.contains(&key) && is_phone(value) {
        Cow::Borrowed(value)
    } else {
        neutralise(value)
    }
}

/// One CSV row whose cells follow `headers`, each neutralised by its column's kind.
pub fn row(headers: &[&str], values: &[String]) -> Vec<String> {
    headers
        .iter()
        .zip(values)
        .map(|(key, value)| cell(key, value).into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_triggers_get_a_quote() {
        for text in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "@SUM(1)",
            "-2+3",
            "+cmd",
            "\tx",
            "\rx",
        ] {
            assert_eq!(neutralise(text), format!("'{text}"), "{text:?}");
        }
    }

    #[test]
    fn plain_text_and_the_none_marker_stay() {
        for text in ["Anna Nowak", "", "-", "a=b", "'quoted"] {
            assert_eq!(neutralise(text), text);
        }
    }

    #[test]
    fn phones_numbers_and_times_stay_by_column_kind() {
        assert_eq!(cell("phone", "+48601234567"), "+48601234567");
        assert_eq!(cell("at", "2026-11-30T20:00:00Z"), "2026-11-30T20:00:00Z");
        assert_eq!(cell("phone", "+48******567"), "+48******567");
        assert_eq!(cell("name", "+48601234567"), "'+48601234567");
    }

    #[test]
    fn a_phone_column_with_something_else_in_it_is_neutralised() {
        for text in ["+1+cmd|' /C calc'!A0", "=1+1", "+", "+48 601", "@x"] {
            assert_eq!(cell("phone", text), format!("'{text}"), "{text:?}");
        }
        assert_eq!(cell("millekod", "=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    }
}
