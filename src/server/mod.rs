//! The auth API (`millectl server`): axum routes → domain rules → store.
//!
//! One way in: [`start`] takes plain [`ServerOptions`] and does all the wiring (the
//! pepper, the mask key, the store, the SMS sender) up to bound listeners;
//! [`dev::start`] does the same for `server --dev` and `millectl demo`;
//! [`bootstrap`], [`backup`] and [`mask_key`] are the entry points of the `server`
//! subcommands; [`lifecycle`] is how a server ends (drain, flush, close).
//! The CLI only turns flags into options and prints.
//!
//! This file builds the application: routes and middleware. Connections are accepted
//! and bounded by `listener`; an optional management listener (`--management-listen`)
//! answers health and metrics on a port of its own, so probes still get through while
//! the API's connection cap is full. It serves no credential and no personal data, so
//! it is plain HTTP wherever it is bound.

pub mod access_log;
pub mod auth;
pub mod backup;
pub mod bootstrap;
pub mod client_ip;
pub mod decoy;
pub mod dev;
pub mod error;
pub mod hash_gate;
pub mod lifecycle;
pub mod listener;
pub mod login;
pub mod mask_key;
pub mod metered_store;
pub mod metrics;
pub mod options;
pub mod pkcs11;
pub mod routes;
pub mod secrets_file;
pub mod serve;
pub mod sms;
pub mod source_limits;
pub mod start;
pub mod state;
pub mod sweep;
pub mod token_binding;

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower::ServiceBuilder;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::api::{ErrorCode, Problem, MAX_BODY_BYTES};
use crate::store::Store;

use self::client_ip::ClientIp;
use self::error::ApiError;
use self::sms::SmsSender;
use self::state::{AppState, Inner, Keys, Settings};

pub use self::options::{OptionsError, ServerOptions};
pub use self::serve::BoundServer;
pub use self::start::start;

/// The application with all its middleware, ready to serve (also used by tests and
/// the in-process demo).
pub fn app(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    routes::router(state.clone())
        .fallback(|| async { ApiError::not_found("no such route; see /v1/openapi.json") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                ErrorCode::MethodNotAllowed,
                "method not allowed on this route; see the Allow header or /v1/openapi.json",
            )
        })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(
            ServiceBuilder::new()
                .layer(axum::middleware::from_fn(drop_unusable_request_id))
                .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
                .layer(PropagateRequestIdLayer::new(request_id))
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    client_ip::resolve,
                ))
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    access_log::log_request,
                ))
                .layer(TraceLayer::new_for_http().make_span_with(request_span))
                .layer(axum::middleware::from_fn(problem_instance)),
        )
}

/// The span every request's logs carry: tower-http's fields, plus who is asking (as
/// `ClientIp` resolved it, so behind a trusted proxy it is the client, not the proxy)
/// and the request id, to find one request's lines.
fn request_span<B>(request: &Request<B>) -> tracing::Span {
    let client = request
        .extensions()
        .get::<ClientIp>()
        .map(|ClientIp(ip)| ip.to_string());
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok());
    tracing::debug_span!(
        "request",
        method = %request.method(),
        uri = %request.uri(),
        version = ?request.version(),
        client = %client.as_deref().unwrap_or("-"),
        request_id = %request_id.unwrap_or("-"),
    )
}

/// The management listener's routes: the API's health check, and the metrics.
pub fn management_app(state: AppState) -> Router {
    Router::new()
        .route("/v1/health", get(routes::health))
        .route("/v1/health/live", get(routes::live))
        .route("/v1/health/ready", get(routes::ready))
        .route("/metrics", get(metrics_text))
        .fallback(|| async {
            ApiError::not_found(
                "the management listener serves /v1/health, /v1/health/live, \
                 /v1/health/ready and /metrics",
            )
        })
        .with_state(state)
        .layer(TraceLayer::new_for_http())
}

async fn metrics_text(axum::extract::State(state): axum::extract::State<AppState>) -> Response {
    state
        .metrics
        .work
        .scrape(state.hash_gate.in_use(), &state.store.pool_use());
    (
        [(header::CONTENT_TYPE, metrics::CONTENT_TYPE)],
        state.metrics.encode(),
    )
        .into_response()
}

/// A client may send its own `x-request-id` (to correlate its logs with ours), but
/// it ends up in the audit: anything but 1-64 characters of `[A-Za-z0-9._-]` is
/// dropped and replaced by a fresh UUID.
async fn drop_unusable_request_id(mut request: Request, next: Next) -> Response {
    let usable = request.headers().get("x-request-id").is_some_and(|v| {
        let bytes = v.as_bytes();
        (1..=64).contains(&bytes.len())
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(b))
    });
    if !usable {
        request.headers_mut().remove("x-request-id");
    }
    next.run(request).await
}

/// Stamp the request id into every problem+json body as its `instance`.
async fn problem_instance(request: Request, next: Next) -> Response {
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let response = next.run(request).await;
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == b"application/problem+json");
    if !is_problem {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    let mut problem: Problem = match serde_json::from_slice(&bytes) {
        Ok(problem) => problem,
        Err(_) => return Response::from_parts(parts, axum::body::Body::from(bytes)),
    };
    problem.instance = request_id;
    let body = serde_json::to_vec(&problem).unwrap_or_default();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    Response::from_parts(parts, axum::body::Body::from(body)).into_response()
}

pub fn state(
    store: Arc<dyn Store>,
    keys: Keys,
    sms: Arc<dyn SmsSender>,
    settings: Settings,
) -> AppState {
    let metrics = Arc::new(metrics::Metrics::new());
    let store: Arc<dyn Store> = Arc::new(metered_store::MeteredStore::new(store, metrics.clone()));
    let sms: Arc<dyn SmsSender> = Arc::new(sms::Counted::new(sms, metrics.clone()));
    let sms_queue = sms::SmsQueue::start(sms.clone(), metrics.clone());
    sms::start_notices(store.clone(), sms_queue.clone());
    sweep::start(
        store.clone(),
        settings.sweep_interval,
        sweep::Retention {
            login_attempts: settings.login_attempts_retention,
            audit: settings.audit_retention,
        },
    );
    let source_limits = Arc::new(source_limits::SourceLimits::new(
        settings.login_starts_per_source,
        settings.login_checks_per_source,
    ));
    source_limits::SourceLimits::sweep_in_background(&source_limits);
    AppState(Arc::new(Inner {
        store,
        keys,
        sms_queue,
        decoy_shapes: decoy::ShapeCache::default(),
        sms_breaker: sms::SmsBreaker::default(),
        sms,
        bulk_permits: tokio::sync::Semaphore::new(settings.bulk_concurrency),
        hash_gate: hash_gate::HashGate::new(settings.argon2).timed(&metrics.work),
        source_limits,
        settings,
        metrics,
        shutting_down: std::sync::atomic::AtomicBool::new(false),
        database_check: routes::DatabaseCheck::default(),
    }))
}
