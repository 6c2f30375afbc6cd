//! The command line: one clap definition whose doc comments are the help text, and
//! one place (`exit_code`) that turns errors into the stable exit codes of DESIGN.md.

#[cfg(feature = "server")]
mod server;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Corporate e-banking auth: the login API and the helpdesk tool that drives it.
#[derive(Debug, Parser)]
#[command(name = "millectl", version, about, max_term_width = 100)]
pub struct Cli {
    /// More log output (-v: info, -vv: debug). Never shows a secret.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the auth API (SQLite by default, PostgreSQL for several replicas).
    #[cfg(feature = "server")]
    Server(server::ServerArgs),
}

/// Exit codes (DESIGN.md): 0 ok, 1 other, 2 usage, 3 not found, 4 not authenticated,
/// 5 forbidden, 6 conflict, 7 invalid input, 8 server unavailable.
pub mod exit {
    pub const OTHER: u8 = 1;
    pub const USAGE: u8 = 2;
}

/// Parse argv, run, print the error once, map it to an exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { exit::USAGE } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    init_tracing(cli.verbose);
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("millectl: error: {err:#}");
            ExitCode::from(exit::OTHER)
        }
    }
}

fn init_tracing(verbose: u8) {
    let default = match verbose {
        0 => "millectl=info,tower_http=warn,warn",
        1 => "millectl=debug,tower_http=info,info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("MILLECTL_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        match cli.command {
            #[cfg(feature = "server")]
            Command::Server(args) => server::run(args).await,
        }
    })
}
