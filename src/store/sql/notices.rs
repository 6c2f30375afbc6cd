//! SMS notices to old phone numbers, claimed for sending by one replica each.

use sqlx::Row;

use super::SqlStore;
use crate::store::*;

pub(super) async fn claim_sms_notices(
    db: &SqlStore,
    limit: i64,
    now: Millis,
) -> StoreResult<Vec<(String, String)>> {
    // `sent_at IS NULL` again outside the subquery: of two replicas claiming the
    // same rows at once, PostgreSQL gives each row to the first only.
    let rows = sqlx::query(
        "UPDATE sms_notices SET sent_at = $2 WHERE sent_at IS NULL AND id IN \
         (SELECT id FROM sms_notices WHERE sent_at IS NULL ORDER BY id LIMIT $1) \
         RETURNING phone, kind",
    )
    .bind(limit)
    .bind(now)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("phone")?, row.try_get("kind")?)))
        .collect()
}
