//! The background sweep: rows nothing needs any more leave the database in small
//! batches, off the request path (issue 12, "tables that grow without bound").
//!
//! Step 1 of a login used to delete expired challenges itself, a full table scan that
//! grew with the table: after 40,000 anonymous starts a start took four times as long.
//! Now every replica runs this loop; each pass deletes at most [`BATCH`] rows per kind
//! through an index and goes on at once only while a batch came back full, so the
//! writer is never held long and a backlog drains without a pause per batch. Deleting
//! the same expired rows from two replicas is harmless.
//!
//! One pass is [`sweep_until_done`], public so that `benches/housekeeping.rs` runs the
//! very loop the server runs, on a simulated clock.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::store::{now_millis, AuditHorizon, Millis, Store, StoreResult, Swept};

/// Rows per kind per statement.
pub const BATCH: i64 = 500;

/// How long what the sweep may delete by age is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Login attempts (the users' timelines), and the audit records of anonymous
    /// callers — unknown logins' failures, which anyone can add.
    pub login_attempts: Duration,
    /// Every audit record; `None` keeps them for good.
    pub audit: Option<Duration>,
}

impl Retention {
    /// The audit horizon as of `now`: records before it may go.
    fn audit_horizon(&self, now: Millis) -> AuditHorizon {
        let before = |kept: Duration| {
            now.saturating_sub(i64::try_from(kept.as_millis()).unwrap_or(i64::MAX))
                .max(0)
        };
        AuditHorizon {
            anonymous_before: before(self.login_attempts),
            all_before: self.audit.map_or(0, before),
        }
    }

    fn login_attempts_ms(&self) -> Millis {
        i64::try_from(self.login_attempts.as_millis()).unwrap_or(i64::MAX)
    }
}

/// What one pass of [`sweep_until_done`] deleted, and how long its longest call took.
#[derive(Debug, Default, Clone)]
pub struct SweepTotals {
    /// Rows deleted per kind, summed over the pass's batches.
    pub swept: Swept,
    pub login_attempts: u64,
    /// Audit records past the retention horizon.
    pub audit: u64,
    /// Rounds of batches (one `sweep`, `sweep_login_attempts` and `sweep_audit` call
    /// each).
    pub rounds: u32,
    /// The longest single store call of the pass: one batch of login attempts, or one
    /// `sweep` (a batch of each kind, each its own statement and commit), so an upper
    /// bound on how long any one statement held the writer.
    pub longest_call: Duration,
}

/// Sweep every `every`, forever; login attempts and audit records past their
/// `retention` go too. Needs a Tokio runtime.
pub fn start(store: Arc<dyn Store>, every: Duration, retention: Retention) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(err) = sweep_until_done(store.as_ref(), now_millis, retention).await {
                tracing::warn!(error = %err, "the sweep failed; it tries again later");
            }
        }
    });
}

/// One pass: a batch of each kind as of `clock()`, then login attempts and audit
/// records past their `retention`, again at once (yielding to requests in between)
/// while any batch came back full, since a full batch means more may wait. Stops at
/// the first error, with what the earlier rounds deleted already gone.
pub async fn sweep_until_done(
    store: &dyn Store,
    clock: impl Fn() -> Millis,
    retention: Retention,
) -> StoreResult<SweepTotals> {
    let mut totals = SweepTotals::default();
    loop {
        let now = clock();
        let began = Instant::now();
        let swept = store.sweep(now, BATCH).await?;
        let swept_in = began.elapsed();
        let began = Instant::now();
        let attempts = store
            .sweep_login_attempts(now.saturating_sub(retention.login_attempts_ms()), BATCH)
            .await?;
        let attempts_in = began.elapsed();
        let began = Instant::now();
        let audit = store
            .sweep_audit(retention.audit_horizon(now), BATCH)
            .await?;
        totals.longest_call = totals
            .longest_call
            .max(swept_in)
            .max(attempts_in)
            .max(began.elapsed());
        if swept.total() > 0 || attempts > 0 || audit > 0 {
            tracing::debug!(?swept, login_attempts = attempts, audit, "swept");
        }
        let full = swept.counts().iter().any(|&n| n >= BATCH as u64)
            || attempts >= BATCH as u64
            || audit >= BATCH as u64;
        totals.audit += audit;
        totals.add(&swept, attempts);
        if !full {
            return Ok(totals);
        }
        tokio::task::yield_now().await;
    }
}

impl SweepTotals {
    fn add(&mut self, swept: &Swept, attempts: u64) {
        let sum = &mut self.swept;
        sum.challenges += swept.challenges;
        sum.sessions += swept.sessions;
        sum.decoy_attempts += swept.decoy_attempts;
        sum.login_starts += swept.login_starts;
        sum.sms_budget += swept.sms_budget;
        sum.sms_notices += swept.sms_notices;
        sum.approvals += swept.approvals;
        self.login_attempts += attempts;
        self.rounds += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::login_start::StartPolicy;
    use crate::domain::user::{AuthTool, Flow};
    use crate::store::{sqlite_url, ChallengeRecord, Opened, SqlStore};

    const MINUTE_MS: Millis = 60_000;

    /// An unknown login's challenge, opened as step 1 opens it, expiring in 5 minutes.
    async fn open_decoy_challenge(store: &SqlStore, n: usize, now: Millis) {
        let mut challenge = ChallengeRecord {
            id: format!("challenge-{n}"),
            user_id: None,
            flow: Flow::Login,
            otp_method: AuthTool::Token,
            positions: Some("1,2,3".to_owned()),
            sms_code_digest: None,
            decoy_key: Some(format!("decoy-{n}")),
            sms_ref: None,
            created_at: now,
            expires_at: now + 5 * MINUTE_MS,
        };
        let opened = store
            .open_challenge(&mut challenge, false, &StartPolicy::default())
            .await
            .expect("open a challenge");
        assert!(matches!(opened, Opened::Stored { .. }));
    }

    #[tokio::test]
    async fn one_pass_drains_a_backlog_larger_than_a_batch_in_rounds() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = SqlStore::connect(&sqlite_url(&dir.path().join("sweep.db")))
            .await
            .expect("store");
        let now = 1_767_225_600_000;
        let backlog = 2 * BATCH as usize + 100;
        for n in 0..backlog {
            open_decoy_challenge(&store, n, now).await;
        }
        let later = now + 10 * MINUTE_MS;

        let retention = Retention {
            login_attempts: Duration::from_secs(90 * 86_400),
            audit: None,
        };
        let first = sweep_until_done(&store, || later, retention)
            .await
            .expect("sweep");
        let second = sweep_until_done(&store, || later, retention)
            .await
            .expect("sweep");

        assert_eq!(first.swept.challenges, backlog as u64);
        // Each made-up login's send log goes with its challenges (no SMS was sent).
        assert_eq!(first.swept.login_starts, backlog as u64);
        assert_eq!(first.rounds, 3, "two full batches, then the rest");
        assert_eq!(second.swept.total() + second.login_attempts, 0);
        assert_eq!(second.rounds, 1);
    }
}
