//! Resent one-time access passwords (issue 15): the new hash and the per-user count,
//! in one transaction.
//!
//! The `UPDATE` of the user comes first: it states the precondition (awaiting a new
//! password or a first login, the same phone on file) and takes the row's write lock
//! (PostgreSQL: the row; SQLite: the single writer), so concurrent resends of one user
//! queue there and each counts the rows the previous ones committed. Over the limit,
//! the transaction rolls back and nothing is written.

use sqlx::Row;

use super::audit::insert_audit;
use super::rows::*;
use super::sessions::end_challenges_and_sessions;
use super::SqlStore;
use crate::store::*;

pub(super) async fn resend_access_password(
    db: &SqlStore,
    user_id: i64,
    resend: &AccessResend,
    audit: &AuditEntry,
) -> StoreResult<Resent> {
    let now = audit.at;
    let mut tx = db.pool.begin().await?;
    let row = sqlx::query(concat!(
        "UPDATE users SET temp_password_hash = $2, updated_at = $3 WHERE id = $1 \
         AND status IN ('awaiting_new_password', 'pending_activation') AND phone = $4 \
         RETURNING ",
        user_columns!()
    ))
    .bind(user_id)
    .bind(resend.temporary_password_hash.clone())
    .bind(now)
    .bind(resend.phone.as_e164().to_owned())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        return Err(StoreError::Conflict);
    };
    let record = user_from_row(&row)?;
    let since = now.saturating_sub(resend.window);
    // What fell out of the window is no longer needed by anyone.
    sqlx::query("DELETE FROM access_resends WHERE user_id = $1 AND at <= $2")
        .bind(user_id)
        .bind(since)
        .execute(&mut *tx)
        .await?;
    if let Some(until) = limited_until(&mut tx, user_id, resend).await? {
        tx.rollback().await?;
        return Ok(Resent::Limited { until });
    }
    sqlx::query("INSERT INTO access_resends (user_id, at) VALUES ($1, $2)")
        .bind(user_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    end_challenges_and_sessions(&mut tx, user_id).await?;
    insert_audit(&mut *tx, audit).await?;
    tx.commit().await?;
    Ok(Resent::Done(Box::new(record)))
}

/// When the limit ends, if the user's resends still in the window (every row left
/// after the delete above) reach it: the oldest of them leaves the window then.
async fn limited_until(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    user_id: i64,
    resend: &AccessResend,
) -> StoreResult<Option<Millis>> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n, MIN(at) AS oldest FROM access_resends WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_one(&mut **tx)
    .await?;
    let count: i64 = row.try_get("n")?;
    let oldest: Option<i64> = row.try_get("oldest")?;
    Ok(match oldest {
        Some(oldest) if count >= resend.limit => Some(oldest.saturating_add(resend.window)),
        _ => None,
    })
}

/// Without writing: when the limit ends, if it is reached now (a cheap check before
/// the slow hash of a new password; the transaction above decides).
pub(super) async fn resend_limited_until(
    db: &SqlStore,
    user_id: i64,
    limit: i64,
    window: Millis,
    now: Millis,
) -> StoreResult<Option<Millis>> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n, MIN(at) AS oldest FROM access_resends \
         WHERE user_id = $1 AND at > $2",
    )
    .bind(user_id)
    .bind(now.saturating_sub(window))
    .fetch_one(&db.reads)
    .await?;
    let count: i64 = row.try_get("n")?;
    let oldest: Option<i64> = row.try_get("oldest")?;
    Ok(match oldest {
        Some(oldest) if count >= limit => Some(oldest.saturating_add(window)),
        _ => None,
    })
}
