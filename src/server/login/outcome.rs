//! What a failed or refused step 2 records and answers: the wrong-credentials count
//! (a real user's or a decoy's, alike), a block, an attempt still being checked, a
//! check the mask key could not make — and the audit record of every attempt.

use crate::api::ErrorCode;
use crate::domain::masked_password::MaskKeyError;
use crate::store::{now_millis, AuditEntry, ChallengeRecord, Millis, Reservation, UserRecord};

use super::{dummy, slow, Work};
use crate::server::error::{ApiError, ApiResult};
use crate::server::state::AppState;

/// The record's mask key could not compute (a PKCS#11 token unplugged, or a record
/// naming a key this server lacks): the check could not be made, which is not a wrong
/// password. The reserved attempt is given back (else an outage would use up the
/// user's attempts and strand them, neither blocked nor able to try), the attempt is
/// audited, the operators see an error in the log, and the caller a 503 to retry.
pub(super) async fn key_failure(
    state: &AppState,
    request_id: &str,
    user: &UserRecord,
    limit: i64,
    err: MaskKeyError,
    work: &mut Work,
) -> ApiResult<ApiError> {
    tracing::error!(error = %err, "masked password check impossible");
    work.store += 1;
    state.store.release_attempt(user.id, limit).await?;
    work.store += 1;
    audit_login(
        state,
        request_id,
        Some(user),
        "unavailable",
        Some("the mask key could not compute; the attempt was given back"),
    )
    .await?;
    Ok(ApiError::new(
        ErrorCode::ServiceUnavailable,
        "the password cannot be checked right now; try again later",
    ))
}

pub(super) fn expired() -> ApiError {
    ApiError::new(
        ErrorCode::ChallengeExpired,
        "the login challenge is unknown, used or expired; start the login again",
    )
}

/// Step 2 of an unknown login: the same calls in the same order as a real user's, one
/// slow hash, and counted like a real user's failure, so neither the answers nor their
/// sequence nor their time tell that the login is unknown.
pub(super) async fn decoy_failure(
    state: &AppState,
    request_id: &str,
    challenge: &ChallengeRecord,
    limit: i64,
    now: Millis,
    work: &mut Work,
) -> ApiResult<ApiError> {
    let key = challenge
        .decoy_key
        .as_deref()
        .ok_or_else(|| ApiError::internal("a challenge has neither a user nor a decoy key"))?;
    work.store += 1;
    let refusal = match state.store.reserve_decoy_attempt(key, limit, now).await? {
        Reservation::Reserved => None,
        Reservation::Blocked => Some(("blocked", blocked())),
        Reservation::Busy | Reservation::Mismatch => Some(("busy", busy())),
    };
    slow(work, dummy(state)).await?;
    if let Some((outcome, err)) = refusal {
        work.store += 1;
        audit_login(state, request_id, None, outcome, Some("unknown login")).await?;
        return Ok(err);
    }
    work.store += 1;
    let failed = state.store.record_decoy_failure(key, limit, now).await?;
    work.store += 1;
    audit_login(state, request_id, None, "failure", Some("unknown login")).await?;
    Ok(failed_login((limit - failed).max(0), failed >= limit))
}

/// The answer to wrong credentials, with the attempts left.
pub(super) fn failed_login(attempts_left: i64, now_blocked: bool) -> ApiError {
    let mut err = invalid_credentials(attempts_left);
    if now_blocked {
        err.problem.detail =
            "wrong credentials; access is now blocked — ask a co-user or HelpDesk to unblock"
                .into();
    }
    err
}

fn invalid_credentials(attempts_left: i64) -> ApiError {
    ApiError::new(
        ErrorCode::InvalidCredentials,
        "the password characters, one-time code or temporary password are wrong",
    )
    .with_attempts_left(u8::try_from(attempts_left).unwrap_or(0))
}

/// Every attempt left is held by a check still running: what is true is neither "wrong"
/// nor "blocked", but "not now". The same for every login, known or not.
pub(super) fn busy() -> ApiError {
    ApiError::new(
        ErrorCode::AttemptInProgress,
        "another login attempt for this user is being checked; try again in a moment",
    )
    .with_retry_after(1)
}

/// The same for every login, known or not (no enumeration).
pub(super) fn blocked() -> ApiError {
    ApiError::new(
        ErrorCode::UserBlocked,
        "access is blocked after too many failed attempts; ask a co-user of the same \
         MilleKod or HelpDesk to unblock it",
    )
}

pub(super) async fn audit_login(
    state: &AppState,
    request_id: &str,
    user: Option<&UserRecord>,
    outcome: &str,
    detail: Option<&str>,
) -> ApiResult<()> {
    let actor = match user {
        Some(user) => match &user.millekod {
            Some(m) => format!("user:{m}/{}", user.login),
            None => format!("operator:{}", user.login),
        },
        None => "anonymous".to_owned(),
    };
    state
        .store
        .append_audit(&AuditEntry {
            at: now_millis(),
            request_id: request_id.to_owned(),
            actor,
            on_behalf_of: None,
            action: "login".to_owned(),
            millekod: user
                .and_then(|u| u.millekod.as_ref())
                .map(|m| m.to_string()),
            login: user.map(|u| u.login.to_string()),
            outcome: outcome.to_owned(),
            reason: None,
            detail: detail.map(str::to_owned),
        })
        .await?;
    Ok(())
}
