//! The login (R5, R6, R10): step 1 hands out a challenge, step 2 checks it.
//!
//! Order of a check, and why:
//! 1. Everything that can be refused without looking at credentials is refused first
//!    (malformed characters, positions other than those asked, a new password that
//!    breaks the policy) — a typo in the request costs no attempt.
//! 2. The challenge is taken for its single use (atomic), so a code cannot be tried twice.
//! 3. One attempt is *reserved* atomically before any secret is checked, so N parallel
//!    requests get at most `attempts_left` checks (see `domain::lockout`).
//! 4. All credentials of the flow are checked, every one even after the first fails,
//!    so the time taken does not say which one was wrong.
//! 5. The outcome is recorded: a failure may block; a success resets the counter,
//!    forgets the pinned positions and opens a session.
//!
//! Before all of it, step 2 is admitted by the hash gate (`hash_gate`): a permit to run
//! Argon2, held for the whole check (a new-password flow hashes twice under it). Full
//! queue or passed deadline: 503, decided before anything is looked up, so the answer
//! is the same for every login, and nothing is consumed — neither the challenge nor an
//! attempt — so the client may send the same answer again.
//!
//! Steps 2 to 5 and their audit record run in a task of their own ([`complete_detached`]),
//! not in the request's future: a client that drops the connection half-way (or a bad
//! mobile network) cannot leave an attempt reserved and never recorded, which would
//! burn attempts without a trace and could strand a user with none left and no block.
//! Every attempt is audited, answered or not.
//!
//! A challenge is good only for the flow of the user's *current* state (checked when it
//! is taken, and again atomically when a success is written), and every change of the
//! user's state ends their open challenges: a new-password challenge started while the
//! user awaited a new password cannot set one once the user has done so themselves.
//!
//! Unknown logins get a decoy challenge that looks like a real one and is stable per
//! login (keyed by the pepper), and a dummy Argon2 verification at step 2, so neither
//! the answer nor its timing tells whether a login exists. Their failures are counted
//! in the database like a real user's: the attempts left count down and the decoy
//! "blocks" after the same number of failures.
//!
//! The flow is split by idea: [`challenge`] (step 1 and its decoys), [`check`] (what an
//! answer must hold, and the credentials it is checked against), [`complete`] (step 2
//! in the order above), [`error`] (what it answers instead, in one place), [`outcome`] (what a failure or a refusal records and answers)
//! and [`session`] (what a success opens).

mod attempts;
mod challenge;
mod check;
mod complete;
mod error;
mod outcome;
mod session;

use time::OffsetDateTime;

use crate::domain::masked_password;
use crate::domain::temporary_password::Argon2Memory;
use crate::store::Millis;

use super::error::ApiResult;
use super::hash_gate::HashPermit;
use super::state::AppState;
use error::LoginResult;

pub use attempts::{flush as flush_attempts, Seen};
pub use challenge::start;
pub use complete::complete_detached;
pub use error::LoginError;

/// A stored time as the API shows it; out of range is a failure of ours.
pub fn millis_to_time(millis: Millis) -> ApiResult<OffsetDateTime> {
    Ok(time_of(millis)?)
}

fn time_of(millis: Millis) -> anyhow::Result<OffsetDateTime> {
    crate::store::time_of(millis)
        .ok_or_else(|| anyhow::anyhow!("stored time {millis} is out of range"))
}

/// Associated data binding a sealed seed of the token inventory to its serial, until
/// it is assigned (and re-sealed to its user).
pub fn inventory_aad(serial: &str) -> Vec<u8> {
    format!("token-inventory/{serial}").into_bytes()
}

/// The work one login step did: calls to the store and slow (Argon2) hashes. Logged at
/// debug level for the tests that show every kind of login — unknown, active, blocked,
/// SMS, token — does the same work, so that its time tells nothing.
#[derive(Debug, Default)]
struct Work {
    store: u32,
    argon2: u32,
    /// Step 2's permit of the hash gate, which its slow hashes run under.
    permit: Option<HashPermit>,
}

impl Work {
    fn log(&self, step: u8) {
        tracing::debug!(
            step,
            store_calls = self.store,
            argon2 = self.argon2,
            "login work"
        );
    }
}

/// The work of a check that cannot pass, as a slow hash for [`slow`].
fn dummy(state: &AppState) -> impl FnOnce(&mut Argon2Memory) + Send + 'static {
    let state = state.clone();
    move |memory| masked_password::dummy_verify(&state.keys.mask, memory)
}

/// Run a slow hash off the async threads, under the step's permit, and count it.
async fn slow<T: Send + 'static>(
    work: &mut Work,
    hash: impl FnOnce(&mut Argon2Memory) -> T + Send + 'static,
) -> LoginResult<T> {
    work.argon2 += 1;
    let permit = work
        .permit
        .as_mut()
        .ok_or_else(|| anyhow::anyhow!("a slow hash without the hash gate's permit"))?;
    // A run fails only inside the gate (a lost task), never as a refusal.
    permit.run(hash).await.map_err(|err| {
        let why = err.internal.unwrap_or(err.problem.detail);
        LoginError::Internal(anyhow::anyhow!("hash gate: {why}"))
    })
}
