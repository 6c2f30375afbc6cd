//! What a login can answer instead of a challenge or a session, and the one place it
//! becomes problem+json (zero-to-production's error enum per route).
//!
//! Each variant is a thing the flow decides, not a status: the enumeration guarantee
//! lives in which variants a path can reach. An unknown login, a blocked one and a
//! known one each end in the same variant for the same situation ([`Blocked`],
//! [`AttemptInProgress`], [`WrongCredentials`]), and every variant has one answer,
//! written out below, so two logins in the same situation are answered byte for byte
//! alike.
//!
//! [`Blocked`]: LoginError::Blocked
//! [`AttemptInProgress`]: LoginError::AttemptInProgress
//! [`WrongCredentials`]: LoginError::WrongCredentials

use crate::server::metrics::events::LoginOutcome;
use axum::response::{IntoResponse, Response};

use crate::api::ErrorCode;
use crate::server::error::ApiError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// The answer's shape does not fit the challenge, or a typed character is not one
    /// character: refused before anything is looked up, at no attempt's cost.
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// The new password breaks the password policy (refused like bad input).
    #[error("password policy: {0}")]
    PasswordPolicy(String),
    /// The challenge is unknown, used or expired, or no longer fits the user's state.
    #[error("the challenge is unknown, used or expired")]
    Expired,
    /// Wrong password characters, one-time code or temporary password.
    #[error("wrong credentials ({attempts_left} attempts left)")]
    WrongCredentials {
        attempts_left: i64,
        /// This failure blocked the user (or the decoy).
        now_blocked: bool,
    },
    /// Blocked after too many failures: the same for every login, known or not.
    #[error("blocked")]
    Blocked,
    /// Suspended by the bank (issue 15). Answered where [`LoginError::Blocked`] is — at
    /// step 2, before any credential is checked, for any answer, at a blocked user's
    /// cost — and nowhere sooner: step 1 hands out an ordinary login challenge. Unlike
    /// a block, no decoy can show it, so it tells whoever knows a MilleKod and login
    /// that such a suspended user exists; the user being told to call HelpDesk rather
    /// than a co-user (who cannot help) is worth that, and nothing about the account
    /// beyond "suspended" is said.
    #[error("suspended")]
    Suspended,
    /// Every attempt left is held by a check still running: "not now".
    #[error("another attempt is being checked")]
    AttemptInProgress,
    /// The mask key could not compute; the attempt was given back.
    #[error("the password cannot be checked right now")]
    KeyUnavailable,
    /// Step 1 would send one SMS too many: for this login, or over the bank's budget
    /// (`domain::login_start`).
    #[error("too many SMS codes (bank budget: {budget}); retry after {retry_after} s")]
    TooManySms { budget: bool, retry_after: u32 },
    /// Turned away before the flow looked at anything — the per-source limit (429) or
    /// the hash gate (503, or its own failure): their answers are theirs, the same for
    /// every login.
    #[error("not admitted")]
    NotAdmitted(ApiError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type LoginResult<T> = Result<T, LoginError>;

impl LoginError {
    pub fn invalid_input(detail: impl Into<String>) -> Self {
        Self::InvalidInput(detail.into())
    }

    /// How a login that ended in this error is counted (`millectl_logins_total`).
    pub fn outcome(&self) -> LoginOutcome {
        match self {
            Self::InvalidInput(_) | Self::PasswordPolicy(_) => LoginOutcome::Invalid,
            Self::Expired => LoginOutcome::Expired,
            Self::WrongCredentials { .. } => LoginOutcome::WrongCredentials,
            Self::Blocked => LoginOutcome::Blocked,
            Self::Suspended => LoginOutcome::Suspended,
            Self::AttemptInProgress => LoginOutcome::Busy,
            Self::KeyUnavailable => LoginOutcome::KeyUnavailable,
            Self::TooManySms { .. } | Self::NotAdmitted(_) => LoginOutcome::NotAdmitted,
            Self::Store(_) | Self::Internal(_) => LoginOutcome::Error,
        }
    }
}

impl From<LoginError> for ApiError {
    fn from(err: LoginError) -> Self {
        match err {
            LoginError::InvalidInput(detail) => ApiError::invalid_input(detail),
            LoginError::PasswordPolicy(detail) => ApiError::new(ErrorCode::PasswordPolicy, detail),
            LoginError::Expired => ApiError::new(
                ErrorCode::ChallengeExpired,
                "the login challenge is unknown, used or expired; start the login again",
            ),
            LoginError::WrongCredentials {
                attempts_left,
                now_blocked,
            } => ApiError::new(
                ErrorCode::InvalidCredentials,
                if now_blocked {
                    "wrong credentials; access is now blocked — ask a co-user or HelpDesk to unblock"
                } else {
                    "the password characters, one-time code or temporary password are wrong"
                },
            )
            .with_attempts_left(u8::try_from(attempts_left.max(0)).unwrap_or(0)),
            LoginError::Blocked => ApiError::new(
                ErrorCode::UserBlocked,
                "access is blocked after too many failed attempts; ask a co-user of the same \
                 MilleKod or HelpDesk to unblock it",
            ),
            LoginError::Suspended => ApiError::new(
                ErrorCode::UserSuspended,
                "access is suspended by the bank; call HelpDesk (a co-user cannot lift it)",
            ),
            LoginError::AttemptInProgress => ApiError::new(
                ErrorCode::AttemptInProgress,
                "another login attempt for this user is being checked; try again in a moment",
            )
            .with_retry_after(1),
            LoginError::KeyUnavailable => ApiError::new(
                ErrorCode::ServiceUnavailable,
                "the password cannot be checked right now; try again later",
            ),
            LoginError::TooManySms {
                budget: true,
                retry_after,
            } => ApiError::new(
                ErrorCode::TooManyRequests,
                "the bank's SMS budget is spent; no SMS codes are sent for now",
            )
            .with_retry_after(retry_after),
            LoginError::TooManySms {
                budget: false,
                retry_after,
            } => ApiError::new(
                ErrorCode::TooManyRequests,
                "too many SMS codes for this login; no new one can be sent yet",
            )
            .with_retry_after(retry_after),
            LoginError::NotAdmitted(answer) => answer,
            LoginError::Store(err) => ApiError::from(err),
            LoginError::Internal(err) => ApiError::internal(format!("{err:#}")),
        }
    }
}

impl IntoResponse for LoginError {
    fn into_response(self) -> Response {
        ApiError::from(self).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The answers the enumeration tests compare, pinned: a change here changes what
    /// every login is told.
    #[test]
    fn each_error_has_its_answer() {
        let answer = |err: LoginError| {
            let api = ApiError::from(err);
            (
                api.problem.status,
                api.problem.code,
                api.problem.attempts_left,
                api.retry_after,
            )
        };
        let wrong = LoginError::WrongCredentials {
            attempts_left: 2,
            now_blocked: false,
        };
        assert_eq!(
            answer(wrong),
            (401, ErrorCode::InvalidCredentials, Some(2), None)
        );
        let blocking = LoginError::WrongCredentials {
            attempts_left: -1,
            now_blocked: true,
        };
        assert_eq!(
            answer(blocking),
            (401, ErrorCode::InvalidCredentials, Some(0), None)
        );
        assert_eq!(
            answer(LoginError::Blocked),
            (423, ErrorCode::UserBlocked, None, None)
        );
        assert_eq!(
            answer(LoginError::Suspended),
            (423, ErrorCode::UserSuspended, None, None)
        );
        assert_eq!(
            answer(LoginError::AttemptInProgress),
            (429, ErrorCode::AttemptInProgress, None, Some(1))
        );
        assert_eq!(
            answer(LoginError::Expired),
            (401, ErrorCode::ChallengeExpired, None, None)
        );
        assert_eq!(
            answer(LoginError::KeyUnavailable),
            (503, ErrorCode::ServiceUnavailable, None, None)
        );
        let sms = LoginError::TooManySms {
            budget: false,
            retry_after: 30,
        };
        assert_eq!(
            answer(sms),
            (429, ErrorCode::TooManyRequests, None, Some(30))
        );
    }
}
