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
//! One more edge (issue 13): HelpDesk or a co-user can *require* a new password of an
//! active or blocked user ([`require_new_password`]), which leads to
//! `awaiting_new_password` exactly as the R10 unblock does, access password and all.
//!
//! Why the counter works the way it does: a check that is *then* counted lets N parallel
//! guesses all be checked before any is counted. So every attempt first **reserves** one
//! of the attempts left (an atomic `UPDATE … WHERE attempts_left > 0 RETURNING` in the
//! store), then the credentials are checked, then the outcome is recorded. However many
//! requests race, at most `attempts_left` of them ever get their credentials checked.
//! This module holds the policy as data; the store applies it atomically, so every server
//! replica sharing a database agrees (unlike per-server soft-locks).
//!
//! A reservation and its outcome always finish together (the server checks and records
//! in a task that a dropped connection does not cancel). Should a process still die in
//! between, the user is left with no attempts and no block; [`is_locked_out`] counts
//! that as locked out, so an unblock lifts it like any block.
//!
//! Every change of a user's state ends their open challenges, and a challenge is only
//! good for the flow the user's *current* state calls for ([`flow_for`]): a challenge
//! started while awaiting a new password cannot set one after the user already did.

use serde::{Deserialize, Serialize};

use crate::domain::user::Flow;

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

/// The login process a user in `status` goes through (R5, R6, R10).
pub fn flow_for(status: UserStatus) -> Flow {
    match status {
        UserStatus::PendingActivation => Flow::FirstLogin,
        UserStatus::AwaitingNewPassword => Flow::NewPassword,
        UserStatus::Active | UserStatus::Blocked => Flow::Login,
    }
}

/// The statuses in which a challenge of `flow` may still succeed: those whose flow it
/// is. (A `Login` success also lifts a block that failures racing it just set.)
pub fn statuses_for(flow: Flow) -> &'static [UserStatus] {
    match flow {
        Flow::Login => &[UserStatus::Active, UserStatus::Blocked],
        Flow::FirstLogin => &[UserStatus::PendingActivation],
        Flow::NewPassword => &[UserStatus::AwaitingNewPassword],
    }
}

/// A user who cannot log in: blocked, or with no attempt left to reserve.
pub fn is_locked_out(status: UserStatus, attempts_left: i64) -> bool {
    status == UserStatus::Blocked || attempts_left <= 0
}

/// What the user's facts must be for an unblock to make sense.
#[derive(Debug, Clone, Copy)]
pub struct UnblockFacts {
    pub status: UserStatus,
    pub attempts_left: i64,
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

/// Decide an unblock (R9, R10). Only a locked-out user can be unblocked.
pub fn unblock(
    facts: UnblockFacts,
    mode: UnblockMode,
    limit: LockoutLimit,
) -> Result<UnblockOutcome, UnblockRefused> {
    if !is_locked_out(facts.status, facts.attempts_left) {
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

/// Why HelpDesk (or a co-user) cannot require a new password of a user now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordResetRefused {
    #[error("the user has not logged in for the first time yet; that login sets a password")]
    PendingActivation,
    #[error("the user already awaits a new password; nothing to require")]
    AwaitingNewPassword,
    #[error(
        "the user has neither a registered mobile number nor a token; add a phone number first"
    )]
    NoAuthorizationTool,
}

/// Decide a required password change (issue 13): the user goes where "unblock new
/// password" (R10) leads — awaiting a new password, with a full count of attempts —
/// whether they were active (their password may be stored under an old scheme, or be
/// suspected known) or blocked. The same one-time access password then goes to them, so
/// the same tool is needed: a mobile number for the SMS, or a token (the access password
/// then comes in a back-office envelope). A user who never logged in sets a password
/// at the first login anyway; one already awaiting a new password has nothing to change.
pub fn require_new_password(
    facts: UnblockFacts,
    limit: LockoutLimit,
) -> Result<UnblockOutcome, PasswordResetRefused> {
    match facts.status {
        UserStatus::PendingActivation => Err(PasswordResetRefused::PendingActivation),
        UserStatus::AwaitingNewPassword => Err(PasswordResetRefused::AwaitingNewPassword),
        UserStatus::Active | UserStatus::Blocked if !(facts.has_phone || facts.has_token) => {
            Err(PasswordResetRefused::NoAuthorizationTool)
        }
        UserStatus::Active | UserStatus::Blocked => Ok(UnblockOutcome {
            status: UserStatus::AwaitingNewPassword,
            attempts_left: limit.get(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn blocked() -> UnblockFacts {
        UnblockFacts {
            status: UserStatus::Blocked,
            attempts_left: 0,
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
                attempts_left: 1,
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
    fn no_attempt_left_is_locked_out_whatever_the_status() {
        // What a process that died between a reservation and its outcome leaves.
        let stuck = UnblockFacts {
            status: UserStatus::Active,
            attempts_left: 0,
            ..blocked()
        };
        let out = unblock(stuck, UnblockMode::CurrentPassword, LockoutLimit::default()).unwrap();
        assert_eq!((out.status, out.attempts_left), (UserStatus::Active, 3));
        assert!(is_locked_out(UserStatus::Blocked, 3));
        assert!(!is_locked_out(UserStatus::Active, 1));
    }

    #[test]
    fn a_challenge_is_good_only_for_the_flow_of_the_current_status() {
        for status in [
            UserStatus::PendingActivation,
            UserStatus::Active,
            UserStatus::Blocked,
            UserStatus::AwaitingNewPassword,
        ] {
            for flow in [Flow::Login, Flow::FirstLogin, Flow::NewPassword] {
                assert_eq!(
                    statuses_for(flow).contains(&status),
                    flow_for(status) == flow,
                    "{status:?} {flow:?}"
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
    fn a_password_change_is_required_of_active_and_blocked_users_with_a_tool() {
        let limit = LockoutLimit::new(5).unwrap();
        for status in [UserStatus::Active, UserStatus::Blocked] {
            let facts = UnblockFacts {
                status,
                attempts_left: if status == UserStatus::Blocked { 0 } else { 2 },
                ..blocked()
            };
            let out = require_new_password(facts, limit).unwrap();
            assert_eq!(
                (out.status, out.attempts_left),
                (UserStatus::AwaitingNewPassword, 5)
            );
            let token_only = UnblockFacts {
                has_phone: false,
                has_token: true,
                ..facts
            };
            assert!(require_new_password(token_only, limit).is_ok());
            let neither = UnblockFacts {
                has_phone: false,
                ..facts
            };
            assert_eq!(
                require_new_password(neither, limit),
                Err(PasswordResetRefused::NoAuthorizationTool)
            );
        }
    }

    #[test]
    fn a_password_change_is_refused_before_activation_and_while_awaiting_one() {
        let limit = LockoutLimit::default();
        for (status, refusal) in [
            (
                UserStatus::PendingActivation,
                PasswordResetRefused::PendingActivation,
            ),
            (
                UserStatus::AwaitingNewPassword,
                PasswordResetRefused::AwaitingNewPassword,
            ),
        ] {
            let facts = UnblockFacts {
                status,
                attempts_left: 3,
                ..blocked()
            };
            assert_eq!(require_new_password(facts, limit), Err(refusal));
        }
    }

    fn any_status() -> impl Strategy<Value = UserStatus> {
        prop_oneof![
            Just(UserStatus::PendingActivation),
            Just(UserStatus::Active),
            Just(UserStatus::Blocked),
            Just(UserStatus::AwaitingNewPassword),
        ]
    }

    proptest! {
        /// Whatever the facts, a required change leads only to awaiting a new password
        /// with the full limit, from active or blocked, and never without a tool.
        #[test]
        fn a_required_change_ends_awaiting_a_new_password_with_the_full_limit(
            status in any_status(),
            attempts_left in -2i64..6,
            has_permanent_password: bool,
            has_phone: bool,
            has_token: bool,
            limit in 1u8..=5,
        ) {
            let facts = UnblockFacts {
                status, attempts_left, has_permanent_password, has_phone, has_token,
            };
            let limit = LockoutLimit::new(limit).unwrap();
            match require_new_password(facts, limit) {
                Ok(out) => {
                    prop_assert!(matches!(status, UserStatus::Active | UserStatus::Blocked));
                    prop_assert!(has_phone || has_token);
                    prop_assert_eq!(out.status, UserStatus::AwaitingNewPassword);
                    prop_assert_eq!(out.attempts_left, limit.get());
                    prop_assert_eq!(flow_for(out.status), Flow::NewPassword);
                }
                Err(refusal) => prop_assert!(
                    !matches!(status, UserStatus::Active | UserStatus::Blocked)
                        || refusal == PasswordResetRefused::NoAuthorizationTool
                ),
            }
        }
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
