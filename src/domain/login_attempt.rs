//! The vocabulary of a login attempt as HelpDesk reads it in a user's timeline (issue
//! 15): how step 2 ended and, for a wrong answer, which factor was wrong. It exists so
//! that "why is this user blocked?" is answered from rows the login flow writes, never
//! by parsing the audit — and never from anything the user typed: an attempt names the
//! factor that failed, not a character, a position's value or a code.
//!
//! What the caller of the login API is told does not change: these words are for
//! HelpDesk eyes only (the API answers every wrong factor alike).

use std::fmt;

/// How step 2 of a login ended for a known user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AttemptOutcome {
    /// Logged in (or set a new password).
    Success,
    /// A credential was wrong; an attempt was used.
    Failure,
    /// Refused: the user was blocked already; no attempt was used.
    Blocked,
    /// Refused: the user is suspended by HelpDesk; no attempt was used.
    Suspended,
    /// Refused: the challenge was unknown, used, expired, or no longer fits the user.
    Expired,
    /// Refused: every attempt left was held by a check still running.
    Busy,
    /// The password could not be checked (mask key); the attempt was given back.
    Unavailable,
}

impl AttemptOutcome {
    pub const ALL: [Self; 7] = [
        Self::Success,
        Self::Failure,
        Self::Blocked,
        Self::Suspended,
        Self::Expired,
        Self::Busy,
        Self::Unavailable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Failure => "failure",
            Self::Blocked => "blocked",
            Self::Suspended => "suspended",
            Self::Expired => "expired",
            Self::Busy => "busy",
            Self::Unavailable => "unavailable",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == text)
    }

    /// Whether the attempt used one of the user's attempts. Those that did not are
    /// what an anonymous client can repeat without limit, so the store records only a
    /// bounded number of them per user (`store::sql::login_attempts`).
    pub fn costs_an_attempt(self) -> bool {
        matches!(self, Self::Success | Self::Failure)
    }
}

/// One credential of step 2 that can be wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Factor {
    /// The masked password's characters.
    PasswordChars,
    /// The whole password (masking off).
    Password,
    /// The SMS one-time code.
    SmsCode,
    /// The token's one-time code.
    TokenCode,
    /// The envelope's or the one-time access password.
    TemporaryPassword,
}

impl Factor {
    pub const ALL: [Self; 5] = [
        Self::PasswordChars,
        Self::Password,
        Self::SmsCode,
        Self::TokenCode,
        Self::TemporaryPassword,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::PasswordChars => "password_chars",
            Self::Password => "password",
            Self::SmsCode => "sms_code",
            Self::TokenCode => "token_code",
            Self::TemporaryPassword => "temporary_password",
        }
    }

    /// How a person reads it.
    pub fn describe(self) -> &'static str {
        match self {
            Self::PasswordChars => "password characters",
            Self::Password => "password",
            Self::SmsCode => "SMS code",
            Self::TokenCode => "token code",
            Self::TemporaryPassword => "temporary password",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == text)
    }
}

/// The factors that were wrong in one failed attempt (each checked every time, so
/// more than one can be): stored and shown as `sms_code+password_chars`, in a fixed order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FailedFactors(Vec<Factor>);

impl FailedFactors {
    pub fn new(factors: impl IntoIterator<Item = Factor>) -> Self {
        let mut list: Vec<Factor> = factors.into_iter().collect();
        list.sort();
        list.dedup();
        Self(list)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn factors(&self) -> &[Factor] {
        &self.0
    }

    /// The stored form back; `None` for anything but a list of known factors.
    pub fn parse(text: &str) -> Option<Self> {
        let list = text
            .split('+')
            .map(Factor::parse)
            .collect::<Option<Vec<_>>>()?;
        Some(Self::new(list))
    }

    /// How a person reads it: "password characters and SMS code".
    pub fn describe(&self) -> String {
        let words: Vec<&str> = self.0.iter().map(|f| f.describe()).collect();
        words.join(" and ")
    }
}

impl fmt::Display for FailedFactors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let words: Vec<&str> = self.0.iter().map(|f| f.as_str()).collect();
        f.write_str(&words.join("+"))
    }
}

/// The longest client description (User-Agent) kept, in characters.
pub const CLIENT_MAX_CHARS: usize = 200;

/// The client as the timeline keeps it: control characters (which could rewrite a
/// terminal HelpDesk reads it on) dropped, whitespace runs made one space, at most
/// [`CLIENT_MAX_CHARS`]; nothing left is `None`.
pub fn clean_client(raw: &str) -> Option<String> {
    let mut out = String::new();
    let mut space = false;
    for c in raw.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if c.is_control() || is_invisible_format(c) {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if out.chars().count() >= CLIENT_MAX_CHARS {
            out.push('…');
            break;
        }
        out.push(c);
    }
    (!out.is_empty()).then_some(out)
}

/// Bidirectional overrides and zero-width characters: they reorder or hide what a
/// terminal shows, so a client description cannot carry them.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for o in AttemptOutcome::ALL {
            assert_eq!(AttemptOutcome::parse(o.as_str()), Some(o));
        }
        for f in Factor::ALL {
            assert_eq!(Factor::parse(f.as_str()), Some(f));
        }
        let both = FailedFactors::new([Factor::SmsCode, Factor::PasswordChars]);
        assert_eq!(both.to_string(), "password_chars+sms_code");
        assert_eq!(FailedFactors::parse(&both.to_string()), Some(both.clone()));
        assert_eq!(both.describe(), "password characters and SMS code");
        assert_eq!(FailedFactors::parse("password_chars+nonsense"), None);
    }

    #[test]
    fn clients_lose_control_characters_and_length() {
        assert_eq!(
            clean_client("curl/8.0\r\n\x1b[31mred\u{202E}").as_deref(),
            Some("curl/8.0 [31mred")
        );
        assert_eq!(clean_client(" \t\u{7}"), None);
        let long = clean_client(&"x".repeat(10_000)).unwrap();
        assert_eq!(long.chars().count(), CLIENT_MAX_CHARS + 1);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn only_success_and_failure_cost_an_attempt() {
        let costly: Vec<_> = AttemptOutcome::ALL
            .into_iter()
            .filter(|o| o.costs_an_attempt())
            .collect();
        assert_eq!(costly, [AttemptOutcome::Success, AttemptOutcome::Failure]);
    }
}
