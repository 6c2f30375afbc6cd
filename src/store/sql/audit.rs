//! The append-only audit log (R12): appended inside other writes' transactions, listed.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::rows::*;
use super::SqlStore;
use crate::store::*;

pub(super) async fn insert_audit<'e, E>(executor: E, entry: &AuditEntry) -> StoreResult<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO audit (at, request_id, actor, on_behalf_of, action, millekod, login, \
         outcome, reason, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(entry.at)
    .bind(&entry.request_id)
    .bind(&entry.actor)
    .bind(&entry.on_behalf_of)
    .bind(&entry.action)
    .bind(&entry.millekod)
    .bind(&entry.login)
    .bind(&entry.outcome)
    .bind(&entry.reason)
    .bind(&entry.detail)
    .execute(executor)
    .await?;
    Ok(())
}

fn audit_from_row(row: &AnyRow) -> StoreResult<StoredAuditEntry> {
    let at: i64 = row.try_get("at")?;
    // A time no caller could show is a corrupt row, found here rather than above.
    time_of(at).ok_or_else(|| corrupt("audit.at"))?;
    Ok(StoredAuditEntry {
        id: row.try_get("id")?,
        entry: AuditEntry {
            at,
            request_id: row.try_get("request_id")?,
            actor: row.try_get("actor")?,
            on_behalf_of: row.try_get("on_behalf_of")?,
            action: row.try_get("action")?,
            millekod: row.try_get("millekod")?,
            login: row.try_get("login")?,
            outcome: row.try_get("outcome")?,
            reason: row.try_get("reason")?,
            detail: row.try_get("detail")?,
        },
    })
}

pub(super) async fn append_audit(db: &SqlStore, entry: &AuditEntry) -> StoreResult<()> {
    insert_audit(&db.pool, entry).await
}

pub(super) async fn list_audit(
    db: &SqlStore,
    filter: &AuditFilter,
) -> StoreResult<Vec<StoredAuditEntry>> {
    // Optional filters as `($n IS NULL OR col = $n)` keep one prepared statement.
    let rows = sqlx::query(
        "SELECT id, at, request_id, actor, on_behalf_of, action, millekod, login, \
         outcome, reason, detail FROM audit \
         WHERE ($1 IS NULL OR millekod = $1) AND ($2 IS NULL OR login = $2) \
         AND at >= $3 ORDER BY id DESC LIMIT $4",
    )
    .bind(&filter.millekod)
    .bind(&filter.login)
    .bind(filter.since.unwrap_or(0))
    .bind(filter.limit)
    .fetch_all(&db.reads)
    .await?;
    rows.iter().map(audit_from_row).collect()
}
