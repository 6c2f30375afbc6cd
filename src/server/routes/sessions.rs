//! `/v1/sessions` and `/v1/me`: logging in and out.
//!
//! Both login steps are anonymous; each first passes its per-source limit
//! (`source_limits`), before anything is looked up, so a 429 says nothing about the
//! login. Step 2 then waits for the hash gate inside `login::complete_detached`.

use axum::extract::State;
use axum::http::StatusCode;

use super::{Json, Path};
use crate::api::{AuditAction, AuditOutcome};
use crate::api::{
    Challenge, CompleteLogin, Me, PrincipalView, Problem, SessionCreated, StartLogin,
};
use crate::domain::policy::{Principal, Target};
use crate::server::auth::{Auth, RequestId};
use crate::server::client_ip::ClientIp;
use crate::server::error::{ApiError, ApiResult};
use crate::server::login::{self, LoginError};
use crate::server::source_limits::Step;
use crate::server::state::AppState;

/// Step 1 of a login: MilleKod (none for operators) and login → a challenge.
///
/// An unknown login gets a challenge that looks the same (no user enumeration).
/// Too many starts from one address: 429 with Retry-After.
#[utoipa::path(post, path = "/v1/sessions", tag = "sessions", request_body = StartLogin,
    responses((status = 200, body = Challenge), (status = 400, body = Problem),
              (status = 429, body = Problem), (status = 502, body = Problem)))]
pub async fn start(
    State(state): State<AppState>,
    source: ClientIp,
    Json(request): Json<StartLogin>,
) -> Result<axum::Json<Challenge>, LoginError> {
    state
        .source_limits
        .check(Step::Start, source)
        .map_err(LoginError::NotAdmitted)?;
    Ok(axum::Json(login::start(&state, &request).await?))
}

/// Step 2 of a login: the password characters (or whole password), the one-time
/// code and, for first logins and after a new-password unblock, the temporary password
/// and the new password.
///
/// Too many checks from one address: 429 with Retry-After. Every Argon2 slot busy and
/// the queue full (or its deadline passed): 503 with Retry-After, and the challenge is
/// still good — send the same answer again.
#[utoipa::path(post, path = "/v1/sessions/{challenge_id}", tag = "sessions",
    params(("challenge_id" = String, Path)), request_body = CompleteLogin,
    responses((status = 200, body = SessionCreated), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 422, body = Problem),
              (status = 423, body = Problem), (status = 429, body = Problem),
              (status = 503, body = Problem)))]
pub async fn complete(
    State(state): State<AppState>,
    source: ClientIp,
    RequestId(request_id): RequestId,
    Path(challenge_id): Path<String>,
    headers: axum::http::HeaderMap,
    Json(answer): Json<CompleteLogin>,
) -> Result<axum::Json<SessionCreated>, LoginError> {
    state
        .source_limits
        .check(Step::Check, source)
        .map_err(LoginError::NotAdmitted)?;
    if challenge_id.len() > 64 {
        return Err(LoginError::Expired);
    }
    // For the user's timeline only (`login::Seen`); the answer does not depend on it.
    let user_agent = headers.get(axum::http::header::USER_AGENT);
    let seen = login::Seen::new(source.0, user_agent.map(|v| v.as_bytes()));
    Ok(axum::Json(
        login::complete_detached(state, request_id, challenge_id, answer, seen).await?,
    ))
}

/// Log out: end the current session. The audit records it (R12), the session's own
/// user as actor and target.
#[utoipa::path(delete, path = "/v1/sessions/current", tag = "sessions",
    security(("bearer" = [])),
    responses((status = 204),
              (status = 400, body = Problem, description = "an API token is not a session"),
              (status = 401, body = Problem)))]
pub async fn logout(State(state): State<AppState>, auth: Auth) -> ApiResult<StatusCode> {
    let Some(hash) = &auth.session_hash else {
        return Err(ApiError::invalid_input(
            "an API token is not a session; revoke it with DELETE /v1/api-tokens/{id}",
        ));
    };
    let target = match &auth.principal {
        Principal::Operator { login, .. } | Principal::BackOffice { login, .. } => {
            Target::operator(login)
        }
        Principal::CoUser {
            millekod, login, ..
        } => Target::user(millekod, login),
        // Only sessions get here, and API tokens have none.
        Principal::ApiToken { .. } => Target::none(),
    };
    // The session goes first: the record then never claims a logout that did not
    // happen. (One transaction would be better still; the store has no session write
    // that takes an audit entry yet.)
    state.store.delete_session(hash).await?;
    state
        .store
        .append_audit(&auth.audit(
            AuditAction::Logout,
            target,
            AuditOutcome::Success,
            None,
            None,
        ))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Who the bearer token belongs to.
#[utoipa::path(get, path = "/v1/me", tag = "sessions", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = Problem)))]
pub async fn me(auth: Auth) -> ApiResult<axum::Json<Me>> {
    let principal = match &auth.principal {
        Principal::Operator { login, .. } => PrincipalView::Operator {
            login: login.clone(),
        },
        Principal::BackOffice { login, .. } => PrincipalView::BackOffice {
            login: login.clone(),
        },
        Principal::CoUser {
            millekod, login, ..
        } => PrincipalView::User {
            millekod: millekod.clone(),
            login: login.clone(),
        },
        Principal::ApiToken {
            token_id,
            name,
            scopes,
            owner_login,
        } => PrincipalView::ApiToken {
            id: token_id.clone(),
            name: name.clone(),
            scopes: scopes.iter().copied().collect(),
            owner: owner_login.clone(),
        },
    };
    Ok(axum::Json(Me {
        principal,
        expires_at: auth.expires_at.map(login::millis_to_time).transpose()?,
    }))
}
