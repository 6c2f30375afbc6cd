//! What a failed or refused step 2 records before it answers: the wrong-credentials
//! count (a real user's or a decoy's, alike), a block, an attempt still being checked,
//! a check the mask key could not make — and the audit record of every attempt. What
//! each answers is [`LoginError`]'s one conversion.

use std::convert::Infallible;

use crate::api::{AuditAction, AuditOutcome};
use crate::domain::masked_password::MaskKeyError;
use crate::store::{now_millis, AuditEntry, ChallengeRecord, Millis, Reservation, UserRecord};

use super::error::{LoginError, LoginResult};
use super::{dummy, slow, Work};
use crate::server::state::AppState;

/// The record's mask key could not compute (a PKCS#11 token unplugged, or a record
/// naming a key this server lacks): the check could not be made, which is not a wrong
/// password. The reserved attempt is given back (else an outage would use up the
/// user's attempts and strand them, neither blocked nor able to try), the attempt is
/// audited, the operators see an error in the log, and the caller a 503 to retry.
/// Never succeeds: it ends the step with [`LoginError::KeyUnavailable`].
pub(super) async fn key_failure(
    state: &AppState,
    request_id: &str,
    user: &UserRecord,
    limit: i64,
    err: MaskKeyError,
    work: &mut Work,
) -> LoginResult<Infallible> {
    tracing::error!(error = %err, "masked password check impossible");
    work.store += 1;
    state.store.release_attempt(user.id, limit).await?;
    work.store += 1;
    audit_login(
        state,
        request_id,
        Some(user),
        AuditOutcome::Unavailable,
        Some("the mask key could not compute; the attempt was given back"),
    )
    .await?;
    Err(LoginError::KeyUnavailable)
}

/// Step 2 of an unknown login: the same calls in the same order as a real user's, one
/// slow hash, and counted like a real user's failure, so neither the answers nor their
/// sequence nor their time tell that the login is unknown. Never succeeds.
pub(super) async fn decoy_failure(
    state: &AppState,
    request_id: &str,
    challenge: &ChallengeRecord,
    limit: i64,
    now: Millis,
    work: &mut Work,
) -> LoginResult<Infallible> {
    let key = challenge
        .decoy_key
        .as_deref()
        .ok_or_else(|| anyhow::anyhow!("a challenge has neither a user nor a decoy key"))?;
    work.store += 1;
    let refusal = match state.store.reserve_decoy_attempt(key, limit, now).await? {
        Reservation::Reserved => None,
        Reservation::Blocked => Some((AuditOutcome::Blocked, LoginError::Blocked)),
        Reservation::Busy | Reservation::Mismatch | Reservation::Suspended => {
            Some((AuditOutcome::Busy, LoginError::AttemptInProgress))
        }
    };
    slow(work, dummy(state)).await?;
    if let Some((outcome, err)) = refusal {
        work.store += 1;
        audit_login(state, request_id, None, outcome, Some("unknown login")).await?;
        return Err(err);
    }
    work.store += 1;
    let failed = state.store.record_decoy_failure(key, limit, now).await?;
    state.metrics.events.failed_unknown_login();
    work.store += 1;
    audit_login(
        state,
        request_id,
        None,
        AuditOutcome::Failure,
        Some("unknown login"),
    )
    .await?;
    Err(LoginError::WrongCredentials {
        attempts_left: (limit - failed).max(0),
        now_blocked: failed >= limit,
    })
}

pub(super) async fn audit_login(
    state: &AppState,
    request_id: &str,
    user: Option<&UserRecord>,
    outcome: AuditOutcome,
    detail: Option<&str>,
) -> LoginResult<()> {
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
            action: AuditAction::Login.as_str().to_owned(),
            millekod: user
                .and_then(|u| u.millekod.as_ref())
                .map(|m| m.to_string()),
            login: user.map(|u| u.login.to_string()),
            outcome: outcome.as_str().to_owned(),
            reason: None,
            detail: detail.map(str::to_owned),
        })
        .await?;
    Ok(())
}
