//! `PUT|DELETE /v1/companies/{millekod}/users/{login}/suspension`: HelpDesk blocks a
//! user on purpose (issue 15: a lost token, suspected fraud, an employee who left) and
//! lifts that block again.
//!
//! A suspension is not a lockout: the status is `suspended`, no unblock lifts it, a
//! login is refused with its own code (`user_suspended`, where a block is revealed:
//! see `server::login::error`), and a release returns the user to the status they
//! were suspended from (`domain::lockout` says why). Only operators do either, never
//! a co-user or an API token (`domain::policy`, and README "Suspending a user" for
//! why not even a colleague). A suspension ends the user's sessions and challenges in
//! the same transaction as the change and its audit record (`user.suspend`, reason
//! required); on every replica the session check also refuses any user not active.

use axum::extract::State;

use super::acting::Acting;
use super::users::user_view;
use super::{Json, Path};
use crate::api::{
    AuditAction, ErrorCode, Login, MilleKod, Problem, ReleaseRequest, SuspendRequest,
    SuspensionView, UserView,
};
use crate::domain::display_text::Reason;
use crate::domain::lockout::{self, SuspensionRefused};
use crate::domain::policy::{Action, Target};
use crate::server::auth::Auth;
use crate::server::error::{ApiError, ApiResult};
use crate::server::login::millis_to_time;
use crate::server::state::AppState;
use crate::store::{StoreError, UserRecord};

/// What `UserView` shows of a suspension (present exactly while suspended).
pub fn view(user: &UserRecord) -> ApiResult<Option<SuspensionView>> {
    user.suspension
        .as_ref()
        .map(|s| {
            Ok(SuspensionView {
                suspended_at: millis_to_time(s.at)?,
                suspended_by: s.by.clone(),
                reason: s.reason.clone(),
                returns_to: s.returns_to,
            })
        })
        .transpose()
}

/// Suspend a company user, with a reason (required): their login is refused until an
/// operator releases it, and their sessions end now.
#[utoipa::path(put, path = "/v1/companies/{millekod}/users/{login}/suspension",
    tag = "users", security(("bearer" = [])),
    params(("millekod" = crate::api::MilleKod, Path), ("login" = crate::api::Login, Path)),
    request_body = SuspendRequest,
    responses((status = 200, body = UserView), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem),
              (status = 409, body = Problem, description = "suspended already"),
              (status = 422, body = Problem)))]
pub async fn suspend(
    State(state): State<AppState>,
    auth: Auth,
    Path((millekod, login)): Path<(MilleKod, Login)>,
    Json(request): Json<SuspendRequest>,
) -> ApiResult<axum::Json<UserView>> {
    // Required whatever the server's `require_reason`: it is what HelpDesk reads when
    // the user calls. Empty, too long or hidden characters: refused before anything.
    let reason = Reason::parse(&request.reason)?;
    let acting = Acting::new(
        &state,
        &auth,
        AuditAction::UserSuspend,
        Target::user(&millekod, &login),
        Some(reason.as_str()),
    );
    let user = acting.target_user(Action::Suspend).await?;
    acting
        .refusal(lockout::suspend(user.lockout_state()).map_err(|r| refused(r, &user)))
        .await?;
    let by = auth.principal.audit_name();
    let entry = acting.success(Some(format!("from {}", user.status.as_str())));
    let updated = match state
        .store
        .suspend_user(user.id, &by, reason.as_str(), &entry)
        .await
    {
        Ok(updated) => updated,
        // Suspended by someone else between our read and our write.
        Err(StoreError::Conflict) => {
            let err = refused(SuspensionRefused::AlreadySuspended, &user);
            return acting.refuse(err).await;
        }
        Err(other) => return Err(other.into()),
    };
    Ok(axum::Json(user_view(&updated, false)?))
}

/// Release a suspension: the user returns to the status they were suspended from
/// (a blocked user stays blocked; an unblock is a separate step).
#[utoipa::path(delete, path = "/v1/companies/{millekod}/users/{login}/suspension",
    tag = "users", security(("bearer" = [])),
    params(("millekod" = crate::api::MilleKod, Path), ("login" = crate::api::Login, Path)),
    request_body = ReleaseRequest,
    responses((status = 200, body = UserView), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem),
              (status = 409, body = Problem, description = "not suspended"),
              (status = 422, body = Problem)))]
pub async fn release(
    State(state): State<AppState>,
    auth: Auth,
    Path((millekod, login)): Path<(MilleKod, Login)>,
    Json(request): Json<ReleaseRequest>,
) -> ApiResult<axum::Json<UserView>> {
    let reason = auth.reason(&state, request.reason.as_deref())?;
    let acting = Acting::new(
        &state,
        &auth,
        AuditAction::UserRelease,
        Target::user(&millekod, &login),
        reason.as_deref(),
    );
    let user = acting.target_user(Action::ReleaseSuspension).await?;
    let returns_to = user.suspension.as_ref().map(|s| s.returns_to);
    acting
        .refusal(
            lockout::release_suspension(
                user.lockout_state(),
                returns_to.unwrap_or(crate::api::UserStatus::Blocked),
            )
            .map_err(|r| refused(r, &user)),
        )
        .await?;
    let detail = returns_to.map(|s| format!("back to {}", s.as_str()));
    let entry = acting.success(detail);
    let updated = match state.store.release_user(user.id, &entry).await {
        Ok(updated) => updated,
        // Released by someone else between our read and our write.
        Err(StoreError::Conflict) => {
            let err = refused(SuspensionRefused::NotSuspended, &user);
            return acting.refuse(err).await;
        }
        Err(other) => return Err(other.into()),
    };
    Ok(axum::Json(user_view(&updated, false)?))
}

/// A suspension the user's state does not allow: a 409 naming the user and why.
fn refused(refusal: SuspensionRefused, user: &UserRecord) -> ApiError {
    let code = match refusal {
        SuspensionRefused::AlreadySuspended => ErrorCode::Suspended,
        SuspensionRefused::NotSuspended => ErrorCode::NotSuspended,
    };
    let millekod = user.millekod.as_ref().map(|m| m.as_str()).unwrap_or("");
    ApiError::new(
        code,
        format!("user '{}' in MilleKod {millekod}: {refusal}", user.login),
    )
}
