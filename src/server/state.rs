//! What every request handler shares: the store, the keys derived from the pepper, the
//! SMS sender, the server's settings and its limits on anonymous work (the hash gate,
//! the per-source limits).

use std::sync::Arc;
use std::time::Duration;

use crate::domain::lockout::LockoutLimit;
use crate::domain::masked_password::MaskKeys;
use crate::domain::pepper::{Pepper, SubKey};
use crate::store::Store;

use super::hash_gate::{GateSize, HashGate};
use super::sms::{SmsQueue, SmsSender};
use super::source_limits::{SourceLimits, SourceQuota};

/// Subkeys of the pepper, one per purpose, so no two uses share a key.
pub struct Keys {
    /// The keys of masked-password records (`domain::masked_password::key`); the
    /// pepper's among them masks the old scheme's shares.
    pub mask: MaskKeys,
    pub sms_code: SubKey,
    pub token_seed: SubKey,
    /// Makes the fake challenges of unknown logins stable and unpredictable.
    pub decoy: SubKey,
}

impl Keys {
    pub fn derive(pepper: &Pepper) -> Self {
        Self {
            mask: MaskKeys::from_pepper(pepper),
            sms_code: pepper.subkey("millectl/sms-code/v1"),
            token_seed: pepper.subkey("millectl/token-seed/v1"),
            decoy: pepper.subkey("millectl/decoy/v1"),
        }
    }
}

/// Settings an operator of the server chooses.
#[derive(Debug, Clone)]
pub struct Settings {
    pub lockout_limit: LockoutLimit,
    /// Operators must give a `reason` for state-changing requests.
    pub require_reason: bool,
    /// Company users: 5 minutes without activity (EU RTS on SCA, Art. 4(3)(d)).
    pub user_idle_timeout: Duration,
    pub user_max_session: Duration,
    pub operator_idle_timeout: Duration,
    pub operator_max_session: Duration,
    /// Phone-change chunks worked on at once; more get 429 with `Retry-After`.
    pub bulk_concurrency: usize,
    /// After a phone change, no access password goes to the new number without a
    /// second operator's approval for this long (`domain::approval`).
    pub phone_change_hold: Duration,
    /// Decrypts the seeds of hardware-token inventories (PSKC); none: no loading.
    pub token_transport_key: Option<crate::domain::transport_key::TransportKey>,
    /// What step 1 may cost: open challenges, SMS codes per login, the SMS budget.
    pub start_policy: crate::domain::login_start::StartPolicy,
    /// How often the background sweep deletes what nothing needs (`server::sweep`).
    pub sweep_interval: Duration,
    /// How long login attempts are kept for users' timelines (issue 15); the sweep
    /// deletes older ones.
    pub login_attempts_retention: Duration,
    /// How long every audit record is kept; `None`: for good (the sweep's horizon).
    pub audit_retention: Option<Duration>,
    /// Proxies whose forwarding header names the client (`--trusted-proxy`); none:
    /// the TCP peer is the client (`super::client_ip`).
    pub trusted_proxies: super::client_ip::TrustedProxies,

    // Logins under load (issue 12): see `hash_gate` and `source_limits`.
    /// Argon2 runs at once, the anonymous queue for them and its deadline.
    pub argon2: GateSize,
    /// Login starts (`POST /v1/sessions`) per source address.
    pub login_starts_per_source: SourceQuota,
    /// Login checks (`POST /v1/sessions/{id}`) per source address.
    pub login_checks_per_source: SourceQuota,

    /// Stored subsets of positions per new masked password (issue 13; see
    /// `domain::masked_password::subsets` for why 32).
    pub masked_password_subsets: usize,
}

/// Login attempts are kept 90 days unless told otherwise.
pub const DEFAULT_LOGIN_ATTEMPTS_RETENTION: Duration = Duration::from_secs(90 * 86_400);

impl Default for Settings {
    fn default() -> Self {
        Self {
            lockout_limit: LockoutLimit::default(),
            require_reason: false,
            user_idle_timeout: Duration::from_secs(5 * 60),
            user_max_session: Duration::from_secs(8 * 3600),
            operator_idle_timeout: Duration::from_secs(15 * 60),
            operator_max_session: Duration::from_secs(8 * 3600),
            bulk_concurrency: BULK_CONCURRENCY,
            phone_change_hold: crate::domain::approval::DEFAULT_PHONE_CHANGE_HOLD,
            token_transport_key: None,
            start_policy: crate::domain::login_start::StartPolicy::default(),
            sweep_interval: Duration::from_secs(10),
            login_attempts_retention: DEFAULT_LOGIN_ATTEMPTS_RETENTION,
            audit_retention: None,
            trusted_proxies: super::client_ip::TrustedProxies::default(),
            argon2: GateSize::default(),
            login_starts_per_source: SourceQuota::DEFAULT,
            login_checks_per_source: SourceQuota::DEFAULT,
            masked_password_subsets: crate::domain::masked_password::DEFAULT_SUBSETS,
        }
    }
}

#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

pub struct Inner {
    pub store: Arc<dyn Store>,
    pub keys: Keys,
    pub sms: Arc<dyn SmsSender>,
    /// Login codes, sent after step 1 has answered.
    pub sms_queue: SmsQueue,
    /// The SMS budget's breaker: its alert and count.
    pub sms_breaker: super::sms::SmsBreaker,
    /// The shapes of real users' challenges, which decoys are drawn from.
    pub decoy_shapes: super::decoy::ShapeCache,
    pub settings: Settings,
    /// Bulk phone-change chunks in progress at once; beyond that the answer is 429.
    pub bulk_permits: tokio::sync::Semaphore,
    /// Every counter, served at `/metrics` on the management listener.
    pub metrics: Arc<super::metrics::Metrics>,
    /// Every Argon2 run goes through it (`hash_gate`).
    pub hash_gate: HashGate,
    /// Per-source limits on the login steps (`source_limits`).
    pub source_limits: Arc<SourceLimits>,
    /// Set once a shutdown has begun: readiness answers 503 from then on.
    pub shutting_down: std::sync::atomic::AtomicBool,
    /// The health checks' last look at the database, shared for a moment
    /// (`routes::health`).
    pub database_check: super::routes::DatabaseCheck,
}

impl AppState {
    /// A shutdown has begun (`server::lifecycle`): readiness says so from now on.
    pub fn begin_shutdown(&self) {
        self.shutting_down
            .store(true, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn is_shutting_down(&self) -> bool {
        self.shutting_down.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// Chunks of bulk phone changes one server works on at a time.
pub const BULK_CONCURRENCY: usize = 4;

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}
