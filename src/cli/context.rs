//! What every command needs: the profile, the server, the session, how to print —
//! and the one gate a stored session passes before it is sent: it goes only to the
//! server that issued it.

use std::io::IsTerminal;

use reqwest::Url;
use secrecy::SecretString;

use super::config::ConfigFile;
use super::credentials::{self, Source};
use super::errors::{CliError, NOT_AUTHENTICATED};
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
    pub fn new(global: &GlobalArgs) -> anyhow::Result<Self> {
        let config = ConfigFile::load()?;
        let server = match &global.server {
            Some(url) => url.clone(),
            None => {
                let text = fallback_server(
                    config.profile(&global.profile).server,
                    credentials::env_token().is_some(),
                    || {
                        credentials::load_stored(&global.profile)
                            .ok()
                            .flatten()
                            .map(|(s, _)| s.server)
                    },
                );
                Url::parse(&text).map_err(|e| {
                    CliError::invalid(format!(
                        "the configured server URL {text:?} is malformed: {e}"
                    ))
                    .hint("fix it with `millectl config set server URL`")
                })?
            }
        };
        Ok(Self {
            profile: global.profile.clone(),
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
            format: global.output,
            terminal,
            color: !no_color,
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
            None => Err(CliError::not_logged_in().into()),
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
