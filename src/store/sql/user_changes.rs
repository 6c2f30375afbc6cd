//! Administrative changes of a user (unblock, required password change and their undo,
//! phone, masking, token, envelope, reprovisioning), each one statement whose `WHERE`
//! states its precondition, applied with its audit record in one transaction.

use super::audit::insert_audit;
use super::rows::*;
use super::sessions::end_challenges_and_sessions;
use super::SqlStore;
use crate::domain::lockout;
use crate::store::*;

/// Mark the serial the user holds (if any) withdrawn for good, known to the inventory
/// or not (tokens assigned before the inventory existed).
async fn withdraw_serial_of(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    user_id: i64,
    reason: &str,
    now: Millis,
) -> StoreResult<()> {
    let serial: Option<Option<String>> =
        sqlx::query_scalar("SELECT token_serial FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&mut **tx)
            .await?;
    let Some(serial) = serial.flatten() else {
        return Ok(());
    };
    sqlx::query(
        "INSERT INTO token_inventory (serial, seed_sealed, state, user_id, loaded_at, \
         withdrawn_at, withdrawn_reason) VALUES ($1, NULL, 'withdrawn', $2, $3, $3, $4) \
         ON CONFLICT (serial) DO UPDATE SET state = 'withdrawn', seed_sealed = NULL, \
         withdrawn_at = $3, withdrawn_reason = $4",
    )
    .bind(serial)
    .bind(user_id)
    .bind(now)
    .bind(reason)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(super) async fn change_user(
    db: &SqlStore,
    user_id: i64,
    change: &UserChange,
    audit: &AuditEntry,
) -> StoreResult<UserRecord> {
    let now = audit.at;
    let mut tx = db.pool.begin().await?;
    let query = match change {
        UserChange::Unblock {
            status,
            attempts_left,
            temporary_password_hash,
        } => {
            // `lockout::unblocked`: the state is the domain's, the `WHERE` its
            // precondition (`is_locked_out`, which a suspended user never is).
            let target = lockout::unblock_target(*status, *attempts_left);
            sqlx::query(concat!(
                "UPDATE users SET status = $2, attempts_left = $3, failed_attempts = $6, \
                 blocked_at = $7, temp_password_hash = COALESCE($4, temp_password_hash), \
                 updated_at = $5 WHERE id = $1 AND status <> 'suspended' \
                 AND (status = 'blocked' OR attempts_left <= 0) \
                 RETURNING ",
                user_columns!()
            ))
            .bind(user_id)
            .bind(target.status.as_str())
            .bind(target.attempts_left)
            .bind(temporary_password_hash.clone())
            .bind(now)
            .bind(target.failed_attempts)
            .bind(target.blocked_at)
        }
        UserChange::UndoUnblock {
            unblocked_hash,
            failed_attempts,
            attempts_left,
            blocked_at,
            temporary_password_hash,
        } => {
            // `lockout::unblock_undone`; the `WHERE` is its precondition (`UNDOABLE`).
            let target = lockout::unblock_undone_target(lockout::LockoutState {
                status: UserStatus::Blocked,
                failed_attempts: *failed_attempts,
                attempts_left: *attempts_left,
                blocked_at: *blocked_at,
            });
            sqlx::query(concat!(
                "UPDATE users SET status = $8, failed_attempts = $2, attempts_left = $3, \
                 blocked_at = $4, temp_password_hash = $5, updated_at = $6 \
                 WHERE id = $1 AND status = 'awaiting_new_password' \
                 AND temp_password_hash = $7 RETURNING ",
                user_columns!()
            ))
            .bind(user_id)
            .bind(target.failed_attempts)
            .bind(target.attempts_left)
            .bind(target.blocked_at)
            .bind(temporary_password_hash.clone())
            .bind(now)
            .bind(unblocked_hash.clone())
            .bind(target.status.as_str())
        }
        UserChange::RequireNewPassword {
            attempts_left,
            temporary_password_hash,
        } => {
            // `lockout::password_reset`; the `WHERE` is its precondition
            // (`PASSWORD_RESETTABLE`).
            let target = lockout::password_reset_target(*attempts_left);
            sqlx::query(concat!(
                "UPDATE users SET status = $5, attempts_left = $2, \
                 failed_attempts = $6, blocked_at = $7, temp_password_hash = $3, \
                 updated_at = $4 WHERE id = $1 AND status IN ('active', 'blocked') \
                 RETURNING ",
                user_columns!()
            ))
            .bind(user_id)
            .bind(target.attempts_left)
            .bind(temporary_password_hash.clone())
            .bind(now)
            .bind(target.status.as_str())
            .bind(target.failed_attempts)
            .bind(target.blocked_at)
        }
        UserChange::UndoPasswordReset {
            reset_hash,
            status,
            failed_attempts,
            attempts_left,
            blocked_at,
            temporary_password_hash,
            // `lockout::password_reset_undone`: back to the state before, as given; the
            // `WHERE` is its precondition (`UNDOABLE`).
        } => sqlx::query(concat!(
            "UPDATE users SET status = $2, failed_attempts = $3, attempts_left = $4, \
             blocked_at = $5, temp_password_hash = $6, updated_at = $7 \
             WHERE id = $1 AND status = 'awaiting_new_password' \
             AND temp_password_hash = $8 RETURNING ",
            user_columns!()
        ))
        .bind(user_id)
        .bind(status.as_str())
        .bind(*failed_attempts)
        .bind(*attempts_left)
        .bind(*blocked_at)
        .bind(temporary_password_hash.clone())
        .bind(now)
        .bind(reset_hash.clone()),
        UserChange::SetPhone(phone) => {
            // The old number is told, with no code in the message (issue 11).
            sqlx::query(
                "INSERT INTO sms_notices (phone, kind, created_at) \
                 SELECT phone, 'phone_changed', $2 FROM users \
                 WHERE id = $1 AND phone IS NOT NULL AND phone <> $3",
            )
            .bind(user_id)
            .bind(now)
            .bind(phone.as_e164().to_owned())
            .execute(&mut *tx)
            .await?;
            sqlx::query(concat!(
                "UPDATE users SET phone = $2, phone_changed_at = $3, updated_at = $3 \
                 WHERE id = $1 RETURNING ",
                user_columns!()
            ))
            .bind(user_id)
            .bind(phone.as_e164().to_owned())
            .bind(now)
        }
        UserChange::SetPasswordMasking(enabled) => sqlx::query(concat!(
            "UPDATE users SET password_masking = $2, pending_positions = NULL, \
             updated_at = $3 WHERE id = $1 RETURNING ",
            user_columns!()
        ))
        .bind(user_id)
        .bind(i64::from(*enabled))
        .bind(now),
        UserChange::AssignToken {
            serial,
            seed_sealed,
        } => {
            // The serial leaves the inventory for this user, once.
            let taken = sqlx::query(
                "UPDATE token_inventory SET state = 'assigned', user_id = $2, \
                 assigned_at = $3 WHERE serial = $1 AND state = 'available'",
            )
            .bind(serial.clone())
            .bind(user_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if taken.rows_affected() != 1 {
                return Err(StoreError::Conflict);
            }
            withdraw_serial_of(&mut tx, user_id, "replaced", now).await?;
            sqlx::query(concat!(
                "UPDATE users SET auth_tool = 'token', token_serial = $2, \
                 token_seed_sealed = $3, token_seed_binding = 'uid', \
                 token_last_step = NULL, updated_at = $4 \
                 WHERE id = $1 RETURNING ",
                user_columns!()
            ))
            .bind(user_id)
            .bind(serial.clone())
            .bind(seed_sealed.clone())
            .bind(now)
        }
        UserChange::WithdrawToken { reason } => {
            withdraw_serial_of(&mut tx, user_id, reason, now).await?;
            sqlx::query(concat!(
                "UPDATE users SET auth_tool = CASE WHEN phone IS NOT NULL THEN 'sms' \
                 ELSE auth_tool END, token_serial = NULL, token_seed_sealed = NULL, \
                 token_seed_binding = NULL, token_last_step = NULL, updated_at = $2 \
                 WHERE id = $1 AND token_seed_sealed IS NOT NULL RETURNING ",
                user_columns!()
            ))
            .bind(user_id)
            .bind(now)
        }
        UserChange::IssueEnvelope {
            temporary_password_hash,
        } => sqlx::query(concat!(
            "UPDATE users SET temp_password_hash = $2, updated_at = $3 WHERE id = $1 \
             AND status IN ('awaiting_new_password', 'pending_activation') RETURNING ",
            user_columns!()
        ))
        .bind(user_id)
        .bind(temporary_password_hash.clone())
        .bind(now),
        UserChange::Reprovision {
            attempts_left,
            temporary_password_hash,
            token_seed_sealed,
        } => sqlx::query(concat!(
            "UPDATE users SET status = 'pending_activation', attempts_left = $2, \
             failed_attempts = 0, blocked_at = NULL, pending_positions = NULL, \
             pw_length = NULL, pw_threshold = NULL, pw_salt = NULL, pw_shares = NULL, \
             pw_secret_hash = NULL, temp_password_hash = $3, token_seed_sealed = $4, \
             token_seed_binding = 'uid', token_last_step = NULL, updated_at = $5 \
             WHERE id = $1 RETURNING ",
            user_columns!()
        ))
        .bind(user_id)
        .bind(*attempts_left)
        .bind(temporary_password_hash.clone())
        .bind(token_seed_sealed.clone())
        .bind(now),
    };
    let Some(row) = query.fetch_optional(&mut *tx).await? else {
        return Err(StoreError::Conflict);
    };
    let record = user_from_row(&row)?;
    // The user switching masking for themselves keeps their session; every other
    // change of who they are or how they prove it ends what was open.
    if !matches!(change, UserChange::SetPasswordMasking(_)) {
        end_challenges_and_sessions(&mut tx, user_id).await?;
    }
    insert_audit(&mut *tx, audit).await?;
    tx.commit().await?;
    Ok(record)
}
