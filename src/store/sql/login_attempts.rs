//! A user's timeline (issue 15): the login attempts table — written by step 2 of every
//! known user's login, read newest first, swept after the retention — and the reads
//! the history and `user show` need beside it (the audit about one user, the owner of
//! a used or expired challenge, the co-users who could help).
//!
//! Bounded growth: a success or a failure costs the user an attempt, so the lockout
//! limit bounds those until someone unblocks. What costs none — an answer while
//! blocked, to an expired challenge, while every attempt is being checked — an
//! anonymous client can repeat, so at most [`COSTLESS_PER_HOUR`] of them are kept per
//! user per hour (the audit still records each one). The count and the insert are two
//! statements: parallel requests may pass the count together, so the bound is the
//! limit plus the requests in flight, never unbounded.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::audit::audit_from_row;
use super::rows::corrupt;
use super::SqlStore;
use crate::domain::login_attempt::{AttemptOutcome, FailedFactors};
use crate::store::*;

/// Attempts that cost no attempt kept per user per rolling hour.
pub(super) const COSTLESS_PER_HOUR: i64 = 20;
const HOUR_MS: i64 = 3_600_000;

const ATTEMPT_COLUMNS: &str =
    "id, at, user_id, source, client, flow, outcome, factor, attempts_left";

fn attempt_from_row(row: &AnyRow) -> StoreResult<StoredLoginAttempt> {
    let flow: String = row.try_get("flow")?;
    let outcome: String = row.try_get("outcome")?;
    let factor: Option<String> = row.try_get("factor")?;
    let failed = match factor.as_deref() {
        None | Some("") => FailedFactors::default(),
        Some(text) => FailedFactors::parse(text).ok_or_else(|| corrupt("login_attempts.factor"))?,
    };
    Ok(StoredLoginAttempt {
        id: row.try_get("id")?,
        attempt: LoginAttempt {
            at: row.try_get("at")?,
            user_id: row.try_get("user_id")?,
            source: row.try_get("source")?,
            client: row.try_get("client")?,
            flow: Flow::parse(&flow).ok_or_else(|| corrupt("login_attempts.flow"))?,
            outcome: AttemptOutcome::parse(&outcome)
                .ok_or_else(|| corrupt("login_attempts.outcome"))?,
            failed,
            attempts_left: row.try_get("attempts_left")?,
        },
    })
}

pub(super) async fn record_login_attempt(
    db: &SqlStore,
    attempt: &LoginAttempt,
) -> StoreResult<bool> {
    if !attempt.outcome.costs_an_attempt() {
        let kept: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM login_attempts WHERE user_id = $1 AND at > $2 \
             AND outcome NOT IN ('success', 'failure')",
        )
        .bind(attempt.user_id)
        .bind(attempt.at - HOUR_MS)
        .fetch_one(&db.pool)
        .await?
        .try_get("n")?;
        if kept >= COSTLESS_PER_HOUR {
            return Ok(false);
        }
    }
    let factor = (!attempt.failed.is_empty()).then(|| attempt.failed.to_string());
    sqlx::query(
        "INSERT INTO login_attempts (at, user_id, source, client, flow, outcome, factor, \
         attempts_left) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(attempt.at)
    .bind(attempt.user_id)
    .bind(&attempt.source)
    .bind(&attempt.client)
    .bind(attempt.flow.as_str())
    .bind(attempt.outcome.as_str())
    .bind(factor)
    .bind(attempt.attempts_left)
    .execute(&db.pool)
    .await?;
    Ok(true)
}

pub(super) async fn login_attempts_of(
    db: &SqlStore,
    user_id: i64,
    since: Millis,
    limit: i64,
) -> StoreResult<Vec<StoredLoginAttempt>> {
    let rows = sqlx::query(&format!(
        "SELECT {ATTEMPT_COLUMNS} FROM login_attempts WHERE user_id = $1 AND at >= $2 \
         ORDER BY at DESC, id DESC LIMIT $3"
    ))
    .bind(user_id)
    .bind(since)
    .bind(limit)
    .fetch_all(&db.reads)
    .await?;
    rows.iter().map(attempt_from_row).collect()
}

pub(super) async fn last_login_failure(
    db: &SqlStore,
    user_id: i64,
) -> StoreResult<Option<StoredLoginAttempt>> {
    let row = sqlx::query(&format!(
        "SELECT {ATTEMPT_COLUMNS} FROM login_attempts WHERE user_id = $1 \
         AND outcome = 'failure' ORDER BY at DESC, id DESC LIMIT 1"
    ))
    .bind(user_id)
    .fetch_optional(&db.reads)
    .await?;
    row.as_ref().map(attempt_from_row).transpose()
}

pub(super) async fn audit_of_user(
    db: &SqlStore,
    millekod: &str,
    login: &str,
    since: Millis,
    limit: i64,
) -> StoreResult<Vec<StoredAuditEntry>> {
    let rows = sqlx::query(
        "SELECT id, at, request_id, actor, on_behalf_of, action, millekod, login, \
         outcome, reason, detail FROM audit \
         WHERE millekod = $1 AND login = $2 AND at >= $3 \
         AND action NOT IN ('login', 'user.show', 'user.history') \
         ORDER BY id DESC LIMIT $4",
    )
    .bind(millekod)
    .bind(login)
    .bind(since)
    .bind(limit)
    .fetch_all(&db.reads)
    .await?;
    rows.iter().map(audit_from_row).collect()
}

pub(super) async fn challenge_owner(db: &SqlStore, id: &str) -> StoreResult<Option<(i64, Flow)>> {
    let row = sqlx::query("SELECT user_id, flow FROM challenges WHERE id = $1")
        .bind(id)
        .fetch_optional(&db.reads)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let user_id: Option<i64> = row.try_get("user_id")?;
    let flow: String = row.try_get("flow")?;
    let flow = Flow::parse(&flow).ok_or_else(|| corrupt("challenges.flow"))?;
    Ok(user_id.map(|id| (id, flow)))
}

pub(super) async fn active_co_users(
    db: &SqlStore,
    millekod: &MilleKod,
    except: i64,
    limit: i64,
) -> StoreResult<CoUsers> {
    let rows = sqlx::query(
        "SELECT login, name FROM users WHERE kind = 'company_user' AND millekod = $1 \
         AND status = 'active' AND id <> $2 ORDER BY login LIMIT $3",
    )
    .bind(millekod.as_str())
    .bind(except)
    .bind(limit)
    .fetch_all(&db.reads)
    .await?;
    let first = rows
        .iter()
        .map(|row| Ok((row.try_get("login")?, row.try_get("name")?)))
        .collect::<StoreResult<Vec<(String, String)>>>()?;
    let total = if (first.len() as i64) < limit {
        first.len() as i64
    } else {
        sqlx::query(
            "SELECT COUNT(*) AS n FROM users WHERE kind = 'company_user' AND millekod = $1 \
             AND status = 'active' AND id <> $2",
        )
        .bind(millekod.as_str())
        .bind(except)
        .fetch_one(&db.reads)
        .await?
        .try_get("n")?
    };
    Ok(CoUsers { first, total })
}

pub(super) async fn sweep_login_attempts(
    db: &SqlStore,
    before: Millis,
    batch: i64,
) -> StoreResult<u64> {
    let done = sqlx::query(
        "DELETE FROM login_attempts WHERE id IN \
         (SELECT id FROM login_attempts WHERE at < $1 LIMIT $2)",
    )
    .bind(before)
    .bind(batch)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected())
}
