//! `POST /v1/companies/{millekod}/users/{login}/password-reset`: HelpDesk (or a co-user)
//! requires a new password of a user (issue 13) — one whose masked password is stored
//! under an old scheme, or whose password may be known to someone else.
//!
//! It is "unblock new password" (R10) for a user who need not be blocked, and is built
//! the same way on purpose, so that it opens no door the unblock keeps shut: the same
//! people may do it (`Action::RequirePasswordChange` follows `Action::Unblock`), the
//! user goes to `awaiting_new_password` with a full count, their sessions and
//! challenges end, a one-time access password goes by SMS that the caller never sees
//! (R11) — undone if it cannot be sent — and within the hold after a phone change it
//! waits for a second operator (`domain::approval`), since it could otherwise send a
//! victim's access password to a number just set. The decision is
//! `domain::lockout::require_new_password`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::acting::{new_temporary_password, Acting};
use super::users::{send_access_password, user_view};
use super::{Json, Path};
use crate::api::{
    ApprovalView, AuditAction, AuditOutcome, ErrorCode, Login, MilleKod, PasswordResetRequest,
    Problem, UserView,
};
use crate::domain::approval;
use crate::domain::lockout::{self, PasswordResetRefused, UnblockOutcome};
use crate::domain::policy::{Action, Target};
use crate::server::auth::Auth;
use crate::server::error::{ApiError, ApiResult};
use crate::server::state::AppState;
use crate::store::{now_millis, StoreError, UserChange, UserRecord};

/// The audit's name of the action.
pub const AUDIT_ACTION: AuditAction = AuditAction::UserPasswordReset;
/// The name of a request held for a second operator (`approvals`).
pub const APPROVAL_ACTION: &str = "password_reset";

/// Require a new password: the user's next login goes through the new-password flow,
/// with a one-time access password sent by SMS now (a token user without a phone gets
/// it in an envelope from back-office). Nobody does this to themselves (R11).
#[utoipa::path(post, path = "/v1/companies/{millekod}/users/{login}/password-reset",
    tag = "users", security(("bearer" = [])),
    params(("millekod" = crate::api::MilleKod, Path), ("login" = crate::api::Login, Path)),
    request_body = PasswordResetRequest,
    responses((status = 200, body = UserView),
              (status = 202, body = ApprovalView,
               description = "within the hold after a phone change: waits for a second operator"),
              (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem), (status = 502, body = Problem)))]
pub async fn require(
    State(state): State<AppState>,
    auth: Auth,
    Path((millekod, login)): Path<(MilleKod, Login)>,
    Json(request): Json<PasswordResetRequest>,
) -> ApiResult<Response> {
    let reason = auth.reason(&state, request.reason.as_deref())?;
    let acting = Acting::new(
        &state,
        &auth,
        AUDIT_ACTION,
        Target::user(&millekod, &login),
        reason.as_deref(),
    );
    let user = acting.target_user(Action::RequirePasswordChange).await?;
    let outcome = acting.refusal(decide(&state, &user)).await?;
    // A dry run (what the CLI shows before asking) stops here, recorded under this
    // action rather than as a separate `user.show`.
    if request.dry_run {
        let detail = Some("dry run".to_owned());
        state.store.append_audit(&acting.success(detail)).await?;
        return Ok(axum::Json(user_view(&user, false)?).into_response());
    }
    let hold = state.settings.phone_change_hold;
    if user.phone.is_some() && approval::in_hold(user.phone_changed_at, now_millis(), hold) {
        let pending = super::approvals::request(&acting, &user, APPROVAL_ACTION).await?;
        return Ok((StatusCode::ACCEPTED, axum::Json(pending)).into_response());
    }
    let reset = Reset {
        outcome,
        approved: None,
    };
    let updated = carry_out(&acting, &user, reset).await?;
    Ok(axum::Json(user_view(&updated, false)?).into_response())
}

/// The rule on the user's state (a refusal is a 409 naming why).
pub(super) fn decide(state: &AppState, user: &UserRecord) -> ApiResult<UnblockOutcome> {
    lockout::require_new_password(user.unblock_facts(), state.settings.lockout_limit)
        .map_err(|refusal| refused(refusal, user))
}

fn refused(refusal: PasswordResetRefused, user: &UserRecord) -> ApiError {
    let code = match refusal {
        PasswordResetRefused::NoAuthorizationTool => ErrorCode::NoAuthorizationTool,
        PasswordResetRefused::Suspended => ErrorCode::Suspended,
        PasswordResetRefused::PendingActivation | PasswordResetRefused::AwaitingNewPassword => {
            ErrorCode::Conflict
        }
    };
    let millekod = user.millekod.as_ref().map(|m| m.as_str()).unwrap_or("");
    ApiError::new(
        code,
        format!("user '{}' in MilleKod {millekod}: {refusal}", user.login),
    )
}

/// A required change decided and allowed, to write and send.
pub(super) struct Reset {
    pub outcome: UnblockOutcome,
    /// Who asked and who approved, where a second operator did.
    pub approved: Option<String>,
}

/// Write the change (`acting` is the `user.password_reset` on the user) and send the
/// one-time access password by SMS; undone if it cannot be sent.
pub(super) async fn carry_out(
    acting: &Acting<'_>,
    user: &UserRecord,
    reset: Reset,
) -> ApiResult<UserRecord> {
    let Reset { outcome, approved } = reset;
    let state = acting.state;
    let access = match &user.phone {
        Some(_) => Some(new_temporary_password(state).await?),
        None => None,
    };
    let delivery = match access {
        Some(_) => "access password by SMS",
        None => "no phone: access password by back-office envelope",
    };
    let detail = match approved {
        Some(approved) => format!("{delivery}; {approved}"),
        None => delivery.to_owned(),
    };
    let change = UserChange::RequireNewPassword {
        attempts_left: i64::from(outcome.attempts_left),
        temporary_password_hash: access.as_ref().map(|(_, hash)| hash.clone()),
    };
    let entry = acting.success(Some(detail));
    let updated = match state.store.change_user(user.id, &change, &entry).await {
        Ok(updated) => updated,
        // The user's state changed between our read and our write.
        Err(StoreError::Conflict) => {
            let err = ApiError::new(
                ErrorCode::Conflict,
                format!(
                    "user '{}' changed meanwhile (now neither active nor blocked); nothing done",
                    user.login
                ),
            );
            return acting.refuse(err).await;
        }
        Err(other) => return Err(other.into()),
    };
    if let (Some((password, _)), Some(phone)) = (&access, &updated.phone) {
        if let Err(why) = send_access_password(state, phone, password).await {
            return Err(undo(acting, user, &updated, &why).await);
        }
    }
    Ok(updated)
}

/// Undo a required change whose access password never reached the user: nobody can
/// use that password, and a user left awaiting it would be locked out until someone
/// noticed. The user goes back to the state they were in (their open sessions stay
/// ended), both steps are audited, and the caller can retry.
async fn undo(acting: &Acting<'_>, before: &UserRecord, after: &UserRecord, why: &str) -> ApiError {
    let login = &before.login;
    let undone = match &after.temporary_password_hash {
        Some(reset_hash) => {
            let change = UserChange::UndoPasswordReset {
                reset_hash: reset_hash.clone(),
                status: before.status,
                failed_attempts: before.failed_attempts,
                attempts_left: before.attempts_left,
                blocked_at: before.blocked_at,
                temporary_password_hash: before.temporary_password_hash.clone(),
            };
            let entry = acting.record(
                AuditOutcome::Failure,
                Some("the one-time access password was not delivered; change undone".into()),
            );
            acting
                .state
                .store
                .change_user(before.id, &change, &entry)
                .await
        }
        None => Err(StoreError::Conflict),
    };
    match undone {
        Ok(_) => ApiError::new(
            ErrorCode::SmsDeliveryFailed,
            format!(
                "the one-time access password for user '{login}' was not delivered ({why}); \
                 the user is back as they were (their open sessions ended); retry later"
            ),
        ),
        Err(err) => {
            tracing::error!(user = %login, error = %err,
                "cannot undo a required password change whose SMS failed");
            ApiError::new(
                ErrorCode::SmsDeliveryFailed,
                format!(
                    "user '{login}' awaits a new password, but the one-time access password \
                     was not delivered ({why})"
                ),
            )
        }
    }
}
