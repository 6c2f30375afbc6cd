//! The auth API (`millectl server`): axum routes → domain rules → store.
//!
//! It refuses to serve plain HTTP beyond the loopback interface unless told
//! `--insecure-http`, because every request carries a bearer token or a credential.
//! Connections are accepted and bounded by `listener`; an optional management listener
//! (`--management-listen`) answers health and metrics on a port of its own, so probes
//! still get through while the API's connection cap is full. It serves no credential
//! and no personal data, so it is plain HTTP wherever it is bound.

pub mod auth;
pub mod bootstrap;
pub mod client_ip;
pub mod decoy;
pub mod dev;
pub mod error;
pub mod hash_gate;
pub mod listener;
pub mod login;
pub mod metrics;
pub mod pkcs11;
pub mod routes;
pub mod sms;
pub mod source_limits;
pub mod state;
pub mod sweep;
pub mod token_binding;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{bail, Context};
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
use crate::domain::pepper::Pepper;
use crate::store::Store;

use self::client_ip::ClientIp;
use self::error::ApiError;
use self::listener::{ConnectionLimits, Listening};
use self::sms::SmsSender;
use self::state::{AppState, Inner, Keys, Settings};

/// Everything `millectl server` needs to start.
pub struct ServerConfig {
    pub listen: SocketAddr,
    pub store: Arc<dyn Store>,
    pub pepper: Pepper,
    /// The token's keys, when the masked-password key lives in a PKCS#11 token; `None`:
    /// the pepper's.
    pub mask_key: Option<pkcs11::TokenKeys>,
    pub sms: Arc<dyn SmsSender>,
    pub settings: Settings,
    pub tls: Option<TlsFiles>,
    pub insecure_http: bool,
    /// Timeouts and connection caps of the API listener (the management listener has
    /// the same timeouts and `listener::MANAGEMENT_MAX_CONNECTIONS`).
    pub connections: ConnectionLimits,
    /// Where health and metrics are served on their own; `None`: nowhere.
    pub management_listen: Option<SocketAddr>,
}

pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

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
                    state,
                    client_ip::resolve,
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
        .route("/metrics", get(metrics_text))
        .fallback(|| async {
            ApiError::not_found("the management listener serves /v1/health and /metrics")
        })
        .with_state(state)
        .layer(TraceLayer::new_for_http())
}

async fn metrics_text(axum::extract::State(state): axum::extract::State<AppState>) -> Response {
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
    let sms_queue = sms::SmsQueue::start(sms.clone());
    sms::start_notices(store.clone(), sms_queue.clone());
    sweep::start(store.clone(), settings.sweep_interval);
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
        hash_gate: hash_gate::HashGate::new(settings.argon2),
        source_limits,
        settings,
        metrics: Arc::new(metrics::Metrics::new()),
    }))
}

/// Refuse plain HTTP off the loopback interface unless explicitly allowed.
pub fn check_transport(listen: &SocketAddr, tls: bool, insecure_http: bool) -> anyhow::Result<()> {
    if !listen.ip().is_loopback() && !tls && !insecure_http {
        bail!(
            "refusing to serve plain HTTP on {listen}, which is not a loopback address; \
             give --tls-cert and --tls-key, or --insecure-http behind a TLS proxy"
        );
    }
    Ok(())
}

/// Bound listeners: the addresses are known before serving starts (port 0 works).
pub struct Bound {
    listener: tokio::net::TcpListener,
    pub addr: SocketAddr,
    pub scheme: &'static str,
    management: Option<tokio::net::TcpListener>,
    /// Where health and metrics answer (always plain HTTP), if anywhere.
    pub management_addr: Option<SocketAddr>,
}

pub async fn bind(config: &ServerConfig) -> anyhow::Result<Bound> {
    check_transport(&config.listen, config.tls.is_some(), config.insecure_http)?;
    // Before anything listens: once a replica serves, every token seed it may be asked
    // to open is bound to its user's uid.
    let keys = Keys::derive(&config.pepper);
    token_binding::rebind_login_bound_seeds(config.store.as_ref(), &keys.token_seed)
        .await
        .context("cannot re-seal the token seeds to their users' uids")?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let addr = listener.local_addr()?;
    let management = match config.management_listen {
        Some(listen) => Some(
            tokio::net::TcpListener::bind(listen)
                .await
                .with_context(|| format!("cannot listen on {listen} (--management-listen)"))?,
        ),
        None => None,
    };
    let management_addr = management
        .as_ref()
        .map(tokio::net::TcpListener::local_addr)
        .transpose()?;
    Ok(Bound {
        listener,
        addr,
        scheme: if config.tls.is_some() {
            "https"
        } else {
            "http"
        },
        management,
        management_addr,
    })
}

/// Serve until Ctrl-C or SIGTERM.
/// Say how many masked passwords still use the old scheme (issue 13): each moves to
/// the new one at its user's next password change, and until then falls to whoever
/// holds the database and the pepper. Also a gauge on `/metrics`.
async fn report_masked_password_schemes(state: &AppState) -> anyhow::Result<()> {
    let (shamir, subsets) = state.store.masked_password_schemes().await?;
    state.metrics.masked_passwords(shamir, subsets);
    if shamir > 0 {
        tracing::warn!(
            old_scheme = shamir,
            new_scheme = subsets,
            "{shamir} masked password(s) still use the old scheme (Shamir shares, weak \
             against a stolen database and pepper); each moves to the new one at the \
             user's next password change: `millectl user require-password-change` asks \
             for one"
        );
    } else {
        tracing::info!(
            new_scheme = subsets,
            "every masked password uses the new scheme"
        );
    }
    Ok(())
}

pub async fn serve(config: ServerConfig, bound: Bound) -> anyhow::Result<()> {
    serve_until(config, bound, shutdown_signal()).await
}

/// Serve until `shutdown` completes, then finish the requests in flight (the in-process
/// `millectl demo` stops its server this way).
pub async fn serve_until(
    config: ServerConfig,
    bound: Bound,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let mut keys = Keys::derive(&config.pepper);
    if let Some(token) = &config.mask_key {
        keys.mask = keys
            .mask
            .with_current(token.current.clone(), token.others.clone());
    }
    tracing::info!(
        mask_key = %keys.mask.current().id(),
        "new masked-password records are keyed by this key"
    );
    let state = state(
        config.store.clone(),
        keys,
        config.sms.clone(),
        config.settings.clone(),
    );
    let tls = match &config.tls {
        Some(files) => Some(listener::tls_acceptor(&files.cert, &files.key)?),
        None => None,
    };
    let limits = listener::fit_to_descriptors(config.connections);
    let trusted_proxies = state.settings.trusted_proxies.clone();
    let metrics = state.metrics.clone();
    report_masked_password_schemes(&state).await?;
    metrics.announce(&[metrics::Listener::Api, metrics::Listener::Management]);
    if !trusted_proxies.is_empty() {
        tracing::info!(
            "forwarding headers are read from trusted proxies only; they are exempt from \
             the per-source connection cap"
        );
    }

    // Both listeners stop on the same signal.
    let (stop, stopped) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop.send(true);
    });

    let management = bound.management.map(|listener| {
        tracing::info!(url = %format!("http://{}", listener.local_addr().map(|a| a.to_string()).unwrap_or_default()), "management listener: /v1/health, /metrics");
        let listening = Listening {
            listener,
            which: metrics::Listener::Management,
            tls: None,
            limits: ConnectionLimits {
                max_connections: listener::MANAGEMENT_MAX_CONNECTIONS,
                max_connections_per_source: listener::MANAGEMENT_MAX_CONNECTIONS,
                ..limits
            },
            trusted_proxies: client_ip::TrustedProxies::default(),
            router: management_app(state.clone()),
            metrics: metrics.clone(),
        };
        tokio::spawn(listening.run(stopped.clone()))
    });
    tracing::info!(url = %format!("{}://{}", bound.scheme, bound.addr), "listening");
    Listening {
        listener: bound.listener,
        which: metrics::Listener::Api,
        tls,
        limits,
        trusted_proxies,
        router: app(state),
        metrics,
    }
    .run(stopped)
    .await;
    if let Some(management) = management {
        management.await.context("the management listener failed")?;
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}

#[cfg(test)]
mod tests {
    use super::check_transport;

    #[test]
    fn plain_http_only_on_loopback_unless_insecure() {
        let public = "0.0.0.0:7070".parse().unwrap();
        let local = "127.0.0.1:7070".parse().unwrap();
        assert!(check_transport(&public, false, false).is_err());
        assert!(check_transport(&public, true, false).is_ok());
        assert!(check_transport(&public, false, true).is_ok());
        assert!(check_transport(&local, false, false).is_ok());
    }
}
