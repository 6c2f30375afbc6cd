//! The accept loop: every connection is bounded in time and in number.
//!
//! Issue 12 found that connections sending half a request head, half a body or nothing
//! at all stayed open for good, and that about 20,000 of them from one client ran the
//! process out of file descriptors, health included. So each connection here is served
//! by hyper's HTTP/1.1 state machine under our own limits:
//!
//! - **header timeout**: once a request's first byte has arrived, its whole head must
//!   arrive within it; it also bounds the TLS handshake;
//! - **body timeout**: once the head is in, the whole body must arrive within it; a
//!   late body is answered `408 request_timeout` and the connection closed;
//! - **idle timeout**: a connection on which no byte moves either way while no request
//!   is being answered — a new one that says nothing, a keep-alive one between
//!   requests, or a client that stopped reading our answer — is closed;
//! - **overall cap**: at `max_connections` open the loop stops accepting, so new
//!   connections wait in the kernel's backlog (and the kernel refuses them once it is
//!   full) instead of costing a descriptor each; one closing lets one in;
//! - **per-source cap**: a TCP peer with `max_connections_per_source` open has any
//!   further connection accepted and closed at once. Headers are not read yet at that
//!   point, so the source is the TCP peer: behind a load balancer, the proxy. Trusted
//!   proxies (`--trusted-proxy`) are therefore exempt from this cap (they carry many
//!   clients; they count against the overall cap, and the proxy itself is the place to
//!   cap its clients' connections).
//!
//! This file accepts and counts; `connection` serves one connection under its clocks.
//!
//! Only HTTP/1.1 is served (ALPN `http/1.1` on TLS): the CLI and scripts speak it, and
//! HTTP/2's many streams per connection would need limits of their own; a proxy in
//! front can speak HTTP/2 to browsers.
//!
//! Everything here is in memory, per process: caps and counts are per replica.

mod connection;

use std::collections::HashMap;
use std::io;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tokio::time::Instant;

use self::connection::Connection;
use super::client_ip::TrustedProxies;
use super::metrics::{Listener, Metrics};

/// The limits of one listener, as `millectl server` flags set them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    pub header_timeout: Duration,
    pub body_timeout: Duration,
    pub idle_timeout: Duration,
    pub max_connections: usize,
    pub max_connections_per_source: usize,
    /// Once a shutdown starts, how long the requests in flight may take to finish
    /// (`--shutdown-timeout`); the database is closed within the same time.
    pub shutdown_timeout: Duration,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(15),
            idle_timeout: Duration::from_secs(60),
            max_connections: 4096,
            max_connections_per_source: 64,
            shutdown_timeout: Duration::from_secs(30),
        }
    }
}

/// Connections the management listener serves at once: a few probes and a scraper.
pub const MANAGEMENT_MAX_CONNECTIONS: usize = 16;

/// File descriptors kept out of the connection cap: the database pool (16 at most),
/// the SMS gateway's connections (16 in flight), the listeners, log and outbox files,
/// the runtime's own, and the management listener's connections.
pub const RESERVED_DESCRIPTORS: usize = 128 + MANAGEMENT_MAX_CONNECTIONS;

/// Raise RLIMIT_NOFILE's soft limit to the hard limit where the OS allows it, and
/// lower the overall cap to fit under it with `RESERVED_DESCRIPTORS` to spare. Logs
/// both, since running out of descriptors is how issue 12 took the server down.
pub fn fit_to_descriptors(mut limits: ConnectionLimits) -> ConnectionLimits {
    let Some((soft, hard)) = raise_descriptor_limit() else {
        tracing::info!(
            max_connections = limits.max_connections,
            "the descriptor limit (RLIMIT_NOFILE) is unknown on this platform; \
             the connection cap is taken as given"
        );
        return limits;
    };
    let room = usize::try_from(soft)
        .unwrap_or(usize::MAX)
        .saturating_sub(RESERVED_DESCRIPTORS)
        .max(1);
    if limits.max_connections > room {
        tracing::warn!(
            "--max-connections {} does not fit under the descriptor limit \
             (RLIMIT_NOFILE {soft}, {RESERVED_DESCRIPTORS} kept for the database, the SMS \
             gateway, files and the management listener); using {room}",
            limits.max_connections
        );
        limits.max_connections = room;
    }
    limits.max_connections_per_source = limits
        .max_connections_per_source
        .min(limits.max_connections);
    tracing::info!(
        "file descriptors: RLIMIT_NOFILE {soft} (hard {hard}); at most {} connections \
         ({} per source), {RESERVED_DESCRIPTORS} descriptors kept for the database, the \
         SMS gateway, files and the management listener",
        limits.max_connections,
        limits.max_connections_per_source,
    );
    limits
}

/// `(soft, hard)` after raising the soft limit as far as allowed.
#[cfg(unix)]
fn raise_descriptor_limit() -> Option<(u64, u64)> {
    if let Err(error) = rlimit::increase_nofile_limit(u64::MAX) {
        tracing::warn!(%error, "cannot raise the descriptor limit (RLIMIT_NOFILE)");
    }
    rlimit::Resource::NOFILE.get().ok()
}

#[cfg(not(unix))]
fn raise_descriptor_limit() -> Option<(u64, u64)> {
    None
}

/// Load the certificate chain and key for the API listener (rustls with ring, as the
/// rest of the server; HTTP/1.1 only, see the module's documentation).
pub fn tls_acceptor(
    cert: &std::path::Path,
    key: &std::path::Path,
) -> anyhow::Result<tokio_rustls::TlsAcceptor> {
    use anyhow::Context as _;
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};

    let _ = rustls::crypto::ring::default_provider().install_default();
    let chain = CertificateDer::pem_file_iter(cert)
        .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("cannot read the certificate chain {}", cert.display()))?;
    let key = PrivateKeyDer::from_pem_file(key)
        .with_context(|| format!("cannot read the private key {}", key.display()))?;
    let mut config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .context("rustls refused its default protocol versions")?
    .with_no_client_auth()
    .with_single_cert(chain, key)
    .context("cannot load --tls-cert/--tls-key")?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(tokio_rustls::TlsAcceptor::from(Arc::new(config)))
}

/// One listening socket and everything its connections need.
pub struct Listening {
    pub listener: TcpListener,
    pub which: Listener,
    pub tls: Option<tokio_rustls::TlsAcceptor>,
    pub limits: ConnectionLimits,
    /// Peers exempt from the per-source cap.
    pub trusted_proxies: TrustedProxies,
    pub router: Router,
    pub metrics: Arc<Metrics>,
}

impl Listening {
    /// Accept and serve until `stop` turns true; then stop accepting, let the requests
    /// in flight finish (up to `limits.shutdown_timeout`) and return whether they all
    /// did.
    pub async fn run(self, mut stop: watch::Receiver<bool>) -> Drained {
        let Listening {
            listener,
            which,
            tls,
            limits,
            trusted_proxies,
            router,
            metrics,
        } = self;
        let graceful = GracefulShutdown::new();
        let open = Arc::new(Semaphore::new(limits.max_connections));
        let pressure = Arc::new(Pressure::new(which, limits.max_connections));
        let sources = Arc::new(SourceCounts::default());
        let mut last_cap_warning: Option<Instant> = None;
        loop {
            let permit = match open.clone().try_acquire_owned() {
                Ok(permit) => permit,
                Err(_) => {
                    metrics.at_capacity(which);
                    if last_cap_warning.is_none_or(|at| at.elapsed() > Duration::from_secs(60)) {
                        last_cap_warning = Some(Instant::now());
                        tracing::warn!(
                            listener = which.as_str(),
                            max_connections = limits.max_connections,
                            "connection cap reached: not accepting until a connection closes"
                        );
                    }
                    tokio::select! {
                        permit = open.clone().acquire_owned() => match permit {
                            Ok(permit) => permit,
                            Err(_) => break,
                        },
                        _ = stop.wait_for(|stop| *stop) => break,
                    }
                }
            };
            let accepted = tokio::select! {
                accepted = listener.accept() => accepted,
                _ = stop.wait_for(|stop| *stop) => break,
            };
            let (stream, peer) = match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    metrics.accept_error(which);
                    tracing::warn!(listener = which.as_str(), %error, "accept error");
                    // Out of descriptors (EMFILE, ENFILE) or memory: accepting again at
                    // once would spin; a connection closing in the meantime makes room.
                    if !is_connection_error(&error) {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    continue;
                }
            };
            let source = if trusted_proxies.contains(peer.ip()) {
                None
            } else {
                match sources.enter(peer.ip(), limits.max_connections_per_source) {
                    Some(source) => Some(source),
                    None => {
                        metrics.refused_per_source();
                        tracing::debug!(%peer, "per-source connection cap reached: closed");
                        drop(stream);
                        continue;
                    }
                }
            };
            metrics.accepted(which);
            pressure.update(open.available_permits());
            let connection = Connection {
                peer,
                router: router.clone(),
                limits,
                metrics: metrics.clone(),
                watcher: graceful.watcher(),
                pressure: pressure.watch(),
            };
            let tls = tls.clone();
            let (open, pressure) = (open.clone(), pressure.clone());
            tokio::spawn(async move {
                let metrics = connection.metrics.clone();
                connection.serve(stream, tls).await;
                metrics.closed(which);
                drop(source);
                drop(permit);
                pressure.update(open.available_permits());
            });
        }
        // Closing the socket refuses whatever still waits in the kernel's backlog:
        // those clients see a reset, never a half-served request.
        drop(listener);
        let draining = Instant::now();
        let grace = limits.shutdown_timeout;
        let in_flight = graceful.count();
        tokio::select! {
            () = graceful.shutdown() => {
                tracing::info!(
                    listener = which.as_str(),
                    connections = in_flight,
                    drain_ms = draining.elapsed().as_millis() as u64,
                    "requests in flight finished"
                );
                Drained::InTime
            }
            () = tokio::time::sleep(grace) => {
                tracing::warn!(
                    listener = which.as_str(),
                    "requests still in flight after {grace:?} (--shutdown-timeout); dropping them"
                );
                Drained::Cut
            }
        }
    }
}

/// How a listener's shutdown ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drained {
    /// Every request in flight was answered.
    InTime,
    /// `--shutdown-timeout` passed first; the rest were dropped.
    Cut,
}

/// Near the cap, slow clients get short clocks (`connection::pressed`): from three
/// quarters of the cap open until fewer than half are, so slots held by clients that
/// send nothing, or half a request, turn over in seconds instead of the configured
/// timeouts, and new connections (people) get in.
struct Pressure {
    which: Listener,
    max: usize,
    on: watch::Sender<bool>,
}

impl Pressure {
    fn new(which: Listener, max: usize) -> Self {
        Self {
            which,
            max,
            on: watch::Sender::new(false),
        }
    }

    fn watch(&self) -> watch::Receiver<bool> {
        self.on.subscribe()
    }

    /// Re-decide from the permits left; logs each change.
    fn update(&self, available: usize) {
        let open = self.max.saturating_sub(available);
        self.on.send_if_modified(|on| {
            let next = if open * 4 >= self.max * 3 {
                true
            } else if open * 2 < self.max {
                false
            } else {
                *on
            };
            if next == *on {
                return false;
            }
            *on = next;
            if next {
                tracing::warn!(
                    listener = self.which.as_str(),
                    open,
                    "near the connection cap: slow and idle connections get short timeouts"
                );
            } else {
                tracing::info!(
                    listener = self.which.as_str(),
                    open,
                    "connections back to normal"
                );
            }
            true
        });
    }
}

/// Errors of one connection that came and went before we took it: accept again.
fn is_connection_error(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// Open connections per source address. An address is in the map only while it has a
/// connection open, so the map never holds more entries than the overall cap.
#[derive(Default)]
struct SourceCounts(Mutex<HashMap<IpAddr, usize>>);

impl SourceCounts {
    fn lock(&self) -> MutexGuard<'_, HashMap<IpAddr, usize>> {
        // A panic while holding this lock leaves only counts behind, still usable.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn enter(self: &Arc<Self>, ip: IpAddr, max: usize) -> Option<SourceGuard> {
        let ip = ip.to_canonical();
        let mut counts = self.lock();
        let count = counts.entry(ip).or_insert(0);
        if *count >= max {
            return None;
        }
        *count += 1;
        Some(SourceGuard {
            counts: self.clone(),
            ip,
        })
    }
}

/// One open connection of a source; leaving it gives the slot back.
struct SourceGuard {
    counts: Arc<SourceCounts>,
    ip: IpAddr,
}

impl Drop for SourceGuard {
    fn drop(&mut self) {
        let mut counts = self.counts.lock();
        if let Some(count) = counts.get_mut(&self.ip) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                counts.remove(&self.ip);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_gets_its_cap_and_its_slots_back() {
        let sources = Arc::new(SourceCounts::default());
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().unwrap();
        let first = sources.enter(ip, 2).expect("first");
        let second = sources.enter(mapped, 2).expect("second, the same source");
        assert!(sources.enter(ip, 2).is_none(), "a third over the cap");
        let other: IpAddr = "192.0.2.2".parse().unwrap();
        assert!(
            sources.enter(other, 2).is_some(),
            "another source has its own"
        );
        drop(first);
        assert!(sources.enter(ip, 2).is_some(), "a slot given back");
        drop(second);
        assert!(
            sources.lock().is_empty(),
            "no entry outlives its connections"
        );
    }
}
