//! The HTTP client of `/v1` (`Api`) and what it gets back (`Answer`, `Traced`): one
//! place that sends a request, attaches the bearer token and reads status, body and
//! headers; the SMS outbox a dev server writes beside it.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use millectl::api::{Challenge, CompleteLogin, Problem, StartLogin};
use millectl::domain::ids::{Login, MilleKod};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A typed client of `/v1`.
#[derive(Clone)]
pub struct Api {
    pub base: String,
    pub client: reqwest::Client,
    pub token: Option<String>,
    pub outbox: PathBuf,
}

/// An answer: status and JSON body (or a problem).
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: StatusCode,
    pub body: Value,
    pub content_type: String,
    /// `Retry-After`, in seconds, if the server sent one.
    pub retry_after: Option<u64>,
    /// Every header, as sent.
    pub headers: reqwest::header::HeaderMap,
}

impl Answer {
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_value(self.body.clone())
            .unwrap_or_else(|e| panic!("unexpected body ({e}): {}", self.body))
    }

    pub fn problem(&self) -> Problem {
        assert_eq!(
            self.content_type, "application/problem+json",
            "not a problem: {} {}",
            self.status, self.body
        );
        self.json()
    }

    /// Assert a problem with this status and code.
    pub fn expect_problem(&self, status: u16, code: &str) -> Problem {
        assert_eq!(
            (
                self.status.as_u16(),
                self.body["code"].as_str().unwrap_or("")
            ),
            (status, code),
            "body: {}",
            self.body
        );
        self.problem()
    }

    pub fn expect_ok(&self) -> &Self {
        assert!(self.status.is_success(), "{} {}", self.status, self.body);
        self
    }
}

impl Api {
    pub fn with_token(&self, token: &str) -> Api {
        Api {
            token: Some(token.to_owned()),
            ..self.clone()
        }
    }

    pub fn on(&self, base: &str) -> Api {
        Api {
            base: base.to_owned(),
            ..self.clone()
        }
    }

    pub async fn send(&self, method: Method, path: &str, body: Option<Value>) -> Answer {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request");
        Self::answer(response).await
    }

    /// Send raw bytes with a content type (for malformed-input tests).
    pub async fn send_raw(
        &self,
        method: Method,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Answer {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(body);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        Self::answer(request.send().await.expect("request")).await
    }

    async fn answer(response: reqwest::Response) -> Answer {
        Self::read_answer(response).await.expect("body")
    }

    /// An answer, or the error that cut its body short (the server closed the
    /// connection while the client still wrote).
    pub async fn read_answer(response: reqwest::Response) -> reqwest::Result<Answer> {
        let status = response.status();
        let headers = response.headers().clone();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok());
        let bytes = response.bytes().await?;
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()))
        };
        Ok(Answer {
            status,
            body,
            content_type,
            retry_after,
            headers,
        })
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.send(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Answer {
        self.send(Method::PUT, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Answer {
        self.send(Method::DELETE, path, None).await
    }

    pub async fn start_login(&self, millekod: Option<&str>, login: &str) -> Challenge {
        let request = StartLogin {
            millekod: millekod.map(|m| MilleKod::parse(m).expect("millekod")),
            login: Login::parse(login).expect("login"),
        };
        let answer = self
            .post("/v1/sessions", serde_json::to_value(request).expect("json"))
            .await;
        answer.expect_ok();
        answer.json()
    }

    pub async fn complete_login(&self, challenge_id: &str, answer: &CompleteLogin) -> Answer {
        self.post(
            &format!("/v1/sessions/{challenge_id}"),
            serde_json::to_value(answer).expect("json"),
        )
        .await
    }

    /// The SMS code of a challenge, read from the dev outbox by the SMS's number (a
    /// start while a code is live points to the SMS already sent). Login codes are sent
    /// after step 1 answered, so this waits for the code to arrive.
    pub fn sms_code(&self, challenge: &Challenge) -> String {
        let reference = challenge
            .sms_reference
            .clone()
            .unwrap_or_else(|| panic!("challenge {} has no SMS", challenge.challenge_id));
        let start = Instant::now();
        loop {
            let code = self
                .outbox_entries()
                .into_iter()
                .rev()
                .find(|e| e["reference"] == reference.as_str())
                .and_then(|e| e["code"].as_str().map(str::to_owned));
            if let Some(code) = code {
                return code;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "no SMS no. {reference} for challenge {}",
                challenge.challenge_id
            );
            // The server is another process: blocking this thread holds up nothing.
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// The newest one-time access password sent to a phone (after an unblock).
    pub fn access_password(&self, phone: &str) -> Option<String> {
        self.outbox_entries()
            .into_iter()
            .rev()
            .find(|e| e["to"] == phone && e["kind"] == "access_password")
            .and_then(|e| e["code"].as_str().map(str::to_owned))
    }

    pub fn outbox_entries(&self) -> Vec<Value> {
        std::fs::read_to_string(&self.outbox)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }
}

#[derive(Debug)]
pub struct Traced {
    pub answer: Answer,
    pub request_id: Option<String>,
}

impl Traced {
    /// A problem+json with this status and code, whose `instance` is the request id.
    pub fn expect_problem(&self, status: u16, code: &str) -> Problem {
        let problem = self.answer.expect_problem(status, code);
        let id = self.request_id.as_deref().unwrap_or("");
        assert!(
            !id.is_empty(),
            "no x-request-id header: {}",
            self.answer.body
        );
        assert_eq!(
            problem.instance.as_deref(),
            Some(id),
            "instance is not the x-request-id header; body: {}",
            self.answer.body
        );
        assert_eq!(
            problem.status, status,
            "status member of {}",
            self.answer.body
        );
        problem
    }
}

/// The body of a raw request: none, JSON, or bytes with an optional content type.
#[derive(Debug, Clone)]
pub enum RawBody {
    None,
    Json(Value),
    Bytes(Option<&'static str>, Vec<u8>),
}

impl Api {
    /// Send anything (wrong content types, non-JSON, huge bodies) and keep the
    /// `x-request-id` header of the answer.
    pub async fn traced(&self, method: Method, path: &str, body: RawBody) -> Traced {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        request = match body {
            RawBody::None => request,
            RawBody::Json(value) => request.json(&value),
            RawBody::Bytes(Some(content_type), bytes) => {
                request.header("content-type", content_type).body(bytes)
            }
            RawBody::Bytes(None, bytes) => request.body(bytes),
        };
        let response = request.send().await.expect("request");
        let request_id = response
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Traced {
            answer: Self::answer(response).await,
            request_id,
        }
    }
}

impl Api {
    /// `POST /v1/phone-changes` with an idempotency key (none when `key` is `None`) and
    /// any body, well-formed or not (see `change_phones` for the typed request).
    pub async fn phone_changes(&self, key: Option<&str>, body: &Value) -> Answer {
        let mut request = self
            .client
            .post(format!("{}/v1/phone-changes", self.base))
            .json(body);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        Self::answer(request.send().await.expect("request")).await
    }

    /// A request whose parameters go in the query string.
    pub async fn send_query(
        &self,
        method: Method,
        path: &str,
        query: &impl serde::Serialize,
    ) -> Answer {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .query(query);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        Self::answer(request.send().await.expect("request")).await
    }
}
