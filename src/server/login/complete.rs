//! Step 2 of a login in the order the module's docs give: refuse what needs no
//! credentials, take the challenge, reserve an attempt, check every credential, record
//! the outcome — in a task of its own, so a dropped connection cannot cut it short.

use crate::api::{AuditOutcome, CompleteLogin, Flow, SessionCreated, UserStatus};
use crate::domain::masked_password::{self, Password};
use crate::store::{now_millis, LoginSuccess, Reservation};

use anyhow::Context;

use super::attempts::{self, Ended, Seen};
use super::check::{check_credentials, check_shape, parse_chars};
use super::error::{LoginError, LoginResult};
use super::outcome::{audit_login, decoy_failure, key_failure};
use super::session::open_session;
use super::{dummy, slow, Work};
use crate::domain::login_attempt::{AttemptOutcome, FailedFactors};
use crate::server::hash_gate::{Caller, HashPermit};
use crate::server::metrics::events::LoginOutcome;
use crate::server::state::AppState;

/// Step 2, run to its end whatever happens to the connection that asked for it: the
/// request's future only waits for the task's answer (see the module's docs).
pub async fn complete_detached(
    state: AppState,
    request_id: String,
    challenge_id: String,
    answer: CompleteLogin,
    seen: Seen,
) -> LoginResult<SessionCreated> {
    let metrics = state.metrics.clone();
    let ended = checked_detached(state, request_id, challenge_id, answer, seen).await;
    metrics.events.login(match &ended {
        Ok(_) => LoginOutcome::Success,
        Err(err) => err.outcome(),
    });
    ended
}

async fn checked_detached(
    state: AppState,
    request_id: String,
    challenge_id: String,
    answer: CompleteLogin,
    seen: Seen,
) -> LoginResult<SessionCreated> {
    use tracing::Instrument;
    // Admitted while the request waits: a client that gives up in the queue leaves
    // nothing behind. Once admitted, the permit goes with the check to its end.
    let permit = state
        .hash_gate
        .admit(Caller::Anonymous)
        .await
        .map_err(LoginError::NotAdmitted)?;
    let task =
        async move { complete(&state, permit, &request_id, &challenge_id, &answer, &seen).await };
    // Its log lines stay inside the request's span.
    tokio::spawn(task.instrument(tracing::Span::current()))
        .await
        .context("the login check's task")?
}

/// Step 2: check the answer to a challenge and open a session.
async fn complete(
    state: &AppState,
    permit: HashPermit,
    request_id: &str,
    challenge_id: &str,
    answer: &CompleteLogin,
    seen: &Seen,
) -> LoginResult<SessionCreated> {
    let mut work = Work {
        permit: Some(permit),
        ..Work::default()
    };
    let outcome = complete_counted(state, request_id, challenge_id, answer, seen, &mut work).await;
    work.log(2);
    outcome
}

async fn complete_counted(
    state: &AppState,
    request_id: &str,
    challenge_id: &str,
    answer: &CompleteLogin,
    seen: &Seen,
    work: &mut Work,
) -> LoginResult<SessionCreated> {
    let now = now_millis();
    // (1) Refuse what needs no credentials to refuse.
    let chars = answer
        .password_chars
        .as_ref()
        .map(parse_chars)
        .transpose()?;
    let new_password = answer
        .new_password
        .as_ref()
        .map(|p| Password::parse(p.expose()))
        .transpose()
        .map_err(|e| LoginError::PasswordPolicy(e.to_string()))?;
    work.store += 1;
    let Some(peek) = state.store.get_challenge(challenge_id, now).await? else {
        attempts::record_expired(state, seen, challenge_id);
        return Err(LoginError::Expired);
    };
    check_shape(&peek, chars.as_ref(), answer, new_password.is_some())?;

    // (2) Take the challenge for its single use.
    work.store += 1;
    let Some(challenge) = state.store.take_challenge(challenge_id, now).await? else {
        attempts::record_expired(state, seen, challenge_id);
        return Err(LoginError::Expired);
    };
    let limit = i64::from(state.settings.lockout_limit.get());
    let Some(user_id) = challenge.user_id else {
        match decoy_failure(state, request_id, &challenge, limit, now, work).await? {}
    };

    // (3) Reserve an attempt, only while the user's state still calls for this flow.
    // Every refusal costs one slow hash too, like a check: how fast the answer comes
    // does not tell a blocked user from an unknown one.
    work.store += 1;
    let (reservation, user) = state.store.reserve_attempt(user_id, challenge.flow).await?;
    let refusal = match reservation {
        Reservation::Reserved => None,
        Reservation::Blocked => Some((AuditOutcome::Blocked, None, LoginError::Blocked)),
        // Revealed where a block is, at the same cost (issue 15; see `LoginError`).
        Reservation::Suspended => Some((AuditOutcome::Suspended, None, LoginError::Suspended)),
        Reservation::Busy => Some((AuditOutcome::Busy, None, LoginError::AttemptInProgress)),
        Reservation::Mismatch => Some((
            AuditOutcome::Expired,
            Some("the challenge's flow no longer fits the user's state"),
            LoginError::Expired,
        )),
    };
    if let Some((outcome, detail, err)) = refusal {
        if let Some(user) = &user {
            let kind = match reservation {
                Reservation::Blocked => AttemptOutcome::Blocked,
                Reservation::Suspended => AttemptOutcome::Suspended,
                Reservation::Busy => AttemptOutcome::Busy,
                Reservation::Reserved | Reservation::Mismatch => AttemptOutcome::Expired,
            };
            let left = Some(user.attempts_left.max(0));
            attempts::record(
                state,
                seen,
                user.id,
                challenge.flow,
                Ended::refused(kind, left),
            );
        }
        slow(work, dummy(state)).await?;
        work.store += 1;
        audit_login(state, request_id, user.as_ref(), outcome, detail).await?;
        return Err(err);
    }
    let user = user.context("a reserved attempt without its user")?;

    // (4) Check every credential of the flow.
    let checked = check_credentials(state, &user, &challenge, chars, answer, now, work).await?;
    let checked = match checked {
        Ok(checked) => checked,
        Err(err) => {
            let ended = Ended::refused(AttemptOutcome::Unavailable, None);
            attempts::record(state, seen, user.id, challenge.flow, ended);
            match key_failure(state, request_id, &user, limit, err, work).await? {}
        }
    };

    // (5) Record the outcome.
    if !checked.ok() {
        work.store += 1;
        let outcome = state.store.record_failure(user.id, now).await?;
        state.metrics.events.failed_factors(&checked.failed);
        let ended = Ended {
            outcome: AttemptOutcome::Failure,
            failed: checked.failed,
            attempts_left: Some(outcome.attempts_left.max(0)),
        };
        attempts::record(state, seen, user.id, challenge.flow, ended);
        let now_blocked = outcome.status == UserStatus::Blocked;
        if now_blocked {
            state.metrics.events.blocked();
        }
        work.store += 1;
        audit_login(
            state,
            request_id,
            Some(&user),
            AuditOutcome::Failure,
            Some(if now_blocked {
                "wrong credentials; user blocked"
            } else {
                "wrong credentials"
            }),
        )
        .await?;
        return Err(LoginError::WrongCredentials {
            attempts_left: outcome.attempts_left.max(0),
            now_blocked,
        });
    }
    let new_record = match new_password {
        Some(password) if challenge.flow != Flow::Login => {
            let key = state.clone();
            let uid = user.uid;
            // m + 1 Argon2id runs under this step's one permit: a password change
            // holds one core for about a second, never more than one.
            let record = slow(work, move |memory| {
                let subsets = key.settings.masked_password_subsets;
                masked_password::enroll(&key.keys.mask, &uid, &password, subsets, memory)
            })
            .await?;
            match record {
                Ok(record) => Some(record),
                Err(err) => {
                    let ended = Ended::refused(AttemptOutcome::Unavailable, None);
                    attempts::record(state, seen, user.id, challenge.flow, ended);
                    match key_failure(state, request_id, &user, limit, err, work).await? {}
                }
            }
        }
        _ => None,
    };
    work.store += 1;
    let recorded = state
        .store
        .record_success(
            user.id,
            limit,
            now,
            &LoginSuccess {
                flow: challenge.flow,
                new_password: new_record,
            },
        )
        .await?;
    if !recorded {
        // The user's state changed while the answer was checked (e.g. they finished
        // their own password reset): this challenge no longer applies.
        let detail = "the user's state changed during the check";
        let ended = Ended::refused(AttemptOutcome::Expired, None);
        attempts::record(state, seen, user.id, challenge.flow, ended);
        work.store += 1;
        audit_login(
            state,
            request_id,
            Some(&user),
            AuditOutcome::Expired,
            Some(detail),
        )
        .await?;
        return Err(LoginError::Expired);
    }
    let ended = Ended {
        outcome: AttemptOutcome::Success,
        failed: FailedFactors::default(),
        attempts_left: None,
    };
    attempts::record(state, seen, user.id, challenge.flow, ended);
    let detail = match challenge.flow {
        Flow::Login => None,
        Flow::FirstLogin => Some("first login; permanent password set"),
        Flow::NewPassword => Some("new password set"),
    };
    work.store += 2;
    audit_login(
        state,
        request_id,
        Some(&user),
        AuditOutcome::Success,
        detail,
    )
    .await?;
    open_session(state, &user, now).await
}
