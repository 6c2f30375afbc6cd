//! API tokens of scripts: created and revoked with their audit record, found by hash.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::audit::insert_audit;
use super::driver_errors::exists_or_database;
use super::rows::*;
use super::SqlStore;
use crate::store::*;

const TOKEN_COLUMNS: &str = "t.id, t.name, t.scopes, t.created_by, u.login AS owner_login, \
    t.created_at, t.expires_at, t.revoked_at";

fn token_from_row(row: &AnyRow) -> StoreResult<ApiTokenRecord> {
    let scopes = row
        .try_get::<String, _>("scopes")?
        .split(' ')
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<Scope>().map_err(|_| corrupt("api_tokens.scopes")))
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(ApiTokenRecord {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        scopes,
        created_by: row.try_get("created_by")?,
        created_by_login: Login::parse(&row.try_get::<String, _>("owner_login")?)
            .map_err(|_| corrupt("users.login"))?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

pub(super) async fn insert_api_token(
    db: &SqlStore,
    token_hash: &[u8],
    token: &ApiTokenRecord,
    audit: &AuditEntry,
) -> StoreResult<()> {
    let scopes = token
        .scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "INSERT INTO api_tokens (id, name, token_hash, scopes, created_by, created_at, \
         expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&token.id)
    .bind(&token.name)
    .bind(token_hash.to_vec())
    .bind(scopes)
    .bind(token.created_by)
    .bind(token.created_at)
    .bind(token.expires_at)
    .execute(&mut *tx)
    .await
    // The name (migration 5): the id and the hash are random and never repeat.
    .map_err(exists_or_database)?;
    insert_audit(&mut *tx, audit).await?;
    tx.commit().await?;
    Ok(())
}

pub(super) async fn find_api_token(
    db: &SqlStore,
    token_hash: &[u8],
    now: Millis,
) -> StoreResult<Option<ApiTokenRecord>> {
    let row = sqlx::query(&format!(
        "SELECT {TOKEN_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.created_by \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2"
    ))
    .bind(token_hash.to_vec())
    .bind(now)
    .fetch_optional(&db.reads)
    .await?;
    row.as_ref().map(token_from_row).transpose()
}

pub(super) async fn list_api_tokens(db: &SqlStore) -> StoreResult<Vec<ApiTokenRecord>> {
    let rows = sqlx::query(&format!(
        "SELECT {TOKEN_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.created_by \
         ORDER BY t.created_at, t.id"
    ))
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(token_from_row).collect()
}

pub(super) async fn revoke_api_token(
    db: &SqlStore,
    id: &str,
    now: Millis,
    audit: &AuditEntry,
) -> StoreResult<()> {
    let mut tx = db.pool.begin().await?;
    let done =
        sqlx::query("UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    insert_audit(&mut *tx, audit).await?;
    tx.commit().await?;
    Ok(())
}
