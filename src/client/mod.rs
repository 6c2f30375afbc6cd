//! The typed client of `/v1`: the only code that speaks HTTP out.
//!
//! Reads (GET) are retried with backoff when the server is unreachable, overloaded or
//! briefly failing; state-changing calls are sent once and never silently repeated.
//! Errors keep the server's problem (`code`, `detail`, request id) so the CLI can say
//! what went wrong and exit with the right code.
//!
//! It writes nothing to the terminal: what `-v` shows (each request and its answer)
//! goes as a [`ClientEvent`] to an observer the CLI installs ([`Client::with_observer`]).
//! How long to wait between tries is [`crate::retry`]'s to say.
//!
//! One idea a file: this one holds the [`Client`] and what it tells an observer;
//! `http` sends (and retries) a request and reads its answer, `routes` has one method
//! per route of `/v1`, `error` says what went wrong.

mod error;
mod http;
mod routes;

use std::sync::Arc;
use std::time::Duration;

use reqwest::{Method, Url};
use secrecy::SecretString;

pub use error::{ClientError, ClientResult};
pub use routes::Unblocked;

/// How long one request may take before it counts as a timeout.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

/// What the client is doing, for whoever watches (`-v`): no secret, no body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientEvent<'a> {
    /// A request is going out (each attempt of a retried read is one).
    Sending { method: &'a Method, url: &'a Url },
    /// Its answer, with the server's request id when it sent one.
    Answered {
        status: u16,
        request_id: Option<&'a str>,
    },
    /// A chunk of phone changes is going out.
    SendingChunk { url: &'a Url, rows: usize },
    /// The answer to a chunk.
    ChunkAnswered { status: u16 },
}

/// Told of every [`ClientEvent`], on the task that sends the request.
pub type Observer = Arc<dyn Fn(&ClientEvent<'_>) + Send + Sync>;

#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    token: Option<SecretString>,
    observer: Option<Observer>,
}

impl Client {
    pub fn new(base: Url, token: Option<SecretString>) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .connect_timeout(Duration::from_secs(5))
            .user_agent(concat!("millectl/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self {
            http,
            base,
            token,
            observer: None,
        })
    }

    /// The same client, telling `observer` what it sends and what comes back.
    pub fn with_observer(self, observer: Observer) -> Self {
        Self {
            observer: Some(observer),
            ..self
        }
    }

    fn tell(&self, event: ClientEvent<'_>) {
        if let Some(observer) = &self.observer {
            observer(&event);
        }
    }

    pub fn base(&self) -> &Url {
        &self.base
    }

    pub fn with_token(&self, token: SecretString) -> Self {
        Self {
            token: Some(token),
            ..self.clone()
        }
    }

    fn url(&self, path: &str) -> ClientResult<Url> {
        self.base
            .join(path.trim_start_matches('/'))
            .map_err(|e| ClientError::Protocol(format!("bad URL for {path}: {e}")))
    }
}
