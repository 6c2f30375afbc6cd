//! Phone numbers for SMS codes (R4): stored in E.164 and accepted only when they can
//! receive an SMS.
//!
//! People type numbers every which way ("601 234 567", "0048 601-234-567",
//! "(+48) 601-234-567"), so we parse with libphonenumber's rules and metadata (the
//! `rlibphonenumber` crate), Poland as the default region, and keep the one canonical E.164
//! form: two spellings of a number are then equal everywhere, in the store and in the
//! audit. A number must be valid and of type mobile, or fixed-line-or-mobile where the
//! numbering plan cannot tell the two apart (the USA, for one); landlines, toll-free,
//! premium-rate, VoIP, pager and other types are refused, since an SMS code sent there
//! never arrives and the user is locked out.
//!
//! Pasted text (full-width or Arabic-Indic digits, invisible spaces, dashes, a `tel.`
//! label, a trailing comma) is first brought to plain digits by [`pasted`], which
//! accepts what libphonenumber reads and refuses what it would guess (letters, leading
//! words, extensions). `phone set`, `phone import` and the server all read numbers
//! through [`PhoneNumber::parse`] alone.
//!
//! `Debug` shows only the masked form, so numbers do not spill into logs in full.

mod pasted;

use std::fmt;
use std::str::FromStr;

use rlibphonenumber::{
    CountryCodeSource, PhoneNumberFormat, PhoneNumberType, Region, PHONE_NUMBER_UTIL,
};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Longest input we hand to the parser; real numbers, however decorated, are shorter.
pub const MAX_INPUT_CHARS: usize = 64;
/// Characters of a refused number echoed in its error.
const ECHOED_CHARS: usize = 24;
/// Digits left visible at the end of a masked number.
const VISIBLE_TAIL: usize = 3;

/// Why a phone number was refused; each message says what to do instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("{0:?} is not a valid phone number; type it like +48 601 234 567 or 601 234 567")]
    Invalid(String),
    #[error("{0} is not a mobile number (landline, toll-free, premium or VoIP); SMS codes need a mobile number")]
    NotMobile(String),
    #[error("phone number is longer than {MAX_INPUT_CHARS} characters; type just the number")]
    TooLong,
    #[error(
        "{0:?} has the letter {1:?} where digits belong; type the number in digits (0, not O)"
    )]
    Letter(String, char),
    #[error("{0:?} contains {1:?}, which is not part of a phone number; type just the number")]
    Character(String, char),
    #[error("{0:?} has a + inside the number; a + goes only before the country code")]
    MisplacedPlus(String),
    #[error("{0:?}: no country has the code after the +; check the digits after it")]
    UnknownCountryCode(String),
}

/// A phone number that can receive SMS, in E.164 (`+48601234567`).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PhoneNumber {
    e164: String,
    /// Digits of the country calling code, kept visible when masking.
    country_code_digits: u8,
}

impl PhoneNumber {
    /// Parse what people type; Poland is assumed when there is no country code.
    pub fn parse(input: &str) -> Result<PhoneNumber, PhoneError> {
        if input.chars().nth(MAX_INPUT_CHARS).is_some() {
            return Err(PhoneError::TooLong);
        }
        let shown = || super::shorten(input, ECHOED_CHARS);
        let invalid = || PhoneError::Invalid(shown());
        let plain = pasted::normalise(input).map_err(|refusal| match refusal {
            pasted::Refusal::Letter(c) => PhoneError::Letter(shown(), c),
            pasted::Refusal::Character(c) => PhoneError::Character(shown(), c),
            pasted::Refusal::MisplacedPlus => PhoneError::MisplacedPlus(shown()),
            pasted::Refusal::NoDigits => invalid(),
        })?;
        // Raw input kept so libphonenumber says where the country code came from.
        let number = PHONE_NUMBER_UTIL
            .parse_and_keep_raw_input(&plain, Some(Region::PL))
            .map_err(|_| invalid())?;
        // `+999 601…` with no country 999: libphonenumber drops the `+` and reads the
        // rest as a Polish number, a guess at what was meant; we refuse it.
        if plain.starts_with('+')
            && number.country_code_source() != CountryCodeSource::FromNumberWithPlusSign
        {
            return Err(PhoneError::UnknownCountryCode(shown()));
        }
        // An extension cannot receive an SMS, and it would vanish from E.164 silently
        // (`pasted` refuses the letters that start one; this is the second lock).
        if number.extension.is_some() {
            return Err(invalid());
        }
        // The type is libphonenumber's validity check itself (`is_valid` is "type is
        // not Unknown"), so it is asked once, not twice.
        match number.get_type() {
            PhoneNumberType::Unknown => return Err(invalid()),
            PhoneNumberType::Mobile | PhoneNumberType::FixedLineOrMobile => {}
            _ => {
                let shown = number.format_as(PhoneNumberFormat::International);
                return Err(PhoneError::NotMobile(shown.into_owned()));
            }
        }
        let e164 = number.format_as(PhoneNumberFormat::E164).into_owned();
        let country_code_digits = number.country_code.to_string().len();
        Ok(PhoneNumber {
            e164,
            country_code_digits: u8::try_from(country_code_digits).unwrap_or(u8::MAX),
        })
    }

    /// A number read back from our own store, where only `parse` output is written:
    /// its E.164 shape is checked, libphonenumber's rules are not run again (they cost
    /// ~2 µs a number, which a 100,000-row import would pay on every row it reads).
    /// `None` when the text is not E.164 of a known country code.
    pub fn from_stored(e164: &str) -> Option<PhoneNumber> {
        let digits = e164.strip_prefix('+')?;
        if !(8..=15).contains(&digits.len())
            || digits.starts_with('0')
            || !digits.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        // Country calling codes are prefix-free: the first known prefix is the code.
        let country_code_digits = (1..=3).find(|&n| {
            digits[..n].parse::<i32>().is_ok_and(|code| {
                PHONE_NUMBER_UTIL
                    .get_regions_for_country_calling_code(code)
                    .is_some()
            })
        })?;
        Some(PhoneNumber {
            e164: e164.to_owned(),
            country_code_digits: u8::try_from(country_code_digits).ok()?,
        })
    }

    pub fn as_e164(&self) -> &str {
        &self.e164
    }

    /// Masked to the last 3 digits, country code kept: `+48******567`.
    pub fn masked(&self) -> String {
        let digits = self.e164.trim_start_matches('+');
        let total = digits.chars().count();
        let keep_head = usize::from(self.country_code_digits).min(total);
        let keep_tail = VISIBLE_TAIL.min(total - keep_head);
        let mut out = String::with_capacity(total + 1);
        out.push('+');
        for (i, c) in digits.chars().enumerate() {
            out.push(if i < keep_head || i >= total - keep_tail {
                c
            } else {
                '*'
            });
        }
        out
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.e164)
    }
}

impl fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PhoneNumber").field(&self.masked()).finish()
    }
}

impl FromStr for PhoneNumber {
    type Err = PhoneError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for PhoneNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.e164)
    }
}

impl<'de> Deserialize<'de> for PhoneNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Self::parse(&raw).map_err(serde::de::Error::custom)
    }
}

impl utoipa::PartialSchema for PhoneNumber {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        String::schema()
    }
}

impl utoipa::ToSchema for PhoneNumber {}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn polish_mobiles_in_every_typed_form_normalise_alike() {
        for typed in [
            "601 234 567",
            "601234567",
            "601-234-567",
            "+48601234567",
            "+48 601 234 567",
            "0048 601-234-567",
            "0048601234567",
            "(+48) 601-234-567",
            "+48 (601) 234 567",
            "  601 234 567  ",
            "601.234.567",
            "+48/601/234/567",
        ] {
            let number = PhoneNumber::parse(typed).unwrap_or_else(|e| panic!("{typed:?}: {e}"));
            assert_eq!(number.as_e164(), "+48601234567", "{typed:?}");
        }
    }

    #[test]
    fn landlines_and_other_non_mobiles_are_refused() {
        for typed in [
            "+48 22 123 45 67",
            "22 123 45 67",
            "+48 800 123 456",
            "+48 701 123 456",
            "+49 30 123456",
            "+44 20 7946 0000",
        ] {
            let err = PhoneNumber::parse(typed).unwrap_err();
            assert!(
                matches!(err, PhoneError::NotMobile(_)),
                "{typed:?}: {err:?}"
            );
        }
        let msg = PhoneNumber::parse("+48 22 123 45 67")
            .unwrap_err()
            .to_string();
        assert!(
            msg.starts_with("+48 22 123 45 67 is not a mobile number"),
            "{msg}"
        );
    }

    #[test]
    fn foreign_mobiles_are_accepted() {
        let german = PhoneNumber::parse("+49 151 23456789").unwrap();
        assert_eq!(german.as_e164(), "+4915123456789");
        assert_eq!(german.masked(), "+49********789");
        let us = PhoneNumber::parse("+1 201 555 0123").unwrap();
        assert_eq!(us.as_e164(), "+12015550123");
        assert_eq!(us.masked(), "+1*******123");
    }

    #[test]
    fn garbage_is_refused() {
        for typed in [
            "",
            "   ",
            "abc",
            "+",
            "48",
            "601 234",
            "601 234 5678 9",
            "+48 601 234 567 ext. 12",
            "'; DROP TABLE users; --",
            "601234567' OR '1'='1",
            "<script>alert(1)</script>",
            "６０１２３４５６７ zażółć",
            "\u{0}601234567",
            "601\u{7}234567",
            "601-ABC-DEF",
            "601 234 567\n",
            "+999 601 234 567",
            "😀😀😀",
        ] {
            assert!(PhoneNumber::parse(typed).is_err(), "{typed:?} accepted");
        }
        assert_eq!(
            PhoneNumber::parse(&"6".repeat(65)),
            Err(PhoneError::TooLong)
        );
        let msg = PhoneNumber::parse(&format!("x{}", "9".repeat(60)))
            .unwrap_err()
            .to_string();
        assert!(msg.len() < 160, "{msg}");
    }

    #[test]
    fn pasted_forms_are_read_as_libphonenumber_reads_them() {
        for typed in [
            "＋４８ ７２４ ４１３ ９２６",
            "７２４４１３９２６",
            "+٤٨ ٧٢٤ ٤١٣ ٩٢٦",
            "۷۲۴ ۴۱۳ ۹۲۶",
            "724\u{200B}413\u{200B}926",
            "724\u{200C}413\u{200D}926",
            "\u{200E}+48 724 413 926\u{200F}",
            "\u{FEFF}724 413 926",
            "724\u{00AD}413\u{2060}926",
            "724–413–926",
            "724—413—926",
            "724\u{2010}413\u{2212}926",
            "７２４－４１３－９２６",
            "724\u{00A0}413\u{00A0}926",
            "+48\u{202F}724\u{202F}413\u{202F}926",
            "724\u{3000}413\u{3000}926",
            "tel. 724 413 926",
            "Tel. +48 724 413 926",
            "kom. 724-413-926",
            "KOM.724413926",
            "tel:+48-724-413-926",
            "Tel: 724 413 926",
            "724 413 926,",
            "724 413 926;",
            "724 413 926\t",
            "tel. 724 413 926, ",
            "（＋４８）７２４ ４１３ ９２６",
            "0048 724 413 926",
        ] {
            let number = PhoneNumber::parse(typed).unwrap_or_else(|e| panic!("{typed:?}: {e}"));
            assert_eq!(number.as_e164(), "+48724413926", "{typed:?}");
        }
    }

    #[test]
    fn what_libphonenumber_would_guess_is_refused_naming_the_problem() {
        let letter = |typed: &str, c: char| {
            let err = PhoneNumber::parse(typed).unwrap_err();
            assert_eq!(err, PhoneError::Letter(typed.to_owned(), c), "{typed:?}");
            err.to_string()
        };
        let msg = letter("6O1 234 567", 'O');
        assert!(msg.contains("the letter 'O' where digits belong"), "{msg}");
        letter("601 234 56o", 'o');
        letter("601-ABC-DEF", 'A');
        letter("1-800-FLOWERS", 'F');
        letter("601 234 567 x12", 'x');
        letter("601 234 567 ext. 12", 'e');
        letter("phone 601 234 567", 'p');
        letter("tel 601 234 567", 't');
        letter("telefon: 601 234 567", 't');
        letter("٦٠١ ٢٣٤ ٥٦٧ ب", 'ب');
        let character = |typed: &str, c: char| {
            let err = PhoneNumber::parse(typed).unwrap_err();
            assert_eq!(err, PhoneError::Character(typed.to_owned(), c), "{typed:?}");
            err.to_string()
        };
        let msg = character("601,234,567", ',');
        assert!(
            msg.contains("',', which is not part of a phone number"),
            "{msg}"
        );
        character("601\t234\t567", '\t');
        character("601 234 567\n", '\n');
        character("601#234#567", '#');
        character("*601 234 567", '*');
        character("601'234'567", '\'');
        for typed in ["601+234567", "++48 601 234 567", "+48 +601 234 567"] {
            assert_eq!(
                PhoneNumber::parse(typed),
                Err(PhoneError::MisplacedPlus(typed.to_owned())),
                "{typed:?}"
            );
        }
        // libphonenumber drops a + before an unknown country code and reads the rest
        // as a Polish number.
        for typed in ["+0 601 234 567", "+999 601 234 567"] {
            let err = PhoneNumber::parse(typed).unwrap_err();
            assert!(
                matches!(
                    err,
                    PhoneError::UnknownCountryCode(_) | PhoneError::Invalid(_)
                ),
                "{typed:?}: {err:?}"
            );
        }
        // Two numbers in one field are not one number.
        assert!(PhoneNumber::parse("601 234 567 / 602 345 678").is_err());
        assert!(PhoneNumber::parse("tel.").is_err());
    }

    #[test]
    fn masked_keeps_country_code_and_last_three() {
        let number = PhoneNumber::parse("601 234 567").unwrap();
        assert_eq!(number.masked(), "+48******567");
        assert_eq!(format!("{number:?}"), "PhoneNumber(\"+48******567\")");
        assert_eq!(number.to_string(), "+48601234567");
    }

    #[test]
    fn serde_uses_e164_and_validates() {
        let number = PhoneNumber::parse("601 234 567").unwrap();
        let json = serde_json::to_string(&number).unwrap();
        assert_eq!(json, "\"+48601234567\"");
        let back: PhoneNumber = serde_json::from_str(&json).unwrap();
        assert_eq!(back, number);
        let typed: PhoneNumber = serde_json::from_str("\"0048 601-234-567\"").unwrap();
        assert_eq!(typed, number);
        assert!(serde_json::from_str::<PhoneNumber>("\"+48 22 123 45 67\"").is_err());
        assert!(serde_json::from_str::<PhoneNumber>("48601234567").is_err());
    }

    #[test]
    fn italian_numbers_keep_their_leading_zero() {
        let number = PhoneNumber::parse("+39 312 345 6789").unwrap();
        assert_eq!(number.as_e164(), "+393123456789");
        // Italian fixed lines keep the trunk zero inside E.164; they are refused as
        // landlines, but shown with it.
        let err = PhoneNumber::parse("+39 06 1234 5678").unwrap_err();
        assert!(err.to_string().starts_with("+39 06 "), "{err}");
    }

    #[test]
    fn stored_numbers_come_back_as_parsed() {
        for typed in [
            "601 234 567",
            "+49 151 23456789",
            "+1 201 555 0123",
            "+380 50 123 4567",
        ] {
            let parsed = PhoneNumber::parse(typed).unwrap();
            let stored = PhoneNumber::from_stored(parsed.as_e164()).unwrap();
            assert_eq!(stored, parsed, "{typed:?}");
            assert_eq!(stored.masked(), parsed.masked(), "{typed:?}");
        }
        for corrupt in [
            "",
            "+",
            "48601234567",
            "+48 601 234 567",
            "+4860123456a",
            "+0601234567",
            "+48601234567890123",
        ] {
            assert_eq!(PhoneNumber::from_stored(corrupt), None, "{corrupt:?}");
        }
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,80}") {
            let _ = PhoneNumber::parse(&s);
        }

        #[test]
        fn digit_soup_never_panics(s in "[0-9+() .\\-]{0,70}") {
            let _ = PhoneNumber::parse(&s);
        }

        #[test]
        fn parsed_numbers_reparse_to_themselves(n in 500_000_000u32..900_000_000) {
            if let Ok(number) = PhoneNumber::parse(&n.to_string()) {
                prop_assert_eq!(PhoneNumber::parse(number.as_e164()).unwrap(), number.clone());
                prop_assert!(number.masked().ends_with(&n.to_string()[6..]));
            }
        }
    }
}
