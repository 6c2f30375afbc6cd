//! Operator and user sessions: created at login, touched on every request, ended.

use sqlx::Row;

use super::SqlStore;
use crate::store::*;

/// End a user's open challenges and sessions, inside the transaction of the change that
/// calls for it (block, unblock, password reset, phone or token change).
pub(super) async fn end_challenges_and_sessions(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    user_id: i64,
) -> StoreResult<()> {
    sqlx::query("DELETE FROM challenges WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub(super) async fn insert_session(
    db: &SqlStore,
    token_hash: &[u8],
    session: &SessionRecord,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, \
         idle_timeout_ms, absolute_expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash.to_vec())
    .bind(session.user_id)
    .bind(session.created_at)
    .bind(session.last_seen_at)
    .bind(session.idle_timeout_ms)
    .bind(session.absolute_expires_at)
    .execute(&db.pool)
    .await?;
    Ok(())
}

pub(super) async fn touch_session(
    db: &SqlStore,
    token_hash: &[u8],
    now: Millis,
) -> StoreResult<Option<SessionRecord>> {
    let row = sqlx::query(
        "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1 \
         AND last_seen_at + idle_timeout_ms > $2 AND absolute_expires_at > $2 \
         RETURNING user_id, created_at, last_seen_at, idle_timeout_ms, absolute_expires_at",
    )
    .bind(token_hash.to_vec())
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|row| -> StoreResult<SessionRecord> {
        Ok(SessionRecord {
            user_id: row.try_get("user_id")?,
            created_at: row.try_get("created_at")?,
            last_seen_at: row.try_get("last_seen_at")?,
            idle_timeout_ms: row.try_get("idle_timeout_ms")?,
            absolute_expires_at: row.try_get("absolute_expires_at")?,
        })
    })
    .transpose()
}

pub(super) async fn delete_session(db: &SqlStore, token_hash: &[u8]) -> StoreResult<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash.to_vec())
        .execute(&db.pool)
        .await?;
    Ok(())
}
