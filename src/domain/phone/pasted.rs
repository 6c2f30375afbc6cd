//! A phone number as people paste it, brought to the plain form libphonenumber parses
//! without guessing: ASCII digits, spaces, and one leading `+`.
//!
//! HelpDesk copies numbers from e-mails, CRM screens and spreadsheets, which bring
//! full-width digits (`＋４８ ７２４ ４１３ ９２６`), Arabic-Indic digits, non-breaking and
//! zero-width spaces, en and em dashes, a `tel.` or `kom.` label in front and a comma,
//! semicolon or tab behind. libphonenumber reads all of those: its `parse` maps every
//! Unicode decimal digit (`\p{Nd}`) to its ASCII value, `＋` to `+`, and skips the
//! punctuation of its `VALID_PUNCTUATION` (dashes U+2010–U+2015, U+2212, full-width
//! `－．／（）［］`, NBSP, U+3000, the soft hyphen, U+200B and U+2060, `~`, `⁓`, `∼`).
//! We accept the same, by the same mappings, and go one step further only where a
//! character is invisible: the other Unicode format characters (zero-width joiners,
//! direction marks, the byte-order mark) and space separators (U+202F and friends) that
//! a copy from a web page or a right-to-left text leaves between the groups.
//!
//! libphonenumber is also lenient in ways that can store a number other than the one
//! typed, so those are refused here, each with a one-line error naming the problem:
//! - letters, which it reads as keypad digits when there are three or more ("601-ABC-DEF")
//!   and *drops* when there are fewer (so "601 234 56O" would lose its `O`);
//! - anything before the first digit other than a `tel`/`kom` label, which it skips;
//! - `x`, `ext.` and a second number after `/`, which it takes as an extension or drops;
//! - a `+` in the middle, and symbols of any other kind.
//!
//! The one guess left inside libphonenumber, re-reading `+NNN…` as a national number
//! when `NNN` is no country code, is refused by the caller (`super::PhoneNumber::parse`).

use rlibphonenumber::PHONE_NUMBER_UTIL;

/// Why pasted text is not a number we will read; the caller adds the echoed input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refusal {
    /// A letter where a digit belongs (`O` for `0`, a vanity number, an extension).
    Letter(char),
    /// A character that is neither a digit nor phone-number punctuation.
    Character(char),
    /// A `+` after the number has begun, or a second one.
    MisplacedPlus,
    /// Nothing but labels and punctuation.
    NoDigits,
}

/// Labels people put before a number: Polish `tel.` and `kom.` (komórka), and the
/// RFC 3966 `tel:` of a link; matched case-insensitively, followed by `.` or `:`.
const LABELS: [&str; 2] = ["tel", "kom"];

/// The plain form of `input`: ASCII digits, single spaces between groups, and a leading
/// `+` when one was typed.
pub(super) fn normalise(input: &str) -> Result<String, Refusal> {
    let body = input.trim_start_matches(is_invisible_or_space);
    let body = strip_label(body).trim_start_matches(is_invisible_or_space);
    let body =
        body.trim_end_matches(|c: char| is_invisible_or_space(c) || matches!(c, ',' | ';' | '\t'));
    let mut plain = String::with_capacity(body.len());
    let mut digits = 0usize;
    for c in body.chars() {
        if let Some(digit) = digit_value(c) {
            plain.push(digit);
            digits += 1;
        } else if matches!(c, '+' | '\u{FF0B}') {
            if digits > 0 || plain.contains('+') {
                return Err(Refusal::MisplacedPlus);
            }
            plain.push('+');
        } else if is_punctuation(c) || is_space(c) {
            if !plain.is_empty() && !plain.ends_with([' ', '+']) {
                plain.push(' ');
            }
        } else if is_invisible(c) {
            // Dropped: nobody typed it, and nobody reading the number saw it.
        } else if c.is_alphabetic() {
            return Err(Refusal::Letter(c));
        } else {
            return Err(Refusal::Character(c));
        }
    }
    if digits == 0 {
        return Err(Refusal::NoDigits);
    }
    Ok(plain.trim_end().to_owned())
}

/// `input` without a leading `tel.`, `kom.`, `tel:` (any case); unchanged otherwise.
fn strip_label(input: &str) -> &str {
    for label in LABELS {
        let Some(head) = input.get(..label.len()) else {
            continue;
        };
        if head.eq_ignore_ascii_case(label) {
            if let Some(rest) = input[label.len()..].strip_prefix(['.', ':']) {
                return rest;
            }
        }
    }
    input
}

/// The ASCII digit of any Unicode decimal digit (`\p{Nd}`), by libphonenumber's own
/// table, so the digits we accept are exactly the ones it reads.
fn digit_value(c: char) -> Option<char> {
    if c.is_ascii_digit() {
        return Some(c);
    }
    if c.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 4];
    PHONE_NUMBER_UTIL
        .normalize_digits_only(c.encode_utf8(&mut buf))
        .chars()
        .next()
}

/// libphonenumber's `VALID_PUNCTUATION` without its `x` (a letter, refused above) and its
/// spaces (see `is_space`), plus the full-width full stop and tilde it reads the same.
fn is_punctuation(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}'
            | '\u{2212}'
            | '\u{30FC}'
            | '\u{FF0D}'..='\u{FF0F}'
            | '\u{FF5E}'
            | '(' | ')' | '\u{FF08}' | '\u{FF09}'
            | '[' | ']' | '\u{FF3B}' | '\u{FF3D}'
            | '.' | '/' | '~' | '\u{2053}' | '\u{223C}'
    )
}

/// Unicode space separators (`\p{Zs}`): the space, NBSP, the narrow NBSP U+202F, the
/// figure and thin spaces, the ideographic space.
fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{00A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Invisible format characters (`\p{Cf}` that text copied from a page or a right-to-left
/// document carries): soft hyphen, Arabic letter mark, zero-width space, non-joiner and
/// joiner, direction marks and embeddings, word joiner and invisible operators, isolates,
/// the byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
    )
}

fn is_invisible_or_space(c: char) -> bool {
    is_invisible(c) || is_space(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_forms_become_plain() {
        for (typed, plain) in [
            ("＋４８ ７２４ ４１３ ９２６", "+48 724 413 926"),
            ("+٤٨ ٧٢٤ ٤١٣ ٩٢٦", "+48 724 413 926"),
            ("۷۲۴۴۱۳۹۲۶", "724413926"),
            ("724\u{200B}413\u{200B}926", "724413926"),
            ("724\u{200D}413\u{2060}926\u{FEFF}", "724413926"),
            ("\u{202A}+48 724 413 926\u{202C}", "+48 724 413 926"),
            ("724–413—926", "724 413 926"),
            ("724\u{2011}413\u{2212}926", "724 413 926"),
            ("724\u{00A0}413\u{202F}926", "724 413 926"),
            ("tel. 724 413 926", "724 413 926"),
            ("Kom.724 413 926", "724 413 926"),
            ("tel:+48-724-413-926", "+48 724 413 926"),
            ("TEL: +48 724 413 926", "+48 724 413 926"),
            ("724 413 926,", "724 413 926"),
            ("724 413 926;", "724 413 926"),
            ("724 413 926\t", "724 413 926"),
            ("(+48) 724-413-926", "+48 724 413 926"),
        ] {
            assert_eq!(normalise(typed).as_deref(), Ok(plain), "{typed:?}");
        }
    }

    #[test]
    fn guesses_are_refused_naming_the_problem() {
        for (typed, refusal) in [
            ("6O1 234 567", Refusal::Letter('O')),
            ("601-ABC-DEF", Refusal::Letter('A')),
            ("601 234 567 x12", Refusal::Letter('x')),
            ("601 234 567 ext. 12", Refusal::Letter('e')),
            ("mobile: 601 234 567", Refusal::Letter('m')),
            ("telefon 601 234 567", Refusal::Letter('t')),
            ("601+234567", Refusal::MisplacedPlus),
            ("++48 601 234 567", Refusal::MisplacedPlus),
            ("601,234,567", Refusal::Character(',')),
            ("601;234;567", Refusal::Character(';')),
            ("601\t234\t567", Refusal::Character('\t')),
            ("601 234 567\n", Refusal::Character('\n')),
            ("\u{0}601234567", Refusal::Character('\u{0}')),
            ("601#234", Refusal::Character('#')),
            ("601*234", Refusal::Character('*')),
            ("😀", Refusal::Character('😀')),
            ("tel.", Refusal::NoDigits),
            ("", Refusal::NoDigits),
            ("- ( ) .", Refusal::NoDigits),
        ] {
            assert_eq!(normalise(typed), Err(refusal), "{typed:?}");
        }
    }
}
