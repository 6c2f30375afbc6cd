//! The end of a server's life, after the signal (SIGTERM, or Ctrl-C): the listeners
//! have stopped accepting and their requests in flight have finished (`listener`,
//! bounded by `--shutdown-timeout`); this module finishes what those requests left
//! running behind their answers, then closes the database, within the same deadline.
//!
//! What needs finishing, and what does not:
//! - **The audit** needs no flush: every record is written before its request is
//!   answered, and an administrative change writes its record in the same transaction
//!   as the change (`store`). A request cut at the deadline rolls back whole.
//! - **Login attempts** (users' timelines, `login::attempts`) are written in tasks of
//!   their own after the answer: they are waited for.
//! - **Queued SMS** (login codes sent after step 1 answered) are handed to the gateway
//!   first, so a code that was announced is not lost with the process.
//! - **The database**: the pools are closed and, on SQLite, the WAL is copied into the
//!   database file (`Store::close`), so the file alone is whole.
//!
//! Each step waits at most until the deadline; one that does not finish is logged and
//! the process exits anyway (a cut request's transaction is rolled back by the
//! database; a lost timeline row or SMS is the price of the deadline).

use tokio::time::Instant;

use super::login;
use super::state::AppState;

/// Finish the background writes and close the database by `deadline`: `true` when
/// everything was done in time.
pub(crate) async fn close(state: &AppState, deadline: Instant) -> bool {
    let attempts = login::flush_attempts(deadline).await;
    if !attempts {
        tracing::warn!("login attempts still being written at the shutdown deadline");
    }
    let sms = state.sms_queue.flush(deadline).await;
    if !sms {
        tracing::warn!("SMS still queued at the shutdown deadline; they are not sent");
    }
    let closed = match tokio::time::timeout_at(deadline, state.store.close()).await {
        Ok(Ok(())) => {
            tracing::info!(database = state.store.backend(), "database closed");
            true
        }
        Ok(Err(error)) => {
            tracing::warn!(%error, "the database did not close cleanly");
            false
        }
        Err(_) => {
            tracing::warn!("the database was not closed by the shutdown deadline");
            false
        }
    };
    attempts && sms && closed
}
