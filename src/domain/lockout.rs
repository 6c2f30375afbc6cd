//! The lockout state machine (R7–R10).
//!
//! ```text
//!                     wrong data, attempts left          right data
//!                          ┌──────┐                  ┌──────────────┐
//!                          ▼      │                  ▼              │
//!  pending_activation ──► active ─┴─ wrong data, none left ─► blocked
//!        │  first login ▲   ▲                                  │   │
//!        │              │   └──── unblock current_password ────┘   │
//!        │              │         (three more attempts, R9)        │
//!        │              └── new password set ◄── awaiting_new_password
//!        │                                       ▲ unblock new_password (R10)
//!        └─ wrong data, none left ─► blocked ────┘
//! ```
//!
//! Why the counter works the way it does: a check that is *then* counted lets N parallel
//! guesses all be checked before any is counted. So every attempt first **reserves** one
//! of the attempts left (an atomic `UPDATE … WHERE attempts_left > 0 RETURNING` in the
//! store), then the credentials are checked, then the outcome is recorded. However many
//! requests race, at most `attempts_left` of them ever get their credentials checked.
//! This module holds the policy as data; the store applies it atomically, so every server
//! replica sharing a database agrees (unlike per-server soft-locks).

use serde::{Deserialize, Serialize};

/// Attempts granted by "unblock current password" (R9): exactly three.
pub const UNBLOCK_CURRENT_PASSWORD_ATTEMPTS: u8 = 3;
/// Ceiling from the EU RTS on strong customer authentication, Art. 4.
pub const MAX_LOCKOUT_LIMIT: u8 = 5;
pub const DEFAULT_LOCKOUT_LIMIT: u8 = 3;

/// Where a user stands with respect to logging in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UserStatus {
    /// Has a temporary password from the envelope, never logged in (R6).
    PendingActivation,
    Active,
    /// Too many consecutive failures (R7).
    Blocked,
    /// Unblocked with "new password" (R10): next login sets a new password.
    AwaitingNewPassword,
}

impl UserStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PendingActivation => "pending_activation",
            Self::Active => "active",
            Self::Blocked => "blocked",
            Self::AwaitingNewPassword => "awaiting_new_password",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "pending_activation" => Self::PendingActivation,
            "active" => Self::Active,
            "blocked" => Self::Blocked,
            "awaiting_new_password" => Self::AwaitingNewPassword,
            _ => return None,
        })
    }
}

/// The two ways of unblocking (R9, R10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnblockMode {
    /// The user remembers the password: three more attempts with it.
    CurrentPassword,
    /// The user forgot it: a one-time access password, then a new password.
    NewPassword,
}

impl UnblockMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CurrentPassword => "current_password",
            Self::NewPassword => "new_password",
        }
    }
}

/// Consecutive failures allowed before a block: 1..=5, default 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutLimit(u8);

impl LockoutLimit {
    pub fn new(limit: u8) -> Result<Self, String> {
        if (1..=MAX_LOCKOUT_LIMIT).contains(&limit) {
            Ok(Self(limit))
        } else {
            Err(format!(
                "lockout limit must be 1..={MAX_LOCKOUT_LIMIT} (EU RTS on SCA, Art. 4), got {limit}"
            ))
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl Default for LockoutLimit {
    fn default() -> Self {
        Self(DEFAULT_LOCKOUT_LIMIT)
    }
}

/// What the user's facts must be for an unblock to make sense.
#[derive(Debug, Clone, Copy)]
pub struct UnblockFacts {
    pub status: UserStatus,
    pub has_permanent_password: bool,
    pub has_phone: bool,
    pub has_token: bool,
}

/// Why an unblock is refused (a conflict with the user's state, not a permission issue).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnblockRefused {
    #[error("the user is not blocked; nothing to unblock")]
    NotBlocked,
    #[error(
        "the user has neither a registered mobile number nor a token; add a phone number first"
    )]
    NoAuthorizationTool,
}

/// The state an unblock leads to and the attempts it grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnblockOutcome {
    pub status: UserStatus,
    pub attempts_left: u8,
}

/// Decide an unblock (R9, R10). Only a blocked user can be unblocked.
pub fn unblock(
    facts: UnblockFacts,
    mode: UnblockMode,
    limit: LockoutLimit,
) -> Result<UnblockOutcome, UnblockRefused> {
    if facts.status != UserStatus::Blocked {
        return Err(UnblockRefused::NotBlocked);
    }
    match mode {
        // A user who never set a permanent password keeps the envelope's temporary one.
        UnblockMode::CurrentPassword => Ok(UnblockOutcome {
            status: if facts.has_permanent_password {
                UserStatus::Active
            } else {
                UserStatus::PendingActivation
            },
            attempts_left: UNBLOCK_CURRENT_PASSWORD_ATTEMPTS,
        }),
        UnblockMode::NewPassword if !(facts.has_phone || facts.has_token) => {
            Err(UnblockRefused::NoAuthorizationTool)
        }
        UnblockMode::NewPassword => Ok(UnblockOutcome {
            status: UserStatus::AwaitingNewPassword,
            attempts_left: limit.get(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocked() -> UnblockFacts {
        UnblockFacts {
            status: UserStatus::Blocked,
            has_permanent_password: true,
            has_phone: true,
            has_token: false,
        }
    }

    #[test]
    fn limit_is_one_to_five() {
        assert!(LockoutLimit::new(0).is_err());
        assert!(LockoutLimit::new(6).is_err());
        for n in 1..=5 {
            assert_eq!(LockoutLimit::new(n).unwrap().get(), n);
        }
        assert_eq!(LockoutLimit::default().get(), 3);
    }

    #[test]
    fn current_password_grants_exactly_three_whatever_the_limit() {
        for n in 1..=5 {
            let limit = LockoutLimit::new(n).unwrap();
            let out = unblock(blocked(), UnblockMode::CurrentPassword, limit).unwrap();
            assert_eq!(out.attempts_left, 3);
            assert_eq!(out.status, UserStatus::Active);
        }
    }

    #[test]
    fn new_password_needs_phone_or_token() {
        let limit = LockoutLimit::default();
        let mut facts = blocked();
        facts.has_phone = false;
        assert_eq!(
            unblock(facts, UnblockMode::NewPassword, limit),
            Err(UnblockRefused::NoAuthorizationTool)
        );
        facts.has_token = true;
        let out = unblock(facts, UnblockMode::NewPassword, limit).unwrap();
        assert_eq!(out.status, UserStatus::AwaitingNewPassword);
    }

    #[test]
    fn only_blocked_users_are_unblocked() {
        for status in [
            UserStatus::Active,
            UserStatus::PendingActivation,
            UserStatus::AwaitingNewPassword,
        ] {
            let facts = UnblockFacts {
                status,
                ..blocked()
            };
            for mode in [UnblockMode::CurrentPassword, UnblockMode::NewPassword] {
                assert_eq!(
                    unblock(facts, mode, LockoutLimit::default()),
                    Err(UnblockRefused::NotBlocked)
                );
            }
        }
    }

    #[test]
    fn a_user_never_activated_keeps_the_temporary_password() {
        let facts = UnblockFacts {
            has_permanent_password: false,
            ..blocked()
        };
        let out = unblock(facts, UnblockMode::CurrentPassword, LockoutLimit::default()).unwrap();
        assert_eq!(out.status, UserStatus::PendingActivation);
        assert_eq!(out.attempts_left, 3);
    }

    #[test]
    fn status_text_roundtrips() {
        for s in [
            UserStatus::PendingActivation,
            UserStatus::Active,
            UserStatus::Blocked,
            UserStatus::AwaitingNewPassword,
        ] {
            assert_eq!(UserStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(UserStatus::parse("x"), None);
    }
}
