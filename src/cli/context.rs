//! What every command needs: the profile, the server, the session, how to print —
//! and the one gate a stored session passes before it is sent: it goes only to the
//! server that issued it.

use std::io::IsTerminal;

use reqwest::Url;
use secrecy::SecretString;

use super::config::parse_profile_name;
use super::config::ConfigFile;
use super::credentials::{self, Source};
use super::errors::{CliError, INVALID_INPUT, NOT_AUTHENTICATED};
use super::fixes::{self, LoginTarget};
use super::origin::ServerOrigin;
use super::GlobalArgs;
use crate::api::{MilleKod, PrincipalView};
use crate::client::{Client, ClientEvent, Observer};
use crate::output::{Format, Output};

pub const DEFAULT_SERVER: &str = "http://127.0.0.1:7070";
pub const DEFAULT_PROFILE: &str = "default";

/// The server when neither `--server` nor `MILLECTL_SERVER` names one: the profile's
/// (`config set server`), else the one that issued the profile's stored session, else
/// [`DEFAULT_SERVER`]. With `MILLECTL_TOKEN` set the stored session is not consulted:
/// that token goes to a server the user named, never to wherever this profile last
/// logged in.
fn fallback_server(
    configured: Option<String>,
    env_token: bool,
    stored_session_server: impl FnOnce() -> Option<String>,
) -> String {
    configured
        .or_else(|| {
            if env_token {
                None
            } else {
                stored_session_server().filter(|s| !s.is_empty())
            }
        })
        .unwrap_or_else(|| DEFAULT_SERVER.to_owned())
}

pub struct Context {
    pub profile: String,
    pub server: Url,
    pub output: Output,
    pub verbose: bool,
    /// A session held in memory, never stored: it overrides MILLECTL_TOKEN, the
    /// keyring and the file (`millectl demo`).
    pub session: Option<SecretString>,
}

impl Context {
    /// The context of `global`'s profile: `--profile`, `MILLECTL_PROFILE`, the one
    /// `config use` chose, else `default`. `creates`: the command may name a profile
    /// nobody has used yet (`login`, `config set`); any other refuses an unknown one.
    pub fn new(global: &GlobalArgs, creates: bool) -> anyhow::Result<Self> {
        let config = ConfigFile::load()?;
        let profile = resolve_profile(&config, global.profile.as_deref(), creates, |name| {
            credentials::load_stored(name).ok().flatten().is_some()
        })?;
        let server = match &global.server {
            Some(url) => url.clone(),
            None => {
                let text = fallback_server(
                    config.profile(&profile).server,
                    credentials::env_token().is_some(),
                    || {
                        credentials::load_stored(&profile)
                            .ok()
                            .flatten()
                            .map(|(s, _)| s.server)
                    },
                );
                Url::parse(&text).map_err(|e| {
                    CliError::invalid(format!(
                        "the configured server URL {text:?} is malformed: {e}"
                    ))
                    .hint(format!(
                        "fix it with `millectl {}config set server URL`",
                        if profile == DEFAULT_PROFILE {
                            String::new()
                        } else {
                            format!("--profile {profile} ")
                        }
                    ))
                })?
            }
        };
        fixes::set_target(LoginTarget {
            profile: profile.clone(),
            server: server.to_string(),
        });
        Ok(Self {
            profile,
            server,
            output: Self::output_of(global),
            verbose: global.verbose > 0,
            session: None,
        })
    }

    /// A context that reads no config file and keeps its session in memory.
    pub fn in_memory(server: Url, output: Output, verbose: bool) -> Self {
        Self {
            profile: "(in memory)".to_owned(),
            server,
            output,
            verbose,
            session: None,
        }
    }

    /// How `global` asks to print, with what stdout allows.
    pub fn output_of(global: &GlobalArgs) -> Output {
        let terminal = std::io::stdout().is_terminal();
        let no_color = global.no_color
            || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
            || !terminal;
        Output {
            // --jq implies JSON (like gh).
            format: if global.jq.is_some() {
                Format::Json
            } else {
                global.output
            },
            terminal,
            color: !no_color,
            width: terminal.then(terminal_width),
            columns: global.columns.clone(),
            clock: crate::output::Clock::system(global.utc),
            jq: global.jq.clone(),
            pager: terminal && !global.no_pager,
        }
    }

    /// A client without credentials (for logging in).
    pub fn anonymous(&self) -> anyhow::Result<Client> {
        self.client_of(self.server.clone(), None)
    }

    /// A client with the session or token of this profile.
    pub fn client(&self) -> anyhow::Result<Client> {
        let (token, _) = self.token()?;
        self.client_of(self.server.clone(), Some(token))
    }

    /// A client of `server`, which shows its requests on stderr under `-v`.
    pub fn client_of(&self, server: Url, token: Option<SecretString>) -> anyhow::Result<Client> {
        let client = Client::new(server, token)?;
        Ok(if self.verbose {
            client.with_observer(verbose_observer())
        } else {
            client
        })
    }

    pub fn token(&self) -> anyhow::Result<(SecretString, Source)> {
        if let Some(token) = &self.session {
            return Ok((token.clone(), Source::Memory));
        }
        match credentials::load(&self.profile)? {
            // The user chose both the token and the server.
            Some((session, Source::Env)) => Ok((session.token, Source::Env)),
            Some((session, source)) => {
                self.check_issued_here(&session.server)?;
                Ok((session.token, source))
            }
            None => Err(CliError::not_logged_in(&self.login_target()).into()),
        }
    }

    /// A stored session goes only to the server that issued it (see `origin`): refuse,
    /// before anything is sent, when this command talks to another one.
    fn check_issued_here(&self, issuer: &str) -> Result<(), CliError> {
        let here = ServerOrigin::of(&self.server);
        let issuer = ServerOrigin::parse(issuer);
        if here.is_some() && here == issuer {
            return Ok(());
        }
        let here = here.map_or_else(|| self.server.to_string(), |o| o.to_string());
        let issuer = issuer.map_or_else(|| "an unknown server".to_owned(), |o| o.to_string());
        let profile = if self.profile == DEFAULT_PROFILE {
            String::new()
        } else {
            format!(" --profile {}", self.profile)
        };
        Err(CliError::new(
            NOT_AUTHENTICATED,
            format!(
                "the stored session is for {issuer}, not {here}; run `millectl --server {here}{profile} login`"
            ),
        ))
    }

    /// The profile and server a hint about logging in names.
    pub fn login_target(&self) -> LoginTarget {
        LoginTarget {
            profile: self.profile.clone(),
            server: self.server.to_string(),
        }
    }

    /// People get prompts; scripts never do.
    pub fn interactive(&self) -> bool {
        std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
    }

    pub fn json(&self) -> bool {
        self.output.format == Format::Json
    }

    /// The MilleKod to act in: the one given, else a co-user's own.
    pub async fn millekod(
        &self,
        client: &Client,
        given: Option<MilleKod>,
    ) -> anyhow::Result<MilleKod> {
        if let Some(millekod) = given {
            return Ok(millekod);
        }
        match client.me().await?.principal {
            PrincipalView::User { millekod, .. } => Ok(millekod),
            _ => Err(CliError::usage("give --millekod (HelpDesk acts on any company)").into()),
        }
    }
}

/// The profile a command uses, checked: `given` (`--profile`, `MILLECTL_PROFILE`), else
/// `config use`'s, else `default`. A name with no table in the config file and no
/// stored session (`has_session`) is a typo unless the command creates it: refused,
/// naming the known profiles, before anything is read or sent under it.
fn resolve_profile(
    config: &ConfigFile,
    given: Option<&str>,
    creates: bool,
    has_session: impl FnOnce(&str) -> bool,
) -> Result<String, CliError> {
    // An empty MILLECTL_PROFILE (or --profile "") names none, like an unset one.
    let (name, from) = match given.filter(|g| !g.is_empty()) {
        Some(name) => (name, "--profile"),
        None => (config.current(), "current_profile in config.toml"),
    };
    if name == DEFAULT_PROFILE || config.profiles.contains_key(name) {
        return Ok(name.to_owned());
    }
    if creates {
        return parse_profile_name(name).map_err(CliError::invalid);
    }
    // Only a plain name is looked up in the keyring or the credentials file.
    if parse_profile_name(name).is_ok() && has_session(name) {
        return Ok(name.to_owned());
    }
    let shown = fixes::shown(name);
    Err(CliError::new(
        INVALID_INPUT,
        format!(
            "unknown profile {shown} ({from}); known profiles: {}",
            config.names().join(", ")
        ),
    )
    .hint(match parse_profile_name(name) {
        Ok(name) => format!(
            "create it with `millectl --profile {name} login` or \
             `millectl --profile {name} config set server URL`; `millectl config list` lists them"
        ),
        Err(_) => "`millectl config list` lists the profiles".to_owned(),
    }))
}

/// `-v`: each request and its answer on stderr, one line each.
fn verbose_observer() -> Observer {
    std::sync::Arc::new(|event: &ClientEvent<'_>| match event {
        ClientEvent::Sending { method, url } => eprintln!("> {method} {url}"),
        ClientEvent::Answered { status, request_id } => {
            eprintln!("< {status} (request id {})", request_id.unwrap_or("-"))
        }
        ClientEvent::SendingChunk { url, rows } => eprintln!("> POST {url} ({rows} rows)"),
        ClientEvent::ChunkAnswered { status } => eprintln!("< {status}"),
    })
}

/// The terminal's width: `COLUMNS` when set (as clap and comfy-table read it), else
/// the tty's, else 80.
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .or_else(|| comfy_table::Table::new().width().map(usize::from))
        .unwrap_or(80)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored() -> Option<String> {
        Some("http://issuer.example:7070/".to_owned())
    }

    #[test]
    fn the_profile_server_comes_first_then_the_stored_session_then_the_default() {
        let configured = Some("https://bank.example/".to_owned());
        assert_eq!(
            fallback_server(configured, false, stored),
            "https://bank.example/"
        );
        assert_eq!(
            fallback_server(None, false, stored),
            "http://issuer.example:7070/"
        );
        assert_eq!(fallback_server(None, false, || None), DEFAULT_SERVER);
        assert_eq!(
            fallback_server(None, false, || Some(String::new())),
            DEFAULT_SERVER
        );
    }

    fn config_with(names: &[&str], current: Option<&str>) -> ConfigFile {
        let mut config = ConfigFile {
            current_profile: current.map(str::to_owned),
            ..ConfigFile::default()
        };
        for name in names {
            config
                .profiles
                .insert((*name).to_owned(), Default::default());
        }
        config
    }

    #[test]
    fn the_profile_is_the_given_one_then_the_current_one_then_default() {
        let config = config_with(&["p3", "bank"], Some("bank"));
        let none = |_: &str| false;
        assert_eq!(
            resolve_profile(&config, Some("p3"), false, none).unwrap(),
            "p3"
        );
        assert_eq!(resolve_profile(&config, None, false, none).unwrap(), "bank");
        let empty = ConfigFile::default();
        assert_eq!(
            resolve_profile(&empty, None, false, none).unwrap(),
            "default"
        );
        assert_eq!(
            resolve_profile(&empty, Some("default"), false, none).unwrap(),
            "default"
        );
    }

    #[test]
    fn an_unknown_profile_is_refused_naming_the_known_ones() {
        let config = config_with(&["p3", "bank"], None);
        let err = resolve_profile(&config, Some("nosuch"), false, |_| false).unwrap_err();
        assert_eq!(err.code, INVALID_INPUT);
        assert_eq!(
            err.message,
            "unknown profile \"nosuch\" (--profile); known profiles: default, bank, p3"
        );
        assert!(err
            .hint
            .unwrap()
            .contains("millectl --profile nosuch login"));
        // A stored session makes it known; login and config set create it.
        assert!(resolve_profile(&config, Some("old"), false, |n| n == "old").is_ok());
        assert!(resolve_profile(&config, Some("new"), true, |_| false).is_ok());
    }

    #[test]
    fn a_hostile_profile_name_is_neither_created_nor_looked_up_nor_echoed_whole() {
        let config = ConfigFile::default();
        let long = "y".repeat(10_000);
        for name in ["../../etc", "a\nb", long.as_str()] {
            let looked_up = std::cell::Cell::new(false);
            let err = resolve_profile(&config, Some(name), false, |_| {
                looked_up.set(true);
                true
            })
            .unwrap_err();
            assert!(!looked_up.get(), "{name:?}");
            assert!(err.message.len() < 200, "{}", err.message);
            assert!(resolve_profile(&config, Some(name), true, |_| false).is_err());
        }
    }

    #[test]
    fn a_current_profile_that_went_away_says_where_it_came_from() {
        let config = config_with(&[], Some("gone"));
        let err = resolve_profile(&config, None, false, |_| false).unwrap_err();
        assert!(
            err.message.contains("current_profile in config.toml"),
            "{}",
            err.message
        );
    }

    #[test]
    fn millectl_token_never_takes_the_stored_session_server() {
        let consulted = std::cell::Cell::new(false);
        let server = fallback_server(None, true, || {
            consulted.set(true);
            stored()
        });
        assert_eq!(server, DEFAULT_SERVER);
        assert!(!consulted.get());
    }
}
