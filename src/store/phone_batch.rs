//! Bulk phone changes in one transaction, exactly once per idempotency key.
//!
//! The key's row is inserted *first* in the transaction: a concurrent request with the
//! same key (a client retrying an answer it lost, on this or another replica) waits on
//! that insert and then finds the key taken, so the rows are applied once. The answer
//! is stored with the changes, so the retry gets the very same answer.

use std::collections::HashMap;

use sqlx::Row;

use super::sql::SqlStore;
use super::*;
use crate::api::PhoneChangeResult;
use crate::domain::phone_change::{self, RowOutcome};

/// How long an idempotency key is remembered.
const KEY_TTL_MS: i64 = 7 * 24 * 3600 * 1000;

impl SqlStore {
    pub(super) async fn apply_phone_batch_sql(
        &self,
        batch: PhoneBatch<'_>,
    ) -> StoreResult<BatchApplied> {
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

        let mut results = batch.decided.clone();
        let mut seen: HashMap<(String, String), u32> = HashMap::new();
        for row in batch.rows {
            let who = (row.millekod.to_string(), row.login.to_string());
            if let Some(first) = seen.insert(who, row.index) {
                results.push(result(
                    row.index,
                    RowOutcome::Conflict,
                    Some(format!(
                        "the same user is also in row {first} of this chunk"
                    )),
                ));
                continue;
            }
            let found = sqlx::query(
                "SELECT id, phone FROM users WHERE kind = 'company_user' AND millekod = $1 \
                 AND login = $2",
            )
            .bind(row.millekod.as_str())
            .bind(row.login.as_str())
            .fetch_optional(&mut *tx)
            .await?;
            let Some(found) = found else {
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
            let id: i64 = found.try_get("id")?;
            let current = found
                .try_get::<Option<String>, _>("phone")?
                .map(|p| PhoneNumber::from_stored(&p).ok_or(()))
                .transpose()
                .map_err(|()| StoreError::Corrupt("users.phone".into()))?;
            let outcome = phone_change::decide(current.as_ref(), &row.phone, row.expected.as_ref());
            let message = match outcome {
                RowOutcome::Conflict => Some(format!(
                    "the current number is {}, not the expected one",
                    current
                        .as_ref()
                        .map(PhoneNumber::masked)
                        .unwrap_or_else(|| "none".into())
                )),
                _ => None,
            };
            if outcome == RowOutcome::Updated && !batch.dry_run {
                sqlx::query("UPDATE users SET phone = $2, updated_at = $3 WHERE id = $1")
                    .bind(id)
                    .bind(row.phone.as_e164().to_owned())
                    .bind(batch.audit.at)
                    .execute(&mut *tx)
                    .await?;
                let mut entry = batch.audit.clone();
                entry.millekod = Some(row.millekod.to_string());
                entry.login = Some(row.login.to_string());
                entry.detail = Some(format!(
                    "batch {}: {} -> {}",
                    batch.batch_id,
                    current
                        .as_ref()
                        .map(PhoneNumber::masked)
                        .unwrap_or_else(|| "none".into()),
                    row.phone.masked()
                ));
                super::sql::insert_audit(&mut *tx, &entry).await?;
            }
            results.push(result(row.index, outcome, message));
        }
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
        Ok(BatchApplied::Done(results))
    }

    async fn stored_answer(&self, key: &str, batch: &PhoneBatch<'_>) -> StoreResult<BatchApplied> {
        let row =
            sqlx::query("SELECT principal, request_hash, response FROM idempotency WHERE key = $1")
                .bind(key)
                .fetch_optional(self.pool())
                .await?
                .ok_or(StoreError::Conflict)?;
        let principal: String = row.try_get("principal")?;
        let hash: Vec<u8> = row.try_get("request_hash")?;
        if principal != batch.audit.actor || hash != batch.request_hash {
            return Ok(BatchApplied::KeyReused);
        }
        let response: String = row.try_get("response")?;
        let results = serde_json::from_str(&response)
            .map_err(|_| StoreError::Corrupt("idempotency.response".into()))?;
        Ok(BatchApplied::Replayed(results))
    }
}

/// Rows per multi-row INSERT. Binding cost grows faster than linearly with the
/// parameters of one statement in sqlx's SQLite driver: 500 rows seeded 100,000 users
/// in 21 s, 50 rows in 4 s (`--seed-users 100000`, release build, this machine).
const BULK_ROWS: usize = 50;

impl SqlStore {
    pub(super) async fn insert_bulk_sql(
        &self,
        companies: &[(MilleKod, String)],
        users: &[NewUser],
    ) -> StoreResult<()> {
        let now = now_millis();
        let mut tx = self.pool().begin().await?;
        for chunk in companies.chunks(BULK_ROWS) {
            let values = (0..chunk.len())
                .map(|i| format!("(${}, ${}, ${})", 3 * i + 1, 3 * i + 2, 3 * i + 3))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!("INSERT INTO companies (millekod, name, created_at) VALUES {values}");
            let mut query = sqlx::query(&sql);
            for (millekod, name) in chunk {
                query = query.bind(millekod.as_str()).bind(name.as_str()).bind(now);
            }
            query.execute(&mut *tx).await?;
        }
        const COLUMNS: usize = 17;
        for chunk in users.chunks(BULK_ROWS) {
            let values = (0..chunk.len())
                .map(|i| {
                    let params: Vec<String> = (1..=COLUMNS)
                        .map(|c| format!("${}", COLUMNS * i + c))
                        .collect();
                    format!("({})", params.join(", "))
                })
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "INSERT INTO users (kind, millekod, login, name, status, failed_attempts, \
                 attempts_left, auth_tool, phone, password_masking, pw_length, pw_threshold, \
                 pw_salt, pw_shares, pw_secret_hash, created_at, updated_at) VALUES {values}"
            );
            let mut query = sqlx::query(&sql);
            for user in chunk {
                let pw = user.password.as_ref();
                query = query
                    .bind(if user.kind == UserKind::Operator {
                        "operator"
                    } else {
                        "company_user"
                    })
                    .bind(
                        user.millekod
                            .as_ref()
                            .map(|m| m.to_string())
                            .unwrap_or_default(),
                    )
                    .bind(user.login.as_str())
                    .bind(user.name.as_str())
                    .bind(user.status.as_str())
                    .bind(user.failed_attempts)
                    .bind(user.attempts_left)
                    .bind(user.auth_tool.as_str())
                    .bind(user.phone.as_ref().map(|p| p.as_e164().to_owned()))
                    .bind(i64::from(user.password_masking))
                    .bind(pw.map(|p| i64::from(p.length)))
                    .bind(pw.map(|p| i64::from(p.threshold)))
                    .bind(pw.map(|p| p.salt.clone()))
                    .bind(pw.map(|p| p.masked_shares.clone()))
                    .bind(pw.map(|p| p.secret_hash.clone()))
                    .bind(now)
                    .bind(now);
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

fn result(index: u32, outcome: RowOutcome, message: Option<String>) -> PhoneChangeResult {
    PhoneChangeResult {
        index,
        outcome,
        message,
    }
}
