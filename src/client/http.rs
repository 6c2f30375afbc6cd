//! Sending a request and reading its answer: a read (GET) is tried again by
//! [`READ_RETRIES`]; anything else is sent once, as it may have reached the server.

use std::time::Duration;

use reqwest::{Method, StatusCode, Url};
use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::{problem_of, retry_after_of};
use super::{Client, ClientError, ClientEvent, ClientResult};
use crate::retry::{RetryAfterLimit, RetryPolicy, Verdict};

/// Reads: three tries, half a second apart and then one; a server asking for a longer
/// pause than a person should sit through gets its answer shown ("try again in …").
const READ_RETRIES: RetryPolicy = RetryPolicy {
    attempts: Some(3),
    give_up_after: None,
    first_delay: Duration::from_millis(500),
    max_delay: Duration::from_secs(1),
    retry_after: RetryAfterLimit::GiveUpBeyond(Duration::from_secs(5)),
};

impl Client {
    /// Send a request: a read (GET) is tried again by [`READ_RETRIES`] while the server
    /// is unreachable, busy or briefly failing, and the last answer is handed back; any
    /// other request is sent once (it may have reached the server).
    pub(super) async fn send<B: Serialize>(
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

    pub(super) async fn send_once<B: Serialize>(
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

    pub(super) async fn call<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> ClientResult<T> {
        let response = self.send(method, path, body).await?;
        read(response).await
    }

    pub(super) async fn call_empty<B: Serialize>(
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

    pub(super) fn unreachable(&self, err: reqwest::Error) -> ClientError {
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

pub(super) async fn read<T: DeserializeOwned>(response: reqwest::Response) -> ClientResult<T> {
    if !response.status().is_success() {
        return Err(problem_of(response).await);
    }
    let bytes = response
        .bytes()
        .await
        .map_err(|e| ClientError::Protocol(e.to_string()))?;
    serde_json::from_slice(&bytes).map_err(|e| ClientError::Protocol(e.to_string()))
}
