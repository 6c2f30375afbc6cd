//! `millectl config set|show|list|use|delete`: profiles and their settings, kept in the
//! config file (`super::config`), and their sessions (`super::credentials`).
//!
//! `config use NAME` writes `current_profile`, which `--profile` and `MILLECTL_PROFILE`
//! still override. `config delete NAME` refuses the current profile (switch first):
//! falling back to `default` silently would point the next command at another server.
//! `config show` asks the server whether the stored session still holds.

use std::io::Write;

use clap::Subcommand;
use reqwest::Url;
use secrecy::SecretString;
use serde::Serialize;

use super::config::{parse_profile_name, ConfigFile};
use super::context::{DEFAULT_PROFILE, DEFAULT_SERVER};
use super::credentials::{self, Source};
use super::errors::{CliError, CONFLICT, INVALID_INPUT};
use super::origin::ServerOrigin;
use super::Context;
use crate::api::ErrorCode;
use crate::client::ClientError;
use crate::output::{Clock, Format, Tabular};

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Set a value of the current profile (`server`); creates the profile.
    Set {
        /// The key: `server`.
        key: ConfigKey,
        /// The value, e.g. https://auth.bank.example
        value: String,
    },
    /// Show the current profile: server, its session and whether the server still
    /// accepts it, config path.
    Show,
    /// List the profiles: server, stored session, which one is current.
    List,
    /// Make NAME the profile used without --profile (MILLECTL_PROFILE and --profile
    /// still override it).
    Use {
        /// A profile of `config list`.
        #[arg(value_parser = parse_profile_name)]
        name: String,
    },
    /// Delete a profile: its settings and its stored session (ended on the server).
    /// The current profile is refused: `config use` another one first.
    Delete {
        /// A profile of `config list`.
        #[arg(value_parser = parse_profile_name)]
        name: String,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ConfigKey {
    Server,
}

impl ConfigCommand {
    /// Whether the command works whatever `--profile` names: `set` creates it, `list`,
    /// `use` and `delete` act on the profiles by name.
    pub fn takes_any_profile(&self) -> bool {
        !matches!(self, ConfigCommand::Show)
    }
}

pub async fn config(ctx: &Context, command: ConfigCommand) -> anyhow::Result<()> {
    match command {
        ConfigCommand::Set {
            key: ConfigKey::Server,
            value,
        } => {
            let url = super::parse_server_url(&value).map_err(CliError::invalid)?;
            let mut file = ConfigFile::load()?;
            file.profiles.entry(ctx.profile.clone()).or_default().server = Some(url.to_string());
            let path = file.save()?;
            eprintln!(
                "server of profile {:?} set to {url} ({})",
                ctx.profile,
                path.display()
            );
            Ok(())
        }
        ConfigCommand::Show => show(ctx).await,
        ConfigCommand::List => list(ctx),
        ConfigCommand::Use { name } => use_profile(&name),
        ConfigCommand::Delete { name } => delete(ctx, &name).await,
    }
}

/// What the server says of the session `config show` finds.
enum Validity {
    NoSession,
    Valid(Option<time::OffsetDateTime>),
    Expired,
    Unreachable(String),
    /// The session names no server it may be sent to.
    UnknownIssuer,
    Unreadable(String),
}

impl Validity {
    fn state(&self) -> &'static str {
        match self {
            Self::NoSession => "none",
            Self::Valid(_) => "valid",
            Self::Expired => "expired",
            Self::Unreachable(_) => "unreachable",
            Self::UnknownIssuer | Self::Unreadable(_) => "unknown",
        }
    }

    fn text(&self, clock: &Clock) -> String {
        match self {
            Self::NoSession => "-".to_owned(),
            Self::Valid(Some(at)) => {
                format!("yes, until {} ({})", clock.full(*at), clock.from_now(*at))
            }
            Self::Valid(None) => "yes".to_owned(),
            Self::Expired => format!(
                "no: expired or ended (the server refuses it); {}",
                super::fixes::login_hint()
            ),
            Self::Unreachable(why) => format!("unknown: {why}"),
            Self::UnknownIssuer => "unknown: the session names no valid server".to_owned(),
            Self::Unreadable(why) => format!("unknown: {why}"),
        }
    }
}

/// Ask the server that may see `token` (`server`) who it belongs to.
async fn validity(ctx: &Context, server: Url, token: SecretString) -> Validity {
    let client = match ctx.client_of(server, Some(token)) {
        Ok(client) => client,
        Err(err) => return Validity::Unreadable(format!("{err:#}")),
    };
    match client.me().await {
        Ok(me) => Validity::Valid(me.expires_at),
        Err(err) if err.code() == Some(ErrorCode::Unauthenticated) => Validity::Expired,
        Err(err @ ClientError::Unreachable { .. }) => Validity::Unreachable(err.to_string()),
        Err(err) => Validity::Unreadable(err.to_string()),
    }
}

async fn show(ctx: &Context) -> anyhow::Result<()> {
    let (session, valid) = match credentials::load(&ctx.profile) {
        Ok(Some((stored, source))) => {
            // MILLECTL_TOKEN goes where the user points; a stored session only to
            // the server that issued it (see `origin`).
            let server = match &source {
                Source::Env | Source::Memory => Some(ctx.server.clone()),
                _ => Url::parse(&stored.server)
                    .ok()
                    .filter(|u| ServerOrigin::of(u).is_some()),
            };
            let valid = match server {
                Some(server) => validity(ctx, server, stored.token).await,
                None => Validity::UnknownIssuer,
            };
            (source.to_string(), valid)
        }
        Ok(None) => ("none (not logged in)".to_owned(), Validity::NoSession),
        Err(err) => (
            format!("unreadable: {err:#}"),
            Validity::Unreadable(format!("{err:#}")),
        ),
    };
    let path = ConfigFile::path()?;
    let mut out = std::io::stdout().lock();
    let record = ShowRecord {
        profile: ctx.profile.clone(),
        server: ctx.server.to_string(),
        session,
        session_state: valid.state(),
        session_expires_at: match &valid {
            Validity::Valid(Some(at)) => Some(Clock::for_scripts(*at)),
            _ => None,
        },
        config_file: path.display().to_string(),
    };
    match ctx.output.format {
        Format::Json | Format::Csv => ctx.output.record(&mut out, &record)?,
        Format::Table | Format::Wide => {
            writeln!(out, "profile:     {}", record.profile)?;
            writeln!(out, "server:      {}", record.server)?;
            writeln!(out, "session:     {}", record.session)?;
            writeln!(out, "valid:       {}", valid.text(&ctx.output.clock))?;
            writeln!(out, "config file: {}", record.config_file)?;
        }
    }
    Ok(())
}

/// `config show` for scripts (`-o json`, `-o csv`).
#[derive(Serialize)]
struct ShowRecord {
    profile: String,
    server: String,
    /// Where the session is kept, or why there is none.
    session: String,
    /// `none`, `valid`, `expired`, `unreachable` or `unknown`.
    session_state: &'static str,
    session_expires_at: Option<String>,
    config_file: String,
}

impl Tabular for ShowRecord {
    fn headers() -> &'static [&'static str] {
        &[
            "profile",
            "server",
            "session",
            "session_state",
            "session_expires_at",
            "config_file",
        ]
    }

    fn row(&self) -> Vec<String> {
        vec![
            self.profile.clone(),
            self.server.clone(),
            self.session.clone(),
            self.session_state.to_owned(),
            self.session_expires_at.clone().unwrap_or_default(),
            self.config_file.clone(),
        ]
    }
}

/// One line of `config list`.
#[derive(Serialize)]
struct ProfileRow {
    profile: String,
    current: bool,
    server: String,
    /// Where its session is kept; none when not logged in.
    session: Option<String>,
    #[serde(skip)]
    csv: bool,
}

impl Tabular for ProfileRow {
    fn headers() -> &'static [&'static str] {
        &["current", "profile", "server", "session"]
    }

    fn row(&self) -> Vec<String> {
        let current = match (self.csv, self.current) {
            (true, current) => current.to_string(),
            (false, true) => "*".to_owned(),
            (false, false) => String::new(),
        };
        vec![
            current,
            self.profile.clone(),
            self.server.clone(),
            self.session.clone().unwrap_or_default(),
        ]
    }
}

fn list(ctx: &Context) -> anyhow::Result<()> {
    let file = ConfigFile::load()?;
    let mut names = file.names();
    for name in credentials::stored_profiles()? {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let current = file.current();
    let rows: Vec<ProfileRow> = names
        .into_iter()
        .map(|name| {
            let stored = credentials::load_stored(&name).ok().flatten();
            let server = server_of(&file, &name, stored.as_ref().map(|(s, _)| s));
            ProfileRow {
                current: name == current,
                session: stored.map(|(_, source)| source.to_string()),
                server,
                profile: name,
                csv: ctx.output.format == Format::Csv,
            }
        })
        .collect();
    ctx.output.list(&mut std::io::stdout().lock(), &rows)
}

/// The server a command of profile `name` talks to without `--server`: its own, else
/// its session's, else the default (as `Context::new` decides).
fn server_of(file: &ConfigFile, name: &str, stored: Option<&credentials::StoredSession>) -> String {
    file.profile(name)
        .server
        .or_else(|| stored.map(|s| s.server.clone()))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("{DEFAULT_SERVER}/"))
}

/// Whether `name` is a profile: `default`, one of the file, or one with a session.
fn known(file: &ConfigFile, name: &str) -> bool {
    name == DEFAULT_PROFILE
        || file.profiles.contains_key(name)
        || credentials::load_stored(name).ok().flatten().is_some()
}

fn unknown(file: &ConfigFile, name: &str) -> CliError {
    CliError::new(
        INVALID_INPUT,
        format!(
            "unknown profile {name:?}; known profiles: {}",
            file.names().join(", ")
        ),
    )
    .hint(format!(
        "create it with `millectl --profile {name} login` or \
         `millectl --profile {name} config set server URL`"
    ))
}

fn use_profile(name: &str) -> anyhow::Result<()> {
    let mut file = ConfigFile::load()?;
    if !known(&file, name) {
        return Err(unknown(&file, name).into());
    }
    if name == DEFAULT_PROFILE {
        file.current_profile = None;
    } else {
        // A profile known by its session alone gets its table, so `list` shows it.
        file.profiles.entry(name.to_owned()).or_default();
        file.current_profile = Some(name.to_owned());
    }
    file.save()?;
    let stored = credentials::load_stored(name).ok().flatten();
    let server = server_of(&file, name, stored.as_ref().map(|(s, _)| s));
    eprintln!("Using profile {name:?} from now on (server {server}).");
    if let Some(env) = std::env::var("MILLECTL_PROFILE")
        .ok()
        .filter(|e| !e.is_empty() && e != name)
    {
        eprintln!(
            "note: MILLECTL_PROFILE={} is set in this shell and still overrides it",
            super::fixes::shown(&env)
        );
    }
    Ok(())
}

async fn delete(ctx: &Context, name: &str) -> anyhow::Result<()> {
    let mut file = ConfigFile::load()?;
    if !known(&file, name) {
        return Err(unknown(&file, name).into());
    }
    if name != DEFAULT_PROFILE && file.current_profile.as_deref() == Some(name) {
        return Err(CliError::new(
            CONFLICT,
            format!("profile {name:?} is the current one; nothing deleted"),
        )
        .hint(format!(
            "switch first (`millectl config use default`), then `millectl config delete {name}`"
        ))
        .into());
    }
    let ended = end_stored_session(ctx, name).await?;
    credentials::clear(name)?;
    if file.profiles.remove(name).is_some() {
        file.save()?;
    }
    let what = match ended {
        None => "its settings (it had no stored session)",
        Some(true) => "its settings and its session (ended on the server)",
        Some(false) => {
            "its settings and its stored session (the server could not be told; it ends when it expires)"
        }
    };
    if name == DEFAULT_PROFILE {
        eprintln!("Cleared profile \"default\": {what}. It stays the default.");
    } else {
        eprintln!("Deleted profile {name:?}: {what}.");
    }
    Ok(())
}

/// End `name`'s stored session where it was issued, as `logout` does. `None`: no
/// session; `Some(ended)`: whether the server confirmed.
async fn end_stored_session(ctx: &Context, name: &str) -> anyhow::Result<Option<bool>> {
    let Some((session, _)) = credentials::load_stored(name)? else {
        return Ok(None);
    };
    let issuer = match Url::parse(&session.server) {
        Ok(url) if ServerOrigin::of(&url).is_some() => url,
        _ => return Ok(Some(false)),
    };
    let client = ctx.client_of(issuer, Some(session.token))?;
    Ok(Some(client.logout().await.is_ok()))
}
