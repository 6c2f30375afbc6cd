//! Step 2's row in the user's timeline (issue 15): each attempt of a known user is
//! written to the login attempts table — when, from where, with what client, which
//! flow, how it ended, which factor was wrong, how many attempts are left.
//!
//! Written off the answer's path, in a task of its own: the caller's answer, and the
//! work and time it takes, stay exactly what they were (the enumeration tests compare
//! them across known and unknown logins, and an unknown login has no row to write). The
//! row follows the answer within moments. At most [`IN_FLIGHT`] writes wait at once;
//! beyond that (a flood the source limits and the hash gate let through) a row is
//! dropped with a warning — the audit still records every attempt.

use tokio::sync::Semaphore;

use crate::domain::login_attempt::{clean_client, AttemptOutcome, FailedFactors};
use crate::domain::user::Flow;
use crate::store::{now_millis, LoginAttempt};

use crate::server::state::AppState;

/// Timeline writes waiting at once, across the process.
const IN_FLIGHT: usize = 256;
static WRITES: Semaphore = Semaphore::const_new(IN_FLIGHT);

/// What the server saw of the client that answered: its address (`client_ip`) and
/// its User-Agent, cleaned and bounded.
#[derive(Debug, Clone, Default)]
pub struct Seen {
    pub source: Option<String>,
    pub client: Option<String>,
}

impl Seen {
    pub fn new(source: std::net::IpAddr, user_agent: Option<&[u8]>) -> Self {
        Self {
            source: Some(source.to_string()),
            client: user_agent
                .map(String::from_utf8_lossy)
                .and_then(|ua| clean_client(&ua)),
        }
    }
}

/// How one attempt ended, for [`record`].
pub(super) struct Ended {
    pub outcome: AttemptOutcome,
    pub failed: FailedFactors,
    pub attempts_left: Option<i64>,
}

impl Ended {
    pub fn refused(outcome: AttemptOutcome, attempts_left: Option<i64>) -> Self {
        Self {
            outcome,
            failed: FailedFactors::default(),
            attempts_left,
        }
    }
}

/// Write a known user's attempt, in the background.
pub(super) fn record(state: &AppState, seen: &Seen, user_id: i64, flow: Flow, ended: Ended) {
    let attempt = LoginAttempt {
        at: now_millis(),
        user_id,
        source: seen.source.clone(),
        client: seen.client.clone(),
        flow,
        outcome: ended.outcome,
        failed: ended.failed,
        attempts_left: ended.attempts_left,
    };
    let store = state.store.clone();
    spawn(async move { store.record_login_attempt(&attempt).await.map(|_| ()) });
}

/// An answer to a challenge that was unknown, used or expired: if it was a real
/// user's, their timeline shows it (a decoy's has no user, a made-up id no row).
pub(super) fn record_expired(state: &AppState, seen: &Seen, challenge_id: &str) {
    let store = state.store.clone();
    let seen = seen.clone();
    let id = challenge_id.to_owned();
    // The time of the answer, not of the write: the timeline's order is the answers'.
    let at = now_millis();
    spawn(async move {
        let Some((user_id, flow)) = store.challenge_owner(&id).await? else {
            return Ok(());
        };
        let attempt = LoginAttempt {
            at,
            user_id,
            source: seen.source,
            client: seen.client,
            flow,
            outcome: AttemptOutcome::Expired,
            failed: FailedFactors::default(),
            attempts_left: None,
        };
        store.record_login_attempt(&attempt).await.map(|_| ())
    });
}

/// Wait until every timeline write under way has ended (at a shutdown, before the
/// database closes), or until `deadline`: `false` if some were still waiting then.
/// No new ones start meanwhile: the listeners have stopped and their requests ended.
pub async fn flush(deadline: tokio::time::Instant) -> bool {
    // Every permit back in hand means no write is waiting. They are given back at
    // once: the semaphore is the process's, and `millectl demo` or a test may serve
    // again in the same process.
    let all = WRITES.acquire_many(IN_FLIGHT as u32);
    matches!(tokio::time::timeout_at(deadline, all).await, Ok(Ok(_)))
}

fn spawn(write: impl std::future::Future<Output = crate::store::StoreResult<()>> + Send + 'static) {
    let Ok(permit) = WRITES.try_acquire() else {
        tracing::warn!("too many login attempts waiting to be written; one is not kept");
        return;
    };
    tokio::spawn(async move {
        if let Err(err) = write.await {
            tracing::warn!(error = %err, "a login attempt could not be written");
        }
        drop(permit);
    });
}
