//! `/v1/operators/{login}/unblock`: HelpDesk operators unblock each other.
//!
//! Anyone can block an operator by sending wrong answers for the operator's login, so
//! HelpDesk needs a way back that does not depend on the blocked person: another
//! operator, over the API, never the operator themself (R11), never an API token or a
//! co-user. Only "current password" (R9): an operator who forgot the password or lost
//! the token is reset on the database host (`millectl server operator reset`), since a
//! new-password flow for a token holder would let the token code alone set a password.

use axum::extract::State;

use super::acting::Acting;
use super::{Json, Path};
use crate::api::{AuditAction, AuditOutcome};
use crate::api::{ErrorCode, Login, OperatorView, Problem, UnblockMode, UnblockRequest};
use crate::domain::lockout;
use crate::domain::policy::{Action, Target};
use crate::server::auth::Auth;
use crate::server::error::{ApiError, ApiResult};
use crate::server::state::AppState;
use crate::store::{StoreError, UserChange, UserKind};

/// Give another operator three more attempts with the current password (R9).
#[utoipa::path(post, path = "/v1/operators/{login}/unblock", tag = "operators",
    security(("bearer" = [])),
    params(("login" = crate::api::Login, Path)),
    request_body = UnblockRequest,
    responses((status = 200, body = OperatorView), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
pub async fn unblock(
    State(state): State<AppState>,
    auth: Auth,
    Path(login): Path<Login>,
    Json(request): Json<UnblockRequest>,
) -> ApiResult<axum::Json<OperatorView>> {
    let reason = auth.reason(&state, request.reason.as_deref())?;
    let acting = Acting::new(
        &state,
        &auth,
        AuditAction::OperatorUnblock,
        Target::operator(&login),
        reason.as_deref(),
    );
    acting.authorize(Action::UnblockOperator).await?;
    // The record says why; the answer names the operator besides.
    let refuse = |code: ErrorCode, outcome: AuditOutcome, why: String| {
        let entry = acting.record(outcome, Some(why.clone()));
        (
            entry,
            ApiError::new(code, format!("operator '{login}': {why}")),
        )
    };
    let operator = state
        .store
        .find_user(None, &login)
        .await?
        .filter(|user| user.kind == UserKind::Operator);
    let Some(operator) = operator else {
        let (entry, err) = refuse(
            ErrorCode::NotFound,
            AuditOutcome::NotFound,
            "no such operator".into(),
        );
        state.store.append_audit(&entry).await?;
        return Err(err);
    };
    if request.mode == UnblockMode::NewPassword {
        let (entry, err) = refuse(
            ErrorCode::Conflict,
            AuditOutcome::Refused,
            "operators are unblocked with their current password only; one who forgot it \
             is reset on the database host (millectl server operator reset)"
                .into(),
        );
        state.store.append_audit(&entry).await?;
        return Err(err);
    }
    let facts = operator.unblock_facts();
    let not_blocked = |refused: lockout::UnblockRefused| {
        refuse(
            ErrorCode::NotBlocked,
            AuditOutcome::Refused,
            refused.to_string(),
        )
    };
    let outcome = match lockout::unblock(facts, request.mode, state.settings.lockout_limit) {
        Ok(outcome) => outcome,
        Err(refused) => {
            let (entry, err) = not_blocked(refused);
            state.store.append_audit(&entry).await?;
            return Err(err);
        }
    };
    let change = UserChange::Unblock {
        status: outcome.status,
        attempts_left: i64::from(outcome.attempts_left),
        temporary_password_hash: None,
    };
    let entry = acting.success(Some(request.mode.as_str().to_owned()));
    let updated = match state.store.change_user(operator.id, &change, &entry).await {
        Ok(updated) => updated,
        Err(StoreError::Conflict) => {
            let (entry, err) = not_blocked(lockout::UnblockRefused::NotBlocked);
            state.store.append_audit(&entry).await?;
            return Err(err);
        }
        Err(other) => return Err(other.into()),
    };
    Ok(axum::Json(OperatorView {
        login: updated.user.login,
        name: updated.user.name,
        status: updated.user.status,
        attempts_left: u32::try_from(updated.user.attempts_left.max(0)).unwrap_or(0),
    }))
}
