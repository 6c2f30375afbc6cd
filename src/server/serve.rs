//! Bringing a wired server up and down: bind its listeners, then serve until a signal
//! (or, for the in-process demo, until its caller says stop) and finish the requests
//! in flight. `super::start` and `super::dev::start` do the wiring (store, keys, SMS
//! sender); this module only runs what they hand over.
//!
//! It refuses to serve plain HTTP beyond the loopback interface unless told
//! `--insecure-http`, because every request carries a bearer token or a credential.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{bail, Context};

use crate::domain::pepper::Pepper;
use crate::store::Store;

use super::listener::{self, ConnectionLimits, Drained, Listening};
use super::sms::SmsSender;
use super::state::{AppState, Keys, Settings};
use super::{app, client_ip, lifecycle, management_app, metrics, pkcs11, state, token_binding};

/// A wired server: what `start` and `dev::start` hand over to be bound and served.
pub(crate) struct ServerConfig {
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

/// `--tls-cert` and `--tls-key`: the certificate chain and the private key (PEM).
#[derive(Debug, Clone)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
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

/// A server whose listeners are bound (their addresses known before serving starts;
/// port 0 works) but that does not serve yet: the caller says where it listens first.
pub struct BoundServer {
    config: ServerConfig,
    listener: tokio::net::TcpListener,
    pub addr: SocketAddr,
    pub scheme: &'static str,
    management: Option<tokio::net::TcpListener>,
    /// Where health and metrics answer (always plain HTTP), if anywhere.
    pub management_addr: Option<SocketAddr>,
}

impl BoundServer {
    pub(crate) async fn bind(config: ServerConfig) -> anyhow::Result<Self> {
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
        let scheme = if config.tls.is_some() {
            "https"
        } else {
            "http"
        };
        Ok(Self {
            config,
            listener,
            addr,
            scheme,
            management,
            management_addr,
        })
    }

    /// Where the API answers: `http://ADDR` or `https://ADDR`.
    pub fn url(&self) -> String {
        format!("{}://{}", self.scheme, self.addr)
    }
}

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

impl BoundServer {
    /// Serve until Ctrl-C or SIGTERM.
    pub async fn serve(self) -> anyhow::Result<()> {
        self.serve_until(shutdown_signal()).await
    }

    /// Serve until `shutdown` completes, then finish the requests in flight (the in-process
    /// `millectl demo` stops its server this way).
    pub async fn serve_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let Self {
            config,
            listener,
            addr,
            scheme,
            management,
            ..
        } = self;
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

        // Both listeners stop on the same signal; readiness turns 503 at once.
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let signalled = Arc::new(std::sync::OnceLock::new());
        {
            let (signalled, state) = (signalled.clone(), state.clone());
            tokio::spawn(async move {
                shutdown.await;
                let _ = signalled.set(tokio::time::Instant::now());
                state.begin_shutdown();
                let _ = stop.send(true);
            });
        }

        let management = management.map(|listener| {
            tracing::info!(url = %format!("http://{}", listener.local_addr().map(|a| a.to_string()).unwrap_or_default()), "management listener: /v1/health, /v1/health/live, /v1/health/ready, /metrics");
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
        tracing::info!(url = %format!("{scheme}://{addr}"), "listening");
        let api = Listening {
            listener,
            which: metrics::Listener::Api,
            tls,
            limits,
            trusted_proxies,
            router: app(state.clone()),
            metrics,
        }
        .run(stopped)
        .await;
        let management = match management {
            Some(management) => management.await.context("the management listener failed")?,
            None => Drained::InTime,
        };
        let started = signalled
            .get()
            .copied()
            .unwrap_or_else(tokio::time::Instant::now);
        let deadline = started + limits.shutdown_timeout;
        let drained = api == Drained::InTime && management == Drained::InTime;
        let closed = lifecycle::close(&state, deadline).await;
        tracing::info!(
            drained_in_time = drained,
            database_closed = closed,
            shutdown_ms = started.elapsed().as_millis() as u64,
            "stopped"
        );
        Ok(())
    }
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
