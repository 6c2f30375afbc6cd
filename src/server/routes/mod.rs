//! The `/v1` routes and the OpenAPI document generated from them.
//!
//! Every route is registered through `utoipa_axum::routes!`, so a route cannot exist
//! without its OpenAPI description: the document at `/v1/openapi.json` covers them all.

mod acting;
mod approvals;
mod audit;
mod envelopes;
mod error_answers;
mod hardware_tokens;
mod health;
mod history;
mod operators;
mod password_resets;
mod phone_changes;
mod provisioning;
mod resend;
mod search;
mod sessions;
mod suspensions;
mod tokens;
mod users;

use axum::extract::{FromRequest, FromRequestParts};
use axum::routing::get;
use axum::Router;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::error::ApiError;
use super::state::AppState;
use crate::api::Problem;

pub(crate) use health::{health, live, ready, DatabaseCheck};

/// JSON body extractor whose rejections are problem+json.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct Json<T>(pub T);

/// Path extractor whose rejections are problem+json.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct Path<T>(pub T);

/// Query extractor whose rejections are problem+json.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct Query<T>(pub T);

#[derive(OpenApi)]
#[openapi(
    info(
        title = "millectl auth API",
        description = "Corporate e-banking login: masked passwords, one-time codes, lockout, unblocking, phone numbers and audit."
    ),
    components(schemas(Problem)),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

/// The routes with their OpenAPI document.
pub fn openapi_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::health))
        .routes(routes!(health::live))
        .routes(routes!(health::ready))
        .routes(routes!(sessions::start))
        .routes(routes!(sessions::complete))
        .routes(routes!(sessions::logout))
        .routes(routes!(sessions::me))
        .routes(routes!(provisioning::create_company))
        .routes(routes!(users::list, provisioning::create_user))
        .routes(routes!(users::show))
        .routes(routes!(history::history))
        .routes(routes!(search::find))
        .routes(routes!(users::unblock))
        .routes(routes!(password_resets::require))
        .routes(routes!(resend::resend))
        .routes(routes!(operators::unblock))
        .routes(routes!(approvals::list))
        .routes(routes!(approvals::approve))
        .routes(routes!(envelopes::issue))
        .routes(routes!(users::set_phone))
        .routes(routes!(users::set_password_masking))
        .routes(routes!(hardware_tokens::assign))
        .routes(routes!(hardware_tokens::withdraw))
        .routes(routes!(hardware_tokens::load, hardware_tokens::available))
        .routes(routes!(tokens::create, tokens::list))
        .routes(routes!(tokens::revoke))
        .routes(routes!(audit::list))
        .routes(routes!(phone_changes::apply))
        .routes(routes!(suspensions::suspend, suspensions::release))
}

/// The routes and their OpenAPI document, with the error answers every route shares
/// ([`error_answers`]).
fn routes_and_document() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut api) = openapi_router().split_for_parts();
    error_answers::declare(&mut api);
    (router, api)
}

/// The OpenAPI document, as served.
pub fn openapi() -> utoipa::openapi::OpenApi {
    routes_and_document().1
}

pub fn router(state: AppState) -> Router {
    let (router, api) = routes_and_document();
    let api = std::sync::Arc::new(api);
    router
        .route(
            "/v1/openapi.json",
            get(move || {
                let api = api.clone();
                async move { axum::Json(api.as_ref().clone()) }
            }),
        )
        .with_state(state)
}
