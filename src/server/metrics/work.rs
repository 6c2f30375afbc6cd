//! The two costly kinds of work behind the requests: Argon2 runs (how many at once,
//! how many wait, how long one takes, how many the gate turned away) and the database
//! (each pool's connections in use, and how long each store operation takes).
//!
//! The gauges are read when scraped ([`Work::scrape`]) from the hash gate's own
//! counters and the pools, so they are never stale and cost nothing between scrapes.
//! The store operation label is the name of a `Store` method — a fixed set of about
//! sixty — never a statement's text.

use std::time::Duration;

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::{Registry, Unit};

use crate::store::PoolUse;

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct OperationLabel {
    operation: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct PoolLabels {
    pool: &'static str,
    state: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, EncodeLabelSet)]
struct PoolLabel {
    pool: &'static str,
}

/// 5 ms to about 1.3 s, doubling: one run is ~50 ms of a core on the default cost.
fn argon2_buckets() -> Histogram {
    Histogram::new(exponential_buckets(0.005, 2.0, 9))
}

/// 0.1 ms to about 3 s, doubling: a lookup by key, a chunk of phone changes.
fn query_buckets() -> Histogram {
    Histogram::new(exponential_buckets(0.0001, 2.0, 16))
}

/// What the hash gate counts itself, read at a scrape.
#[derive(Debug, Clone, Copy, Default)]
pub struct GateUse {
    pub running: usize,
    pub waiting: usize,
    pub permits: usize,
}

pub struct Work {
    argon2_running: Gauge,
    argon2_waiting: Gauge,
    argon2_permits: Gauge,
    argon2_duration: Histogram,
    argon2_refused: Counter,
    query_duration: Family<OperationLabel, Histogram, fn() -> Histogram>,
    query_errors: Family<OperationLabel, Counter>,
    pool_connections: Family<PoolLabels, Gauge>,
    pool_max: Family<PoolLabel, Gauge>,
}

impl Work {
    pub(super) fn register(registry: &mut Registry) -> Self {
        let argon2_running = Gauge::default();
        registry.register(
            "argon2_in_flight",
            "Argon2 runs in progress now",
            argon2_running.clone(),
        );
        let argon2_waiting = Gauge::default();
        registry.register(
            "argon2_waiting",
            "Login checks waiting for an Argon2 permit now",
            argon2_waiting.clone(),
        );
        let argon2_permits = Gauge::default();
        registry.register(
            "argon2_permits",
            "Argon2 runs allowed at once (--argon2-concurrency)",
            argon2_permits.clone(),
        );
        let argon2_duration = argon2_buckets();
        registry.register_with_unit(
            "argon2_duration",
            "Time of one Argon2 run (a check, a dummy check or an enrolment's hash)",
            Unit::Seconds,
            argon2_duration.clone(),
        );
        let argon2_refused = Counter::default();
        registry.register(
            "argon2_refused",
            "Callers the hash gate answered 503 (queue full or deadline passed)",
            argon2_refused.clone(),
        );
        let query_duration =
            Family::<OperationLabel, Histogram, fn() -> Histogram>::new_with_constructor(
                query_buckets,
            );
        registry.register_with_unit(
            "db_operation_duration",
            "Time of one store operation (one or a few statements, a transaction), by \
             operation",
            Unit::Seconds,
            query_duration.clone(),
        );
        let query_errors = Family::<OperationLabel, Counter>::default();
        registry.register(
            "db_operation_errors",
            "Store operations that failed (a conflict the caller expects included), by \
             operation",
            query_errors.clone(),
        );
        let pool_connections = Family::<PoolLabels, Gauge>::default();
        registry.register(
            "db_pool_connections",
            "Database connections open now, by pool and state (in_use, idle)",
            pool_connections.clone(),
        );
        let pool_max = Family::<PoolLabel, Gauge>::default();
        registry.register(
            "db_pool_max_connections",
            "The most connections each pool opens",
            pool_max.clone(),
        );
        Self {
            argon2_running,
            argon2_waiting,
            argon2_permits,
            argon2_duration,
            argon2_refused,
            query_duration,
            query_errors,
            pool_connections,
            pool_max,
        }
    }

    /// The histogram the hash gate observes each run's time into.
    pub fn argon2_timer(&self) -> Histogram {
        self.argon2_duration.clone()
    }

    /// The counter the hash gate counts its 503s into.
    pub fn argon2_refusals(&self) -> Counter {
        self.argon2_refused.clone()
    }

    pub fn store_operation(&self, operation: &'static str, took: Duration, failed: bool) {
        let label = OperationLabel { operation };
        self.query_duration
            .get_or_create(&label)
            .observe(took.as_secs_f64());
        if failed {
            self.query_errors.get_or_create(&label).inc();
        }
    }

    /// Set the gauges from what the gate and the pools say now.
    pub fn scrape(&self, gate: GateUse, pools: &[PoolUse]) {
        self.argon2_running.set(gauge_value(gate.running));
        self.argon2_waiting.set(gauge_value(gate.waiting));
        self.argon2_permits.set(gauge_value(gate.permits));
        for pool in pools {
            let in_use = pool.open.saturating_sub(pool.idle);
            for (state, count) in [("in_use", in_use), ("idle", pool.idle)] {
                self.pool_connections
                    .get_or_create(&PoolLabels {
                        pool: pool.pool,
                        state,
                    })
                    .set(i64::from(count));
            }
            self.pool_max
                .get_or_create(&PoolLabel { pool: pool.pool })
                .set(i64::from(pool.max));
        }
    }
}

fn gauge_value(count: usize) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}
