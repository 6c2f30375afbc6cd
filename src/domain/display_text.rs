//! Text people type for other people to read — the names of companies, users and API
//! tokens, and the reasons kept in the audit — parsed once into types that can only
//! hold one line of visible characters.
//!
//! These strings end up in `millectl` tables, in the audit and in whatever reads the
//! audit later, so they must show what they hold. A name holding U+202E (RIGHT-TO-LEFT
//! OVERRIDE) shows `abc\u{202e}dcba` as `abcabcd` in every table; a zero-width space
//! makes two names that look the same differ; a control character or an escape
//! sequence drives the reader's terminal. So both types refuse:
//!
//! - controls (Cc), which covers escape sequences (ESC, and CSI among the C1 controls);
//! - format characters (Cf): the bidirectional marks, embeddings, overrides and
//!   isolates (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), the zero-width
//!   space and joiners (U+200B–U+200D), the word joiner (U+2060), the byte-order mark
//!   (U+FEFF), the soft hyphen, interlinear annotations, tag characters and the rest;
//! - line and paragraph separators (Zl, Zp): a name or a reason is one line;
//! - the default-ignorable code points that are not Cf but render as nothing either
//!   (the combining grapheme joiner, Hangul fillers, variation selectors).
//!
//! Right-to-left scripts themselves are welcome: Hebrew or Arabic letters reorder only
//! their own run, as their readers expect, and cannot flip the text around them. Not
//! caught here: look-alike letters of other scripts (Cyrillic `а` for Latin `a`); a name
//! is a label, and every record also carries identifiers (MilleKod, login, token id).
//!
//! Text is trimmed and put in Unicode NFC, so an `é` typed as one character or as `e`
//! plus a combining accent gives the same name — which matters where a name must be
//! unique (API tokens). Lengths count characters after that.

use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// Longest name of a company, user or API token.
pub const NAME_MAX_CHARS: usize = 100;
/// Longest reason (a ticket number or a few words).
pub const REASON_MAX_CHARS: usize = crate::api::MAX_REASON_CHARS;

/// Why a name or reason was refused. The message names the character by its code
/// point and never echoes the text, which is exactly what should not be shown.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("{what} must be 1-{max} characters on one line")]
    Length { what: &'static str, max: usize },
    #[error("{what} must be one line of visible text, but holds U+{code:04X}, {kind}")]
    Hidden {
        what: &'static str,
        code: u32,
        kind: &'static str,
    },
}

/// The name of a company, a user or an API token: 1-100 visible characters on one line.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(input: &str) -> Result<Self, TextError> {
        visible_line(input, "name", NAME_MAX_CHARS).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Why an administrative change was made, kept in the audit: 1-200 visible characters
/// on one line.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reason(String);

impl Reason {
    pub fn parse(input: &str) -> Result<Self, TextError> {
        visible_line(input, "reason", REASON_MAX_CHARS).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! text_newtype_impls {
    ($ty:ident) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $ty {
            type Err = TextError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        /// Read as the `&str` it is, so `Option<$ty>::as_deref()` gives `Option<&str>`.
        impl Deref for $ty {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }
    };
}

text_newtype_impls!(DisplayName);
text_newtype_impls!(Reason);

/// Trimmed, NFC, `1..=max` characters, none of them hidden.
fn visible_line(input: &str, what: &'static str, max: usize) -> Result<String, TextError> {
    let trimmed = input.trim();
    if let Some(c) = trimmed.chars().find(|&c| hidden(c).is_some()) {
        return Err(TextError::Hidden {
            what,
            code: u32::from(c),
            kind: hidden(c).unwrap_or_default(),
        });
    }
    let text: String = trimmed.nfc().collect();
    let len = text.chars().count();
    if len == 0 || len > max {
        return Err(TextError::Length { what, max });
    }
    Ok(text)
}

/// What kind of hiding character `c` is, if it is one.
fn hidden(c: char) -> Option<&'static str> {
    match c.general_category() {
        GeneralCategory::Control => Some("a control character"),
        GeneralCategory::LineSeparator | GeneralCategory::ParagraphSeparator => {
            Some("a line break")
        }
        GeneralCategory::Format if is_bidi_control(c) => {
            Some("a bidirectional control that reorders the text")
        }
        GeneralCategory::Format => Some("an invisible format character"),
        _ if is_other_default_ignorable(c) => Some("an invisible character"),
        _ => None,
    }
}

/// The Bidi_Control characters (Unicode PropList.txt): marks, embeddings, overrides,
/// isolates.
fn is_bidi_control(c: char) -> bool {
    matches!(c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Default_Ignorable_Code_Point (Unicode DerivedCoreProperties.txt) outside Cf and
/// unassigned code points: characters that are letters or marks by category but
/// render as nothing.
fn is_other_default_ignorable(c: char) -> bool {
    matches!(c,
        '\u{034F}'                      // combining grapheme joiner
        | '\u{115F}' | '\u{1160}'       // Hangul choseong and jungseong fillers
        | '\u{17B4}' | '\u{17B5}'       // Khmer inherent vowels
        | '\u{180B}'..='\u{180D}'       // Mongolian free variation selectors 1-3
        | '\u{180F}'                    // Mongolian free variation selector 4
        | '\u{3164}'                    // Hangul filler
        | '\u{FE00}'..='\u{FE0F}'       // variation selectors 1-16
        | '\u{FFA0}'                    // halfwidth Hangul filler
        | '\u{E0100}'..='\u{E01EF}') // variation selectors 17-256
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_are_trimmed_and_keep_every_script() {
        for (input, name) in [
            ("  Nowa Firma Sp. z o.o. ", "Nowa Firma Sp. z o.o."),
            ("Zażółć gęślą jaźń", "Zażółć gęślą jaźń"),
            ("שלום עולם", "שלום עולם"),
            ("شركة مرحبا", "شركة مرحبا"),
            ("株式会社", "株式会社"),
            ("nightly-unblock-report", "nightly-unblock-report"),
            ("a\u{00A0}b", "a\u{00A0}b"),
        ] {
            assert_eq!(DisplayName::parse(input).unwrap().as_str(), name);
        }
    }

    #[test]
    fn one_accented_letter_is_one_name_however_it_was_typed() {
        let composed = DisplayName::parse("Caf\u{e9}").unwrap();
        let decomposed = DisplayName::parse("Cafe\u{301}").unwrap();
        assert_eq!(composed, decomposed);
        assert_eq!(composed.as_str().chars().count(), 4);
    }

    #[test]
    fn bidi_controls_zero_width_and_format_characters_are_refused() {
        let bidi = [
            '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
            '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
        ];
        let invisible = [
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{00AD}',
            '\u{180E}',
            '\u{FFF9}',
            '\u{FFFB}',
            '\u{E0001}',
            '\u{E0041}',
            '\u{034F}',
            '\u{3164}',
            '\u{FE0F}',
            '\u{E0100}',
            '\u{1D173}',
            '\u{2064}',
        ];
        let breaks = [
            '\n', '\r', '\u{0085}', '\u{2028}', '\u{2029}', '\u{0B}', '\u{0C}',
        ];
        let controls = ['\0', '\t', '\u{1B}', '\u{7F}', '\u{9B}'];
        for c in bidi
            .iter()
            .chain(&invisible)
            .chain(&breaks)
            .chain(&controls)
        {
            let text = format!("ab{c}cd");
            let err = DisplayName::parse(&text).unwrap_err();
            assert!(
                matches!(err, TextError::Hidden { code, .. } if code == u32::from(*c)),
                "U+{:04X}: {err:?}",
                u32::from(*c)
            );
            assert!(
                Reason::parse(&text).is_err(),
                "reason with U+{:04X}",
                u32::from(*c)
            );
        }
        let err = DisplayName::parse("abc\u{202e}dcba")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "name must be one line of visible text, but holds U+202E, a bidirectional \
             control that reorders the text"
        );
    }

    #[test]
    fn escape_sequences_are_refused() {
        for text in ["red \u{1b}[31mtext", "\u{1b}]0;title\u{7}", "csi \u{9b}2J"] {
            assert!(DisplayName::parse(text).is_err(), "{text:?}");
            assert!(Reason::parse(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn lengths_count_characters() {
        assert!(DisplayName::parse(&"ż".repeat(NAME_MAX_CHARS)).is_ok());
        assert_eq!(
            DisplayName::parse(&"ż".repeat(NAME_MAX_CHARS + 1)),
            Err(TextError::Length {
                what: "name",
                max: NAME_MAX_CHARS
            })
        );
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse("").is_err());
        assert!(Reason::parse(&"r".repeat(REASON_MAX_CHARS)).is_ok());
        assert!(Reason::parse(&"r".repeat(REASON_MAX_CHARS + 1)).is_err());
    }

    proptest! {
        #[test]
        fn a_parsed_name_shows_what_it_holds(chars in prop::collection::vec(any::<char>(), 0..120)) {
            let s: String = chars.into_iter().collect();
            if let Ok(name) = DisplayName::parse(&s) {
                prop_assert!(name.as_str().chars().all(|c| hidden(c).is_none()));
                prop_assert!((1..=NAME_MAX_CHARS).contains(&name.as_str().chars().count()));
                prop_assert_eq!(name.as_str(), name.as_str().trim());
                // Parsing is idempotent: what is stored parses to itself.
                prop_assert_eq!(DisplayName::parse(name.as_str()), Ok(name.clone()));
            }
        }

        #[test]
        fn one_hiding_character_anywhere_refuses_the_text(
            head in "[a-zA-Z0-9ąęż ]{0,20}",
            tail in "[a-zA-Z0-9ąęż ]{0,20}",
            c in prop::sample::select(vec![
                '\u{202E}', '\u{202D}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
                '\u{200B}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{061C}', '\u{200F}',
                '\u{1B}', '\u{0}', '\u{2028}', '\u{00AD}',
            ]),
        ) {
            let text = format!("x{head}{c}{tail}x");
            prop_assert!(DisplayName::parse(&text).is_err());
            prop_assert!(Reason::parse(&text).is_err());
        }

        #[test]
        fn parse_never_panics(chars in prop::collection::vec(any::<char>(), 0..300)) {
            let s: String = chars.into_iter().collect();
            let _ = DisplayName::parse(&s);
            let _ = Reason::parse(&s);
        }
    }
}
