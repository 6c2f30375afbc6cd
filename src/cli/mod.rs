//! The command line: one clap definition whose doc comments are the help text, thin
//! handlers per command group, and one place (`errors`) that turns errors into the
//! stable exit codes of DESIGN.md.

mod admin;
mod approvals;
mod change;
mod clap_error;
mod config;
mod config_command;
mod context;
mod credentials;
mod envelope;
mod errors;
mod exit;
mod fixes;
mod formats;
mod generate;
mod hidden;
mod import;
mod logs;
mod origin;
mod pages;
mod secret_env;
mod session;
mod tokens;
mod users;
mod when;

#[cfg(feature = "server")]
mod demo;
#[cfg(feature = "server")]
mod server;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

pub use context::Context;
pub use errors::CliError;

use crate::output::Format;

/// Corporate e-banking auth: the login API and the helpdesk tool that drives it.
///
/// Log in with `millectl login`, then look at users, unblock them and fix their phone
/// numbers. Scripts use an API token (MILLECTL_TOKEN or `login --with-token`) and
/// `-o json`.
#[derive(Debug, Parser)]
#[command(name = "millectl", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// The auth API's URL, e.g. https://auth.bank.example [default: from the profile,
    /// else http://127.0.0.1:7070]
    #[arg(long, global = true, env = "MILLECTL_SERVER", value_parser = parse_server_url)]
    pub server: Option<reqwest::Url>,

    /// Named profile of the config file (server and stored session) [default: the one
    /// `config use` chose, else default]. A name that is not known is refused (exit 7),
    /// except by `login` and `config set`, which create it.
    #[arg(long, global = true, env = "MILLECTL_PROFILE")]
    pub profile: Option<String>,

    /// Output format: a table for people (wide: every column), json or csv for scripts.
    #[arg(short, long, global = true, value_enum, default_value_t = Format::Table)]
    pub output: Format,

    /// No colors (also NO_COLOR=1).
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Only these columns, by key, in this order (e.g. login,status,last_login_at):
    /// tables, piped text and csv. The keys are the csv and piped headers.
    #[arg(long, global = true, value_delimiter = ',', value_name = "KEY,...")]
    pub columns: Option<Vec<String>>,

    /// Times in tables in UTC rather than the system's zone (also TZ=UTC).
    #[arg(long, global = true)]
    pub utc: bool,

    /// More detail: request ids and HTTP status on stderr (-vv: debug logs). Never
    /// shows a secret.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Filter the JSON output with a jq expression (implies -o json); strings print
    /// raw, other values as compact JSON, one result per line.
    #[arg(long, global = true, value_name = "EXPR")]
    pub jq: Option<String>,

    /// Print lists straight to the terminal, not through $PAGER (also MILLECTL_PAGER=
    /// or PAGER=cat).
    #[arg(long, global = true)]
    pub no_pager: bool,
}

/// The client's flags: global on [`Cli`], so clap gives them to every command, but
/// they mean nothing to `millectl server` and its subcommands, whose help would list
/// them above the server's own. (`-v` stays: it sets the server's log level too.)
#[cfg(feature = "server")]
const CLIENT_FLAGS: &[&str] = &[
    "server", "profile", "output", "no_color", "columns", "utc", "jq", "no_pager",
];

/// The definition as it is parsed, helped and generated from: built (the global flags
/// handed down to every command), then the client's flags hidden under `server`.
pub(crate) fn built(mut command: clap::Command) -> clap::Command {
    command.build();
    // In place: `mut_subcommand` would move `server` after `help` in the listing.
    #[cfg(feature = "server")]
    let command = command.mut_subcommands(|sub| match sub.get_name() {
        "server" => without_client_flags(sub),
        _ => sub,
    });
    command
}

#[cfg(feature = "server")]
fn without_client_flags(command: clap::Command) -> clap::Command {
    command
        .mut_args(|arg| {
            let hide = arg.is_hide_set() || CLIENT_FLAGS.contains(&arg.get_id().as_str());
            arg.hide(hide)
        })
        .mut_subcommands(without_client_flags)
}

fn parse_server_url(text: &str) -> Result<reqwest::Url, String> {
    let url = reqwest::Url::parse(text)
        .map_err(|e| format!("not a URL ({e}); e.g. http://127.0.0.1:7070"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err("the server URL must be http:// or https:// with a host".into());
    }
    Ok(url)
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log in (interactive, or --password-stdin/--with-token for scripts).
    Login(session::LoginArgs),
    /// Forget the stored session (and end it on the server).
    Logout,
    /// Who the current session or token belongs to.
    Whoami,
    /// Show and list users; require a new password of one.
    #[command(subcommand)]
    User(users::UserCommand),
    /// Unblock a user: three more attempts, or the right to set a new password.
    #[command(subcommand)]
    Unblock(users::UnblockCommand),
    /// Set users' mobile numbers for SMS codes.
    #[command(subcommand)]
    Phone(users::PhoneCommand),
    /// Approve another operator's request that waits for a second operator.
    Approve(approvals::ApproveArgs),
    /// The requests waiting for a second operator (maker–checker).
    Approvals,
    /// Back-office: a one-time access password for a sealed envelope, printed once.
    Envelope(envelope::EnvelopeArgs),
    /// Hardware tokens: load the inventory, assign by serial, withdraw.
    #[command(subcommand)]
    Token(tokens::TokenCommand),
    /// Read and change the config file (server per profile).
    #[command(subcommand)]
    Config(config_command::ConfigCommand),
    /// API tokens for batch scripts (operators).
    #[command(subcommand)]
    ApiToken(admin::ApiTokenCommand),
    /// The audit trail: who did what to whom, newest first.
    Audit(admin::AuditArgs),
    /// Print the shell completion script of millectl.
    Completions(generate::CompletionsArgs),
    /// Print the man page of millectl or of one of its commands.
    Man(generate::ManArgs),
    /// Write completions/ and man/ (what scripts/generate-assets.sh runs).
    #[command(hide = true)]
    GenerateAssets(generate::GenerateAssetsArgs),
    /// Walk through the helpdesk job against a throw-away server started in-process.
    #[cfg(feature = "server")]
    Demo,
    /// Run the auth API (SQLite by default, PostgreSQL for several replicas).
    #[cfg(feature = "server")]
    Server(Box<server::ServerArgs>),
}

/// Parse argv, run, print the error once, map it to an exit code.
pub fn main() -> ExitCode {
    secret_env::take_all();
    let cli = match parse(std::env::args_os().collect()) {
        Ok(cli) => cli,
        Err(Unparsed::Clap(err)) => return ExitCode::from(clap_error::report(&err)),
        Err(Unparsed::Config(err)) => return report(&err),
    };
    logs::init(
        cli.global.verbose,
        cli.command.is_demo(),
        cli.command.log_format(),
    );
    match run(cli) {
        Ok(code) => code,
        // The reader of our stdout is gone (`| head -1`): done, silently.
        Err(err) if exit::is_broken_pipe(&err) => ExitCode::SUCCESS,
        // Ctrl-C cut a prompt's read: the same one line as the Ctrl-C watcher.
        Err(err) if exit::is_interrupted(&err) => exit::interrupted(),
        Err(err) => report(&err),
    }
}

/// Why argv did not become a [`Cli`]: clap's own errors print as clap words them
/// (`clap_error`); a server config file's as every other error.
enum Unparsed {
    Clap(clap::Error),
    Config(anyhow::Error),
}

/// argv as clap reads it; for `millectl server` with a config file (`--config`,
/// `MILLECTL_CONFIG`), argv with the file's settings added (`server::config_file`).
fn parse(argv: Vec<std::ffi::OsString>) -> Result<Cli, Unparsed> {
    use clap::{CommandFactory, FromArgMatches};
    let matches = built(Cli::command())
        .try_get_matches_from(&argv)
        .map_err(Unparsed::Clap)?;
    #[cfg(feature = "server")]
    let matches = match server::with_config_file(&matches, &argv)
        .map_err(|err| Unparsed::Config(err.into()))?
    {
        Some(matches) => matches,
        None => matches,
    };
    Cli::from_arg_matches(&matches).map_err(Unparsed::Clap)
}

/// Print an error once, with its hint, and say which exit code it means.
fn report(err: &anyhow::Error) -> ExitCode {
    let (code, hint) = match err.downcast_ref::<crate::output::jq::JqError>() {
        Some(_) => (errors::INVALID_INPUT, None),
        None => errors::classify(err),
    };
    eprintln!("millectl: error: {err:#}");
    if let Some(hint) = hint {
        eprintln!("hint: {hint}");
    }
    ExitCode::from(code)
}

impl Command {
    /// `login` and `config set` create the profile they are given; `config list|use|
    /// delete` name theirs as an argument. Every other command needs a known one.
    fn names_a_new_profile(&self) -> bool {
        match self {
            Command::Login(_) => true,
            Command::Config(command) => command.takes_any_profile(),
            _ => false,
        }
    }

    /// The server (graceful shutdown) and `phone import` (a resumable stop) handle
    /// Ctrl-C themselves.
    fn handles_ctrl_c(&self) -> bool {
        #[cfg(feature = "server")]
        if let Command::Server(_) | Command::Demo = self {
            return true;
        }
        matches!(self, Command::Phone(users::PhoneCommand::Import(_)))
    }

    /// The log format `millectl server` asked for (or its default); `None` for every
    /// other command, which logs text.
    fn log_format(&self) -> Option<logs::LogFormat> {
        #[cfg(feature = "server")]
        if let Command::Server(args) = self {
            return args.log_format();
        }
        None
    }

    /// The demo runs a server in this process; its info logs would drown the tour.
    fn is_demo(&self) -> bool {
        #[cfg(feature = "server")]
        if let Command::Demo = self {
            return true;
        }
        false
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    // A bad --jq is refused before anything is sent.
    if let Some(code) = &cli.global.jq {
        crate::output::jq::check(code)?;
    }
    if !cli.command.handles_ctrl_c() {
        exit::interrupt_on_ctrl_c(&runtime);
    }
    runtime.block_on(async move {
        #[cfg(feature = "server")]
        match cli.command {
            Command::Server(args) => return server::run(*args).await,
            Command::Demo => return demo::run(&cli.global).await.map(ok),
            _ => {}
        }
        // Generated files depend on the definition alone, never on a profile.
        match cli.command {
            Command::Completions(args) => return generate::completions(args).map(ok),
            Command::Man(args) => return generate::man(args).map(ok),
            Command::GenerateAssets(args) => return generate::generate_assets(args).map(ok),
            _ => {}
        }
        let ctx = Context::new(&cli.global, cli.command.names_a_new_profile())?;
        match cli.command {
            Command::Login(args) => session::login(&ctx, args).await,
            Command::Logout => session::logout(&ctx).await,
            Command::Whoami => session::whoami(&ctx).await,
            Command::User(command) => users::user(&ctx, command).await,
            Command::Unblock(command) => users::unblock(&ctx, command).await,
            Command::Approve(args) => approvals::approve(&ctx, args).await,
            Command::Approvals => approvals::list(&ctx).await,
            Command::Envelope(args) => envelope::issue(&ctx, args).await,
            Command::Token(command) => tokens::run(&ctx, command).await,
            Command::Phone(command) => users::phone(&ctx, command).await,
            Command::Config(command) => config_command::config(&ctx, command).await,
            Command::ApiToken(command) => admin::api_token(&ctx, command).await,
            Command::Audit(args) => admin::audit(&ctx, args).await,
            Command::Completions(_) | Command::Man(_) | Command::GenerateAssets(_) => {
                unreachable!("handled above")
            }
            #[cfg(feature = "server")]
            Command::Server(_) | Command::Demo => unreachable!("handled above"),
        }?;
        Ok(ExitCode::SUCCESS)
    })
}

fn ok(_: ()) -> ExitCode {
    ExitCode::SUCCESS
}
