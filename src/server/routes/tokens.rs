//! `/v1/api-tokens`: tokens for batch scripts, created by operators, scoped, shown once
//! and stored hashed.

use axum::extract::State;
use axum::http::StatusCode;

use super::acting::Acting;
use super::{Json, Path};

use crate::api::AuditAction;
use crate::api::{
    ApiTokenCreated, ApiTokenList, ApiTokenView, CreateApiToken, ErrorCode, Problem, ReasonBody,
};
use crate::domain::display_text::DisplayName;
use crate::domain::policy::{Action, Principal, Target};
use crate::server::auth::{new_token, Auth, API_TOKEN_PREFIX};
use crate::server::error::{ApiError, ApiResult};
use crate::server::login::millis_to_time;
use crate::server::state::AppState;
use crate::store::{now_millis, ApiTokenRecord, StoreError};

const DEFAULT_LIFETIME_S: u64 = 30 * 24 * 3600;
const MAX_LIFETIME_S: u64 = 365 * 24 * 3600;

fn view(record: &ApiTokenRecord) -> ApiResult<ApiTokenView> {
    Ok(ApiTokenView {
        id: record.id.clone(),
        name: record.name.clone(),
        scopes: record.scopes.clone(),
        created_by: record.created_by_login.clone(),
        created_at: millis_to_time(record.created_at)?,
        expires_at: millis_to_time(record.expires_at)?,
        revoked_at: record.revoked_at.map(millis_to_time).transpose()?,
    })
}

/// Create an API token; the token is in this answer only. Its name must be new: the
/// audit names tokens by it, so no two tokens ever share one, revoked ones included.
#[utoipa::path(post, path = "/v1/api-tokens", tag = "api-tokens", security(("bearer" = [])),
    request_body = CreateApiToken,
    responses((status = 201, body = ApiTokenCreated), (status = 400, body = Problem),
              (status = 403, body = Problem), (status = 409, body = Problem)))]
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    Json(request): Json<CreateApiToken>,
) -> ApiResult<(StatusCode, axum::Json<ApiTokenCreated>)> {
    let reason = auth.reason(&state, request.reason.as_deref())?;
    let name = DisplayName::parse(&request.name)?;
    let mut scopes = request.scopes.clone();
    scopes.sort_unstable();
    scopes.dedup();
    if scopes.is_empty() {
        return Err(ApiError::invalid_input("give the token at least one scope"));
    }
    let lifetime = request.expires_in_s.unwrap_or(DEFAULT_LIFETIME_S);
    if !(60..=MAX_LIFETIME_S).contains(&lifetime) {
        return Err(ApiError::invalid_input(format!(
            "expires_in_s must be between 60 and {MAX_LIFETIME_S}"
        )));
    }
    let acting = Acting::new(
        &state,
        &auth,
        AuditAction::ApiTokenCreate,
        Target::none(),
        reason.as_deref(),
    );
    acting.authorize(Action::ManageApiTokens).await?;
    let Principal::Operator { user_id, login } = &auth.principal else {
        return Err(ApiError::forbidden("only HelpDesk operators can do this"));
    };
    let now = now_millis();
    let record = ApiTokenRecord {
        id: uuid::Uuid::new_v4().to_string(),
        name: name.into_string(),
        scopes,
        created_by: *user_id,
        created_by_login: login.clone(),
        created_at: now,
        expires_at: now + i64::try_from(lifetime * 1000).unwrap_or(i64::MAX),
        revoked_at: None,
    };
    let (token, hash) = new_token(API_TOKEN_PREFIX);
    let scopes_text = record
        .scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let entry = acting.success(Some(format!(
        "{} ({}) [{scopes_text}]",
        record.name, record.id
    )));
    let inserted = match state.store.insert_api_token(&hash, &record, &entry).await {
        Ok(()) => Ok(()),
        Err(StoreError::AlreadyExists) => Err(ApiError::new(
            ErrorCode::AlreadyExists,
            format!(
                "an API token named {:?} exists already (revoked tokens keep their names); \
                 choose another name",
                record.name
            ),
        )),
        Err(other) => Err(other.into()),
    };
    acting.refusal(inserted).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(ApiTokenCreated {
            token: crate::api::Secret::new(token),
            api_token: view(&record)?,
        }),
    ))
}

/// All API tokens, revoked and expired included.
#[utoipa::path(get, path = "/v1/api-tokens", tag = "api-tokens", security(("bearer" = [])),
    responses((status = 200, body = ApiTokenList), (status = 403, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
) -> ApiResult<axum::Json<ApiTokenList>> {
    auth.authorize(
        &state,
        Action::ManageApiTokens,
        AuditAction::ApiTokenList,
        Target::none(),
    )
    .await?;
    let api_tokens = state
        .store
        .list_api_tokens()
        .await?
        .iter()
        .map(view)
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(axum::Json(ApiTokenList { api_tokens }))
}

/// Revoke an API token at once.
#[utoipa::path(delete, path = "/v1/api-tokens/{id}", tag = "api-tokens",
    security(("bearer" = [])), params(("id" = String, Path)),
    request_body(content = Option<ReasonBody>),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn revoke(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> ApiResult<StatusCode> {
    // The body is optional here: nothing, or `{"reason": …}`. Reading it fails only
    // past the body limit; answer that as problem+json like every other route.
    let body = body.map_err(|_| {
        ApiError::new(
            ErrorCode::PayloadTooLarge,
            format!(
                "the request body is too large (limit {} bytes)",
                crate::api::MAX_BODY_BYTES
            ),
        )
    })?;
    let raw_reason = if body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        serde_json::from_slice::<ReasonBody>(&body)
            .map_err(|e| ApiError::new(ErrorCode::MalformedRequest, e.to_string()))?
            .reason
    };
    let reason = auth.reason(&state, raw_reason.as_deref())?;
    let acting = Acting::new(
        &state,
        &auth,
        AuditAction::ApiTokenRevoke,
        Target::none(),
        reason.as_deref(),
    );
    acting.authorize(Action::ManageApiTokens).await?;
    let shown = shown_id(&id);
    let entry = acting.success(Some(shown.clone()));
    let revoked = match state
        .store
        .revoke_api_token(&id, now_millis(), &entry)
        .await
    {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(StoreError::NotFound) => Err(ApiError::not_found(format!(
            "no live API token with id {shown} (unknown or already revoked)"
        ))),
        Err(other) => Err(other.into()),
    };
    acting.refusal(revoked).await
}

/// A token id as asked, for the audit and the answer: our ids (UUIDs) as they are,
/// anything else escaped and shortened, since the path can hold any text.
fn shown_id(id: &str) -> String {
    let ours =
        (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if ours {
        id.to_owned()
    } else {
        format!("{:?}", crate::domain::shorten(id, 64))
    }
}

#[cfg(test)]
mod tests {
    use super::shown_id;

    #[test]
    fn an_asked_id_is_shown_as_it_is_only_when_it_is_tame() {
        let uuid = "6f1c2a9e-0b4d-4c8e-9a51-2f7d3e8b1c40";
        assert_eq!(shown_id(uuid), uuid);
        assert_eq!(shown_id("no-such-id"), "no-such-id");
        let hostile = shown_id("abc\u{202e}dcba\u{1b}[2J\n");
        assert_eq!(hostile, r#""abc\u{202e}dcba\u{1b}[2J\n""#);
        assert!(shown_id(&"x".repeat(1000)).chars().count() < 70);
    }
}
