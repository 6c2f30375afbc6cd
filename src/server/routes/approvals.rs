//! `/v1/approvals`: maker–checker (issue 11). An unblock with a new password, or a
//! required password change (`password_resets`), within the hold after a phone change
//! becomes a request here (`202`); a second, different HelpDesk operator approves it,
//! and only then does the one-time access password go to the new number. Why, and who
//! may approve: `domain::approval`.

use axum::extract::State;

use super::acting::Acting;
use super::password_resets::{self, Reset};
use super::users::{carry_out, user_view, Unblocking};
use super::{Json, Path};
use crate::api::{
    ApprovalList, ApprovalView, ApproveRequest, AuditAction, AuditOutcome, ErrorCode, Problem,
    UnblockMode, UserView,
};
use crate::domain::approval::{self, APPROVAL_TTL};
use crate::domain::lockout;
use crate::domain::policy::{Action, Target};
use crate::server::auth::Auth;
use crate::server::error::{ApiError, ApiResult};
use crate::server::login::millis_to_time;
use crate::server::state::AppState;
use crate::store::{now_millis, ApprovalRecord, UserRecord};

const REQUEST: AuditAction = AuditAction::ApprovalRequest;
const APPROVE: AuditAction = AuditAction::ApprovalApprove;

/// Turn `action` (what `acting` would do to `user`) into a request for a second
/// operator; audited as `approval.request`. A request already waiting for the same user
/// and action is answered again, not repeated: asking over and over adds no rows and no
/// work for the approvers.
pub async fn request(
    acting: &Acting<'_>,
    user: &UserRecord,
    action: &str,
) -> ApiResult<ApprovalView> {
    let (state, auth, reason) = (acting.state, acting.auth, acting.reason);
    let now = now_millis();
    if let Some(waiting) = state
        .store
        .pending_approval_of(user.id, action, now)
        .await?
    {
        return view(state, &waiting, user);
    }
    let ttl = i64::try_from(APPROVAL_TTL.as_millis()).unwrap_or(i64::MAX);
    let record = ApprovalRecord {
        id: uuid::Uuid::new_v4().to_string(),
        action: action.to_owned(),
        user_id: user.id,
        requested_by: auth.principal.audit_name(),
        requester_operator: approval::operator_of(&auth.principal).cloned(),
        reason: reason.map(str::to_owned),
        created_at: now,
        expires_at: now.saturating_add(ttl),
    };
    let (millekod, login) = target_of(user)?;
    let entry = acting
        .as_action(REQUEST)
        .on(Target::user(&millekod, &login))
        .record(
            AuditOutcome::Pending,
            Some(format!(
                "{action} {}: the phone changed within the hold",
                record.id
            )),
        );
    state.store.create_approval(&record, &entry).await?;
    view(state, &record, user)
}

fn target_of(user: &UserRecord) -> ApiResult<(crate::api::MilleKod, crate::api::Login)> {
    let millekod = user
        .millekod
        .clone()
        .ok_or_else(|| ApiError::internal("an approval for an operator"))?;
    Ok((millekod, user.login.clone()))
}

fn view(state: &AppState, record: &ApprovalRecord, user: &UserRecord) -> ApiResult<ApprovalView> {
    let (millekod, login) = target_of(user)?;
    let hold_h = state.settings.phone_change_hold.as_secs() / 3600;
    let until = user
        .phone_changed_at
        .map(|at| at + i64::try_from(state.settings.phone_change_hold.as_millis()).unwrap_or(0))
        .map(millis_to_time)
        .transpose()?;
    let until = until
        .and_then(crate::api::timestamp::format)
        .unwrap_or_default();
    Ok(ApprovalView {
        id: record.id.clone(),
        action: record.action.clone(),
        millekod,
        login,
        requested_by: record.requested_by.clone(),
        reason: record.reason.clone(),
        created_at: millis_to_time(record.created_at)?,
        expires_at: millis_to_time(record.expires_at)?,
        detail: format!(
            "the user's phone number changed less than {hold_h} h ago; the one-time access \
             password is not sent to a new number without a second operator's approval \
             (millectl approve {}), or retry after {until}",
            record.id
        ),
    })
}

/// The requests waiting for a second operator (HelpDesk operators only).
#[utoipa::path(get, path = "/v1/approvals", tag = "approvals",
    security(("bearer" = [])),
    responses((status = 200, body = ApprovalList), (status = 401, body = Problem),
              (status = 403, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<axum::Json<ApprovalList>> {
    auth.authorize(
        &state,
        Action::Approve,
        AuditAction::ApprovalList,
        Target::none(),
    )
    .await?;
    let mut approvals = Vec::new();
    for record in state.store.pending_approvals(now_millis()).await? {
        if let Some(user) = state.store.user_by_id(record.user_id).await? {
            approvals.push(view(&state, &record, &user)?);
        }
    }
    Ok(axum::Json(ApprovalList { approvals }))
}

/// Approve a request of another operator and carry it out (maker–checker).
#[utoipa::path(post, path = "/v1/approvals/{id}/approve", tag = "approvals",
    security(("bearer" = [])),
    params(("id" = String, Path)),
    request_body = ApproveRequest,
    responses((status = 200, body = UserView), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 502, body = Problem)))]
pub async fn approve(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    Json(request): Json<ApproveRequest>,
) -> ApiResult<axum::Json<UserView>> {
    let reason = auth.reason(&state, request.reason.as_deref())?;
    let acting = Acting::new(&state, &auth, APPROVE, Target::none(), reason.as_deref());
    acting.authorize(Action::Approve).await?;
    let now = now_millis();
    let pending = match id.len() {
        1..=64 => state.store.pending_approval(&id, now).await?,
        _ => None,
    };
    let Some(record) = pending else {
        let err = ApiError::not_found("no such request waiting for approval (or it expired)");
        return acting.refuse(err).await;
    };
    let user = state
        .store
        .user_by_id(record.user_id)
        .await?
        .ok_or_else(|| ApiError::not_found("the user of this request is gone"))?;
    let (millekod, login) = target_of(&user)?;
    let acting = acting.on(Target::user(&millekod, &login));
    if let Err(refused) = approval::may_approve(record.requester_operator.as_ref(), &auth.principal)
    {
        let entry = acting.record(AuditOutcome::Denied, Some(refused.to_string()));
        state.store.append_audit(&entry).await?;
        return Err(ApiError::forbidden(refused.to_string()));
    }
    let mode = UnblockMode::NewPassword;
    // What was asked, decided again on the user's state now.
    let decided = if record.action == password_resets::APPROVAL_ACTION {
        password_resets::decide(&state, &user).map(Held::PasswordReset)
    } else {
        lockout::unblock(user.unblock_facts(), mode, state.settings.lockout_limit)
            .map(Held::Unblock)
            .map_err(|refusal| {
                ApiError::new(
                    ErrorCode::NotBlocked,
                    format!("user '{login}' in MilleKod {millekod}: {refusal}"),
                )
            })
    };
    let held = match decided {
        Ok(held) => held,
        Err(err) => {
            state
                .store
                .decide_approval(&record.id, &auth.principal.audit_name(), "refused", now)
                .await?;
            return acting.refuse(err).await;
        }
    };
    // Decided once, before anything is sent: two operators approving at once get one
    // unblock between them.
    let approver = auth.principal.audit_name();
    if !state
        .store
        .decide_approval(&record.id, &approver, "approved", now)
        .await?
    {
        let err = ApiError::new(
            ErrorCode::Conflict,
            "this request was decided or expired meanwhile",
        );
        return acting.refuse(err).await;
    }
    let approved = format!(
        "requested by {} ({}), approved by {approver}",
        record.requested_by,
        record.reason.as_deref().unwrap_or("no reason given")
    );
    let updated = match held {
        Held::Unblock(outcome) => {
            let done = Unblocking {
                mode,
                outcome,
                detail: format!("new_password; {approved}"),
            };
            carry_out(&acting.as_action(AuditAction::UserUnblock), &user, done).await?
        }
        Held::PasswordReset(outcome) => {
            let reset = Reset {
                outcome,
                approved: Some(approved),
            };
            let acting = acting.as_action(password_resets::AUDIT_ACTION);
            password_resets::carry_out(&acting, &user, reset).await?
        }
    };
    Ok(axum::Json(user_view(&updated, false)?))
}

/// What a held request comes to once approved.
enum Held {
    /// `unblock_new_password`.
    Unblock(lockout::UnblockOutcome),
    /// `password_reset`.
    PasswordReset(lockout::UnblockOutcome),
}
