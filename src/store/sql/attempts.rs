//! Login counters (R7): reserving an attempt, counting a failure or a success, giving
//! an attempt back, the decoy counters of unknown logins, and token step replay.

use sqlx::Row;

use super::rows::*;
use super::sessions::end_challenges_and_sessions;
use super::SqlStore;
use crate::domain::lockout;
use crate::store::*;

/// The lockout state of a row.
pub(super) fn lockout_state(user: &UserRecord) -> lockout::LockoutState {
    lockout::LockoutState {
        status: user.status,
        failed_attempts: user.failed_attempts,
        attempts_left: user.attempts_left,
        blocked_at: user.blocked_at,
    }
}

/// `lockout::reserve`, counted atomically in SQL (parallel guesses race for the last
/// attempts); when nothing was reserved, the domain says why from the row as it is.
pub(super) async fn reserve_attempt(
    db: &SqlStore,
    user_id: i64,
    flow: Flow,
) -> StoreResult<(Reservation, Option<UserRecord>)> {
    let allowed = lockout::statuses_for(flow);
    let reserved = sqlx::query(&format!(
        "UPDATE users SET attempts_left = attempts_left - 1 \
         WHERE id = $1 AND attempts_left > 0 AND status <> 'blocked' \
         AND status IN ({}) RETURNING {USER_COLUMNS}",
        status_list(allowed)
    ))
    .bind(user_id)
    .fetch_optional(&db.pool)
    .await?;
    if let Some(row) = reserved {
        return Ok((Reservation::Reserved, Some(user_from_row(&row)?)));
    }
    let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
        .bind(user_id)
        .fetch_optional(&db.pool)
        .await?;
    let user = row.as_ref().map(user_from_row).transpose()?;
    let outcome = match user
        .as_ref()
        .map(|u| lockout::reserve(lockout_state(u), flow))
    {
        Some(Err(lockout::NotReserved::Blocked)) => Reservation::Blocked,
        Some(Err(lockout::NotReserved::Suspended)) => Reservation::Suspended,
        // An attempt given back since our UPDATE looked is still one others hold.
        Some(Err(lockout::NotReserved::Busy) | Ok(_)) => Reservation::Busy,
        Some(Err(lockout::NotReserved::Mismatch)) | None => Reservation::Mismatch,
    };
    Ok((outcome, user))
}

/// `lockout::failure`, in SQL: the count must be taken atomically under races, and a
/// block ends the user's open challenges and sessions in the same transaction.
pub(super) async fn record_failure(
    db: &SqlStore,
    user_id: i64,
    now: Millis,
) -> StoreResult<FailureOutcome> {
    let mut tx = db.pool.begin().await?;
    let row = sqlx::query(
        "UPDATE users SET failed_attempts = failed_attempts + 1, \
         status = CASE WHEN attempts_left <= 0 AND status <> 'suspended' THEN 'blocked' \
                  ELSE status END, \
         blocked_at = CASE WHEN attempts_left <= 0 AND status NOT IN ('blocked', 'suspended') \
                      THEN $2 ELSE blocked_at END, \
         updated_at = $2 \
         WHERE id = $1 RETURNING status, attempts_left",
    )
    .bind(user_id)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(StoreError::NotFound)?;
    let outcome = FailureOutcome {
        status: UserStatus::parse(&row.try_get::<String, _>("status")?)
            .ok_or_else(|| corrupt("users.status"))?,
        attempts_left: row.try_get("attempts_left")?,
    };
    if outcome.status == UserStatus::Blocked {
        end_challenges_and_sessions(&mut tx, user_id).await?;
    }
    tx.commit().await?;
    Ok(outcome)
}

/// `lockout::release`, in SQL (other checks may be reserving meanwhile).
pub(super) async fn release_attempt(db: &SqlStore, user_id: i64, limit: i64) -> StoreResult<()> {
    sqlx::query(
        "UPDATE users SET attempts_left = CASE WHEN attempts_left < $2 \
         THEN attempts_left + 1 ELSE attempts_left END \
         WHERE id = $1 AND status <> 'blocked'",
    )
    .bind(user_id)
    .bind(limit)
    .execute(&db.pool)
    .await?;
    Ok(())
}

pub(super) async fn reserve_decoy_attempt(
    db: &SqlStore,
    key: &str,
    limit: i64,
    now: Millis,
) -> StoreResult<Reservation> {
    // As `reserve_attempt`: failures plus checks in flight never pass `limit`.
    let reserved: Option<i64> = sqlx::query_scalar(
        "INSERT INTO decoy_attempts (key, failed, in_flight, updated_at) \
         VALUES ($1, 0, 1, $2) \
         ON CONFLICT (key) DO UPDATE SET in_flight = decoy_attempts.in_flight + 1, \
         updated_at = $2 \
         WHERE decoy_attempts.failed + decoy_attempts.in_flight < $3 RETURNING failed",
    )
    .bind(key)
    .bind(now)
    .bind(limit)
    .fetch_optional(&db.pool)
    .await?;
    if reserved.is_some() {
        return Ok(Reservation::Reserved);
    }
    let failed: Option<i64> =
        sqlx::query_scalar("SELECT failed FROM decoy_attempts WHERE key = $1")
            .bind(key)
            .fetch_optional(&db.pool)
            .await?;
    Ok(if failed.unwrap_or(0) >= limit {
        Reservation::Blocked
    } else {
        Reservation::Busy
    })
}

pub(super) async fn record_decoy_failure(
    db: &SqlStore,
    key: &str,
    limit: i64,
    now: Millis,
) -> StoreResult<i64> {
    let mut tx = db.pool.begin().await?;
    let failed: i64 = sqlx::query_scalar(
        "UPDATE decoy_attempts SET failed = failed + 1, \
         in_flight = CASE WHEN in_flight > 0 THEN in_flight - 1 ELSE 0 END, \
         updated_at = $2 WHERE key = $1 RETURNING failed",
    )
    .bind(key)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?
    .unwrap_or(limit);
    if failed >= limit {
        sqlx::query("DELETE FROM challenges WHERE decoy_key = $1")
            .bind(key)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(failed)
}

/// `lockout::success`, in SQL: the status it keeps or lifts depends on the row as it
/// is when the success lands (failures racing it may just have blocked the user).
pub(super) async fn record_success(
    db: &SqlStore,
    user_id: i64,
    limit: i64,
    now: Millis,
    success: &LoginSuccess,
) -> StoreResult<bool> {
    let status_in = status_list(lockout::statuses_for(success.flow));
    let mut tx = db.pool.begin().await?;
    let updated = match success.new_password.as_ref().map(PasswordColumns::of) {
        // A success reserved its attempt while the user was not blocked; failures
        // racing it may have blocked the user meanwhile (they saw attempts_left at
        // 0 because this attempt held the last reservation). The success resets the
        // count, so it lifts such a block too: never "blocked" with a live session.
        None => {
            sqlx::query(&format!(
                "UPDATE users SET attempts_left = $2, failed_attempts = 0, \
                 status = CASE WHEN status = 'blocked' THEN 'active' ELSE status END, \
                 blocked_at = NULL, pending_positions = NULL, last_login_at = $3, \
                 updated_at = $3 WHERE id = $1 AND status IN ({status_in})"
            ))
            .bind(user_id)
            .bind(limit)
            .bind(now)
            .execute(&mut *tx)
            .await?
        }
        Some(pw) => {
            sqlx::query(&format!(
                "UPDATE users SET attempts_left = $2, failed_attempts = 0, \
                 pending_positions = NULL, last_login_at = $3, updated_at = $3, \
                 status = 'active', blocked_at = NULL, temp_password_hash = NULL, \
                 pw_length = $4, pw_threshold = $5, pw_salt = $6, pw_shares = $7, \
                 pw_secret_hash = $8, pw_scheme = $9, pw_key_id = $10 \
                 WHERE id = $1 AND status IN ({status_in})"
            ))
            .bind(user_id)
            .bind(limit)
            .bind(now)
            .bind(pw.length)
            .bind(pw.threshold)
            .bind(pw.salt)
            .bind(pw.shares)
            .bind(pw.hash)
            .bind(pw.scheme)
            .bind(pw.key_id)
            .execute(&mut *tx)
            .await?
        }
    };
    if updated.rows_affected() != 1 {
        return Ok(false);
    }
    if success.new_password.is_some() {
        // A password reset ends every session and challenge of the user.
        end_challenges_and_sessions(&mut tx, user_id).await?;
    } else {
        sqlx::query("DELETE FROM challenges WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(true)
}

pub(super) async fn consume_token_step(
    db: &SqlStore,
    user_id: i64,
    step: i64,
) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE users SET token_last_step = $2 \
         WHERE id = $1 AND (token_last_step IS NULL OR token_last_step < $2)",
    )
    .bind(user_id)
    .bind(step)
    .execute(&db.pool)
    .await?;
    Ok(done.rows_affected() == 1)
}
