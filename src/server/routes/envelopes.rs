//! `POST …/users/{login}/envelope`: back-office issues a sealed envelope with a one-time
//! access password (issue 11).
//!
//! The new-password flow always takes two factors: the one-time code *and* a one-time
//! access password that reaches the user through a channel the HelpDesk person (or
//! token) who unblocked does not control. For a user with a mobile number on file long
//! enough, that is an SMS at unblock time. For everyone else — token users without a
//! phone, or a first-login user who lost the envelope — it is this: back-office, a role
//! HelpDesk does not hold, prints a new password into a sealed envelope that the bank
//! sends to the user. The password is shown to back-office once and stored as a hash;
//! it replaces any earlier one and ends the user's open challenges and sessions.

use axum::extract::State;
use axum::http::StatusCode;

use super::acting::{new_temporary_password, Acting};
use super::users::user_view;
use super::{Json, Path};
use crate::api::{
    AuditAction, ErrorCode, IssueEnvelope, Login, MilleKod, Problem, UserCreated, UserStatus,
};
use crate::domain::policy::{Action, Target};
use crate::server::auth::Auth;
use crate::server::error::{ApiError, ApiResult};
use crate::server::state::AppState;
use crate::store::{StoreError, UserChange};

/// A new one-time access password for a user awaiting a new password or a first login;
/// shown this once, to back-office only.
#[utoipa::path(post, path = "/v1/companies/{millekod}/users/{login}/envelope",
    tag = "provisioning", security(("bearer" = [])),
    params(("millekod" = crate::api::MilleKod, Path), ("login" = crate::api::Login, Path)),
    request_body = IssueEnvelope,
    responses((status = 201, body = UserCreated), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
pub async fn issue(
    State(state): State<AppState>,
    auth: Auth,
    Path((millekod, login)): Path<(MilleKod, Login)>,
    Json(request): Json<IssueEnvelope>,
) -> ApiResult<(StatusCode, axum::Json<UserCreated>)> {
    let reason = auth.reason(&state, request.reason.as_deref())?;
    let acting = Acting::new(
        &state,
        &auth,
        AuditAction::EnvelopeIssue,
        Target::user(&millekod, &login),
        reason.as_deref(),
    );
    let user = acting.target_user(Action::IssueEnvelope).await?;
    let not_waiting = || {
        ApiError::new(
            ErrorCode::Conflict,
            format!(
                "user '{login}' in MilleKod {millekod} is {}; an envelope is for a user \
                 awaiting a new password (after an unblock) or a first login",
                user.status.as_str()
            ),
        )
    };
    if !matches!(
        user.status,
        UserStatus::AwaitingNewPassword | UserStatus::PendingActivation
    ) {
        return acting.refuse(not_waiting()).await;
    }
    let (password, hash) = new_temporary_password(&state).await?;
    let entry = acting.success(None);
    let change = UserChange::IssueEnvelope {
        temporary_password_hash: hash,
    };
    let updated = match state.store.change_user(user.id, &change, &entry).await {
        Ok(updated) => updated,
        Err(StoreError::Conflict) => return acting.refuse(not_waiting()).await,
        Err(other) => return Err(other.into()),
    };
    Ok((
        StatusCode::CREATED,
        axum::Json(UserCreated {
            user: user_view(&updated, false)?,
            temporary_password: password.into(),
        }),
    ))
}
