//! `millectl server …`: run the auth API (this file: its flags, whose doc comments are
//! the help text, and the start), or bootstrap its database (`commands`). Flags become
//! `server::ServerOptions` in `options`; everything past that is the server's
//! (`server::start`, `server::dev::start`), so this module only prints.

mod commands;
mod config_file;
mod options;

use std::io::Write;
use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgMatches, Args};

use crate::cli::errors::CliError;
use crate::cli::logs::LogFormat;
use crate::server::dev::{self, DevOptions, DevServer};
use crate::server::options::{ForwardedHeader, ServerOptions, TrustedNet};

use self::commands::ServerCommand;
use self::config_file::ConfigFile;
use self::options::{server_options, start_error};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ServerArgs {
    #[command(subcommand)]
    pub command: Option<ServerCommand>,

    /// Read the settings from this TOML file: each key a flag's long name, e.g.
    /// `listen = "0.0.0.0:8443"`, `trusted-proxy = ["10.0.0.0/8"]`. Flags and their
    /// environment variables take precedence; secrets only by file or environment.
    #[arg(long, value_name = "FILE", env = "MILLECTL_CONFIG")]
    pub config: Option<PathBuf>,

    /// Log format: one JSON object per line (the default when stderr is not a
    /// terminal), or text (the default on a terminal). One line per request; colours
    /// only on a terminal.
    #[arg(long, value_enum, value_name = "FORMAT", env = "MILLECTL_LOG_FORMAT")]
    pub log_format: Option<LogFormat>,

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

    /// How long login attempts are kept for `user history` and `user show` (30d, 12h,
    /// …), and the audit records of anonymous callers (unknown logins' failures); the
    /// background sweep deletes older ones. [default: 90d]
    #[arg(long, value_name = "SPAN")]
    pub login_attempts_retention: Option<crate::cli::admin::Span>,

    /// How long every audit record is kept (400d, 7y as 2555d, …); the background sweep
    /// deletes older ones. The audit stays append-only for anything newer. [default:
    /// kept for good]
    #[arg(long, value_name = "SPAN")]
    pub audit_retention: Option<crate::cli::admin::Span>,

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

    /// On SIGTERM or Ctrl-C, how long requests in flight may take to finish (30s, 2m,
    /// …) once the server stops accepting; queued writes and closing the database fit
    /// in the same time. [default: 30s]
    #[arg(long, value_name = "SPAN")]
    pub shutdown_timeout: Option<crate::cli::admin::Span>,

    /// Also serve GET /v1/health, /v1/health/live, /v1/health/ready and GET /metrics
    /// (OpenMetrics text) here, plain HTTP, with a connection cap of its own, so probes
    /// get through while the API is at its cap. A bare PORT binds 127.0.0.1:PORT
    /// (loopback unless an address is named). `--dev` binds one on 127.0.0.1 (port 0)
    /// unless given. Also spelled --metrics-listen.
    #[arg(long, visible_alias = "metrics-listen", value_name = "ADDR|PORT",
          env = "MILLECTL_MANAGEMENT_LISTEN", value_parser = management_addr)]
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

impl ServerArgs {
    /// How the server logs (`None`: a subcommand, which logs as the client does).
    pub fn log_format(&self) -> Option<LogFormat> {
        match self.command {
            Some(_) => None,
            None => Some(self.log_format.unwrap_or_else(LogFormat::for_stderr)),
        }
    }
}

/// argv's matches with the settings of the config file added, when `millectl server`
/// (not one of its subcommands) is given one; `None` otherwise.
pub fn with_config_file(
    matches: &ArgMatches,
    argv: &[std::ffi::OsString],
) -> Result<Option<ArgMatches>, CliError> {
    let Some(("server", server)) = matches.subcommand() else {
        return Ok(None);
    };
    if server.subcommand().is_some() {
        return Ok(None);
    }
    let Some(path) = server.get_one::<PathBuf>("config") else {
        return Ok(None);
    };
    let file = ConfigFile::read(path)?;
    // Every value is checked, also those a flag or variable overrides today.
    file.check(false)?;
    file.merged(argv, server).map(Some)
}

pub async fn run(args: ServerArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        Some(command) => commands::run(command).await,
        None => serve(args).await,
    }
}

async fn serve(args: ServerArgs) -> anyhow::Result<ExitCode> {
    let (dev, data_dir, seed_users) = (args.dev, args.data_dir.clone(), args.seed_users);
    let text_logs = args.log_format() == Some(LogFormat::Text);
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
        // Fallible writes: a closed stdout (`| head -1`) must not panic the server.
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "millectl dev server ready at {}",
            dev.credentials.server
        )?;
        if let Some(management) = &dev.credentials.management {
            writeln!(
                out,
                "management:  {management} (/v1/health/live, /v1/health/ready, /metrics)"
            )?;
        }
        writeln!(out, "credentials: {}", dev.dir.credentials_path().display())?;
        writeln!(out, "SMS outbox:  {}", dev.dir.outbox_path().display())?;
        out.flush()?;
        drop(out);
        let DevServer {
            dir: _dir, server, ..
        } = dev;
        server.serve().await?;
        return Ok(ExitCode::SUCCESS);
    }

    let server = crate::server::start(options).await.map_err(start_error)?;
    // For a person at a terminal. In JSON logs every stderr line is an object, and the
    // `listening` events carry the same addresses.
    if text_logs {
        eprintln!("millectl server listening on {}", server.url());
        if let Some(management) = server.management_addr {
            eprintln!("millectl server management on http://{management}");
        }
    }
    server.serve().await?;
    Ok(ExitCode::SUCCESS)
}

/// `--management-listen`: an address, or a bare port on the loopback address (metrics
/// and probes are for the machine or its orchestrator, not the world, unless asked).
fn management_addr(text: &str) -> Result<SocketAddr, String> {
    if let Ok(port) = text.parse::<u16>() {
        return Ok(SocketAddr::from(([127, 0, 0, 1], port)));
    }
    text.parse::<SocketAddr>()
        .map_err(|_| format!("{text:?} is neither ADDR:PORT (such as 127.0.0.1:9090) nor a port"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_port_is_loopback_and_an_address_is_taken_as_given() {
        let cases = [
            ("9464", Ok("127.0.0.1:9464")),
            ("0", Ok("127.0.0.1:0")),
            ("0.0.0.0:9090", Ok("0.0.0.0:9090")),
            ("[::1]:9090", Ok("[::1]:9090")),
            ("localhost:9090", Err(())),
            ("70000", Err(())),
            ("", Err(())),
        ];
        for (text, expected) in cases {
            let parsed = management_addr(text).map(|a| a.to_string()).map_err(|_| ());
            assert_eq!(parsed, expected.map(str::to_owned), "{text:?}");
        }
    }
}
