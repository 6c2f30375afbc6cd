//! Requests waiting for a second operator (`domain::approval`): create, find, decide once.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::audit::insert_audit;
use super::rows::*;
use super::SqlStore;
use crate::store::*;

const APPROVAL_COLUMNS: &str = "id, action, user_id, requested_by, requester_operator, \
    reason, created_at, expires_at";

fn approval_from_row(row: &AnyRow) -> StoreResult<ApprovalRecord> {
    Ok(ApprovalRecord {
        id: row.try_get("id")?,
        action: row.try_get("action")?,
        user_id: row.try_get("user_id")?,
        requested_by: row.try_get("requested_by")?,
        requester_operator: match row.try_get::<String, _>("requester_operator")?.as_str() {
            "" => None,
            login => {
                Some(Login::parse(login).map_err(|_| corrupt("approvals.requester_operator"))?)
            }
        },
        reason: row.try_get("reason")?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
    })
}

pub(super) async fn create_approval(
    db: &SqlStore,
    approval: &ApprovalRecord,
    audit: &AuditEntry,
) -> StoreResult<()> {
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "INSERT INTO approvals (id, action, user_id, requested_by, requester_operator, \
         reason, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&approval.id)
    .bind(&approval.action)
    .bind(approval.user_id)
    .bind(&approval.requested_by)
    .bind(
        approval
            .requester_operator
            .as_ref()
            .map(|l| l.as_str())
            .unwrap_or(""),
    )
    .bind(&approval.reason)
    .bind(approval.created_at)
    .bind(approval.expires_at)
    .execute(&mut *tx)
    .await?;
    insert_audit(&mut *tx, audit).await?;
    tx.commit().await?;
    Ok(())
}

pub(super) async fn pending_approval(
    db: &SqlStore,
    id: &str,
    now: Millis,
) -> StoreResult<Option<ApprovalRecord>> {
    let row = sqlx::query(&format!(
        "SELECT {APPROVAL_COLUMNS} FROM approvals \
         WHERE id = $1 AND outcome IS NULL AND expires_at > $2"
    ))
    .bind(id)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(approval_from_row).transpose()
}

pub(super) async fn pending_approval_of(
    db: &SqlStore,
    user_id: i64,
    action: &str,
    now: Millis,
) -> StoreResult<Option<ApprovalRecord>> {
    let row = sqlx::query(&format!(
        "SELECT {APPROVAL_COLUMNS} FROM approvals WHERE user_id = $1 AND action = $2 \
         AND outcome IS NULL AND expires_at > $3 ORDER BY created_at LIMIT 1"
    ))
    .bind(user_id)
    .bind(action)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(approval_from_row).transpose()
}

pub(super) async fn pending_approvals(
    db: &SqlStore,
    now: Millis,
) -> StoreResult<Vec<ApprovalRecord>> {
    let rows = sqlx::query(&format!(
        "SELECT {APPROVAL_COLUMNS} FROM approvals \
         WHERE outcome IS NULL AND expires_at > $1 ORDER BY created_at, id"
    ))
    .bind(now)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(approval_from_row).collect()
}

pub(super) async fn decide_approval(
    db: &SqlStore,
    id: &str,
    decided_by: &str,
    outcome: &str,
    now: Millis,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE approvals SET outcome = $3, decided_by = $2, decided_at = $4 \
         WHERE id = $1 AND outcome IS NULL AND expires_at > $4",
    )
    .bind(id)
    .bind(decided_by)
    .bind(outcome)
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}
