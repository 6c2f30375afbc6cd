//! What every command needs: the profile, the server, the session, how to print.

use std::io::IsTerminal;

use reqwest::Url;
use secrecy::SecretString;

use super::config::ConfigFile;
use super::credentials::{self, Source};
use super::errors::CliError;
use super::GlobalArgs;
use crate::api::{MilleKod, PrincipalView};
use crate::client::Client;
use crate::output::{Format, Output};

pub const DEFAULT_SERVER: &str = "http://127.0.0.1:7070";

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
                let configured = config.profile(&global.profile).server;
                let from_session = || {
                    credentials::load(&global.profile)
                        .ok()
                        .flatten()
                        .map(|(s, _)| s.server)
                        .filter(|s| !s.is_empty())
                };
                let text = configured
                    .or_else(from_session)
                    .unwrap_or_else(|| DEFAULT_SERVER.to_owned());
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
        Client::new(self.server.clone(), None, self.verbose)
    }

    /// A client with the session or token of this profile.
    pub fn client(&self) -> anyhow::Result<Client> {
        let (token, _) = self.token()?;
        Client::new(self.server.clone(), Some(token), self.verbose)
    }

    pub fn token(&self) -> anyhow::Result<(SecretString, Source)> {
        if let Some(token) = &self.session {
            return Ok((token.clone(), Source::Memory));
        }
        match credentials::load(&self.profile)? {
            Some((session, source)) => Ok((session.token, source)),
            None => Err(CliError::not_logged_in().into()),
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
