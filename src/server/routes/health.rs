//! Health, as load balancers and orchestrators ask for it, on the API listener and on
//! the management listener alike:
//! - `/v1/health/live`: the process is up and answers; nothing else is looked at, so a
//!   database outage does not get the process restarted for nothing;
//! - `/v1/health/ready`: send it traffic — the database answers, it holds every
//!   migration this build needs (a replica of an older schema waits), and no shutdown
//!   has begun (from the signal on, the answer is 503 while requests drain);
//! - `/v1/health`: as before — up, and the database answers.

use axum::extract::State;

use crate::api::{ErrorCode, Health, Liveness, Problem, Readiness};
use crate::server::error::ApiError;
use crate::server::state::AppState;
use crate::store::SCHEMA_VERSION;

fn unavailable(detail: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::ServiceUnavailable, detail)
}

/// Liveness and database reachability (also on the management listener).
#[utoipa::path(get, path = "/v1/health", tag = "meta",
    responses((status = 200, body = Health), (status = 503, body = Problem)))]
pub(crate) async fn health(State(state): State<AppState>) -> Result<axum::Json<Health>, ApiError> {
    state
        .store
        .ping()
        .await
        .map_err(|_| unavailable("the database does not answer"))?;
    Ok(axum::Json(Health {
        status: "ok".into(),
        database: state.store.backend().into(),
        version: env!("CARGO_PKG_VERSION").into(),
    }))
}

/// The process is up (also on the management listener); looks at nothing else.
#[utoipa::path(get, path = "/v1/health/live", tag = "meta",
    responses((status = 200, body = Liveness)))]
pub(crate) async fn live() -> axum::Json<Liveness> {
    axum::Json(Liveness {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}

/// Ready for traffic: the database answers with its migrations current, and no
/// shutdown has begun (also on the management listener).
#[utoipa::path(get, path = "/v1/health/ready", tag = "meta",
    responses((status = 200, body = Readiness), (status = 503, body = Problem)))]
pub(crate) async fn ready(
    State(state): State<AppState>,
) -> Result<axum::Json<Readiness>, ApiError> {
    if state.is_shutting_down() {
        return Err(unavailable("the server is shutting down"));
    }
    let schema_version = state
        .store
        .schema_version()
        .await
        .map_err(|_| unavailable("the database does not answer"))?;
    if schema_version < SCHEMA_VERSION {
        return Err(unavailable(format!(
            "the database schema is at migration {schema_version}; this server needs \
             {SCHEMA_VERSION}"
        )));
    }
    Ok(axum::Json(Readiness {
        status: "ok".into(),
        database: state.store.backend().into(),
        schema_version,
        version: env!("CARGO_PKG_VERSION").into(),
    }))
}
