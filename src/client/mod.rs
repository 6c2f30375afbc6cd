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

use std::sync::Arc;
use std::time::Duration;

use reqwest::{Method, StatusCode, Url};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::api::*;
use crate::retry::{parse_retry_after, RetryAfterLimit, RetryPolicy, Verdict};

/// How long one request may take before it counts as a timeout.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// Reads: three tries, half a second apart and then one; a server asking for a longer
/// pause than a person should sit through gets its answer shown ("try again in …").
const READ_RETRIES: RetryPolicy = RetryPolicy {
    attempts: Some(3),
    give_up_after: None,
    first_delay: Duration::from_millis(500),
    max_delay: Duration::from_secs(1),
    retry_after: RetryAfterLimit::GiveUpBeyond(Duration::from_secs(5)),
};
/// A `Retry-After` beyond a day is shown as a day.
const MAX_RETRY_AFTER_SHOWN_SECS: u64 = 24 * 3600;
/// A chunk of phone changes may take the server a while (thousands of rows in one
/// transaction, on a busy database).
const BULK_TIMEOUT: Duration = Duration::from_secs(120);

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The server answered with a problem; after wrong credentials, with how many
    /// tries remain before a block (the server sends it; a person needs it).
    #[error("{}{}{}", problem.detail, attempts_left_text(problem.attempts_left),
            try_again_text(*retry_after))]
    Api {
        status: u16,
        problem: Box<Problem>,
        request_id: Option<String>,
        /// `Retry-After` of a 429 or 503: how long the server asks us to wait (as
        /// sent, up to a day; a caller's [`RetryPolicy`] caps what it waits by itself).
        retry_after: Option<Duration>,
    },
    /// No answer: refused, unreachable, timed out.
    #[error("cannot reach the server at {url}: {why}")]
    Unreachable { url: String, why: String },
    /// An answer we cannot read.
    #[error("unexpected answer from the server: {0}")]
    Protocol(String),
}

impl ClientError {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Self::Api { problem, .. } => Some(problem.code),
            _ => None,
        }
    }

    /// How long the server asked us to wait before trying again (up to a day: a
    /// caller's [`RetryPolicy`] says how much of it to wait by itself).
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Api { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Api {
                request_id,
                problem,
                ..
            } => request_id.as_deref().or(problem.instance.as_deref()),
            _ => None,
        }
    }
}

/// "; try again in 40 s (at 10:05:12 UTC)" after a 429 or 503 with `Retry-After`:
/// when the person can try again (a start over the SMS limits, an overloaded server).
fn try_again_text(retry_after: Option<Duration>) -> String {
    let Some(wait) = retry_after else {
        return String::new();
    };
    let at = time::OffsetDateTime::now_utc() + wait;
    let clock = time::macros::format_description!("[hour]:[minute]:[second]");
    match at.format(&clock) {
        Ok(clock) => format!("; try again in {} s (at {clock} UTC)", wait.as_secs()),
        Err(_) => format!("; try again in {} s", wait.as_secs()),
    }
}

/// "; 2 attempts left before access is blocked" — nothing at 0, where the server's
/// own message already says that access is now blocked.
fn attempts_left_text(attempts_left: Option<u8>) -> String {
    match attempts_left {
        None | Some(0) => String::new(),
        Some(1) => "; 1 attempt left before access is blocked".to_owned(),
        Some(n) => format!("; {n} attempts left before access is blocked"),
    }
}

pub type ClientResult<T> = Result<T, ClientError>;

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

    /// Send a request: a read (GET) is tried again by [`READ_RETRIES`] while the server
    /// is unreachable, busy or briefly failing, and the last answer is handed back; any
    /// other request is sent once (it may have reached the server).
    async fn send<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> ClientResult<reqwest::Response> {
        let url = self.url(path)?;
        if method != Method::GET {
            return self.send_once(&method, &url, body).await;
        }
        READ_RETRIES
            .run(
                || self.send_once(&method, &url, body),
                |result| match result {
                    Ok(response) if worth_another_try(response.status()) => Verdict::Retry {
                        retry_after: retry_after_of(response),
                    },
                    Ok(_) => Verdict::Done,
                    Err(_) => Verdict::Retry { retry_after: None },
                },
                |_, _| {},
            )
            .await
            .into_last()
    }

    async fn send_once<B: Serialize>(
        &self,
        method: &Method,
        url: &Url,
        body: Option<&B>,
    ) -> ClientResult<reqwest::Response> {
        let mut request = self.http.request(method.clone(), url.clone());
        if let Some(token) = &self.token {
            request = request.bearer_auth(token.expose_secret());
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        self.tell(ClientEvent::Sending { method, url });
        let response = request.send().await.map_err(|e| self.unreachable(e))?;
        self.tell(ClientEvent::Answered {
            status: response.status().as_u16(),
            request_id: response
                .headers()
                .get("x-request-id")
                .and_then(|v| v.to_str().ok()),
        });
        Ok(response)
    }

    async fn call<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> ClientResult<T> {
        let response = self.send(method, path, body).await?;
        read(response).await
    }

    async fn call_empty<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> ClientResult<()> {
        let response = self.send(method, path, body).await?;
        if response.status().is_success() {
            return Ok(());
        }
        Err(problem_of(response).await)
    }

    pub async fn health(&self) -> ClientResult<Health> {
        self.call::<(), _>(Method::GET, "v1/health", None).await
    }

    pub async fn start_login(&self, request: &StartLogin) -> ClientResult<Challenge> {
        self.call(Method::POST, "v1/sessions", Some(request)).await
    }

    pub async fn complete_login(
        &self,
        challenge_id: &str,
        answer: &CompleteLogin,
    ) -> ClientResult<SessionCreated> {
        let path = format!("v1/sessions/{}", segment(challenge_id));
        self.call(Method::POST, &path, Some(answer)).await
    }

    pub async fn logout(&self) -> ClientResult<()> {
        self.call_empty::<()>(Method::DELETE, "v1/sessions/current", None)
            .await
    }

    pub async fn me(&self) -> ClientResult<Me> {
        self.call::<(), _>(Method::GET, "v1/me", None).await
    }

    pub async fn list_users(
        &self,
        millekod: &MilleKod,
        status: Option<UserStatus>,
    ) -> ClientResult<UserList> {
        let mut path = format!("v1/companies/{millekod}/users");
        if let Some(status) = status {
            path.push_str(&format!("?status={}", status.as_str()));
        }
        self.call::<(), _>(Method::GET, &path, None).await
    }

    pub async fn show_user(
        &self,
        millekod: &MilleKod,
        login: &Login,
        reveal_phone: bool,
    ) -> ClientResult<UserView> {
        let mut path = format!("v1/companies/{millekod}/users/{login}");
        if reveal_phone {
            path.push_str("?reveal_phone=true");
        }
        self.call::<(), _>(Method::GET, &path, None).await
    }

    /// Unblock a user; within the hold after a phone change, a new-password unblock
    /// comes back as a request waiting for a second operator.
    pub async fn unblock(
        &self,
        millekod: &MilleKod,
        login: &Login,
        request: &UnblockRequest,
    ) -> ClientResult<Unblocked> {
        let path = format!("v1/companies/{millekod}/users/{login}/unblock");
        let response = self.send(Method::POST, &path, Some(request)).await?;
        if response.status() == reqwest::StatusCode::ACCEPTED {
            return Ok(Unblocked::AwaitingApproval(read(response).await?));
        }
        Ok(Unblocked::Done(read(response).await?))
    }

    /// Require a new password of a user; within the hold after a phone change it waits
    /// for a second operator, as an unblock with a new password does.
    pub async fn require_password_change(
        &self,
        millekod: &MilleKod,
        login: &Login,
        request: &PasswordResetRequest,
    ) -> ClientResult<Unblocked> {
        let path = format!("v1/companies/{millekod}/users/{login}/password-reset");
        let response = self.send(Method::POST, &path, Some(request)).await?;
        if response.status() == reqwest::StatusCode::ACCEPTED {
            return Ok(Unblocked::AwaitingApproval(read(response).await?));
        }
        Ok(Unblocked::Done(read(response).await?))
    }

    /// A new envelope's one-time access password (back-office), shown this once.
    pub async fn issue_envelope(
        &self,
        millekod: &MilleKod,
        login: &Login,
        request: &IssueEnvelope,
    ) -> ClientResult<UserCreated> {
        let path = format!("v1/companies/{millekod}/users/{login}/envelope");
        self.call(Method::POST, &path, Some(request)).await
    }

    /// Back-office: load a PSKC inventory file.
    pub async fn load_tokens(&self, xml: Vec<u8>) -> ClientResult<TokensLoaded> {
        let url = self.url("v1/token-inventory")?;
        let mut request = self
            .http
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/pskc+xml")
            .body(xml);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token.expose_secret());
        }
        let response = request.send().await.map_err(|e| self.unreachable(e))?;
        read(response).await
    }

    pub async fn token_inventory(&self) -> ClientResult<TokenInventory> {
        self.call::<(), _>(Method::GET, "v1/token-inventory", None)
            .await
    }

    pub async fn assign_token(
        &self,
        millekod: &MilleKod,
        login: &Login,
        request: &AssignToken,
    ) -> ClientResult<UserView> {
        let path = format!("v1/companies/{millekod}/users/{login}/token");
        self.call(Method::PUT, &path, Some(request)).await
    }

    pub async fn withdraw_token(
        &self,
        millekod: &MilleKod,
        login: &Login,
        request: &WithdrawToken,
    ) -> ClientResult<UserView> {
        let path = format!("v1/companies/{millekod}/users/{login}/token/withdraw");
        self.call(Method::POST, &path, Some(request)).await
    }

    /// The requests waiting for a second operator.
    pub async fn approvals(&self) -> ClientResult<ApprovalList> {
        self.call::<(), _>(Method::GET, "v1/approvals", None).await
    }

    /// Approve (and so carry out) another operator's request.
    pub async fn approve(&self, id: &str, request: &ApproveRequest) -> ClientResult<UserView> {
        let path = format!("v1/approvals/{id}/approve");
        self.call(Method::POST, &path, Some(request)).await
    }

    pub async fn set_phone(
        &self,
        millekod: &MilleKod,
        login: &Login,
        request: &SetPhoneRequest,
    ) -> ClientResult<UserView> {
        let path = format!("v1/companies/{millekod}/users/{login}/phone");
        self.call(Method::PUT, &path, Some(request)).await
    }

    pub async fn set_password_masking(
        &self,
        millekod: &MilleKod,
        login: &Login,
        request: &SetPasswordMaskingRequest,
    ) -> ClientResult<UserView> {
        let path = format!("v1/companies/{millekod}/users/{login}/password-masking");
        self.call(Method::PUT, &path, Some(request)).await
    }

    pub async fn create_api_token(
        &self,
        request: &CreateApiToken,
    ) -> ClientResult<ApiTokenCreated> {
        self.call(Method::POST, "v1/api-tokens", Some(request))
            .await
    }

    pub async fn list_api_tokens(&self) -> ClientResult<ApiTokenList> {
        self.call::<(), _>(Method::GET, "v1/api-tokens", None).await
    }

    pub async fn revoke_api_token(&self, id: &str, reason: Option<String>) -> ClientResult<()> {
        let path = format!("v1/api-tokens/{}", segment(id));
        self.call_empty(Method::DELETE, &path, Some(&ReasonBody { reason }))
            .await
    }

    /// Send one chunk of phone changes, once. Not retried here: the caller decides,
    /// and retries with the same `idempotency_key`, which the server applies once.
    pub async fn apply_phone_changes(
        &self,
        idempotency_key: Option<&str>,
        batch: &PhoneChangeBatch,
    ) -> ClientResult<PhoneChangeReport> {
        let url = self.url("v1/phone-changes")?;
        let mut request = self
            .http
            .post(url.clone())
            .timeout(BULK_TIMEOUT)
            .json(batch);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token.expose_secret());
        }
        if let Some(key) = idempotency_key {
            request = request.header("Idempotency-Key", key);
        }
        self.tell(ClientEvent::SendingChunk {
            url: &url,
            rows: batch.changes.len(),
        });
        let response = request.send().await.map_err(|e| self.unreachable(e))?;
        self.tell(ClientEvent::ChunkAnswered {
            status: response.status().as_u16(),
        });
        read(response).await
    }

    fn unreachable(&self, err: reqwest::Error) -> ClientError {
        let why = if err.is_timeout() {
            "timed out".to_owned()
        } else if err.is_connect() {
            "connection refused or unreachable".to_owned()
        } else {
            err.without_url().to_string()
        };
        ClientError::Unreachable {
            url: self.base.to_string(),
            why,
        }
    }

    pub async fn audit(&self, query: &AuditQuery) -> ClientResult<AuditList> {
        let mut url = self.url("v1/audit")?;
        {
            let mut pairs = url.query_pairs_mut();
            if let Some(m) = &query.millekod {
                pairs.append_pair("millekod", m.as_str());
            }
            if let Some(l) = &query.login {
                pairs.append_pair("login", l.as_str());
            }
            if let Some(since) = query.since {
                let text = since
                    .format(&time::format_description::well_known::Rfc3339)
                    .map_err(|e| ClientError::Protocol(e.to_string()))?;
                pairs.append_pair("since", &text);
            }
            if let Some(limit) = query.limit {
                pairs.append_pair("limit", &limit.to_string());
            }
        }
        let path = match url.query() {
            Some(q) => format!("v1/audit?{q}"),
            None => "v1/audit".to_owned(),
        };
        self.call::<(), _>(Method::GET, &path, None).await
    }
}

/// A path segment from free text, percent-encoded.
fn segment(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// What an unblock (or a required password change) came to.
#[derive(Debug)]
pub enum Unblocked {
    Done(UserView),
    /// Held: a second operator must approve (`millectl approve ID`).
    AwaitingApproval(ApprovalView),
}

/// An answer another try may mend: busy, or a proxy without its server.
fn worth_another_try(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::TOO_MANY_REQUESTS
            | StatusCode::BAD_GATEWAY
            | StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::GATEWAY_TIMEOUT
    )
}

/// The answer's `Retry-After` (seconds or an HTTP date), as a wait from now.
fn retry_after_of(response: &reqwest::Response) -> Option<Duration> {
    let value = response.headers().get(reqwest::header::RETRY_AFTER)?;
    parse_retry_after(value.to_str().ok()?, std::time::SystemTime::now())
}

async fn read<T: DeserializeOwned>(response: reqwest::Response) -> ClientResult<T> {
    if !response.status().is_success() {
        return Err(problem_of(response).await);
    }
    let bytes = response
        .bytes()
        .await
        .map_err(|e| ClientError::Protocol(e.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|e| ClientError::Protocol(e.to_string()))
}

async fn problem_of(response: reqwest::Response) -> ClientError {
    let status = response.status().as_u16();
    let request_id = response
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let retry_after = retry_after_of(&response)
        .map(|wait| wait.min(Duration::from_secs(MAX_RETRY_AFTER_SHOWN_SECS)));
    let bytes = response.bytes().await.unwrap_or_default();
    let problem = serde_json::from_slice::<Problem>(&bytes).unwrap_or_else(|_| {
        let code = match status {
            401 => ErrorCode::Unauthenticated,
            403 => ErrorCode::Forbidden,
            404 => ErrorCode::NotFound,
            409 => ErrorCode::Conflict,
            413 => ErrorCode::PayloadTooLarge,
            429 => ErrorCode::TooManyRequests,
            400..=499 => ErrorCode::InvalidInput,
            502..=504 => ErrorCode::ServiceUnavailable,
            _ => ErrorCode::Internal,
        };
        Problem::new(code, format!("the server answered HTTP {status}"))
    });
    ClientError::Api {
        status,
        problem: Box::new(problem),
        request_id,
        retry_after,
    }
}
