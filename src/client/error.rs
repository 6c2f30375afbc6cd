//! What went wrong with a request: the server's problem (`code`, `detail`, request
//! id, when to try again), no answer, or an answer we cannot read — worded for the
//! person who reads it.

use std::time::Duration;

use crate::api::{ErrorCode, Problem};
use crate::retry::parse_retry_after;

/// A `Retry-After` beyond a day is shown as a day.
const MAX_RETRY_AFTER_SHOWN_SECS: u64 = 24 * 3600;

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
        /// sent, up to a day; a caller's [`crate::retry::RetryPolicy`] caps what it
        /// waits by itself).
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
    /// caller's [`crate::retry::RetryPolicy`] says how much of it to wait by itself).
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

/// The answer's `Retry-After` (seconds or an HTTP date), as a wait from now.
pub(super) fn retry_after_of(response: &reqwest::Response) -> Option<Duration> {
    let value = response.headers().get(reqwest::header::RETRY_AFTER)?;
    parse_retry_after(value.to_str().ok()?, std::time::SystemTime::now())
}

pub(super) async fn problem_of(response: reqwest::Response) -> ClientError {
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
