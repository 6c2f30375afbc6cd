//! The background sweep: small batches of rows nothing needs any more, per table.

use super::SqlStore;
use crate::domain::login_start::minute_of;
use crate::store::*;

/// How long the failures of an unknown login are remembered: 30 days.
const DECOY_MEMORY_MS: i64 = 30 * 24 * 3600 * 1000;

/// How long a login's send log is kept after its last start: the policy looks back an
/// hour.
const LOGIN_STARTS_MEMORY_MS: i64 = 3_600_000;
/// A login's row without SMS is kept as long as its challenges live (5 minutes).
const LOGIN_STARTS_WITHOUT_SMS_MS: i64 = 6 * 60 * 1000;
/// Sent SMS notices are kept this long (they hold a phone number), then deleted.
const SENT_NOTICES_MEMORY_MS: i64 = 7 * 24 * 3600 * 1000;
/// Decided or expired approval requests are kept this long past their expiry (the
/// audit keeps the decision for good).
const APPROVALS_MEMORY_MS: i64 = 30 * 24 * 3600 * 1000;

pub(super) async fn sweep(db: &SqlStore, now: Millis, batch: i64) -> StoreResult<Swept> {
    // One small batch per table, each its own statement: the writer is held for
    // moments, never for a table scan (every condition reads an index).
    let mut swept = Swept::default();
    type Slot = fn(&mut Swept) -> &mut u64;
    let steps: [(&str, Millis, Slot); 9] = [
        (
            "DELETE FROM challenges WHERE id IN \
             (SELECT id FROM challenges WHERE expires_at < $1 LIMIT $2)",
            now,
            |s| &mut s.challenges,
        ),
        (
            "DELETE FROM sessions WHERE token_hash IN \
             (SELECT token_hash FROM sessions WHERE absolute_expires_at < $1 LIMIT $2)",
            now,
            |s| &mut s.sessions,
        ),
        (
            "DELETE FROM sessions WHERE token_hash IN (SELECT token_hash FROM sessions \
             WHERE last_seen_at + idle_timeout_ms < $1 LIMIT $2)",
            now,
            |s| &mut s.sessions,
        ),
        (
            "DELETE FROM decoy_attempts WHERE key IN \
             (SELECT key FROM decoy_attempts WHERE updated_at < $1 LIMIT $2)",
            now - DECOY_MEMORY_MS,
            |s| &mut s.decoy_attempts,
        ),
        (
            "DELETE FROM login_starts WHERE subject IN \
             (SELECT subject FROM login_starts WHERE updated_at < $1 LIMIT $2)",
            now - LOGIN_STARTS_MEMORY_MS,
            |s| &mut s.login_starts,
        ),
        // A login that was sent nothing needs its row only while its challenges
        // live: a stream of made-up token logins leaves nothing behind for long.
        (
            "DELETE FROM login_starts WHERE subject IN (SELECT subject FROM login_starts \
             WHERE updated_at < $1 AND sms_sent = '' LIMIT $2)",
            now - LOGIN_STARTS_WITHOUT_SMS_MS,
            |s| &mut s.login_starts,
        ),
        (
            "DELETE FROM sms_budget WHERE minute IN \
             (SELECT minute FROM sms_budget WHERE minute < $1 LIMIT $2)",
            minute_of(now) - 60_000,
            |s| &mut s.sms_budget,
        ),
        (
            "DELETE FROM sms_notices WHERE id IN \
             (SELECT id FROM sms_notices WHERE sent_at < $1 LIMIT $2)",
            now - SENT_NOTICES_MEMORY_MS,
            |s| &mut s.sms_notices,
        ),
        (
            "DELETE FROM approvals WHERE id IN \
             (SELECT id FROM approvals WHERE expires_at < $1 LIMIT $2)",
            now - APPROVALS_MEMORY_MS,
            |s| &mut s.approvals,
        ),
    ];
    for (sql, before, slot) in steps {
        let done = sqlx::query(sql)
            .bind(before)
            .bind(batch)
            .execute(&db.pool)
            .await?;
        *slot(&mut swept) += done.rows_affected();
    }
    Ok(swept)
}

/// The audit past its horizon (migration 17): move the horizon forward, then one batch
/// of each kind of record it lets go. The triggers check every deleted row against the
/// stored horizon, so these statements cannot remove a newer one.
pub(super) async fn sweep_audit(
    db: &SqlStore,
    horizon: AuditHorizon,
    batch: i64,
) -> StoreResult<u64> {
    sqlx::query(
        "UPDATE audit_horizon SET \
         anonymous_before = CASE WHEN anonymous_before < $1 THEN $1 ELSE anonymous_before END, \
         all_before = CASE WHEN all_before < $2 THEN $2 ELSE all_before END \
         WHERE id = 1",
    )
    .bind(horizon.anonymous_before)
    .bind(horizon.all_before)
    .execute(&db.pool)
    .await?;
    let mut deleted = 0;
    if horizon.anonymous_before > 0 {
        // `actor = 'anonymous'` as the partial index says, so the index is used.
        let done = sqlx::query(
            "DELETE FROM audit WHERE id IN (SELECT id FROM audit \
             WHERE actor = 'anonymous' AND at < $1 LIMIT $2)",
        )
        .bind(horizon.anonymous_before)
        .bind(batch)
        .execute(&db.pool)
        .await?;
        deleted += done.rows_affected();
    }
    if horizon.all_before > 0 {
        let done = sqlx::query(
            "DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE at < $1 LIMIT $2)",
        )
        .bind(horizon.all_before)
        .bind(batch)
        .execute(&db.pool)
        .await?;
        deleted += done.rows_affected();
    }
    Ok(deleted)
}
