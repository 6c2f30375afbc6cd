//! The background sweep: rows nothing needs any more leave the database in small
//! batches, off the request path (issue 12, "tables that grow without bound").
//!
//! Step 1 of a login used to delete expired challenges itself, a full table scan that
//! grew with the table: after 40,000 anonymous starts a start took four times as long.
//! Now every replica runs this loop; each pass deletes at most [`BATCH`] rows per kind
//! through an index and goes on at once only while a batch came back full, so the
//! writer is never held long and a backlog drains without a pause per batch. Deleting
//! the same expired rows from two replicas is harmless.

use std::sync::Arc;
use std::time::Duration;

use crate::store::{now_millis, Store};

/// Rows per kind per statement.
pub const BATCH: i64 = 500;

/// Sweep every `every`, forever; login attempts older than `retention` go too (issue
/// 15). Needs a Tokio runtime.
pub fn start(store: Arc<dyn Store>, every: Duration, retention: Duration) {
    let retention_ms = i64::try_from(retention.as_millis()).unwrap_or(i64::MAX);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            // A full batch means more may wait: go on, yielding to requests in between.
            loop {
                let now = now_millis();
                let swept = match store.sweep(now, BATCH).await {
                    Ok(swept) => store
                        .sweep_login_attempts(now.saturating_sub(retention_ms), BATCH)
                        .await
                        .map(|attempts| (swept, attempts)),
                    Err(err) => Err(err),
                };
                match swept {
                    Ok((swept, attempts)) => {
                        if swept.total() > 0 || attempts > 0 {
                            tracing::debug!(?swept, login_attempts = attempts, "swept");
                        }
                        let full = swept.counts().iter().any(|&n| n >= BATCH as u64)
                            || attempts >= BATCH as u64;
                        if !full {
                            break;
                        }
                        tokio::task::yield_now().await;
                    }
                    Err(err) => {
                        tracing::warn!(error = %err, "the sweep failed; it tries again later");
                        break;
                    }
                }
            }
        }
    });
}
