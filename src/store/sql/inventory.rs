//! The hardware token inventory loaded from PSKC files: load, look up, list available.

use sqlx::Row;

use super::audit::insert_audit;
use super::SqlStore;
use crate::store::*;

pub(super) async fn load_tokens(
    db: &SqlStore,
    tokens: &[InventoryToken],
    audit: &AuditEntry,
) -> StoreResult<u64> {
    let mut tx = db.pool.begin().await?;
    let mut loaded = 0;
    for token in tokens {
        let done = sqlx::query(
            "INSERT INTO token_inventory (serial, seed_sealed, state, loaded_at) \
             VALUES ($1, $2, 'available', $3) ON CONFLICT (serial) DO NOTHING",
        )
        .bind(&token.serial)
        .bind(&token.seed_sealed)
        .bind(audit.at)
        .execute(&mut *tx)
        .await?;
        loaded += done.rows_affected();
    }
    let mut audit = audit.clone();
    audit.detail = Some(format!(
        "{} {loaded} new of {} tokens",
        audit.detail.unwrap_or_default(),
        tokens.len()
    ));
    insert_audit(&mut *tx, &audit).await?;
    tx.commit().await?;
    Ok(loaded)
}

pub(super) async fn inventory_token(
    db: &SqlStore,
    serial: &str,
) -> StoreResult<Option<InventoryToken>> {
    let row =
        sqlx::query("SELECT serial, seed_sealed, state FROM token_inventory WHERE serial = $1")
            .bind(serial)
            .fetch_optional(&db.pool)
            .await?;
    row.map(|row| -> StoreResult<InventoryToken> {
        Ok(InventoryToken {
            serial: row.try_get("serial")?,
            seed_sealed: row.try_get("seed_sealed")?,
            state: row.try_get("state")?,
        })
    })
    .transpose()
}

pub(super) async fn available_tokens(db: &SqlStore, limit: i64) -> StoreResult<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT serial FROM token_inventory WHERE state = 'available' \
         ORDER BY serial LIMIT $1",
    )
    .bind(limit)
    .fetch_all(&db.pool)
    .await?)
}
