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

use super::users::{find_user, user_view};
use super::{Json, Path};
use crate::api::{
    ApprovalView, ErrorCode, Login, MilleKod, PasswordResetRequest, Problem, UserView,
};
use crate::api::{AuditAction, AuditOutcome};
use crate::domain::approval;
use crate::domain::lockout::{self, PasswordResetRefused, UnblockOutcome};
use crate::domain::policy::{Action, Target};
use crate::domain::temporary_password;
use crate::server::auth::Auth;
use crate::server::error::{ApiError, ApiResult};
use crate::server::hash_gate::Caller;
use crate::server::sms::{Sms, SmsKind};
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
    params(("millekod" = String, Path), ("login" = String, Path)),
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
    let target = Target::user(&millekod, &login);
    let reason = auth.reason(&state, request.reason.as_deref())?;
    let reason = reason.as_deref();
    auth.authorize(&state, Action::RequirePasswordChange, AUDIT_ACTION, target)
        .await?;
    let found = find_user(&state, &millekod, &login).await;
    let user = auth
        .audit_refusal(&state, AUDIT_ACTION, target, reason, found)
        .await?;
    let decided = decide(&state, &user);
    let outcome = auth
        .audit_refusal(&state, AUDIT_ACTION, target, reason, decided)
        .await?;
    let hold = state.settings.phone_change_hold;
    if user.phone.is_some() && approval::in_hold(user.phone_changed_at, now_millis(), hold) {
        let pending =
            super::approvals::request(&state, &auth, &user, APPROVAL_ACTION, reason).await?;
        return Ok((StatusCode::ACCEPTED, axum::Json(pending)).into_response());
    }
    let reset = Reset {
        target,
        reason,
        outcome,
        approved: None,
    };
    let updated = carry_out(&state, &auth, &user, reset).await?;
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
pub(super) struct Reset<'a> {
    pub target: Target<'a>,
    pub reason: Option<&'a str>,
    pub outcome: UnblockOutcome,
    /// Who asked and who approved, where a second operator did.
    pub approved: Option<String>,
}

/// Write the change and send the one-time access password by SMS; undone if it
/// cannot be sent.
pub(super) async fn carry_out(
    state: &AppState,
    auth: &Auth,
    user: &UserRecord,
    reset: Reset<'_>,
) -> ApiResult<UserRecord> {
    let Reset {
        target,
        reason,
        outcome,
        approved,
    } = reset;
    let access_password = user.phone.as_ref().map(|_| temporary_password::generate());
    let access_hash = match &access_password {
        Some(password) => {
            let password = password.clone();
            Some(
                state
                    .hash_gate
                    .run(Caller::Authenticated, move |memory| {
                        temporary_password::hash(
                            secrecy::ExposeSecret::expose_secret(&password),
                            memory,
                        )
                    })
                    .await?,
            )
        }
        None => None,
    };
    let delivery = match access_password {
        Some(_) => "access password by SMS",
        None => "no phone: access password by back-office envelope",
    };
    let detail = match approved {
        Some(approved) => format!("{delivery}; {approved}"),
        None => delivery.to_owned(),
    };
    let change = UserChange::RequireNewPassword {
        attempts_left: i64::from(outcome.attempts_left),
        temporary_password_hash: access_hash,
    };
    let entry = auth.audit(
        AUDIT_ACTION,
        target,
        AuditOutcome::Success,
        reason,
        Some(detail),
    );
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
            return auth
                .audit_refusal(state, AUDIT_ACTION, target, reason, Err(err))
                .await;
        }
        Err(other) => return Err(other.into()),
    };
    if let (Some(password), Some(phone)) = (&access_password, &updated.phone) {
        let sent = state
            .sms
            .send(&Sms {
                to: phone,
                kind: SmsKind::AccessPassword,
                secret: Some(password),
                challenge_id: None,
                reference: None,
            })
            .await;
        if let Err(err) = sent {
            return Err(undo(
                state,
                auth,
                target,
                reason,
                user,
                &updated,
                &err.to_string(),
            )
            .await);
        }
    }
    Ok(updated)
}

/// Undo a required change whose access password never reached the user: nobody can
/// use that password, and a user left awaiting it would be locked out until someone
/// noticed. The user goes back to the state they were in (their open sessions stay
/// ended), both steps are audited, and the caller can retry.
async fn undo(
    state: &AppState,
    auth: &Auth,
    target: Target<'_>,
    reason: Option<&str>,
    before: &UserRecord,
    after: &UserRecord,
    why: &str,
) -> ApiError {
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
            let entry = auth.audit(
                AUDIT_ACTION,
                target,
                AuditOutcome::Failure,
                reason,
                Some("the one-time access password was not delivered; change undone".into()),
            );
            state.store.change_user(before.id, &change, &entry).await
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
