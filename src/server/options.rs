//! What a server is started with ([`ServerOptions`]): plain data — addresses, paths,
//! numbers, enums — that `cli::server` fills from its flags and `demo` from defaults.
//! No clap here and no I/O: files named in the options are read when the server
//! starts (`super::start`), so an error still names the flag that pointed at them.
//!
//! The flags' defaults are the options' ([`ServerOptions::default`] and the
//! `DEFAULT_*` constants the clap definitions show), so the help text and a server
//! started without flags cannot disagree.

use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::time::Duration;

use crate::domain::lockout::LockoutLimit;
use crate::domain::masked_password;
use crate::domain::transport_key::TransportKey;

use super::hash_gate::{self, GateSize};
use super::state::{Settings, BULK_CONCURRENCY};

pub use super::client_ip::{ForwardedHeader, TrustedNet};
pub use super::listener::ConnectionLimits;
pub use super::secrets_file::SecretSource;
pub use super::serve::TlsFiles;
pub use super::source_limits::SourceQuota;
pub use crate::domain::login_start::StartPolicy;

/// Options that cannot work together, or a secret that is missing: a usage error
/// (exit code 2 in the CLI).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct OptionsError(pub String);

/// Everything `millectl server` is started with. See the flags' help for each.
#[derive(Debug)]
pub struct ServerOptions {
    pub listen: SocketAddr,
    /// `None`: a SQLite file in the user's data directory.
    pub database: Option<String>,
    pub pepper: SecretSource,
    pub tls: Option<TlsFiles>,
    pub insecure_http: bool,
    /// Consecutive failed logins before a block (1-5).
    pub lockout_limit: u8,
    pub require_reason: bool,
    pub operator_idle_timeout: Duration,
    pub operator_max_session: Duration,
    pub user_idle_timeout: Duration,
    pub bulk_concurrency: usize,
    pub phone_change_hold: Duration,
    pub token_transport_key_file: Option<PathBuf>,
    /// What step 1 of a login may cost (SMS codes, open challenges).
    pub start_policy: StartPolicy,
    pub sweep_interval: Duration,
    /// How long login attempts are kept for users' timelines (and anonymous callers'
    /// audit records).
    pub login_attempts_retention: Duration,
    /// How long every audit record is kept; `None`: for good.
    pub audit_retention: Option<Duration>,
    /// `None`: no gateway; SMS users cannot log in (a dev server writes an outbox).
    pub sms_webhook: Option<WebhookOptions>,
    pub connections: ConnectionLimits,
    pub management_listen: Option<SocketAddr>,
    pub trusted_proxies: Vec<TrustedNet>,
    pub forwarded_header: ForwardedHeader,
    pub argon2: Argon2Options,
    pub login_starts_per_source: SourceQuota,
    pub login_checks_per_source: SourceQuota,
    pub masked_password_subsets: usize,
    /// `None`: the masked-password key is derived from the pepper.
    pub mask_key: Option<MaskKeyOptions>,
}

/// The SMS gateway webhook.
#[derive(Debug)]
pub struct WebhookOptions {
    pub url: reqwest::Url,
    /// The bearer secret's file; `None`: `MILLECTL_SMS_WEBHOOK_TOKEN`.
    pub token_file: Option<PathBuf>,
}

/// A PKCS#11 token and the key in it that masks new password records.
#[derive(Debug)]
pub struct MaskKeyOptions {
    /// The HSM vendor's PKCS#11 module.
    pub module: PathBuf,
    pub token_label: String,
    /// For `start`: the key new records are made with; for `mask_key::generate`: the
    /// label of the key to make.
    pub key_label: String,
    pub pin: SecretSource,
}

/// The Argon2 gate (`hash_gate`); unset sizes follow the concurrency.
#[derive(Debug, Clone, Copy)]
pub struct Argon2Options {
    /// `None`: the number of cores, at most 16.
    pub concurrency: Option<usize>,
    /// `None`: 4 × the concurrency.
    pub queue: Option<usize>,
    pub queue_timeout: Duration,
}

impl ServerOptions {
    /// Phone-change chunks worked on at once, unless told otherwise.
    pub const DEFAULT_BULK_CONCURRENCY: u16 = BULK_CONCURRENCY as u16;
    /// Subsets of positions stored per new masked password, unless told otherwise.
    pub const DEFAULT_MASKED_PASSWORD_SUBSETS: u8 = masked_password::DEFAULT_SUBSETS as u8;
    /// Login starts or checks per source per minute, unless told otherwise.
    pub const DEFAULT_LOGINS_PER_SOURCE_PER_MINUTE: NonZeroU32 = SourceQuota::DEFAULT.per_minute;
    /// How long login attempts are kept, unless told otherwise: 90 days.
    pub const DEFAULT_LOGIN_ATTEMPTS_RETENTION: Duration =
        super::state::DEFAULT_LOGIN_ATTEMPTS_RETENTION;
    /// Login starts or checks one source may send at once, unless told otherwise.
    pub const DEFAULT_LOGINS_BURST: NonZeroU32 = SourceQuota::DEFAULT.burst;

    /// The settings every request handler shares. Reads the token transport key file.
    pub(crate) fn settings(&self) -> anyhow::Result<Settings> {
        let limit = LockoutLimit::new(self.lockout_limit).map_err(anyhow::Error::msg)?;
        Ok(Settings {
            lockout_limit: limit,
            require_reason: self.require_reason,
            operator_idle_timeout: self.operator_idle_timeout,
            operator_max_session: self.operator_max_session,
            user_idle_timeout: self.user_idle_timeout,
            bulk_concurrency: self.bulk_concurrency,
            phone_change_hold: self.phone_change_hold,
            token_transport_key: self
                .token_transport_key_file
                .as_deref()
                .map(TransportKey::load_file)
                .transpose()
                .map_err(anyhow::Error::msg)?,
            start_policy: self.start_policy,
            sweep_interval: self.sweep_interval,
            login_attempts_retention: self.login_attempts_retention,
            audit_retention: self.audit_retention,
            trusted_proxies: super::client_ip::TrustedProxies::new(
                self.trusted_proxies.iter().copied(),
                self.forwarded_header,
            ),
            argon2: self.argon2.gate_size(),
            login_starts_per_source: self.login_starts_per_source,
            login_checks_per_source: self.login_checks_per_source,
            masked_password_subsets: self.masked_password_subsets,
            ..Settings::default()
        })
    }
}

impl Argon2Options {
    /// The hash gate's size; unset ones follow the concurrency.
    fn gate_size(self) -> GateSize {
        let permits = self
            .concurrency
            .unwrap_or_else(hash_gate::default_concurrency);
        GateSize {
            permits,
            queue: self.queue.unwrap_or(4 * permits),
            queue_timeout: self.queue_timeout,
        }
    }
}

/// The defaults of every flag: a server on 127.0.0.1:7070 with no pepper given.
impl Default for ServerOptions {
    fn default() -> Self {
        let settings = Settings::default();
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 7070)),
            database: None,
            pepper: SecretSource::Unset,
            tls: None,
            insecure_http: false,
            lockout_limit: settings.lockout_limit.get(),
            require_reason: settings.require_reason,
            operator_idle_timeout: settings.operator_idle_timeout,
            operator_max_session: settings.operator_max_session,
            user_idle_timeout: settings.user_idle_timeout,
            bulk_concurrency: settings.bulk_concurrency,
            phone_change_hold: settings.phone_change_hold,
            token_transport_key_file: None,
            start_policy: settings.start_policy,
            sweep_interval: settings.sweep_interval,
            login_attempts_retention: settings.login_attempts_retention,
            audit_retention: settings.audit_retention,
            sms_webhook: None,
            connections: ConnectionLimits::default(),
            management_listen: None,
            trusted_proxies: Vec::new(),
            forwarded_header: ForwardedHeader::default(),
            argon2: Argon2Options {
                concurrency: None,
                queue: None,
                queue_timeout: settings.argon2.queue_timeout,
            },
            login_starts_per_source: settings.login_starts_per_source,
            login_checks_per_source: settings.login_checks_per_source,
            masked_password_subsets: settings.masked_password_subsets,
            mask_key: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_options_make_the_default_settings() {
        let made = ServerOptions::default().settings().unwrap();
        let default = Settings::default();
        // Settings has no PartialEq (it holds keys); its Debug shows every field.
        assert_eq!(format!("{made:?}"), format!("{default:?}"));
    }

    #[test]
    fn argon2_queue_follows_the_concurrency() {
        let gate = Argon2Options {
            concurrency: Some(3),
            queue: None,
            queue_timeout: Duration::from_millis(5),
        }
        .gate_size();
        assert_eq!((gate.permits, gate.queue), (3, 12));
    }
}
