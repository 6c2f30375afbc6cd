//! Identifiers of the bank's world (R1): a company is a MilleKod, a user is
//! (MilleKod, login); HelpDesk operators have a login and no MilleKod.
//!
//! Both are parse-don't-validate newtypes: once a value exists it is well-formed, so
//! routes, the store and the CLI never re-check. They serialize as plain strings.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

/// Digits in a MilleKod. The bank prints company codes as eight digits.
pub const MILLEKOD_DIGITS: usize = 8;
/// Longest login we accept; the bank's own form allows 32 characters.
pub const LOGIN_MAX_LEN: usize = 32;

/// Why an identifier was refused; the message names the rule broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("MilleKod must be exactly {MILLEKOD_DIGITS} digits, got {0:?}")]
    MilleKod(String),
    #[error(
        "login must be 1-{LOGIN_MAX_LEN} characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit, got {0:?}"
    )]
    Login(String),
}

/// A company's numeric identifier, e.g. `12345678`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct MilleKod(String);

impl MilleKod {
    pub fn parse(input: &str) -> Result<Self, IdError> {
        if input.len() == MILLEKOD_DIGITS && input.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(input.to_owned()))
        } else {
            Err(IdError::MilleKod(super::shorten(input, ECHOED_CHARS)))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A user's login inside a MilleKod (or an operator's login). Logins are
/// case-insensitive at the bank, so they are kept in lower case.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Login(String);

impl Login {
    pub fn parse(input: &str) -> Result<Self, IdError> {
        let lower = input.to_ascii_lowercase();
        let ok = !lower.is_empty()
            && lower.len() <= LOGIN_MAX_LEN
            && lower
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric())
            && lower
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
        if ok {
            Ok(Self(lower))
        } else {
            Err(IdError::Login(super::shorten(input, ECHOED_CHARS)))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Characters of a refused id echoed in its error.
const ECHOED_CHARS: usize = 40;

macro_rules! string_newtype_impls {
    ($ty:ident, $min:expr, $max:expr, $pattern:expr, $example:expr) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $ty {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = String::deserialize(deserializer)?;
                Self::parse(&raw).map_err(serde::de::Error::custom)
            }
        }

        /// A string with the rule `parse` enforces, so the OpenAPI document states it.
        impl utoipa::PartialSchema for $ty {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .min_length(Some($min))
                    .max_length(Some($max))
                    .pattern(Some($pattern))
                    .examples([$example])
                    .into()
            }
        }

        impl utoipa::ToSchema for $ty {}
    };
}

string_newtype_impls!(
    MilleKod,
    MILLEKOD_DIGITS,
    MILLEKOD_DIGITS,
    "^[0-9]{8}$",
    "12345678"
);
// Upper case is accepted and kept in lower case.
string_newtype_impls!(
    Login,
    1,
    LOGIN_MAX_LEN,
    "^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$",
    "jan"
);

/// A user's immutable identity: 16 random bytes drawn when the user is created, never
/// changed and never reused. Credentials are bound to it (as associated data or a
/// hash input), not to `(MilleKod, login)`, so a record copied to another user's row,
/// or left behind by a deleted user whose login is given again, does not open.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct UserUid([u8; 16]);

impl UserUid {
    pub fn generate() -> Self {
        let mut bytes = [0u8; 16];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
        Self(bytes)
    }

    /// The stored form: 32 lower-case hex characters.
    pub fn parse(text: &str) -> Option<Self> {
        let mut bytes = [0u8; 16];
        let lower = text.len() == 32 && !text.bytes().any(|b| b.is_ascii_uppercase());
        (lower && hex::decode_to_slice(text, &mut bytes).is_ok()).then_some(Self(bytes))
    }

    pub fn to_hex(self) -> String {
        hex::encode(self.0)
    }

    pub fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }
}

impl fmt::Debug for UserUid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UserUid({})", self.to_hex())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_uids_are_random_and_round_trip_their_stored_form() {
        let (a, b) = (UserUid::generate(), UserUid::generate());
        assert_ne!(a, b);
        assert_eq!(UserUid::parse(&a.to_hex()), Some(a));
        for bad in ["", "00", &"g".repeat(32), &"A".repeat(32), &"0".repeat(33)] {
            assert_eq!(UserUid::parse(bad), None, "{bad:?}");
        }
    }
    use proptest::prelude::*;

    #[test]
    fn millekod_accepts_eight_digits_only() {
        assert!(MilleKod::parse("12345678").is_ok());
        for bad in [
            "",
            "1234567",
            "123456789",
            "1234567a",
            "١٢٣٤٥٦٧٨",
            "1234 678",
            "'; DROP",
        ] {
            assert!(MilleKod::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn login_is_lowercased_and_restricted() {
        assert_eq!(Login::parse("Anna.K").unwrap().as_str(), "anna.k");
        for bad in ["", "-anna", "an na", "anną", "a'--", &"a".repeat(33)] {
            assert!(Login::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn error_message_truncates_hostile_input() {
        let long = "x".repeat(10_000);
        let msg = MilleKod::parse(&long).unwrap_err().to_string();
        assert!(msg.len() < 200, "{msg}");
    }

    proptest! {
        #[test]
        fn any_eight_digits_roundtrip(n in 0u32..100_000_000) {
            let text = format!("{n:08}");
            let kod = MilleKod::parse(&text).unwrap();
            prop_assert_eq!(kod.to_string(), text);
        }

        #[test]
        fn parse_never_panics(s in "\\PC*") {
            let _ = MilleKod::parse(&s);
            let _ = Login::parse(&s);
        }

        #[test]
        fn parsed_login_reparses_to_itself(s in "[a-zA-Z0-9][a-zA-Z0-9._-]{0,31}") {
            let login = Login::parse(&s).unwrap();
            prop_assert_eq!(Login::parse(login.as_str()).unwrap(), login);
        }
    }
}
