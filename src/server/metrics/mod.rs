//! The server's own counters, for `GET /metrics` on the management listener.
//!
//! This file holds the registry and the connections' counters (issue 12: what the
//! server does under a flood of slow clients — how many connections are open, how many
//! the caps turned away, how many each timeout closed). Issue 17 added the rest, each
//! idea in a file of its own: [`requests`] (rate, errors and duration by route),
//! [`events`] (logins, blocks, unblocks, SMS, phone-change rows) and [`work`] (Argon2
//! and the database). They live in memory, per replica (each replica is scraped on its
//! own), and start at zero with the process. The registry is `prometheus-client` (the
//! Prometheus project's own Rust client) so the exposition format is not ours to get
//! wrong; it writes OpenMetrics text, which Prometheus scrapes as it is.
//!
//! No label carries a login, a MilleKod, an address or any other value a client
//! chooses: every label value is one of a set fixed by the code (a test scrapes after a
//! flood of made-up logins and paths and finds none of them).

pub mod events;
pub mod requests;
pub mod work;

use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue, LabelValueEncoder};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;

/// Which listener a connection came in on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Listener {
    /// The API (`--listen`).
    Api,
    /// Health and metrics (`--management-listen`).
    Management,
}

impl Listener {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Api => "api",
            Self::Management => "management",
        }
    }
}

// By hand: the derive writes the variant's Rust name, and label values are snake_case.
impl EncodeLabelValue for Listener {
    fn encode(&self, encoder: &mut LabelValueEncoder) -> Result<(), std::fmt::Error> {
        EncodeLabelValue::encode(&self.as_str(), encoder)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct ListenerLabel {
    listener: Listener,
}

/// Why the server closed a connection before the client did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Timeout {
    /// The TLS handshake did not finish within the header timeout.
    TlsHandshake,
    /// A request's head had started but did not end within the header timeout.
    Header,
    /// A request's body did not arrive within the body timeout (answered 408).
    Body,
    /// No bytes moved either way, and no request was being answered, for the idle
    /// timeout (a silent new connection, a quiet keep-alive, a client not reading).
    Idle,
}

impl Timeout {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::TlsHandshake => "tls_handshake",
            Self::Header => "header",
            Self::Body => "body",
            Self::Idle => "idle",
        }
    }
}

impl EncodeLabelValue for Timeout {
    fn encode(&self, encoder: &mut LabelValueEncoder) -> Result<(), std::fmt::Error> {
        EncodeLabelValue::encode(&self.as_str(), encoder)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct TimeoutLabel {
    timeout: Timeout,
}

/// Why step 1 of a login was answered 429 (`domain::login_start`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StartRefusal {
    /// The login's own SMS limits (interval, per hour).
    SmsPerLogin,
    /// The bank's SMS budget: the breaker is open.
    SmsBudget,
}

impl StartRefusal {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SmsPerLogin => "sms_per_login",
            Self::SmsBudget => "sms_budget",
        }
    }
}

impl EncodeLabelValue for StartRefusal {
    fn encode(&self, encoder: &mut LabelValueEncoder) -> Result<(), std::fmt::Error> {
        EncodeLabelValue::encode(&self.as_str(), encoder)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct RefusalLabel {
    why: StartRefusal,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct SchemeLabel {
    scheme: &'static str,
}

/// Every counter of the server, and the registry that writes them out.
pub struct Metrics {
    registry: Registry,
    open: Family<ListenerLabel, Gauge>,
    accepted: Family<ListenerLabel, Counter>,
    at_capacity: Family<ListenerLabel, Counter>,
    refused_per_source: Counter,
    accept_errors: Family<ListenerLabel, Counter>,
    closed_by_timeout: Family<TimeoutLabel, Counter>,
    login_starts_refused: Family<RefusalLabel, Counter>,
    masked_passwords: Family<SchemeLabel, Gauge>,
    pub requests: requests::Requests,
    pub events: events::Events,
    pub work: work::Work,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("millectl");
        let open = Family::<ListenerLabel, Gauge>::default();
        registry.register("connections_open", "Connections open now", open.clone());
        let accepted = Family::<ListenerLabel, Counter>::default();
        registry.register(
            "connections_accepted",
            "Connections accepted",
            accepted.clone(),
        );
        let at_capacity = Family::<ListenerLabel, Counter>::default();
        registry.register(
            "connections_at_capacity",
            "Times the listener reached its overall connection cap and stopped accepting \
             (new connections wait in the kernel's backlog until one closes)",
            at_capacity.clone(),
        );
        let refused_per_source = Counter::default();
        registry.register(
            "connections_refused_per_source",
            "Connections closed at once because their source already had as many open as \
             --max-connections-per-source allows",
            refused_per_source.clone(),
        );
        let accept_errors = Family::<ListenerLabel, Counter>::default();
        registry.register(
            "accept_errors",
            "Errors accepting a connection (such as running out of file descriptors)",
            accept_errors.clone(),
        );
        let closed_by_timeout = Family::<TimeoutLabel, Counter>::default();
        registry.register(
            "connections_closed_by_timeout",
            "Connections the server closed because a timeout ran out",
            closed_by_timeout.clone(),
        );
        let login_starts_refused = Family::<RefusalLabel, Counter>::default();
        registry.register(
            "login_starts_refused",
            "Login starts answered 429 by the SMS limits: a login's own (sms_per_login) or \
             the bank's budget, whose breaker is open (sms_budget; alert on any increase)",
            login_starts_refused.clone(),
        );
        let masked_passwords = Family::<SchemeLabel, Gauge>::default();
        registry.register(
            "masked_passwords",
            "Stored masked passwords by scheme, counted at start: shamir (made before \
             issue 13; falls to whoever holds the database and the pepper) and subsets",
            masked_passwords.clone(),
        );
        let requests = requests::Requests::register(&mut registry);
        let events = events::Events::register(&mut registry);
        let work = work::Work::register(&mut registry);
        Self {
            registry,
            requests,
            events,
            work,
            login_starts_refused,
            masked_passwords,
            open,
            accepted,
            at_capacity,
            refused_per_source,
            accept_errors,
            closed_by_timeout,
        }
    }

    /// A connection was accepted and will be served; it counts as open until `closed`.
    pub fn accepted(&self, listener: Listener) {
        let label = ListenerLabel { listener };
        self.accepted.get_or_create(&label).inc();
        self.open.get_or_create(&label).inc();
    }

    /// How many stored masked passwords use each scheme.
    pub fn masked_passwords(&self, shamir: i64, subsets: i64) {
        for (scheme, count) in [("shamir", shamir), ("subsets", subsets)] {
            self.masked_passwords
                .get_or_create(&SchemeLabel { scheme })
                .set(count);
        }
    }

    pub fn closed(&self, listener: Listener) {
        self.open.get_or_create(&ListenerLabel { listener }).dec();
    }

    pub fn at_capacity(&self, listener: Listener) {
        self.at_capacity
            .get_or_create(&ListenerLabel { listener })
            .inc();
    }

    pub fn refused_per_source(&self) {
        self.refused_per_source.inc();
    }

    pub fn accept_error(&self, listener: Listener) {
        self.accept_errors
            .get_or_create(&ListenerLabel { listener })
            .inc();
    }

    pub fn closed_by(&self, timeout: Timeout) {
        self.closed_by_timeout
            .get_or_create(&TimeoutLabel { timeout })
            .inc();
    }

    pub fn login_start_refused(&self, why: StartRefusal) {
        self.login_starts_refused
            .get_or_create(&RefusalLabel { why })
            .inc();
    }

    /// Touch every labelled series once, so a scrape shows zeros instead of nothing
    /// before the first event (dashboards and alerts need the series to exist).
    pub fn announce(&self, listeners: &[Listener]) {
        self.events.announce();
        for &listener in listeners {
            let label = ListenerLabel { listener };
            drop(self.open.get_or_create(&label));
            drop(self.accepted.get_or_create(&label));
            drop(self.at_capacity.get_or_create(&label));
            drop(self.accept_errors.get_or_create(&label));
        }
        for why in [StartRefusal::SmsPerLogin, StartRefusal::SmsBudget] {
            drop(
                self.login_starts_refused
                    .get_or_create(&RefusalLabel { why }),
            );
        }
        for timeout in [
            Timeout::TlsHandshake,
            Timeout::Header,
            Timeout::Body,
            Timeout::Idle,
        ] {
            drop(
                self.closed_by_timeout
                    .get_or_create(&TimeoutLabel { timeout }),
            );
        }
    }

    /// The OpenMetrics text exposition of every metric.
    pub fn encode(&self) -> String {
        let mut text = String::new();
        // Writing into a String cannot fail; an error here would be a bug of the
        // encoder, and an empty scrape says so better than a panic would.
        if prometheus_client::encoding::text::encode(&mut text, &self.registry).is_err() {
            text.clear();
        }
        text
    }
}

/// The content type of `encode`'s text.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exposition_names_every_series_with_zeros_before_any_event() {
        let metrics = Metrics::new();
        metrics.announce(&[Listener::Api, Listener::Management]);
        let text = metrics.encode();
        for line in [
            "millectl_connections_open{listener=\"api\"} 0",
            "millectl_connections_accepted_total{listener=\"management\"} 0",
            "millectl_connections_at_capacity_total{listener=\"api\"} 0",
            "millectl_connections_refused_per_source_total 0",
            "millectl_connections_closed_by_timeout_total{timeout=\"tls_handshake\"} 0",
            "millectl_connections_closed_by_timeout_total{timeout=\"idle\"} 0",
            "millectl_login_starts_refused_total{why=\"sms_budget\"} 0",
        ] {
            assert!(text.lines().any(|l| l == line), "no {line:?} in\n{text}");
        }
        assert!(text.ends_with("# EOF\n"), "{text}");
    }

    #[test]
    fn open_connections_go_up_and_down() {
        let metrics = Metrics::new();
        metrics.accepted(Listener::Api);
        metrics.accepted(Listener::Api);
        metrics.closed(Listener::Api);
        metrics.closed_by(Timeout::Header);
        let text = metrics.encode();
        assert!(
            text.contains("millectl_connections_open{listener=\"api\"} 1\n"),
            "{text}"
        );
        assert!(
            text.contains("millectl_connections_accepted_total{listener=\"api\"} 2\n"),
            "{text}"
        );
        assert!(
            text.contains("millectl_connections_closed_by_timeout_total{timeout=\"header\"} 1\n"),
            "{text}"
        );
    }
}
