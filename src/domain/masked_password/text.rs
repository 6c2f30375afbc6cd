//! The bank's policy for a permanent password, and the text a check compares.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

/// Fewest characters in a permanent password.
pub const MIN_LEN: usize = 8;
/// Most characters in a permanent password (and so positions in a record).
pub const MAX_LEN: usize = 32;

/// Which rule of the password policy a candidate breaks. Never echoes the password.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordPolicyError {
    #[error("password must have at least {MIN_LEN} characters")]
    TooShort,
    #[error("password must have at most {MAX_LEN} characters")]
    TooLong,
    #[error("password must not contain spaces or other whitespace")]
    Whitespace,
    #[error("password must not contain control, invisible or combining characters")]
    Invisible,
    #[error("password must contain at least one letter")]
    NoLetter,
    #[error("password must contain at least one digit (0-9)")]
    NoDigit,
}

/// A permanent password that satisfies the bank's policy: 8..=32 characters (Unicode
/// scalar values), no whitespace, control, invisible or combining characters, at least
/// one letter (any script) and one ASCII digit.
pub struct Password(SecretString);

impl Password {
    pub fn parse(text: &str) -> Result<Password, PasswordPolicyError> {
        let count = text.chars().take(MAX_LEN + 1).count();
        if count < MIN_LEN {
            return Err(PasswordPolicyError::TooShort);
        }
        if count > MAX_LEN {
            return Err(PasswordPolicyError::TooLong);
        }
        if text.chars().any(char::is_whitespace) {
            return Err(PasswordPolicyError::Whitespace);
        }
        if text.chars().any(|c| c.is_control() || is_invisible(c)) {
            return Err(PasswordPolicyError::Invisible);
        }
        if !text.chars().any(char::is_alphabetic) {
            return Err(PasswordPolicyError::NoLetter);
        }
        if !text.chars().any(|c| c.is_ascii_digit()) {
            return Err(PasswordPolicyError::NoDigit);
        }
        Ok(Password(SecretString::from(text.to_owned())))
    }

    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(redacted)")
    }
}

/// Characters that render as nothing or merge into their neighbour, so "the 5th
/// character" would not be what the user sees: format characters, joiners, bidi
/// controls, variation selectors and the combining diacritics of decomposed text.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0300}'..='\u{036F}'
            | '\u{061C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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
            ("Zaz\u{0307}o\u{0301}ł123", Invisible),
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
    fn password_debug_and_errors_are_redacted() {
        let pw = Password::parse("Sekret123").unwrap();
        assert_eq!(format!("{pw:?}"), "Password(redacted)");
        let err = Password::parse("Sekret 123").unwrap_err().to_string();
        assert!(!err.contains("Sekret"), "{err}");
    }
}
