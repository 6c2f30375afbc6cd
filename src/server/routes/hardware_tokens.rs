//! Hardware tokens: back-office loads the vendor's inventory (PSKC, RFC 6030, seeds
//! encrypted under the transport key), HelpDesk or back-office assigns a token *by
//! serial* and withdraws one that is lost, broken or returned (issue 11).
//!
//! Why no seed is ever accepted from a person: an operator who could assign a seed of
//! their choosing could log in with the token codes they compute. Here a seed travels
//! only from the vendor's file, through the server's transport key, into the database
//! sealed under the pepper (first bound to its serial, then re-sealed to its user at
//! assignment); no answer ever carries one. A withdrawn serial is never assigned
//! again. Each assignment and withdrawal ends the user's open challenges and sessions
//! (`store::change_user`) and is audited.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};

use super::acting::Acting;
use super::users::user_view;
use super::{Json, Path};
use crate::api::{
    AssignToken, ErrorCode, Login, MilleKod, Problem, TokenInventory, TokensLoaded, UserView,
    WithdrawToken,
};
use crate::api::{AuditAction, AuditOutcome};
use crate::domain::policy::{Action, Target};
use crate::domain::pskc;
use crate::domain::secret_box;
use crate::server::auth::Auth;
use crate::server::error::{ApiError, ApiResult};
use crate::server::login::inventory_aad;
use crate::server::state::AppState;
use crate::server::token_binding::token_aad;
use crate::store::{AuditEntry, InventoryToken, StoreError, UserChange};

/// Load a PSKC inventory file (back-office only); the answer counts, never seeds.
#[utoipa::path(post, path = "/v1/token-inventory", tag = "provisioning",
    security(("bearer" = [])),
    request_body(content = String, content_type = "application/pskc+xml",
                 description = "a PSKC (RFC 6030) file, seeds encrypted under the transport key"),
    responses((status = 201, body = TokensLoaded), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 409, body = Problem), (status = 413, body = Problem),
              (status = 415, body = Problem), (status = 422, body = Problem)))]
pub async fn load(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> ApiResult<(StatusCode, axum::Json<TokensLoaded>)> {
    // Past the body limit axum's own rejection is text/plain; answer it as
    // problem+json like every other route (found by tests/api/openapi_contract.rs).
    let body = body.map_err(|_| {
        ApiError::new(
            ErrorCode::PayloadTooLarge,
            "the PSKC file is larger than the server reads",
        )
    })?;
    let xml = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .is_some_and(|t| {
            matches!(
                t.as_str(),
                "application/pskc+xml" | "application/xml" | "text/xml"
            )
        });
    if !xml {
        return Err(ApiError::new(
            ErrorCode::UnsupportedMediaType,
            "send the PSKC file as application/pskc+xml",
        ));
    }
    auth.authorize(
        &state,
        Action::LoadTokens,
        AuditAction::TokensLoad,
        Target::none(),
    )
    .await?;
    let Some(key) = state.settings.token_transport_key.clone() else {
        return Err(ApiError::new(
            ErrorCode::Conflict,
            "this server has no token transport key (server --token-transport-key-file)",
        ));
    };
    let token_key = state.clone();
    let sealed = tokio::task::spawn_blocking(move || -> Result<Vec<InventoryToken>, String> {
        let tokens = pskc::parse(&body, key.as_bytes()).map_err(|e| e.to_string())?;
        tokens
            .iter()
            .map(|token| {
                if token.digits != 6 || token.period_s != 30 {
                    return Err(format!(
                        "token {}: only 6-digit, 30-second TOTP tokens are supported",
                        token.serial
                    ));
                }
                Ok(InventoryToken {
                    serial: token.serial.clone(),
                    seed_sealed: Some(secret_box::seal(
                        &token_key.keys.token_seed,
                        &token.seed,
                        &inventory_aad(&token.serial),
                    )),
                    state: "available".into(),
                })
            })
            .collect()
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::invalid_input)?;
    let entry = auth.audit(
        AuditAction::TokensLoad,
        Target::none(),
        AuditOutcome::Success,
        None,
        Some("PSKC:".into()),
    );
    let loaded = state.store.load_tokens(&sealed, &entry).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(TokensLoaded {
            in_file: sealed.len() as u64,
            loaded,
        }),
    ))
}

/// Serials available for assignment (HelpDesk and back-office), at most 1000.
#[utoipa::path(get, path = "/v1/token-inventory", tag = "provisioning",
    security(("bearer" = [])),
    responses((status = 200, body = TokenInventory), (status = 401, body = Problem),
              (status = 403, body = Problem)))]
pub async fn available(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<axum::Json<TokenInventory>> {
    auth.authorize(
        &state,
        Action::Provision,
        AuditAction::TokensList,
        Target::none(),
    )
    .await?;
    Ok(axum::Json(TokenInventory {
        available: state.store.available_tokens(1000).await?,
    }))
}

/// Assign a token from the inventory by its serial; the user's tool becomes `token`.
#[utoipa::path(put, path = "/v1/companies/{millekod}/users/{login}/token", tag = "provisioning",
    security(("bearer" = [])),
    params(("millekod" = crate::api::MilleKod, Path), ("login" = crate::api::Login, Path)),
    request_body = AssignToken,
    responses((status = 200, body = UserView), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
pub async fn assign(
    State(state): State<AppState>,
    auth: Auth,
    Path((millekod, login)): Path<(MilleKod, Login)>,
    Json(request): Json<AssignToken>,
) -> ApiResult<axum::Json<UserView>> {
    let reason = auth.reason(&state, request.reason.as_deref())?;
    let acting = Acting::new(
        &state,
        &auth,
        AuditAction::TokenAssign,
        Target::user(&millekod, &login),
        reason.as_deref(),
    );
    let serial = request.serial.trim();
    if serial.is_empty()
        || serial.len() > 32
        || !serial
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err(ApiError::invalid_input(
            "serial must be 1-32 characters of A-Z, a-z, 0-9 and '-'",
        ));
    }
    let user = acting.target_user(Action::Provision).await?;
    let token = match state.store.inventory_token(serial).await? {
        Some(token) if token.state == "available" => Ok(token),
        Some(token) => Err(ApiError::new(
            ErrorCode::Conflict,
            format!("token {serial} is {} and cannot be assigned", token.state),
        )),
        None => Err(ApiError::not_found(format!(
            "no token {serial} in the inventory (back-office loads it from the vendor's PSKC file)"
        ))),
    };
    let token = acting.refusal(token).await?;
    let sealed = token
        .seed_sealed
        .ok_or_else(|| ApiError::internal("an available token without a seed"))?;
    let seed = secret_box::open(&state.keys.token_seed, &sealed, &inventory_aad(serial))
        .map_err(ApiError::internal)?;
    let resealed = secret_box::seal(&state.keys.token_seed, &seed, &token_aad(user.uid));
    let entry = acting.success(Some(format!("serial {serial}")));
    let change = TokenChange {
        change: UserChange::AssignToken {
            serial: serial.to_owned(),
            seed_sealed: resealed,
        },
        conflict: format!("token {serial} was assigned meanwhile"),
    };
    apply(&acting, user.id, change, entry).await
}

/// Withdraw the user's token (lost, broken, returned): its serial is never assigned
/// again, and a user with a mobile number goes back to SMS codes.
#[utoipa::path(post, path = "/v1/companies/{millekod}/users/{login}/token/withdraw",
    tag = "provisioning", security(("bearer" = [])),
    params(("millekod" = crate::api::MilleKod, Path), ("login" = crate::api::Login, Path)),
    request_body = WithdrawToken,
    responses((status = 200, body = UserView), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem), (status = 409, body = Problem),
              (status = 422, body = Problem)))]
pub async fn withdraw(
    State(state): State<AppState>,
    auth: Auth,
    Path((millekod, login)): Path<(MilleKod, Login)>,
    Json(request): Json<WithdrawToken>,
) -> ApiResult<axum::Json<UserView>> {
    let reason = auth.reason(&state, request.reason.as_deref())?;
    let acting = Acting::new(
        &state,
        &auth,
        AuditAction::TokenWithdraw,
        Target::user(&millekod, &login),
        reason.as_deref(),
    );
    let user = acting.target_user(Action::Provision).await?;
    let because = request.because.as_str();
    let detail = format!(
        "{because}; serial {}",
        user.token_serial.as_deref().unwrap_or("-")
    );
    let entry = acting.success(Some(detail));
    let change = TokenChange {
        change: UserChange::WithdrawToken {
            reason: because.to_owned(),
        },
        conflict: format!("user '{login}' in MilleKod {millekod} has no token to withdraw"),
    };
    apply(&acting, user.id, change, entry).await
}

/// A change of a user's token, with what to say if the state changed under it.
struct TokenChange {
    change: UserChange,
    conflict: String,
}

/// Write a token change with its audit record; a conflict is audited and answered 409.
async fn apply(
    acting: &Acting<'_>,
    user_id: i64,
    token: TokenChange,
    entry: AuditEntry,
) -> ApiResult<axum::Json<UserView>> {
    let changed = match acting
        .state
        .store
        .change_user(user_id, &token.change, &entry)
        .await
    {
        Err(StoreError::Conflict) => Err(ApiError::new(ErrorCode::Conflict, token.conflict)),
        other => other.map_err(ApiError::from),
    };
    let updated = acting.refusal(changed).await?;
    Ok(axum::Json(user_view(&updated, false)?))
}
