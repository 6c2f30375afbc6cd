//! Provisioning for the bank's back-office and for tests: companies, users (the
//! envelope's temporary password is answered once) and hardware tokens.

use axum::extract::State;
use axum::http::StatusCode;

use super::acting::{new_temporary_password, Acting};
use super::{Json, Path};
use crate::api::AuditAction;
use crate::api::{
    CompanyView, CreateCompany, CreateUser, ErrorCode, MilleKod, Problem, UserCreated, UserStatus,
};
use crate::domain::display_text::DisplayName;
use crate::domain::phone::PhoneNumber;
use crate::domain::policy::{Action, Target};
use crate::server::auth::Auth;
use crate::server::error::{ApiError, ApiResult};
use crate::server::routes::users::{ensure_company, user_view};
use crate::server::state::AppState;
use crate::store::{NewUser, StoreError, UserKind};

/// Create a company.
#[utoipa::path(post, path = "/v1/companies", tag = "provisioning",
    security(("bearer" = [])), request_body = CreateCompany,
    responses((status = 201, body = CompanyView), (status = 400, body = Problem),
              (status = 403, body = Problem), (status = 409, body = Problem)))]
pub async fn create_company(
    State(state): State<AppState>,
    auth: Auth,
    Json(request): Json<CreateCompany>,
) -> ApiResult<(StatusCode, axum::Json<CompanyView>)> {
    let reason = auth.reason(&state, request.reason.as_deref())?;
    let name = DisplayName::parse(&request.name)?;
    let acting = Acting::new(
        &state,
        &auth,
        AuditAction::CompanyCreate,
        Target::company(&request.millekod),
        reason.as_deref(),
    );
    acting.authorize(Action::Provision).await?;
    let entry = acting.success(None);
    let created = match state
        .store
        .create_company(&request.millekod, &name, &entry)
        .await
    {
        Ok(()) => Ok(()),
        Err(StoreError::AlreadyExists) => Err(ApiError::new(
            ErrorCode::AlreadyExists,
            format!(
                "a company with MilleKod {} exists already",
                request.millekod
            ),
        )),
        Err(other) => Err(other.into()),
    };
    acting.refusal(created).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(CompanyView {
            millekod: request.millekod,
            name: name.into_string(),
        }),
    ))
}

/// Create a user in a company; the answer carries the envelope's temporary password,
/// shown this once.
#[utoipa::path(post, path = "/v1/companies/{millekod}/users", tag = "provisioning",
    security(("bearer" = [])), params(("millekod" = crate::api::MilleKod, Path)),
    request_body = CreateUser,
    responses((status = 201, body = UserCreated), (status = 400, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn create_user(
    State(state): State<AppState>,
    auth: Auth,
    Path(millekod): Path<MilleKod>,
    Json(request): Json<CreateUser>,
) -> ApiResult<(StatusCode, axum::Json<UserCreated>)> {
    let reason = auth.reason(&state, request.reason.as_deref())?;
    let name = DisplayName::parse(&request.name)?;
    let phone = request
        .phone
        .as_deref()
        .map(PhoneNumber::parse)
        .transpose()
        .map_err(|e| ApiError::new(ErrorCode::InvalidPhone, e.to_string()))?;
    let acting = Acting::new(
        &state,
        &auth,
        AuditAction::UserCreate,
        Target::user(&millekod, &request.login),
        reason.as_deref(),
    );
    acting.authorize(Action::Provision).await?;
    acting
        .refusal(ensure_company(&state, &millekod).await)
        .await?;
    let (temporary, hash) = new_temporary_password(&state).await?;
    let user = NewUser {
        uid: crate::domain::ids::UserUid::generate(),
        kind: UserKind::CompanyUser,
        millekod: Some(millekod.clone()),
        login: request.login.clone(),
        name: name.into_string(),
        status: UserStatus::PendingActivation,
        attempts_left: i64::from(state.settings.lockout_limit.get()),
        failed_attempts: 0,
        auth_tool: request.auth_tool,
        phone,
        password_masking: true,
        password: None,
        temporary_password_hash: Some(hash),
        token_serial: None,
        token_seed_sealed: None,
        blocked_at: None,
        operator_role: None,
    };
    let entry = acting.success(Some(format!("auth_tool {}", request.auth_tool.as_str())));
    let created = match state.store.create_user(&user, Some(&entry)).await {
        Ok(created) => Ok(created),
        Err(StoreError::AlreadyExists) => Err(ApiError::new(
            ErrorCode::AlreadyExists,
            format!(
                "user '{}' exists already in MilleKod {millekod}",
                request.login
            ),
        )),
        Err(other) => Err(other.into()),
    };
    let created = acting.refusal(created).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(UserCreated {
            user: user_view(&created, false)?,
            temporary_password: temporary.into(),
        }),
    ))
}
