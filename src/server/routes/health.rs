//! Health, as load balancers and orchestrators ask for it, on the API listener and on
//! the management listener alike:
//! - `/v1/health/live`: the process is up and answers; nothing else is looked at, so a
//!   database outage does not get the process restarted for nothing;
//! - `/v1/health/ready`: send it traffic — the database answers, it holds every
//!   migration this build needs (a replica of an older schema waits), and no shutdown
//!   has begun (from the signal on, the answer is 503 while requests drain);
//! - `/v1/health`: as before — up, and the database answers.
//!
//! They answer anyone, on the API listener too, so what they cost must not grow with
//! how often they are asked: the database is looked at once per [`FRESH`] at most, by
//! one request while the others wait for its answer ([`DatabaseCheck`]). A flood of
//! probes costs a read a second, not a read each, and cannot hold the connections the
//! logins need. A 503 says what is wrong in words, not the schema's migration number.

use std::time::{Duration, Instant};

use axum::extract::State;

use crate::api::{ErrorCode, Health, Liveness, Problem, Readiness};
use crate::server::error::ApiError;
use crate::server::state::AppState;
use crate::store::{Store, SCHEMA_VERSION};

/// How long one look at the database answers the health checks.
pub const FRESH: Duration = Duration::from_secs(1);

/// The last look at the database: when, and the schema version it read (`None`: the
/// database did not answer).
#[derive(Default)]
pub struct DatabaseCheck(tokio::sync::Mutex<Option<(Instant, Option<i64>)>>);

impl DatabaseCheck {
    /// The database's schema version, read at most once per [`FRESH`]; a caller that
    /// comes while a read is under way waits for it rather than starting another.
    async fn schema_version(&self, store: &dyn Store) -> Option<i64> {
        let mut last = self.0.lock().await;
        if let Some((at, seen)) = *last {
            if at.elapsed() < FRESH {
                return seen;
            }
        }
        let seen = store.schema_version().await.ok();
        *last = Some((Instant::now(), seen));
        seen
    }
}

fn unavailable(detail: impl Into<String>) -> ApiError {
    ApiError::new(ErrorCode::ServiceUnavailable, detail)
}

/// Liveness and database reachability (also on the management listener).
#[utoipa::path(get, path = "/v1/health", tag = "meta",
    responses((status = 200, body = Health), (status = 503, body = Problem)))]
pub(crate) async fn health(State(state): State<AppState>) -> Result<axum::Json<Health>, ApiError> {
    state
        .database_check
        .schema_version(state.store.as_ref())
        .await
        .ok_or_else(|| unavailable("the database does not answer"))?;
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
        .database_check
        .schema_version(state.store.as_ref())
        .await
        .ok_or_else(|| unavailable("the database does not answer"))?;
    if schema_version < SCHEMA_VERSION {
        // The numbers are in the log, for the operator; not in an anonymous answer.
        tracing::warn!(
            schema_version,
            needs = SCHEMA_VERSION,
            "not ready: the database schema is older than this server"
        );
        return Err(unavailable(
            "the database schema is older than this server needs; see the server's log",
        ));
    }
    Ok(axum::Json(Readiness {
        status: "ok".into(),
        database: state.store.backend().into(),
        schema_version,
        version: env!("CARGO_PKG_VERSION").into(),
    }))
}
