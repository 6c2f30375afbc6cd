//! Suspension (issue 15): the bank's block on purpose, and its release — each one
//! `UPDATE` whose `WHERE` is its precondition, with its audit record (and, for a
//! suspension, the end of the user's challenges and sessions) in one transaction.
//!
//! Both transitions depend on the row itself — a suspension remembers the status it
//! was placed on, a release restores it — so the SQL says what `domain::lockout::
//! suspend` and `release_suspension` say and names them, rather than binding a state
//! computed from an earlier read: twenty parallel suspends and releases then apply one
//! at a time, each to the row as it is. `store::sql::lockout_tests` drives both
//! through this SQL on SQLite and PostgreSQL and checks the row against those
//! functions.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::audit::insert_audit;
use super::rows::*;
use super::sessions::end_challenges_and_sessions;
use super::SqlStore;
use crate::domain::lockout::Suspension;
use crate::store::*;

/// The suspension columns of a user row: present exactly while `status` is
/// `suspended` (a suspended row without them is corrupt).
pub(super) fn suspension_from_row(
    row: &AnyRow,
    status: UserStatus,
) -> StoreResult<Option<Suspension>> {
    if status != UserStatus::Suspended {
        return Ok(None);
    }
    let at: Option<i64> = row.try_get("suspended_at")?;
    let by: Option<String> = row.try_get("suspended_by")?;
    let reason: Option<String> = row.try_get("suspension_reason")?;
    let from: Option<String> = row.try_get("suspended_from")?;
    let (Some(at), Some(by), Some(reason), Some(from)) = (at, by, reason, from) else {
        return Err(corrupt("users.suspended_*"));
    };
    let returns_to = UserStatus::parse(&from).ok_or_else(|| corrupt("users.suspended_from"))?;
    Ok(Some(Suspension {
        at,
        by,
        reason,
        returns_to,
    }))
}

/// `lockout::suspend`: from any status but `suspended`, remembering it; the counts
/// stay. `Conflict` if the user is suspended already.
pub(super) async fn suspend_user(
    db: &SqlStore,
    user_id: i64,
    by: &str,
    reason: &str,
    audit: &AuditEntry,
) -> StoreResult<UserRecord> {
    let mut tx = db.pool.begin().await?;
    // `suspended_from = status` reads the row's status before this UPDATE (SQL sets
    // every column from the old row), on both databases.
    let row = sqlx::query(concat!(
        "UPDATE users SET suspended_from = status, status = 'suspended', \
         suspended_at = $2, suspended_by = $3, suspension_reason = $4, updated_at = $2 \
         WHERE id = $1 AND status <> 'suspended' RETURNING ",
        user_columns!()
    ))
    .bind(user_id)
    .bind(audit.at)
    .bind(by.to_owned())
    .bind(reason.to_owned())
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(StoreError::Conflict)?;
    let record = user_from_row(&row)?;
    end_challenges_and_sessions(&mut tx, user_id).await?;
    insert_audit(&mut *tx, audit).await?;
    tx.commit().await?;
    Ok(record)
}

/// `lockout::release_suspension`: back to the remembered status (`blocked`, the safe
/// side, should none be remembered), counts untouched. `Conflict` if the user is not
/// suspended.
pub(super) async fn release_user(
    db: &SqlStore,
    user_id: i64,
    audit: &AuditEntry,
) -> StoreResult<UserRecord> {
    let mut tx = db.pool.begin().await?;
    let row = sqlx::query(concat!(
        "UPDATE users SET status = CASE WHEN suspended_from IS NULL \
         OR suspended_from = 'suspended' THEN 'blocked' ELSE suspended_from END, \
         suspended_from = NULL, suspended_at = NULL, suspended_by = NULL, \
         suspension_reason = NULL, updated_at = $2 \
         WHERE id = $1 AND status = 'suspended' RETURNING ",
        user_columns!()
    ))
    .bind(user_id)
    .bind(audit.at)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(StoreError::Conflict)?;
    let record = user_from_row(&row)?;
    // Nothing should be open; a challenge handed out while suspended is not reused.
    end_challenges_and_sessions(&mut tx, user_id).await?;
    insert_audit(&mut *tx, audit).await?;
    tx.commit().await?;
    Ok(record)
}
