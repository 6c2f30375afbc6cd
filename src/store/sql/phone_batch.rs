//! Bulk phone changes in one transaction, exactly once per idempotency key.
//!
//! The key's row is inserted *first* in the transaction: a concurrent request with the
//! same key (a client retrying an answer it lost, on this or another replica) waits on
//! that insert and then finds the key taken, so the rows are applied once. The answer
//! is stored with the changes, so the retry gets the very same answer.
//!
//! How the statements run depends on the database:
//! - **An SQLite file:** one row at a time, through statements prepared once, on a
//!   connection of its own in a blocking thread (`phone_batch_sqlite.rs`): what
//!   SQLite itself needs per row, and no more.
//! - **PostgreSQL (and in-memory SQLite):** through sqlx, where every statement is a
//!   round trip (to the server, or to sqlx's connection thread). So a chunk costs a
//!   handful of statements, whatever its size: its users are looked up, changed and
//!   audited by statements that read the rows from one JSON parameter (`json_each` /
//!   `json_array_elements`) and return one JSON value.
//!
//! Both decide every row the same way (`dedupe`, then `plan`).

use std::collections::HashMap;

use sqlx::Row;

use super::SqlStore;
use crate::domain::phone_change::{self, RowOutcome};
use crate::store::*;

/// How long an idempotency key is remembered.
pub(super) const KEY_TTL_MS: i64 = 7 * 24 * 3600 * 1000;

impl SqlStore {
    pub(super) async fn apply_phone_batch_sql(
        &self,
        batch: PhoneBatch<'_>,
    ) -> StoreResult<BatchApplied> {
        if let Some(bulk) = self.bulk_sqlite() {
            return self.apply_phone_batch_sqlite(bulk, batch).await;
        }
        let mut tx = self.pool().begin().await?;
        if let Some(key) = batch.key {
            let taken = sqlx::query(
                "INSERT INTO idempotency (key, principal, request_hash, response, created_at) \
                 VALUES ($1, $2, $3, '', $4) ON CONFLICT (key) DO NOTHING",
            )
            .bind(key)
            .bind(&batch.audit.actor)
            .bind(batch.request_hash.to_vec())
            .bind(batch.audit.at)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 0;
            if taken {
                drop(tx);
                return self.stored_answer(key, &batch).await;
            }
        }

        let (mut results, unique) = dedupe(&batch);
        let found = lookup(&mut tx, self.backend(), &unique).await?;
        let changes = plan(&batch, unique, &found, &mut results)?;
        apply(&mut tx, self.backend(), &changes, &batch.audit).await?;
        results.sort_by_key(|r| r.index);

        if let Some(key) = batch.key {
            let response =
                serde_json::to_string(&results).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            sqlx::query("UPDATE idempotency SET response = $2 WHERE key = $1")
                .bind(key)
                .bind(response)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM idempotency WHERE created_at < $1")
                .bind(batch.audit.at - KEY_TTL_MS)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        if !batch.dry_run {
            self.checkpoint_soon();
        }
        Ok(BatchApplied::Done(results))
    }

    async fn stored_answer(&self, key: &str, batch: &PhoneBatch<'_>) -> StoreResult<BatchApplied> {
        let row =
            sqlx::query("SELECT principal, request_hash, response FROM idempotency WHERE key = $1")
                .bind(key)
                .fetch_optional(self.pool())
                .await?
                .ok_or(StoreError::Conflict)?;
        replay(
            &row.try_get::<String, _>("principal")?,
            &row.try_get::<Vec<u8>, _>("request_hash")?,
            &row.try_get::<String, _>("response")?,
            batch,
        )
    }
}

/// The stored answer of a key used before: replayed for the same caller and request.
pub(super) fn replay(
    principal: &str,
    hash: &[u8],
    response: &str,
    batch: &PhoneBatch<'_>,
) -> StoreResult<BatchApplied> {
    if principal != batch.audit.actor || hash != batch.request_hash {
        return Ok(BatchApplied::KeyReused);
    }
    let results = serde_json::from_str(response)
        .map_err(|_| StoreError::Corrupt("idempotency.response".into()))?;
    Ok(BatchApplied::Replayed(results))
}

/// The rows decided so far (`batch.decided`), plus a conflict for each repeat of a user
/// within the chunk; and the rows left to look up.
pub(super) fn dedupe<'r>(batch: &PhoneBatch<'r>) -> (Vec<PhoneRowResult>, Vec<&'r PhoneBatchRow>) {
    let mut results = batch.decided.clone();
    let mut seen: HashMap<(&str, &str), u32> = HashMap::new();
    let mut unique = Vec::with_capacity(batch.rows.len());
    for row in batch.rows {
        let who = (row.millekod.as_str(), row.login.as_str());
        if let Some(first) = seen.insert(who, row.index) {
            results.push(result(
                row.index,
                RowOutcome::Conflict,
                Some(format!(
                    "the same user is also in row {first} of this chunk"
                )),
            ));
        } else {
            unique.push(row);
        }
    }
    (results, unique)
}

/// The users found, by (MilleKod, login): id and stored phone.
type Found<'r> = HashMap<(&'r str, &'r str), (i64, Option<String>)>;

/// Decide every looked-up row (R4 and compare-and-set) into `results`; the changes to
/// write, with their audit details (none in a dry run).
pub(super) fn plan<'r>(
    batch: &PhoneBatch<'r>,
    unique: Vec<&'r PhoneBatchRow>,
    found: &Found<'_>,
    results: &mut Vec<PhoneRowResult>,
) -> StoreResult<Vec<Change<'r>>> {
    let mut changes = Vec::new();
    for row in unique {
        let Some((id, stored)) = found.get(&(row.millekod.as_str(), row.login.as_str())) else {
            results.push(result(
                row.index,
                RowOutcome::NotFound,
                Some(format!(
                    "no user '{}' in MilleKod {}",
                    row.login, row.millekod
                )),
            ));
            continue;
        };
        let current = stored
            .as_deref()
            .map(|p| PhoneNumber::from_stored(p).ok_or(()))
            .transpose()
            .map_err(|()| StoreError::Corrupt("users.phone".into()))?;
        let outcome = phone_change::decide(current.as_ref(), &row.phone, row.expected.as_ref());
        let shown = || {
            current
                .as_ref()
                .map(PhoneNumber::masked)
                .unwrap_or_else(|| "none".into())
        };
        let message = match outcome {
            RowOutcome::Conflict => Some(format!(
                "the current number is {}, not the expected one",
                shown()
            )),
            _ => None,
        };
        if outcome == RowOutcome::Updated && !batch.dry_run {
            let unnotified = if batch.notify_old || current.is_none() {
                ""
            } else {
                "; old number not notified"
            };
            changes.push(Change {
                id: *id,
                phone: row.phone.as_e164(),
                notify: stored.clone().filter(|_| batch.notify_old),
                millekod: row.millekod.as_str(),
                login: row.login.as_str(),
                detail: format!(
                    "batch {}: {} -> {}{unnotified}",
                    batch.batch_id,
                    shown(),
                    row.phone.masked()
                ),
            });
        }
        results.push(result(row.index, outcome, message));
    }
    Ok(changes)
}

/// A row to change: the user, the new number, the detail of its audit record.
pub(super) struct Change<'a> {
    pub(super) id: i64,
    pub(super) phone: &'a str,
    /// The number it replaces, to be told of the change (`None`: none, or not told).
    pub(super) notify: Option<String>,
    pub(super) millekod: &'a str,
    pub(super) login: &'a str,
    pub(super) detail: String,
}

/// `$1, $2, …` as `($a, $b), ($c, $d), …`: `rows` tuples of `width`, from `$first`.
pub(super) fn placeholders(rows: usize, width: usize, first: usize) -> String {
    (0..rows)
        .map(|r| {
            let params: Vec<String> = (0..width)
                .map(|c| format!("${}", first + r * width + c))
                .collect();
            format!("({})", params.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The rows of a JSON array passed as parameter `$param`, one `value` each: the chunk
/// goes to the database as one text value, not as thousands of bound parameters
/// (binding costs far more than the database's own work per row).
fn json_rows(backend: &str, param: usize) -> String {
    if backend == "sqlite" {
        format!("json_each(${param})")
    } else {
        format!("json_array_elements(CAST(${param} AS json))")
    }
}

/// The users of `rows`, by (MilleKod, login): id and stored phone. One statement,
/// joined on the unique (millekod, login) index.
async fn lookup<'r>(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    backend: &str,
    rows: &[&'r PhoneBatchRow],
) -> StoreResult<Found<'r>> {
    let mut found = HashMap::with_capacity(rows.len());
    if rows.is_empty() {
        return Ok(found);
    }
    let keys: Vec<[&str; 2]> = rows
        .iter()
        .map(|r| [r.millekod.as_str(), r.login.as_str()])
        .collect();
    // One row back, the users as a JSON array: rows one by one would each cross from
    // the database thread to ours.
    let aggregate = if backend == "sqlite" {
        "json_group_array(json_array(u.id, u.millekod, u.login, u.phone))"
    } else {
        "CAST(COALESCE(json_agg(json_build_array(u.id, u.millekod, u.login, u.phone)), '[]') AS TEXT)"
    };
    let sql = format!(
        "SELECT {aggregate} AS found FROM {} AS j \
         JOIN users u ON u.millekod = j.value ->> 0 AND u.login = j.value ->> 1 \
         WHERE u.kind = 'company_user'",
        json_rows(backend, 1)
    );
    let by_key: HashMap<(&str, &str), &PhoneBatchRow> = rows
        .iter()
        .map(|r| ((r.millekod.as_str(), r.login.as_str()), *r))
        .collect();
    let text: String = sqlx::query_scalar(&sql)
        .bind(serde_json::json!(keys).to_string())
        .fetch_one(&mut **tx)
        .await?;
    let users: Vec<(i64, String, String, Option<String>)> = serde_json::from_str(&text)
        .map_err(|_| StoreError::Corrupt("users (phone lookup)".into()))?;
    for (id, millekod, login, phone) in users {
        // Keyed by the request's own strings, which outlive this function.
        if let Some(row) = by_key.get(&(millekod.as_str(), login.as_str())) {
            found.insert((row.millekod.as_str(), row.login.as_str()), (id, phone));
        }
    }
    Ok(found)
}

/// The new numbers and their audit records: two statements.
async fn apply(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    backend: &str,
    changes: &[Change<'_>],
    template: &AuditEntry,
) -> StoreResult<()> {
    if changes.is_empty() {
        return Ok(());
    }
    let numbers: Vec<serde_json::Value> = changes
        .iter()
        .map(|c| serde_json::json!([c.id, c.phone]))
        .collect();
    sqlx::query(&format!(
        "UPDATE users SET phone = j.value ->> 1, phone_changed_at = $2, updated_at = $2 \
         FROM {} AS j WHERE users.id = CAST(j.value ->> 0 AS BIGINT)",
        json_rows(backend, 1)
    ))
    .bind(serde_json::Value::Array(numbers.clone()).to_string())
    .bind(template.at)
    .execute(&mut **tx)
    .await?;
    // The old numbers are told, with no code in the message (issue 11).
    let notices: Vec<&str> = changes.iter().filter_map(|c| c.notify.as_deref()).collect();
    if !notices.is_empty() {
        sqlx::query(&format!(
            "INSERT INTO sms_notices (phone, kind, created_at) \
             SELECT j.value ->> 0, 'phone_changed', $2 FROM {} AS j",
            json_rows(backend, 1)
        ))
        .bind(serde_json::json!(notices.iter().map(|n| [*n]).collect::<Vec<_>>()).to_string())
        .bind(template.at)
        .execute(&mut **tx)
        .await?;
    }
    // A phone change ends the user's open challenges and sessions (as a single one).
    for table in ["challenges", "sessions"] {
        sqlx::query(&format!(
            "DELETE FROM {table} WHERE user_id IN \
             (SELECT CAST(j.value ->> 0 AS BIGINT) FROM {} AS j)",
            json_rows(backend, 1)
        ))
        .bind(serde_json::Value::Array(numbers.clone()).to_string())
        .execute(&mut **tx)
        .await?;
    }

    let targets: Vec<[&str; 3]> = changes
        .iter()
        .map(|c| [c.millekod, c.login, c.detail.as_str()])
        .collect();
    sqlx::query(&format!(
        "INSERT INTO audit (at, request_id, actor, on_behalf_of, action, millekod, login, \
         outcome, reason, detail) \
         SELECT $2, $3, $4, $5, $6, j.value ->> 0, j.value ->> 1, $7, $8, j.value ->> 2 \
         FROM {} AS j",
        json_rows(backend, 1)
    ))
    .bind(serde_json::json!(targets).to_string())
    .bind(template.at)
    .bind(&template.request_id)
    .bind(&template.actor)
    .bind(&template.on_behalf_of)
    .bind(&template.action)
    .bind(&template.outcome)
    .bind(&template.reason)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(super) fn result(index: u32, outcome: RowOutcome, message: Option<String>) -> PhoneRowResult {
    PhoneRowResult {
        index,
        outcome,
        message,
    }
}
