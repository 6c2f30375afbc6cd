//! `millectl server …`: run the auth API, or bootstrap its database.

use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Subcommand};
use secrecy::ExposeSecret;

use super::errors::{self, CliError};

use crate::domain::display_text::DisplayName;
use crate::domain::ids::Login;
use crate::domain::login_start::StartPolicy;
use crate::domain::policy::OperatorRole;
use crate::server::bootstrap::{self, OperatorSecrets};
use crate::server::dev::{self, DevOptions, DevServer};
use crate::server::mask_key::{self, Pkcs11Error};
use crate::server::options::{
    Argon2Options, ConnectionLimits, ForwardedHeader, MaskKeyOptions, OptionsError, SecretSource,
    ServerOptions, SourceQuota, TlsFiles, TrustedNet, WebhookOptions,
};
use crate::server::secrets_file::init_pepper;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ServerArgs {
    #[command(subcommand)]
    pub command: Option<ServerCommand>,

    /// Address to listen on. Plain HTTP only on loopback unless --insecure-http.
    #[arg(long, default_value = "127.0.0.1:7070", env = "MILLECTL_LISTEN")]
    pub listen: SocketAddr,

    /// Database URL: sqlite://PATH (default: a file in the user's data dir) or
    /// postgres://USER@HOST/DB.
    #[arg(long, env = "MILLECTL_DATABASE")]
    pub database: Option<String>,

    /// File holding the pepper (64 hex characters); or set MILLECTL_PEPPER.
    #[arg(long)]
    pub pepper_file: Option<PathBuf>,

    /// TLS certificate chain (PEM).
    #[arg(long, requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// TLS private key (PEM).
    #[arg(long, requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// Serve plain HTTP on a non-loopback address (behind a TLS-terminating proxy).
    #[arg(long)]
    pub insecure_http: bool,

    /// Consecutive failed logins before a block (1-5; EU RTS on SCA, Art. 4).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=5))]
    pub lockout_limit: u8,

    /// Require operators (and their API tokens) to give a reason for every change.
    #[arg(long)]
    pub require_reason: bool,

    /// Operator sessions end after this many minutes without activity.
    #[arg(long, default_value_t = 15, value_parser = clap::value_parser!(u64).range(1..=480))]
    pub operator_idle_minutes: u64,

    /// Operator sessions end this many hours after login, active or not.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u64).range(1..=24))]
    pub operator_max_hours: u64,

    /// Company users' sessions end after this many seconds without activity. The EU RTS
    /// on SCA (Art. 4(3)(d)) caps it at 300; lower values are for tests.
    #[arg(long, default_value_t = 300, hide = true,
          value_parser = clap::value_parser!(u64).range(1..=300))]
    pub user_idle_seconds: u64,

    /// Phone-change chunks (`phone import`) worked on at once; more are answered 429
    /// with Retry-After, and clients wait.
    #[arg(long, default_value_t = ServerOptions::DEFAULT_BULK_CONCURRENCY,
          value_parser = clap::value_parser!(u16).range(1..=64))]
    pub bulk_concurrency: u16,

    /// After a phone change, no one-time access password goes to the new number without
    /// a second operator's approval (`millectl approve`) for this many hours (0: never
    /// held; at most 720).
    #[arg(long, default_value_t = 24, value_parser = clap::value_parser!(u16).range(0..=720))]
    pub phone_change_hold_hours: u16,

    /// Least seconds between two SMS login codes to one login; a start in between
    /// re-uses the live code or is answered 429 with Retry-After (0: no least time).
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u32).range(0..=3600))]
    pub sms_min_interval_secs: u32,

    /// SMS login codes to one login in any rolling hour.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub sms_per_hour: u32,

    /// SMS login codes all logins together may cost per minute (per database, so for
    /// all replicas). Past it the breaker opens until the minute ends: starts needing a
    /// new code get 429, and the server logs an error.
    #[arg(long, default_value_t = 600, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub sms_budget_per_minute: u32,

    /// Open login challenges per login; a start beyond them gets the newest again.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=20))]
    pub open_challenges_per_login: u32,

    /// A live SMS code (or open challenge) is handed out again only with at least this
    /// many seconds to live; 300, a code's whole life, turns re-use off (tests).
    #[arg(long, default_value_t = 60, hide = true,
          value_parser = clap::value_parser!(u64).range(0..=300))]
    pub sms_reuse_min_left_secs: u64,

    /// Seconds between passes of the background sweep of expired rows (tests).
    #[arg(long, default_value_t = 10, hide = true,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub sweep_interval_secs: u64,

    /// File with the AES-128 transport key (32 hex characters) under which the token
    /// vendor encrypts the seeds of PSKC inventories; without it, back-office cannot
    /// load tokens. `--dev` makes one in its directory.
    #[arg(long, value_name = "FILE")]
    pub token_transport_key_file: Option<PathBuf>,

    /// SMS gateway webhook: each SMS is POSTed there as {"to", "text"}.
    #[arg(long, env = "MILLECTL_SMS_WEBHOOK_URL")]
    pub sms_webhook_url: Option<reqwest::Url>,

    /// File holding the webhook's bearer secret (or set MILLECTL_SMS_WEBHOOK_TOKEN).
    #[arg(long, requires = "sms_webhook_url")]
    pub sms_webhook_token_file: Option<PathBuf>,

    /// Throw-away server with demo data, a generated pepper and an SMS outbox file.
    #[arg(long)]
    pub dev: bool,

    /// Dev server: add N synthetic users (u000001…, 100 per MilleKod from 20000000,
    /// phone +48 500 000 000 + n, password `<login>Pass1`) for benchmarks.
    #[arg(long, requires = "dev", default_value_t = 0)]
    pub seed_users: u64,

    /// Directory of the dev server (default: a new temporary directory).
    #[arg(long, requires = "dev")]
    pub data_dir: Option<PathBuf>,

    // ---- Connections, timeouts and proxies (issue 12; README "Connections, timeouts
    // and proxies"). Every limit is per replica, in memory.
    /// Close a connection whose request head has begun but not ended after this many
    /// seconds; also the time a TLS handshake may take.
    #[arg(long, default_value_t = 10, value_name = "SECS",
          value_parser = clap::value_parser!(u64).range(1..=300))]
    pub header_timeout_secs: u64,

    /// Answer 408 and close when a request's body has not arrived whole this many
    /// seconds after its head.
    #[arg(long, default_value_t = 15, value_name = "SECS",
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub body_timeout_secs: u64,

    /// Close a connection on which nothing moved for this many seconds while no request
    /// was being answered (a silent new connection, a quiet keep-alive, a client that
    /// stopped reading).
    #[arg(long, default_value_t = 60, value_name = "SECS",
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub idle_timeout_secs: u64,

    /// Connections open at once; beyond it the server stops accepting and new ones wait
    /// in the kernel's backlog. Lowered at start to fit under the descriptor limit.
    #[arg(long, default_value_t = 4096, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub max_connections: u32,

    /// Connections open at once from one TCP peer; more are accepted and closed at
    /// once. Trusted proxies (--trusted-proxy) are exempt.
    #[arg(long, default_value_t = 64, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub max_connections_per_source: u32,

    /// Also serve GET /v1/health and GET /metrics (OpenMetrics text) here, plain HTTP,
    /// with a connection cap of its own, so probes get through while the API is at its
    /// cap. `--dev` binds one on 127.0.0.1 (port 0) unless given.
    #[arg(long, value_name = "ADDR", env = "MILLECTL_MANAGEMENT_LISTEN")]
    pub management_listen: Option<SocketAddr>,

    /// Proxies (CIDR or address; repeat or separate with commas) whose forwarding
    /// header names the client. From anyone else the header is ignored.
    #[arg(long, value_name = "CIDR", value_delimiter = ',')]
    pub trusted_proxy: Vec<TrustedNet>,

    /// Which header the trusted proxies write; the other is never read.
    #[arg(long, value_enum, default_value_t = ForwardedHeader::XForwardedFor,
          requires = "trusted_proxy")]
    pub forwarded_header: ForwardedHeader,
    // Logins under load (issue 12; README, "Logins under load").
    /// Argon2 verifications run at once; each holds 19 MiB, so Argon2 never holds more
    /// than this × 19 MiB. Default: the number of cores, at most 16.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub argon2_concurrency: Option<u16>,

    /// Login checks that may wait for an Argon2 slot; one more is answered 503 with
    /// Retry-After at once. Default: 4 × --argon2-concurrency.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(0..=4096))]
    pub argon2_queue: Option<u16>,

    /// How long a login check waits for an Argon2 slot before it is answered 503 with
    /// Retry-After.
    #[arg(long, value_name = "MS", default_value_t = 1000,
          value_parser = clap::value_parser!(u64).range(1..=60_000))]
    pub argon2_queue_timeout_ms: u64,

    /// Login starts (POST /v1/sessions) one client address may send per minute, once
    /// its burst is spent; more are answered 429 with Retry-After.
    #[arg(long, value_name = "N", default_value_t = ServerOptions::DEFAULT_LOGINS_PER_SOURCE_PER_MINUTE)]
    pub login_starts_per_source_per_minute: NonZeroU32,

    /// Login starts one client address may send at once before the per-minute rate
    /// applies (dozens of users behind one corporate NAT).
    #[arg(long, value_name = "N", default_value_t = ServerOptions::DEFAULT_LOGINS_BURST)]
    pub login_starts_burst: NonZeroU32,

    /// Login checks (POST /v1/sessions/{id}, one Argon2 each) one client address may
    /// send per minute, once its burst is spent; more are answered 429 with Retry-After.
    #[arg(long, value_name = "N", default_value_t = ServerOptions::DEFAULT_LOGINS_PER_SOURCE_PER_MINUTE)]
    pub login_checks_per_source_per_minute: NonZeroU32,

    /// Login checks one client address may send at once before the per-minute rate
    /// applies.
    #[arg(long, value_name = "N", default_value_t = ServerOptions::DEFAULT_LOGINS_BURST)]
    pub login_checks_burst: NonZeroU32,

    /// Subsets of positions stored per new masked password: a challenge asks one of
    /// them. More make a watched login less useful to replay (1 in N) and cost one
    /// more Argon2 run each when a password is set.
    #[arg(long, value_name = "N", default_value_t = ServerOptions::DEFAULT_MASKED_PASSWORD_SUBSETS,
          value_parser = clap::value_parser!(u8).range(8..=128))]
    pub masked_password_subsets: u8,

    // The masked-password key in a PKCS#11 token (issue 13; `server::pkcs11`).
    /// PKCS#11 module (the HSM vendor's library) holding the key that masks new password
    /// records; without it the key is derived from the pepper.
    #[arg(long, value_name = "PATH", help_heading = "Mask key in a PKCS#11 token",
          requires_all = ["mask_key_pkcs11_token", "mask_key_pkcs11_key"],
          conflicts_with = "dev")]
    pub mask_key_pkcs11_module: Option<PathBuf>,

    /// Label of the token that holds the key.
    #[arg(long, value_name = "LABEL", help_heading = "Mask key in a PKCS#11 token",
          requires_all = ["mask_key_pkcs11_module", "mask_key_pkcs11_key"])]
    pub mask_key_pkcs11_token: Option<String>,

    /// Label of the key new records are made with (`server mask-key generate`). The
    /// token's other HMAC keys still check the records they made.
    #[arg(long, value_name = "LABEL", help_heading = "Mask key in a PKCS#11 token",
          requires_all = ["mask_key_pkcs11_module", "mask_key_pkcs11_token"])]
    pub mask_key_pkcs11_key: Option<String>,

    /// File holding the token's user PIN; or set MILLECTL_PKCS11_PIN.
    #[arg(
        long,
        value_name = "FILE",
        help_heading = "Mask key in a PKCS#11 token",
        requires = "mask_key_pkcs11_module"
    )]
    pub mask_key_pkcs11_pin_file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ServerCommand {
    /// Manage HelpDesk operators directly in the database (bootstrap).
    #[command(subcommand)]
    Operator(OperatorCommand),
    /// Write a new random pepper to a file (mode 0600).
    InitPepper {
        /// Where to write it; must not exist.
        path: PathBuf,
    },
    /// Manage the masked-password key in a PKCS#11 token.
    #[command(subcommand)]
    MaskKey(MaskKeyCommand),
}

#[derive(Debug, Subcommand)]
pub enum MaskKeyCommand {
    /// Generate a new HMAC key inside the token (never extractable); prints its id.
    ///
    /// Start the server with `--mask-key-pkcs11-key LABEL` to make new records with
    /// it; records made with the token's older keys still check.
    Generate {
        /// The PKCS#11 module (the HSM vendor's library).
        #[arg(long, value_name = "PATH")]
        pkcs11_module: PathBuf,
        /// Label of the token.
        #[arg(long, value_name = "LABEL")]
        pkcs11_token: String,
        /// Label of the new key; must not exist in the token.
        #[arg(long, value_name = "LABEL")]
        key: String,
        /// File holding the token's user PIN; or set MILLECTL_PKCS11_PIN.
        #[arg(long, value_name = "FILE")]
        pkcs11_pin_file: Option<PathBuf>,
    },
}

/// `--role` of `server operator add`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RoleArg {
    HelpDesk,
    BackOffice,
}

#[derive(Debug, Subcommand)]
pub enum OperatorCommand {
    /// Create an operator; prints the temporary password and token seed once.
    Add {
        /// The operator's login.
        login: Login,
        /// HelpDesk (unblocks, phones) or back-office (envelopes with one-time access
        /// passwords, provisioning); nobody holds both.
        #[arg(long, value_enum, default_value_t = RoleArg::HelpDesk)]
        role: RoleArg,
        /// Display name: one line of visible text (no control, bidi or zero-width
        /// characters).
        #[arg(long, default_value = "HelpDesk operator")]
        name: DisplayName,
        /// Database URL (sqlite://PATH or postgres://…).
        #[arg(long, env = "MILLECTL_DATABASE")]
        database: String,
        /// File holding the server's pepper; or set MILLECTL_PEPPER.
        #[arg(long)]
        pepper_file: Option<PathBuf>,
    },
    /// Give a locked-out operator three more attempts with the current password.
    ///
    /// For when no other operator can do it over the API (`millectl operator unblock`).
    Unblock {
        /// The operator's login.
        login: Login,
        /// Database URL (sqlite://PATH or postgres://…).
        #[arg(long, env = "MILLECTL_DATABASE")]
        database: String,
    },
    /// Start an operator over: new temporary password and token seed, printed once.
    ///
    /// For an operator who forgot the password or lost the token. The old password
    /// and every session of the operator end; the next login is a first login.
    Reset {
        /// The operator's login.
        login: Login,
        /// Database URL (sqlite://PATH or postgres://…).
        #[arg(long, env = "MILLECTL_DATABASE")]
        database: String,
        /// File holding the server's pepper; or set MILLECTL_PEPPER.
        #[arg(long)]
        pepper_file: Option<PathBuf>,
    },
}

pub async fn run(args: ServerArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        Some(ServerCommand::InitPepper { path }) => {
            init_pepper(&path)?;
            eprintln!(
                "pepper written to {} (mode 0600); keep it out of the database's backups",
                path.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(ServerCommand::Operator(OperatorCommand::Add {
            login,
            role,
            name,
            database,
            pepper_file,
        })) => {
            let pepper = secret_source(pepper_file, "MILLECTL_PEPPER");
            let role = match role {
                RoleArg::HelpDesk => OperatorRole::HelpDesk,
                RoleArg::BackOffice => OperatorRole::BackOffice,
            };
            let secrets = bootstrap::add_operator(&database, &pepper, &login, &name, role).await?;
            print_operator_secrets(&login, &secrets);
            Ok(ExitCode::SUCCESS)
        }
        Some(ServerCommand::Operator(OperatorCommand::Unblock { login, database })) => {
            bootstrap::unblock_operator(&database, &login).await?;
            eprintln!(
                "operator '{login}' unblocked: three more attempts with the current password"
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(ServerCommand::Operator(OperatorCommand::Reset {
            login,
            database,
            pepper_file,
        })) => {
            let pepper = secret_source(pepper_file, "MILLECTL_PEPPER");
            let secrets = bootstrap::reset_operator(&database, &pepper, &login).await?;
            print_operator_secrets(&login, &secrets);
            Ok(ExitCode::SUCCESS)
        }
        Some(ServerCommand::MaskKey(MaskKeyCommand::Generate {
            pkcs11_module,
            pkcs11_token,
            key,
            pkcs11_pin_file,
        })) => {
            let token = MaskKeyOptions {
                module: pkcs11_module,
                token_label: pkcs11_token,
                key_label: key,
                pin: secret_source(pkcs11_pin_file, "MILLECTL_PKCS11_PIN"),
            };
            let id = mask_key::generate(&token).await.map_err(start_error)?;
            println!("{id}");
            eprintln!("key generated in the token; start the server with --mask-key-pkcs11-key to use it for new records");
            Ok(ExitCode::SUCCESS)
        }
        None => serve(args).await,
    }
}

/// A secret from its `--…-file` flag, else from its environment variable (taken out of
/// the environment at start, `super::secret_env`).
fn secret_source(file: Option<PathBuf>, variable: &'static str) -> SecretSource {
    match file {
        Some(path) => SecretSource::File(path),
        None => match super::secret_env::take(variable) {
            Some(value) => SecretSource::Env(value),
            None => SecretSource::Unset,
        },
    }
}

/// Exit codes of what stops a start: a missing or empty secret is a usage error (2);
/// a token's refusal has its own (`pkcs11_cli_error`); anything else is 1.
fn start_error(err: anyhow::Error) -> anyhow::Error {
    if let Some(token) = err.downcast_ref::<Pkcs11Error>() {
        return pkcs11_cli_error(token).into();
    }
    if let Some(OptionsError(message)) = err.downcast_ref::<OptionsError>() {
        return CliError::usage(message.clone()).into();
    }
    err
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

/// Shown once, on stdout only, for the person setting up the operator.
fn print_operator_secrets(login: &Login, secrets: &OperatorSecrets) {
    println!("operator:            {login}");
    println!(
        "temporary password:  {}",
        secrets.temporary_password.expose_secret()
    );
    println!(
        "token seed (base32): {}",
        secrets.totp_secret.to_base32().as_str()
    );
    eprintln!("Hand these over securely; they are not shown again. The operator logs in once with a token code and the temporary password, and sets a permanent password.");
}

/// The server's options from its flags.
fn server_options(args: ServerArgs) -> ServerOptions {
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

async fn serve(args: ServerArgs) -> anyhow::Result<ExitCode> {
    let (dev, data_dir, seed_users) = (args.dev, args.data_dir.clone(), args.seed_users);
    let mut options = server_options(args);

    if dev {
        // Tests and newcomers find it in dev-credentials.json.
        options.management_listen = Some(
            options
                .management_listen
                .unwrap_or(SocketAddr::from(([127, 0, 0, 1], 0))),
        );
        let dev = dev::start(DevOptions {
            server: options,
            data_dir,
            seed_users,
        })
        .await?;
        println!("millectl dev server ready at {}", dev.credentials.server);
        if let Some(management) = &dev.credentials.management {
            println!("management:  {management} (/v1/health, /metrics)");
        }
        println!("credentials: {}", dev.dir.credentials_path().display());
        println!("SMS outbox:  {}", dev.dir.outbox_path().display());
        let DevServer {
            dir: _dir, server, ..
        } = dev;
        server.serve().await?;
        return Ok(ExitCode::SUCCESS);
    }

    let server = crate::server::start(options).await.map_err(start_error)?;
    eprintln!("millectl server listening on {}", server.url());
    if let Some(management) = server.management_addr {
        eprintln!("millectl server management on http://{management}");
    }
    server.serve().await?;
    Ok(ExitCode::SUCCESS)
}
