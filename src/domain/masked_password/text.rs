//! The bank's policy for a permanent password, and the text a check compares.
//!
//! A masked-password login asks for "the 5th character", so the policy's job is to
//! make sure the n-th character the server stores is the n-th one the user sees and
//! types. Three things break that, and each has a rule:
//!
//! * **Encoding.** "ą" can arrive as one scalar value (U+0105) or two (a + U+0328),
//!   depending on the keyboard, the OS or a copy-paste. Both mean the same character,
//!   so every password is normalised to NFC before any rule, the [`Password`] holds
//!   the NFC text, and the check side normalises what is typed the same way
//!   ([`normalize_typed`], [`normalize_typed_char`], [`normalize_char`]): typing NFD
//!   with masking off no longer costs an attempt.
//! * **Invisible characters.** Controls, format characters (Cf: joiners, bidi
//!   controls, the BOM, tags), Default_Ignorable_Code_Point characters (variation
//!   selectors, Hangul fillers, U+034F) render as nothing or change their neighbours;
//!   combining marks (Mn, Mc, Me) left over after NFC have no letter of their own to
//!   be. Private-use and unassigned code points are refused too: how they look depends
//!   on the font (or nothing shows at all), and NFC is only stable for assigned ones,
//!   so a later Unicode version could normalise such a password differently.
//! * **Characters made of several scalar values.** After NFC, some things a user sees
//!   as one character are still several scalars: a flag (two regional indicators), an
//!   emoji with a skin tone, archaic Hangul jamo, half-width kana with a voicing mark.
//!   One position is one grapheme (UAX #29 extended grapheme cluster, crate
//!   `unicode-segmentation`) and each grapheme must be a single scalar value, so
//!   "position 5" is the same thing to the user, the client and the server.
//!
//! Properties come from crates, not hand-written ranges: general categories from
//! `unicode-properties`, Default_Ignorable_Code_Point from ICU4X (`icu_properties`,
//! the Unicode Consortium's own data).
//!
//! Secrets in memory: the normalised text lives in zeroize-on-drop buffers sized so
//! they never reallocate, and typed characters in [`TypedChars`], which wipes them.

use std::collections::BTreeMap;
use std::fmt;

use icu_properties::props::DefaultIgnorableCodePoint;
use icu_properties::CodePointSetData;
use secrecy::{ExposeSecret, SecretString};
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{emoji, GeneralCategory, UnicodeGeneralCategory};
use unicode_segmentation::UnicodeSegmentation;
use zeroize::{Zeroize, Zeroizing};

/// Fewest characters in a permanent password.
pub const MIN_LEN: usize = 8;
/// Most characters in a permanent password (and so positions in a record).
pub const MAX_LEN: usize = 32;

/// Most scalar values a candidate may have before normalisation: NFD text of MAX_LEN
/// characters (a canonical decomposition is at most 4 scalars long), with room to
/// spare. Longer input is refused before any work is spent on it.
const MAX_RAW_LEN: usize = 4 * MAX_LEN;

/// Which rule of the password policy a candidate breaks. Never echoes the password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordPolicyError {
    #[error("password must have at least {MIN_LEN} characters")]
    TooShort,
    #[error("password must have at most {MAX_LEN} characters")]
    TooLong,
    #[error("password must not contain spaces or other whitespace")]
    Whitespace,
    #[error("password must not contain control, invisible or formatting characters")]
    Invisible,
    #[error(
        "password must not contain combining marks that do not join a letter into one \
         character (type accented letters as one key, or use another character)"
    )]
    CombiningMark,
    #[error("password must not contain private-use or unassigned Unicode characters")]
    Unassigned,
    #[error(
        "each character of the password must be a single character: flags, emoji with \
         skin tones and other characters built from several parts cannot be used"
    )]
    NotSingleCharacter,
    #[error("password must contain at least one letter")]
    NoLetter,
    #[error("password must contain at least one digit (0-9)")]
    NoDigit,
}

/// A permanent password that satisfies the bank's policy, held in NFC: 8..=32
/// characters, each a single Unicode scalar value and a whole grapheme; no whitespace,
/// control, format, default-ignorable, private-use, unassigned or combining
/// characters; at least one letter (any script) and one ASCII digit.
pub struct Password(SecretString);

impl Password {
    pub fn parse(text: &str) -> Result<Password, PasswordPolicyError> {
        if text.chars().nth(MAX_RAW_LEN).is_some() {
            return Err(PasswordPolicyError::TooLong);
        }
        let nfc = normalize_typed(text);
        let count = nfc.chars().count();
        if count < MIN_LEN {
            return Err(PasswordPolicyError::TooShort);
        }
        if count > MAX_LEN {
            return Err(PasswordPolicyError::TooLong);
        }
        for c in nfc.chars() {
            refuse_char(c)?;
        }
        if nfc.graphemes(true).any(|g| g.chars().nth(1).is_some()) {
            return Err(PasswordPolicyError::NotSingleCharacter);
        }
        if !nfc.chars().any(char::is_alphabetic) {
            return Err(PasswordPolicyError::NoLetter);
        }
        if !nfc.chars().any(|c| c.is_ascii_digit()) {
            return Err(PasswordPolicyError::NoDigit);
        }
        // From a &str: an exact-size copy, while `nfc`'s buffer is wiped on drop.
        Ok(Password(SecretString::from(nfc.as_str())))
    }

    /// The password in NFC.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(redacted)")
    }
}

/// The first rule a single (NFC) character breaks, if any.
fn refuse_char(c: char) -> Result<(), PasswordPolicyError> {
    use GeneralCategory as Gc;
    if c.is_whitespace() {
        return Err(PasswordPolicyError::Whitespace);
    }
    // Tags (U+E0000..U+E007F), variation selectors, U+034F, Hangul fillers, ... are
    // all Default_Ignorable_Code_Point; joiners, bidi controls, the BOM are Cf.
    let ignorable = CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c);
    // Half a flag: two in a row are one grapheme (refused below); one alone shows as
    // a boxed letter in some fonts, a flag fragment in others, or nothing.
    if emoji::is_regional_indicator(c) {
        return Err(PasswordPolicyError::NotSingleCharacter);
    }
    match c.general_category() {
        _ if ignorable => Err(PasswordPolicyError::Invisible),
        Gc::Control | Gc::Format => Err(PasswordPolicyError::Invisible),
        Gc::NonspacingMark | Gc::SpacingMark | Gc::EnclosingMark => {
            Err(PasswordPolicyError::CombiningMark)
        }
        Gc::PrivateUse | Gc::Unassigned | Gc::Surrogate => Err(PasswordPolicyError::Unassigned),
        _ => Ok(()),
    }
}

/// NFC of a typed password, for the check side: normalise what the user typed with
/// masking off before comparing it, so NFC and NFD input give the same result. Does
/// not apply the policy (a stored password already met it). The buffer is allocated
/// once, large enough never to move (NFC is at most three times longer), and wiped
/// on drop.
pub fn normalize_typed(text: &str) -> Zeroizing<String> {
    let mut nfc = Zeroizing::new(String::with_capacity(text.len() * 3));
    for c in text.nfc() {
        nfc.push(c);
    }
    nfc
}

/// NFC of the text typed at one position: the character, or None if it does not
/// compose to exactly one scalar value (then it cannot match any position of a
/// password this policy accepted). For a client that sends "a" + U+0328 for "ą".
pub fn normalize_typed_char(text: &str) -> Option<char> {
    // A single NFC character is at most 4 scalars in NFD; allow other mark orders.
    if text.chars().nth(4 * 4).is_some() {
        return None;
    }
    let mut nfc = text.nfc();
    let first = nfc.next()?;
    match nfc.next() {
        None => Some(first),
        Some(_) => None,
    }
}

/// NFC of one typed character (a singleton such as U+212B ANGSTROM SIGN becomes
/// U+00C5), or None if it does not normalise to exactly one scalar value.
pub fn normalize_char(c: char) -> Option<char> {
    let mut utf8 = [0u8; 4];
    let normalized = normalize_typed_char(c.encode_utf8(&mut utf8));
    utf8.zeroize();
    normalized
}

/// The characters typed at the asked positions (1-based), wiped from memory when
/// dropped. `Debug` shows the positions only.
///
/// Only this map's final entries are wiped: copies a caller made while building the
/// `BTreeMap` (node splits move entries) are out of its reach, so build it once from
/// the parsed request and move it in.
pub struct TypedChars(BTreeMap<u8, char>);

impl TypedChars {
    /// Take ownership of typed characters, keyed by 1-based position.
    pub fn from_map(map: BTreeMap<u8, char>) -> Self {
        Self(map)
    }

    /// The character typed at `position`.
    pub fn get(&self, position: u8) -> Option<char> {
        self.0.get(&position).copied()
    }

    /// (position, character) pairs, positions ascending.
    pub fn iter(&self) -> impl Iterator<Item = (u8, char)> + '_ {
        self.0.iter().map(|(&position, &c)| (position, c))
    }

    /// The typed positions, ascending.
    pub fn positions(&self) -> impl Iterator<Item = u8> + '_ {
        self.0.keys().copied()
    }

    /// How many characters were typed.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The map itself, for checks that take one (the old scheme's `verify_chars`).
    pub fn as_map(&self) -> &BTreeMap<u8, char> {
        &self.0
    }
}

impl Drop for TypedChars {
    fn drop(&mut self) {
        for c in self.0.values_mut() {
            c.zeroize();
        }
    }
}

impl fmt::Debug for TypedChars {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TypedChars")
            .field("positions", &self.0.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn policy_accepts_good_passwords() {
        for ok in [
            "Haslo123",
            "Zażółć123",
            "abcdefg1",
            "P@ssw0rd!#%&*()[]{}",
            "Пароль2024",
            &format!("a1{}", "x".repeat(30)),
        ] {
            assert!(Password::parse(ok).is_ok(), "{ok:?} refused");
        }
    }

    #[test]
    fn policy_refuses_bad_passwords_with_the_rule_broken() {
        use PasswordPolicyError::*;
        let cases: &[(&str, PasswordPolicyError)] = &[
            ("", TooShort),
            ("abc1234", TooShort),
            ("Zażół12", TooShort),
            (&format!("a1{}", "x".repeat(31)), TooLong),
            ("Haslo 123", Whitespace),
            ("Haslo\t123", Whitespace),
            ("Haslo\u{00A0}123", Whitespace),
            ("Haslo123\n", Whitespace),
            ("Haslo\u{0007}123", Invisible),
            ("Haslo\u{200B}123", Invisible),
            ("Haslo\u{202E}123", Invisible),
            ("Haslo\u{FEFF}123", Invisible),
            ("\u{0301}Haslo123", CombiningMark),
            ("Haslo1\u{0301}23", CombiningMark),
            ("Haslo\u{E000}123", Unassigned),
            ("Haslo\u{0378}123", Unassigned),
            ("Haslo🇵🇱123", NotSingleCharacter),
            ("12345678", NoLetter),
            ("!@#$%^&*1", NoLetter),
            ("HasloHaslo", NoDigit),
            ("Hasło١٢٣٤", NoDigit),
        ];
        for (text, expected) in cases {
            assert_eq!(
                Password::parse(text).err().as_ref(),
                Some(expected),
                "{text:?}"
            );
        }
    }

    #[test]
    fn decomposed_text_is_accepted_as_its_nfc() {
        let nfd = "Zaz\u{0307}o\u{0301}\u{0142}c\u{0301}123";
        let nfc = "Zażółć123";
        assert_eq!(Password::parse(nfd).unwrap().expose(), nfc);
        // "ą" typed as a + U+0328 (masking off), and a Hangul syllable as its jamo.
        assert_eq!(
            Password::parse("Ha\u{0328}slo123").unwrap().expose(),
            "Hąslo123"
        );
        assert_eq!(
            Password::parse("\u{1100}\u{1161}bcdef12").unwrap().expose(),
            "\u{AC00}bcdef12"
        );
        // Length counts NFC characters: 8 of them, 12 scalar values in NFD.
        assert!(Password::parse("a\u{0328}e\u{0328}o\u{0301}z\u{0307}1234").is_ok());
        assert_eq!(normalize_typed(nfd).as_str(), nfc);
    }

    #[test]
    fn typed_characters_normalise_to_one_scalar_or_none() {
        assert_eq!(normalize_char('ą'), Some('ą'));
        assert_eq!(normalize_char('\u{212B}'), Some('\u{00C5}'));
        assert_eq!(normalize_char('\u{0344}'), None);
        assert_eq!(normalize_typed_char("a\u{0328}"), Some('ą'));
        // Marks in a non-canonical order still compose: ậ.
        assert_eq!(normalize_typed_char("a\u{0302}\u{0323}"), Some('\u{1EAD}'));
        assert_eq!(normalize_typed_char("a\u{0323}\u{0302}"), Some('\u{1EAD}'));
        assert_eq!(normalize_typed_char(""), None);
        assert_eq!(normalize_typed_char("ab"), None);
        assert_eq!(normalize_typed_char("🇵🇱"), None);
        assert_eq!(normalize_typed_char(&"a".repeat(1000)), None);
    }

    #[test]
    fn typed_chars_answer_and_redact() {
        let typed = TypedChars::from_map(BTreeMap::from([(2, 'ż'), (5, '1'), (7, 'x')]));
        assert_eq!(typed.len(), 3);
        assert!(!typed.is_empty());
        assert_eq!(typed.get(2), Some('ż'));
        assert_eq!(typed.get(3), None);
        assert_eq!(typed.positions().collect::<Vec<_>>(), [2, 5, 7]);
        assert_eq!(
            typed.iter().collect::<Vec<_>>(),
            [(2, 'ż'), (5, '1'), (7, 'x')]
        );
        assert_eq!(typed.as_map().len(), 3);
        let debug = format!("{typed:?}");
        assert!(!debug.contains('ż') && !debug.contains('x'), "{debug}");
        let mut c = 'ż';
        c.zeroize();
        assert_eq!(c, '\0');
    }

    /// Characters and sequences that hide, join, reorder or need several scalars.
    const HOSTILE: &[&str] = &[
        "\u{200D}",                             // ZWJ
        "\u{1F468}\u{200D}\u{1F469}",           // a ZWJ emoji sequence
        "\u{200C}",                             // ZWNJ
        "\u{E0001}",                            // LANGUAGE TAG
        "\u{E0041}",                            // TAG LATIN CAPITAL LETTER A
        "\u{E007F}",                            // CANCEL TAG
        "\u{1F3F4}\u{E0067}\u{E0062}\u{E007F}", // a tag-sequence flag
        "\u{FEFF}",                             // BOM
        "\u{202A}",
        "\u{202B}",
        "\u{202C}",
        "\u{202D}",
        "\u{202E}",
        "\u{2066}",
        "\u{2067}",
        "\u{2068}",
        "\u{2069}",
        "\u{200E}",
        "\u{200F}",
        "\u{061C}",
        "\u{034F}", // COMBINING GRAPHEME JOINER
        "\u{FE00}",
        "\u{FE0F}",
        "\u{E0100}", // variation selectors
        "\u{00AD}",
        "\u{180E}",
        "\u{2060}",
        "\u{1D173}",
        "\u{115F}",
        "\u{1160}",
        "\u{3164}",
        "\u{FFA0}", // Hangul fillers
        "\u{0007}",
        "\u{001B}",
        "\u{007F}",
        "\u{0085}",
        "\u{E000}",
        "\u{F8FF}",
        "\u{0378}",
        "\u{FFFF}",
        "\u{FFFE}",
        "\u{10FFFD}",
        "\u{1F1F5}\u{1F1F1}", // 🇵🇱, two regional indicators
        "\u{1F1F5}",          // and one alone
        "\u{1F44D}\u{1F3FD}", // 👍🏽, emoji and skin tone
        "\u{1113}\u{1161}",   // archaic jamo L+V: no precomposed syllable
        "\u{FF76}\u{FF9E}",   // half-width ｶﾞ
        "\u{0915}\u{093F}",   // Devanagari कि: a spacing mark
    ];

    /// Lone combining marks: put where nothing composes with them (start, after a digit).
    const LONE_MARKS: &[&str] = &[
        "\u{0301}",
        "\u{0328}",
        "\u{20DD}",
        "\u{0903}",
        "\u{0300}\u{0301}",
    ];

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    /// Letters whose NFC and NFD differ (Polish, other Latin, Greek, Vietnamese, Hangul
    /// syllables), and some that do not.
    fn password_text() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9ąćęłńóśźżĄĆĘŁŃÓŚŹŻéèêëüöäåçñÅΆάώЙйậỹ가-힣!@#%&*._-]{8,32}"
    }

    proptest! {
        #[test]
        fn nfc_and_nfd_forms_parse_to_the_same_password(pw in password_text()) {
            let nfc: String = pw.nfc().collect();
            if let Ok(parsed) = Password::parse(&nfc) {
                prop_assert_eq!(parsed.expose(), nfc.as_str());
                let from_nfd = Password::parse(&nfd(&nfc));
                prop_assert_eq!(from_nfd.map(|p| p.expose().to_owned()).ok(), Some(nfc.clone()));
                let renormalized = normalize_typed(&nfd(&nfc));
                prop_assert_eq!(renormalized.as_str(), nfc.as_str());
                for c in nfc.chars() {
                    prop_assert_eq!(normalize_char(c), Some(c));
                    prop_assert_eq!(normalize_typed_char(&nfd(&c.to_string())), Some(c));
                }
            }
        }

        #[test]
        fn every_accepted_password_has_one_char_per_grapheme(
            text in prop_oneof![password_text(), "\\PC{0,40}", ".{0,40}"],
        ) {
            if let Ok(pw) = Password::parse(&text) {
                let pw = pw.expose();
                prop_assert_eq!(pw.graphemes(true).count(), pw.chars().count());
                prop_assert!((MIN_LEN..=MAX_LEN).contains(&pw.chars().count()));
                let renormalized: String = pw.nfc().collect();
                prop_assert_eq!(renormalized.as_str(), pw);
            }
        }

        #[test]
        fn hostile_characters_are_refused_anywhere(
            base in "[a-z]{5,10}[0-9]{3,10}",
            which in 0..HOSTILE.len(),
            at in any::<prop::sample::Index>(),
        ) {
            let chars: Vec<char> = base.chars().collect();
            let at = at.index(chars.len() + 1);
            let text: String = chars[..at].iter().copied()
                .chain(HOSTILE[which].chars())
                .chain(chars[at..].iter().copied())
                .collect();
            prop_assert!(Password::parse(&base).is_ok());
            let refused = Password::parse(&text);
            prop_assert!(refused.is_err(), "{:?} accepted", text);
            let message = refused.err().map(|e| e.to_string()).unwrap_or_default();
            prop_assert!(!message.contains(&base[..5]), "{}", message);
        }

        #[test]
        fn lone_combining_marks_are_refused(
            base in "[a-z]{5,10}[0-9]{3,10}",
            which in 0..LONE_MARKS.len(),
            after_digit in any::<bool>(),
        ) {
            let text = if after_digit {
                format!("{base}{}", LONE_MARKS[which])
            } else {
                format!("{}{base}", LONE_MARKS[which])
            };
            prop_assert_eq!(Password::parse(&text).err(), Some(PasswordPolicyError::CombiningMark));
        }
    }

    #[test]
    fn password_debug_and_errors_are_redacted() {
        let pw = Password::parse("Sekret123").unwrap();
        assert_eq!(format!("{pw:?}"), "Password(redacted)");
        let err = Password::parse("Sekret 123").unwrap_err().to_string();
        assert!(!err.contains("Sekret"), "{err}");
    }
}
