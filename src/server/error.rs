//! One error type for every route, turned into `application/problem+json` in one place.
//!
//! Handlers return `ApiError`; internal failures keep their context for the log (which
//! never holds a secret) and show the caller only a request id to quote.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::api::{ErrorCode, Problem};
use crate::domain::display_text::TextError;
use crate::store::{BusyBecause, StoreError};

#[derive(Debug)]
pub struct ApiError {
    pub problem: Box<Problem>,
    /// For the log only; never sent.
    pub internal: Option<String>,
    /// Seconds for a `Retry-After` header (429, 503).
    pub retry_after: Option<u32>,
}

impl ApiError {
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self {
            problem: Box::new(Problem::new(code, detail)),
            internal: None,
            retry_after: None,
        }
    }

    pub fn internal(err: impl std::fmt::Display) -> Self {
        Self {
            problem: Box::new(Problem::new(
                ErrorCode::Internal,
                "the server failed; quote the request id to the operators",
            )),
            internal: Some(err.to_string()),
            retry_after: None,
        }
    }

    pub fn invalid_input(detail: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, detail)
    }

    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, detail)
    }

    pub fn not_found(detail: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, detail)
    }

    pub fn with_retry_after(mut self, seconds: u32) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    pub fn with_attempts_left(mut self, attempts_left: u8) -> Self {
        self.problem.attempts_left = Some(attempts_left);
        self
    }

    pub fn code(&self) -> ErrorCode {
        self.problem.code
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::AlreadyExists => Self::new(ErrorCode::AlreadyExists, "it exists already"),
            StoreError::NotFound => Self::not_found("not found"),
            StoreError::Conflict => Self::new(
                ErrorCode::Conflict,
                "the state changed meanwhile; look again and retry",
            ),
            StoreError::Busy {
                because,
                retry_after,
            } => Self {
                problem: Box::new(Problem::new(
                    ErrorCode::ServiceUnavailable,
                    match because {
                        BusyBecause::PoolOverloaded => "the database is overloaded; retry shortly",
                        BusyBecause::LockedByAnotherProgram => {
                            "the database is locked by another program; retry shortly"
                        }
                    },
                )),
                internal: Some(because.to_string()),
                retry_after: Some(u32::try_from(retry_after.as_secs().max(1)).unwrap_or(u32::MAX)),
            },
            other => Self::internal(other),
        }
    }
}

impl From<TextError> for ApiError {
    fn from(err: TextError) -> Self {
        Self::invalid_input(err.to_string())
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(err: anyhow::Error) -> Self {
        Self::internal(format!("{err:#}"))
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => Self::new(
                ErrorCode::UnsupportedMediaType,
                "send the body as JSON with Content-Type: application/json",
            ),
            JsonRejection::BytesRejection(_) => Self::new(
                ErrorCode::PayloadTooLarge,
                format!(
                    "the request body is too large (limit {} bytes)",
                    crate::api::MAX_BODY_BYTES
                ),
            ),
            other => Self::new(ErrorCode::MalformedRequest, first_line(&other.body_text())),
        }
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        Self::invalid_input(first_line(&rejection.body_text()))
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        Self::invalid_input(first_line(&rejection.body_text()))
    }
}

/// Serde's messages can be long; keep the one line that names the problem.
fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("invalid request");
    line.chars().take(300).collect()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Some(internal) = &self.internal {
            tracing::error!(error = %internal, code = ?self.problem.code, "request failed");
        }
        let status =
            StatusCode::from_u16(self.problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self.problem).unwrap_or_default();
        let mut response = (status, body).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
