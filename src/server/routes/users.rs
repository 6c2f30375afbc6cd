//! `/v1/companies/{millekod}/users…`: what HelpDesk and co-users do with users —
//! show, list, unblock (R9, R10), phone numbers (R4) and the masking switch (R3).

use crate::server::access_log::ActorKind;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::acting::{new_temporary_password, Acting};
use super::{Json, Path, Query};
use crate::api::{format_statuses, list_cursor, list_page_size, parse_list_cursor, parse_statuses};
use crate::api::{
    ApprovalView, AuditAction, AuditOutcome, ErrorCode, ListUsersQuery, Login, MilleKod, Problem,
    SetPasswordMaskingRequest, SetPhoneRequest, ShowUserQuery, UnblockMode, UnblockRequest,
    UserList, UserView,
};
use crate::domain::approval;
use crate::domain::lockout::{self, UnblockRefused};
use crate::domain::phone::PhoneNumber;
use crate::domain::policy::{Action, Target};
use crate::server::auth::Auth;
use crate::server::error::{ApiError, ApiResult};
use crate::server::login::millis_to_time;
use crate::server::sms::{Sms, SmsKind};
use crate::server::state::AppState;
use crate::store::{now_millis, StoreError, UserChange, UserFilter, UserListing, UserRecord};

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
        suspension: super::suspensions::view(user)?,
        last_failure: None,
        blocked_by: None,
        actions: Vec::new(),
        co_users_who_can_help: None,
    })
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
    params(("millekod" = crate::api::MilleKod, Path, description = "8-digit MilleKod"), ListUsersQuery),
    responses((status = 200, body = UserList), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Path(millekod): Path<MilleKod>,
    Query(query): Query<ListUsersQuery>,
) -> ApiResult<axum::Json<UserList>> {
    let acting = Acting::new(
        &state,
        &auth,
        AuditAction::UserList,
        Target::company(&millekod),
        None,
    );
    acting.authorize(Action::ListUsers).await?;
    acting
        .refusal(ensure_company(&state, &millekod).await)
        .await?;
    let limit = list_page_size(query.limit).map_err(ApiError::invalid_input)?;
    let statuses = match &query.status {
        Some(text) => parse_statuses(text).map_err(ApiError::invalid_input)?,
        None => Vec::new(),
    };
    let after_login = query
        .cursor
        .as_deref()
        .map(parse_list_cursor)
        .transpose()
        .map_err(ApiError::invalid_input)?;
    let filter = UserFilter {
        statuses,
        tool: query.tool,
        limit: limit + 1,
    };
    let mut users = state
        .store
        .list_users(&UserListing {
            millekod: &millekod,
            filter: &filter,
            after_login: after_login.as_ref(),
        })
        .await?;
    let more = users.len() > limit as usize;
    users.truncate(limit as usize);
    let next_cursor = more
        .then(|| users.last().map(|u| list_cursor(&u.login)))
        .flatten();
    let mut detail = format!("{} users", users.len());
    if let Some(statuses) = format_statuses(&filter.statuses) {
        detail.push_str(&format!(", status {statuses}"));
    }
    if let Some(tool) = filter.tool {
        detail.push_str(&format!(", tool {}", tool.as_str()));
    }
    if more {
        detail.push_str(", more follow");
    }
    state
        .store
        .append_audit(&acting.success(Some(detail)))
        .await?;
    let users = users
        .iter()
        .map(|u| user_view(u, false))
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(axum::Json(UserList { users, next_cursor }))
}

/// One user. `reveal_phone=true` shows the whole number and is audited as such.
#[utoipa::path(get, path = "/v1/companies/{millekod}/users/{login}", tag = "users",
    security(("bearer" = [])),
    params(("millekod" = crate::api::MilleKod, Path), ("login" = crate::api::Login, Path), ShowUserQuery),
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
    let acting = Acting::new(&state, &auth, AuditAction::UserShow, target, None);
    acting.authorize(Action::ShowUser).await?;
    if query.reveal_phone {
        acting.authorize(Action::RevealPhone).await?;
    }
    let user = acting.find_user().await?;
    let detail = query.reveal_phone.then(|| "phone revealed".to_owned());
    let mut view = user_view(&user, query.reveal_phone)?;
    // The next question answered (issue 15): why blocked, what now, who can help.
    super::history::advise(&state, &user, &mut view).await?;
    state.store.append_audit(&acting.success(detail)).await?;
    Ok(axum::Json(view))
}

/// Unblock a user (R9: three more attempts with the current password; R10: a one-time
/// access password by SMS, then a new password). Nobody unblocks themselves (R11).
#[utoipa::path(post, path = "/v1/companies/{millekod}/users/{login}/unblock", tag = "users",
    security(("bearer" = [])),
    params(("millekod" = crate::api::MilleKod, Path), ("login" = crate::api::Login, Path)),
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
    let reason = auth.reason(&state, request.reason.as_deref())?;
    let target = Target::user(&millekod, &login);
    let acting = Acting::new(
        &state,
        &auth,
        AuditAction::UserUnblock,
        target,
        reason.as_deref(),
    );
    let user = acting.target_user(Action::Unblock).await?;
    let mode = request.mode;
    let outcome = match lockout::unblock(user.unblock_facts(), mode, state.settings.lockout_limit) {
        Ok(outcome) => outcome,
        // A refusal is a conflict, audited with its reason.
        Err(refusal) => {
            let err = unblock_refused(refusal, mode, &millekod, &login);
            return acting.refuse(err).await;
        }
    };
    // A dry run (issue 15: what the CLI shows before asking) stops here, recorded
    // under this action rather than as a separate `user.show`.
    if request.dry_run {
        let detail = format!("dry run: {}", mode.as_str());
        state
            .store
            .append_audit(&acting.success(Some(detail)))
            .await?;
        return Ok(axum::Json(user_view(&user, false)?).into_response());
    }
    // Within the hold after a phone change, an access password goes to the new number
    // only with a second operator's approval (see `domain::approval`).
    let now = now_millis();
    let hold = state.settings.phone_change_hold;
    if mode == UnblockMode::NewPassword
        && user.phone.is_some()
        && approval::in_hold(user.phone_changed_at, now, hold)
    {
        let pending = super::approvals::request(&acting, &user, "unblock_new_password").await?;
        return Ok((StatusCode::ACCEPTED, axum::Json(pending)).into_response());
    }
    let done = Unblocking {
        mode,
        outcome,
        detail: mode.as_str().to_owned(),
    };
    let updated = carry_out(&acting, &user, done).await?;
    Ok(axum::Json(user_view(&updated, false)?).into_response())
}

/// An unblock decided and allowed, to write and (for a new password) send.
pub(super) struct Unblocking {
    pub mode: UnblockMode,
    pub outcome: lockout::UnblockOutcome,
    /// The audit record's detail (the mode, and who approved where someone did).
    pub detail: String,
}

/// Write an unblock (`acting` is the `user.unblock` on the user) and, for a new
/// password, send the one-time access password by SMS (R10; HelpDesk never sees it,
/// R11); undone if the SMS cannot be sent.
pub(super) async fn carry_out(
    acting: &Acting<'_>,
    user: &UserRecord,
    done: Unblocking,
) -> ApiResult<UserRecord> {
    let Unblocking {
        mode,
        outcome,
        detail,
    } = done;
    let state = acting.state;
    let access = match (mode, &user.phone) {
        (UnblockMode::NewPassword, Some(_)) => Some(new_temporary_password(state).await?),
        _ => None,
    };
    let change = UserChange::Unblock {
        status: outcome.status,
        attempts_left: i64::from(outcome.attempts_left),
        temporary_password_hash: access.as_ref().map(|(_, hash)| hash.clone()),
    };
    let entry = acting.success(Some(detail));
    let updated = match state.store.change_user(user.id, &change, &entry).await {
        Ok(updated) => updated,
        // Someone else unblocked the user between our read and our write.
        Err(StoreError::Conflict) => {
            let millekod = user
                .millekod
                .as_ref()
                .ok_or_else(|| ApiError::internal("an operator"))?;
            let err = unblock_refused(UnblockRefused::NotBlocked, mode, millekod, &user.login);
            return acting.refuse(err).await;
        }
        Err(other) => return Err(other.into()),
    };
    if let (Some((password, _)), Some(phone)) = (&access, &updated.phone) {
        if let Err(why) = send_access_password(state, phone, password).await {
            let failed = FailedUnblock {
                mode,
                before: user,
                after: &updated,
            };
            return Err(undo_unblock(acting, failed, &why).await);
        }
    }
    let actor = ActorKind::of(&acting.auth.principal);
    state.metrics.events.unblocked(mode, actor);
    Ok(updated)
}

/// Send a one-time access password by SMS (it never appears in an answer, R11); the
/// error says why it did not go.
pub(super) async fn send_access_password(
    state: &AppState,
    phone: &PhoneNumber,
    password: &secrecy::SecretString,
) -> Result<(), String> {
    let sms = Sms {
        to: phone,
        kind: SmsKind::AccessPassword,
        secret: Some(password),
        challenge_id: None,
        reference: None,
    };
    state.sms.send(&sms).await.map_err(|err| err.to_string())
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
        UnblockRefused::Suspended => ErrorCode::Suspended,
    };
    let detail = format!(
        "user '{login}' in MilleKod {millekod} ({} unblock): {refusal}",
        mode.as_str()
    );
    ApiError::new(code, detail)
}

/// An unblock written, whose one-time access password could not be sent.
struct FailedUnblock<'a> {
    mode: UnblockMode,
    before: &'a UserRecord,
    after: &'a UserRecord,
}

/// Undo an unblock whose access password never reached the user: nobody can use that
/// password, and a user left awaiting it could not be unblocked again (only a blocked
/// user can). So the user goes back to blocked, exactly as before, both steps are
/// audited, and the caller can simply retry.
async fn undo_unblock(acting: &Acting<'_>, failed: FailedUnblock<'_>, why: &str) -> ApiError {
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
            let entry = acting.record(
                AuditOutcome::Failure,
                Some(format!(
                    "{}: the one-time access password was not delivered; unblock undone",
                    failed.mode.as_str()
                )),
            );
            acting
                .state
                .store
                .change_user(failed.before.id, &change, &entry)
                .await
        }
        None => Err(StoreError::Conflict),
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
    params(("millekod" = crate::api::MilleKod, Path), ("login" = crate::api::Login, Path)),
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
    let reason = auth.reason(&state, request.reason.as_deref())?;
    let phone = PhoneNumber::parse(&request.phone)
        .map_err(|e| ApiError::new(ErrorCode::InvalidPhone, e.to_string()))?;
    let acting = Acting::new(
        &state,
        &auth,
        AuditAction::PhoneSet,
        Target::user(&millekod, &login),
        reason.as_deref(),
    );
    let user = acting.target_user(Action::SetPhone).await?;
    let detail = format!(
        "{} -> {}",
        user.phone
            .as_ref()
            .map(PhoneNumber::masked)
            .unwrap_or_else(|| "none".into()),
        phone.masked()
    );
    let entry = acting.success(Some(detail));
    let changed = state
        .store
        .change_user(user.id, &UserChange::SetPhone(phone), &entry)
        .await
        .map_err(ApiError::from);
    let updated = acting.refusal(changed).await?;
    // The caller typed the number; showing it back normalized reveals nothing new.
    Ok(axum::Json(user_view(&updated, true)?))
}

/// Switch masked password on or off (R3): the user themself, no further authorization.
#[utoipa::path(put, path = "/v1/companies/{millekod}/users/{login}/password-masking",
    tag = "users", security(("bearer" = [])),
    params(("millekod" = crate::api::MilleKod, Path), ("login" = crate::api::Login, Path)),
    request_body = SetPasswordMaskingRequest,
    responses((status = 200, body = UserView), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn set_password_masking(
    State(state): State<AppState>,
    auth: Auth,
    Path((millekod, login)): Path<(MilleKod, Login)>,
    Json(request): Json<SetPasswordMaskingRequest>,
) -> ApiResult<axum::Json<UserView>> {
    let reason = auth.reason(&state, request.reason.as_deref())?;
    let acting = Acting::new(
        &state,
        &auth,
        AuditAction::PasswordMaskingSet,
        Target::user(&millekod, &login),
        reason.as_deref(),
    );
    let user = acting.target_user(Action::SetPasswordMasking).await?;
    let detail = if request.enabled { "on" } else { "off" };
    let entry = acting.success(Some(detail.to_owned()));
    let changed = state
        .store
        .change_user(
            user.id,
            &UserChange::SetPasswordMasking(request.enabled),
            &entry,
        )
        .await
        .map_err(ApiError::from);
    let updated = acting.refusal(changed).await?;
    Ok(axum::Json(user_view(&updated, false)?))
}
