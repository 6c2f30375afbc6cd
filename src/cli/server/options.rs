//! From `server` flags to `server::ServerOptions`, and from what stops a start to an
//! exit code: the two translations between the CLI's words and the server's.

use std::path::PathBuf;
use std::time::Duration;

use crate::cli::errors::{self, CliError};
use crate::domain::login_start::StartPolicy;
use crate::server::backup::BackupError;
use crate::server::mask_key::Pkcs11Error;
use crate::server::options::{
    Argon2Options, ConnectionLimits, MaskKeyOptions, OptionsError, SecretSource, ServerOptions,
    SourceQuota, TlsFiles, WebhookOptions,
};

use super::ServerArgs;

/// A secret from its `--…-file` flag, else from its environment variable (taken out of
/// the environment at start, `crate::cli::secret_env`).
pub(super) fn secret_source(file: Option<PathBuf>, variable: &'static str) -> SecretSource {
    match file {
        Some(path) => SecretSource::File(path),
        None => match crate::cli::secret_env::take(variable) {
            Some(value) => SecretSource::Env(value),
            None => SecretSource::Unset,
        },
    }
}

/// Exit codes of what stops a start: a missing or empty secret is a usage error (2);
/// a token's refusal has its own (`pkcs11_cli_error`); anything else is 1.
pub(super) fn start_error(err: anyhow::Error) -> anyhow::Error {
    if let Some(token) = err.downcast_ref::<Pkcs11Error>() {
        return pkcs11_cli_error(token).into();
    }
    if let Some(OptionsError(message)) = err.downcast_ref::<OptionsError>() {
        return CliError::usage(message.clone()).into();
    }
    err
}

/// Exit codes of `server backup|restore`: what the arguments name is wrong (a
/// PostgreSQL URL, a missing file, a file that is not a millectl database) is 7; what
/// the state forbids (an existing OUT, a database in use) is 6; a failing copy is 1.
pub(super) fn backup_error(err: BackupError) -> anyhow::Error {
    let code = match &err {
        BackupError::Postgres(_)
        | BackupError::BadUrl(_)
        | BackupError::Missing(_)
        | BackupError::NotMillectl { .. }
        | BackupError::Newer { .. } => errors::INVALID_INPUT,
        BackupError::Exists(_) | BackupError::InUse(_) => errors::CONFLICT,
        BackupError::Failed { .. } => return anyhow::Error::new(err),
    };
    CliError::new(code, err.to_string()).into()
}

/// Exit codes of token errors (`cli::errors`): what is missing is 3, a refused PIN 4,
/// a taken label 6, a bad argument 7, a failing token 8.
fn pkcs11_cli_error(err: &Pkcs11Error) -> CliError {
    let code = match err {
        Pkcs11Error::NoToken(_) | Pkcs11Error::NoKey { .. } => errors::NOT_FOUND,
        Pkcs11Error::Login { .. } => errors::NOT_AUTHENTICATED,
        Pkcs11Error::KeyExists { .. } | Pkcs11Error::AmbiguousKey { .. } => errors::CONFLICT,
        Pkcs11Error::Module { .. } | Pkcs11Error::BadLabel => errors::INVALID_INPUT,
        Pkcs11Error::Token(_) => errors::UNAVAILABLE,
    };
    CliError::new(code, err.to_string())
}

/// The server's options from its flags.
pub(super) fn server_options(args: ServerArgs) -> ServerOptions {
    let mask_key = match (
        args.mask_key_pkcs11_module,
        args.mask_key_pkcs11_token,
        args.mask_key_pkcs11_key,
    ) {
        (Some(module), Some(token_label), Some(key_label)) => Some(MaskKeyOptions {
            module,
            token_label,
            key_label,
            pin: secret_source(args.mask_key_pkcs11_pin_file, "MILLECTL_PKCS11_PIN"),
        }),
        _ => None,
    };
    let pepper = if args.dev {
        // A dev server makes its own.
        SecretSource::Unset
    } else {
        secret_source(args.pepper_file, "MILLECTL_PEPPER")
    };
    ServerOptions {
        listen: args.listen,
        database: args.database,
        pepper,
        tls: match (args.tls_cert, args.tls_key) {
            (Some(cert), Some(key)) => Some(TlsFiles { cert, key }),
            _ => None,
        },
        insecure_http: args.insecure_http,
        lockout_limit: args.lockout_limit,
        require_reason: args.require_reason,
        operator_idle_timeout: Duration::from_secs(args.operator_idle_minutes * 60),
        operator_max_session: Duration::from_secs(args.operator_max_hours * 3600),
        user_idle_timeout: Duration::from_secs(args.user_idle_seconds),
        bulk_concurrency: usize::from(args.bulk_concurrency),
        phone_change_hold: Duration::from_secs(u64::from(args.phone_change_hold_hours) * 3600),
        token_transport_key_file: args.token_transport_key_file,
        start_policy: StartPolicy {
            min_interval: Duration::from_secs(u64::from(args.sms_min_interval_secs)),
            per_hour: args.sms_per_hour,
            budget_per_minute: args.sms_budget_per_minute,
            open_challenges: args.open_challenges_per_login,
            reuse_min_left: Duration::from_secs(args.sms_reuse_min_left_secs),
        },
        sweep_interval: Duration::from_secs(args.sweep_interval_secs),
        login_attempts_retention: args
            .login_attempts_retention
            .map_or(ServerOptions::DEFAULT_LOGIN_ATTEMPTS_RETENTION, |span| {
                span.as_duration()
            }),
        audit_retention: args.audit_retention.map(|span| span.as_duration()),
        sms_webhook: args.sms_webhook_url.map(|url| WebhookOptions {
            url,
            token_file: args.sms_webhook_token_file,
        }),
        connections: ConnectionLimits {
            header_timeout: Duration::from_secs(args.header_timeout_secs),
            body_timeout: Duration::from_secs(args.body_timeout_secs),
            idle_timeout: Duration::from_secs(args.idle_timeout_secs),
            max_connections: args.max_connections as usize,
            max_connections_per_source: args.max_connections_per_source as usize,
            shutdown_timeout: args
                .shutdown_timeout
                .map_or(ConnectionLimits::default().shutdown_timeout, |span| {
                    span.as_duration()
                }),
        },
        management_listen: args.management_listen,
        trusted_proxies: args.trusted_proxy,
        forwarded_header: args.forwarded_header,
        argon2: Argon2Options {
            concurrency: args.argon2_concurrency.map(usize::from),
            queue: args.argon2_queue.map(usize::from),
            queue_timeout: Duration::from_millis(args.argon2_queue_timeout_ms),
        },
        login_starts_per_source: SourceQuota {
            per_minute: args.login_starts_per_source_per_minute,
            burst: args.login_starts_burst,
        },
        login_checks_per_source: SourceQuota {
            per_minute: args.login_checks_per_source_per_minute,
            burst: args.login_checks_burst,
        },
        masked_password_subsets: usize::from(args.masked_password_subsets),
        mask_key,
    }
}
