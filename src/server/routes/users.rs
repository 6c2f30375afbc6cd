//! `/v1/companies/{millekod}/users…`: what HelpDesk and co-users do with users —
//! show, list, unblock (R9, R10), phone numbers (R4) and the masking switch (R3).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::{Json, Path, Query};
use crate::api::{
    ApprovalView, ErrorCode, ListUsersQuery, Login, MilleKod, Problem, SetPasswordMaskingRequest,
    SetPhoneRequest, ShowUserQuery, UnblockMode, UnblockRequest, UserList, UserView,
};
use crate::api::{AuditAction, AuditOutcome};
use crate::domain::approval;
use crate::domain::lockout::{self, UnblockRefused};
use crate::domain::phone::PhoneNumber;
use crate::domain::policy::{Action, Target};
use crate::domain::temporary_password;
use crate::server::auth::Auth;
use crate::server::error::{ApiError, ApiResult};
use crate::server::hash_gate::Caller;
use crate::server::login::millis_to_time;
use crate::server::sms::{Sms, SmsKind};
use crate::server::state::AppState;
use crate::store::{now_millis, UserChange, UserRecord};

/// The user as HelpDesk sees it; the phone masked unless `reveal_phone`.
pub fn user_view(user: &UserRecord, reveal_phone: bool) -> ApiResult<UserView> {
    let millekod = user
        .millekod
        .clone()
        .ok_or_else(|| ApiError::internal("an operator is not a company user"))?;
    Ok(UserView {
        millekod,
        login: user.login.clone(),
        name: user.name.clone(),
        status: user.status,
        failed_attempts: u32::try_from(user.failed_attempts).unwrap_or(0),
        attempts_left: u32::try_from(user.attempts_left.max(0)).unwrap_or(0),
        auth_tool: user.auth_tool,
        phone: user.phone.as_ref().map(|p| {
            if reveal_phone {
                p.as_e164().to_owned()
            } else {
                p.masked()
            }
        }),
        password_masking: user.password_masking,
        last_login_at: user.last_login_at.map(millis_to_time).transpose()?,
        blocked_at: user.blocked_at.map(millis_to_time).transpose()?,
    })
}

/// The user, or a 404 naming who was looked for.
pub async fn find_user(
    state: &AppState,
    millekod: &MilleKod,
    login: &Login,
) -> ApiResult<UserRecord> {
    state
        .store
        .find_user(Some(millekod), login)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no user '{login}' in MilleKod {millekod}")))
}

pub async fn ensure_company(state: &AppState, millekod: &MilleKod) -> ApiResult<()> {
    match state.store.company_name(millekod).await? {
        Some(_) => Ok(()),
        None => Err(ApiError::not_found(format!(
            "no company with MilleKod {millekod}"
        ))),
    }
}

/// Users of a company, optionally only those in one status (e.g. `blocked`).
#[utoipa::path(get, path = "/v1/companies/{millekod}/users", tag = "users",
    security(("bearer" = [])),
    params(("millekod" = String, Path, description = "8-digit MilleKod"), ListUsersQuery),
    responses((status = 200, body = UserList), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Path(millekod): Path<MilleKod>,
    Query(query): Query<ListUsersQuery>,
) -> ApiResult<axum::Json<UserList>> {
    let target = Target::company(&millekod);
    auth.authorize(&state, Action::ListUsers, AuditAction::UserList, target)
        .await?;
    let found = ensure_company(&state, &millekod).await;
    auth.audit_refusal(&state, AuditAction::UserList, target, None, found)
        .await?;
    let users = state.store.list_users(&millekod, query.status).await?;
    let detail = match query.status {
        Some(status) => format!("{} users, status {}", users.len(), status.as_str()),
        None => format!("{} users", users.len()),
    };
    state
        .store
        .append_audit(&auth.audit(
            AuditAction::UserList,
            target,
            AuditOutcome::Success,
            None,
            Some(detail),
        ))
        .await?;
    let users = users
        .iter()
        .map(|u| user_view(u, false))
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(axum::Json(UserList { users }))
}

/// One user. `reveal_phone=true` shows the whole number and is audited as such.
#[utoipa::path(get, path = "/v1/companies/{millekod}/users/{login}", tag = "users",
    security(("bearer" = [])),
    params(("millekod" = String, Path), ("login" = String, Path), ShowUserQuery),
    responses((status = 200, body = UserView), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem)))]
pub async fn show(
    State(state): State<AppState>,
    auth: Auth,
    Path((millekod, login)): Path<(MilleKod, Login)>,
    Query(query): Query<ShowUserQuery>,
) -> ApiResult<axum::Json<UserView>> {
    let target = Target::user(&millekod, &login);
    auth.authorize(&state, Action::ShowUser, AuditAction::UserShow, target)
        .await?;
    if query.reveal_phone {
        auth.authorize(&state, Action::RevealPhone, AuditAction::UserShow, target)
            .await?;
    }
    let found = find_user(&state, &millekod, &login).await;
    let user = auth
        .audit_refusal(&state, AuditAction::UserShow, target, None, found)
        .await?;
    let detail = query.reveal_phone.then(|| "phone revealed".to_owned());
    state
        .store
        .append_audit(&auth.audit(
            AuditAction::UserShow,
            target,
            AuditOutcome::Success,
            None,
            detail,
        ))
        .await?;
    Ok(axum::Json(user_view(&user, query.reveal_phone)?))
}

/// Unblock a user (R9: three more attempts with the current password; R10: a one-time
/// access password by SMS, then a new password). Nobody unblocks themselves (R11).
#[utoipa::path(post, path = "/v1/companies/{millekod}/users/{login}/unblock", tag = "users",
    security(("bearer" = [])),
    params(("millekod" = String, Path), ("login" = String, Path)),
    request_body = UnblockRequest,
    responses((status = 200, body = UserView),
              (status = 202, body = ApprovalView,
               description = "within the hold after a phone change: waits for a second operator"),
              (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem), (status = 502, body = Problem)))]
pub async fn unblock(
    State(state): State<AppState>,
    auth: Auth,
    Path((millekod, login)): Path<(MilleKod, Login)>,
    Json(request): Json<UnblockRequest>,
) -> ApiResult<Response> {
    let target = Target::user(&millekod, &login);
    let reason = auth.reason(&state, request.reason.as_deref())?;
    auth.authorize(&state, Action::Unblock, AuditAction::UserUnblock, target)
        .await?;
    let found = find_user(&state, &millekod, &login).await;
    let user = auth
        .audit_refusal(
            &state,
            AuditAction::UserUnblock,
            target,
            reason.as_deref(),
            found,
        )
        .await?;
    let mode = request.mode;
    // (a refusal below is answered through `refused`, a 409)
    let facts = user.unblock_facts();
    // A refusal is a conflict, audited with its reason.
    let refused = |refusal| {
        let err = unblock_refused(refusal, mode, &millekod, &login);
        auth.audit_refusal::<UserView>(
            &state,
            AuditAction::UserUnblock,
            target,
            reason.as_deref(),
            Err(err),
        )
    };
    let outcome = match lockout::unblock(facts, mode, state.settings.lockout_limit) {
        Ok(outcome) => outcome,
        Err(refusal) => {
            return refused(refusal)
                .await
                .map(|view| axum::Json(view).into_response())
        }
    };
    // Within the hold after a phone change, an access password goes to the new number
    // only with a second operator's approval (see `domain::approval`).
    let now = now_millis();
    let hold = state.settings.phone_change_hold;
    if mode == UnblockMode::NewPassword
        && user.phone.is_some()
        && approval::in_hold(user.phone_changed_at, now, hold)
    {
        let pending = super::approvals::request(
            &state,
            &auth,
            &user,
            "unblock_new_password",
            reason.as_deref(),
        )
        .await?;
        return Ok((StatusCode::ACCEPTED, axum::Json(pending)).into_response());
    }
    let done = Unblocking {
        target,
        reason: reason.as_deref(),
        mode,
        outcome,
        detail: mode.as_str().to_owned(),
    };
    let updated = carry_out(&state, &auth, &user, done).await?;
    Ok(axum::Json(user_view(&updated, false)?).into_response())
}

/// An unblock decided and allowed, to write and (for a new password) send.
pub(super) struct Unblocking<'a> {
    pub target: Target<'a>,
    pub reason: Option<&'a str>,
    pub mode: UnblockMode,
    pub outcome: lockout::UnblockOutcome,
    /// The audit record's detail (the mode, and who approved where someone did).
    pub detail: String,
}

/// Write an unblock and, for a new password, send the one-time access password by SMS
/// (R10; HelpDesk never sees it, R11); undone if the SMS cannot be sent.
pub(super) async fn carry_out(
    state: &AppState,
    auth: &Auth,
    user: &UserRecord,
    done: Unblocking<'_>,
) -> ApiResult<UserRecord> {
    let Unblocking {
        target,
        reason,
        mode,
        outcome,
        detail,
    } = done;
    let access_password = match (mode, &user.phone) {
        (UnblockMode::NewPassword, Some(_)) => Some(temporary_password::generate()),
        _ => None,
    };
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
    let change = UserChange::Unblock {
        status: outcome.status,
        attempts_left: i64::from(outcome.attempts_left),
        temporary_password_hash: access_hash,
    };
    let entry = auth.audit(
        AuditAction::UserUnblock,
        target,
        AuditOutcome::Success,
        reason,
        Some(detail),
    );
    let updated = match state.store.change_user(user.id, &change, &entry).await {
        Ok(updated) => updated,
        // Someone else unblocked the user between our read and our write.
        Err(crate::store::StoreError::Conflict) => {
            let (millekod, login) = (user.millekod.clone(), user.login.clone());
            let millekod = millekod.ok_or_else(|| ApiError::internal("an operator"))?;
            let err = unblock_refused(UnblockRefused::NotBlocked, mode, &millekod, &login);
            return auth
                .audit_refusal(state, AuditAction::UserUnblock, target, reason, Err(err))
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
            let failed = FailedUnblock {
                target,
                reason,
                mode,
                before: user,
                after: &updated,
            };
            return Err(undo_unblock(state, auth, failed, &err.to_string()).await);
        }
    }
    Ok(updated)
}

/// The answer to an unblock the user's state does not allow.
fn unblock_refused(
    refusal: UnblockRefused,
    mode: UnblockMode,
    millekod: &MilleKod,
    login: &Login,
) -> ApiError {
    let code = match refusal {
        UnblockRefused::NotBlocked => ErrorCode::NotBlocked,
        UnblockRefused::NoAuthorizationTool => ErrorCode::NoAuthorizationTool,
    };
    let detail = format!(
        "user '{login}' in MilleKod {millekod} ({} unblock): {refusal}",
        mode.as_str()
    );
    ApiError::new(code, detail)
}

/// An unblock written, whose one-time access password could not be sent.
struct FailedUnblock<'a> {
    target: Target<'a>,
    reason: Option<&'a str>,
    mode: UnblockMode,
    before: &'a UserRecord,
    after: &'a UserRecord,
}

/// Undo an unblock whose access password never reached the user: nobody can use that
/// password, and a user left awaiting it could not be unblocked again (only a blocked
/// user can). So the user goes back to blocked, exactly as before, both steps are
/// audited, and the caller can simply retry.
async fn undo_unblock(
    state: &AppState,
    auth: &Auth,
    failed: FailedUnblock<'_>,
    why: &str,
) -> ApiError {
    let login = &failed.before.login;
    let undone = match &failed.after.temporary_password_hash {
        Some(unblocked_hash) => {
            let change = UserChange::UndoUnblock {
                unblocked_hash: unblocked_hash.clone(),
                failed_attempts: failed.before.failed_attempts,
                attempts_left: failed.before.attempts_left,
                blocked_at: failed.before.blocked_at,
                temporary_password_hash: failed.before.temporary_password_hash.clone(),
            };
            let entry = auth.audit(
                AuditAction::UserUnblock,
                failed.target,
                AuditOutcome::Failure,
                failed.reason,
                Some(format!(
                    "{}: the one-time access password was not delivered; unblock undone",
                    failed.mode.as_str()
                )),
            );
            state
                .store
                .change_user(failed.before.id, &change, &entry)
                .await
        }
        None => Err(crate::store::StoreError::Conflict),
    };
    match undone {
        Ok(_) => ApiError::new(
            ErrorCode::SmsDeliveryFailed,
            format!(
                "the one-time access password for user '{login}' was not delivered ({why}); \
                 nothing changed, the user is still blocked; retry the unblock later"
            ),
        ),
        Err(err) => {
            tracing::error!(user = %login, error = %err, "cannot undo an unblock whose SMS failed");
            ApiError::new(
                ErrorCode::SmsDeliveryFailed,
                format!(
                    "user '{login}' is unblocked and awaits a new password, but the one-time \
                     access password was not delivered ({why})"
                ),
            )
        }
    }
}

/// Add or change the user's mobile number for SMS codes (R4).
#[utoipa::path(put, path = "/v1/companies/{millekod}/users/{login}/phone", tag = "users",
    security(("bearer" = [])),
    params(("millekod" = String, Path), ("login" = String, Path)),
    request_body = SetPhoneRequest,
    responses((status = 200, body = UserView), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn set_phone(
    State(state): State<AppState>,
    auth: Auth,
    Path((millekod, login)): Path<(MilleKod, Login)>,
    Json(request): Json<SetPhoneRequest>,
) -> ApiResult<axum::Json<UserView>> {
    let target = Target::user(&millekod, &login);
    let reason = auth.reason(&state, request.reason.as_deref())?;
    let phone = PhoneNumber::parse(&request.phone)
        .map_err(|e| ApiError::new(ErrorCode::InvalidPhone, e.to_string()))?;
    auth.authorize(&state, Action::SetPhone, AuditAction::PhoneSet, target)
        .await?;
    let found = find_user(&state, &millekod, &login).await;
    let user = auth
        .audit_refusal(
            &state,
            AuditAction::PhoneSet,
            target,
            reason.as_deref(),
            found,
        )
        .await?;
    let detail = format!(
        "{} -> {}",
        user.phone
            .as_ref()
            .map(PhoneNumber::masked)
            .unwrap_or_else(|| "none".into()),
        phone.masked()
    );
    let entry = auth.audit(
        AuditAction::PhoneSet,
        target,
        AuditOutcome::Success,
        reason.as_deref(),
        Some(detail),
    );
    let changed = state
        .store
        .change_user(user.id, &UserChange::SetPhone(phone), &entry)
        .await
        .map_err(ApiError::from);
    let updated = auth
        .audit_refusal(
            &state,
            AuditAction::PhoneSet,
            target,
            reason.as_deref(),
            changed,
        )
        .await?;
    // The caller typed the number; showing it back normalized reveals nothing new.
    Ok(axum::Json(user_view(&updated, true)?))
}

/// Switch masked password on or off (R3): the user themself, no further authorization.
#[utoipa::path(put, path = "/v1/companies/{millekod}/users/{login}/password-masking",
    tag = "users", security(("bearer" = [])),
    params(("millekod" = String, Path), ("login" = String, Path)),
    request_body = SetPasswordMaskingRequest,
    responses((status = 200, body = UserView), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn set_password_masking(
    State(state): State<AppState>,
    auth: Auth,
    Path((millekod, login)): Path<(MilleKod, Login)>,
    Json(request): Json<SetPasswordMaskingRequest>,
) -> ApiResult<axum::Json<UserView>> {
    let target = Target::user(&millekod, &login);
    let reason = auth.reason(&state, request.reason.as_deref())?;
    auth.authorize(
        &state,
        Action::SetPasswordMasking,
        AuditAction::PasswordMaskingSet,
        target,
    )
    .await?;
    let found = find_user(&state, &millekod, &login).await;
    let user = auth
        .audit_refusal(
            &state,
            AuditAction::PasswordMaskingSet,
            target,
            reason.as_deref(),
            found,
        )
        .await?;
    let detail = if request.enabled { "on" } else { "off" };
    let entry = auth.audit(
        AuditAction::PasswordMaskingSet,
        target,
        AuditOutcome::Success,
        reason.as_deref(),
        Some(detail.to_owned()),
    );
    let changed = state
        .store
        .change_user(
            user.id,
            &UserChange::SetPasswordMasking(request.enabled),
            &entry,
        )
        .await
        .map_err(ApiError::from);
    let updated = auth
        .audit_refusal(
            &state,
            AuditAction::PasswordMaskingSet,
            target,
            reason.as_deref(),
            changed,
        )
        .await?;
    Ok(axum::Json(user_view(&updated, false)?))
}
