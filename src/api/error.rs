//! Errors on the wire: RFC 9457 `application/problem+json` with a stable `code`.
//!
//! Clients branch on `code` (never on `title` or `detail`, which are for people); each
//! code has exactly one HTTP status, defined here, so server and client agree.

use serde::{Deserialize, Serialize};

/// Stable, machine-readable error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Body is not JSON, a field has the wrong type, a required field is missing.
    MalformedRequest,
    /// A path or query value does not parse (MilleKod, login, dates, limits).
    InvalidInput,
    /// The route exists but not with this HTTP method (see the `Allow` header).
    MethodNotAllowed,
    /// A phone number that does not exist or cannot receive SMS.
    InvalidPhone,
    /// A new password that breaks the password policy.
    PasswordPolicy,
    /// The server requires a `reason` for this action.
    ReasonRequired,
    /// No or unknown bearer token.
    Unauthenticated,
    /// Wrong password characters, one-time code or temporary password.
    InvalidCredentials,
    /// The login challenge is unknown, used or expired; start a new login.
    ChallengeExpired,
    Forbidden,
    NotFound,
    /// The user is not blocked, so there is nothing to unblock.
    NotBlocked,
    /// A new-password unblock needs a registered mobile number or a token.
    NoAuthorizationTool,
    /// The thing to create exists already.
    AlreadyExists,
    /// The state of the target does not allow the action.
    Conflict,
    PayloadTooLarge,
    /// The request body did not arrive within the server's body timeout; the
    /// connection is closed. Retry on a new one.
    RequestTimeout,
    UnsupportedMediaType,
    /// Too many consecutive failures; ask a co-user or HelpDesk to unblock.
    UserBlocked,
    /// Not blocked, but every attempt left is being checked right now; retry shortly.
    AttemptInProgress,
    /// A login refused: the bank suspended the user (issue 15); only HelpDesk can
    /// release it, no unblock does.
    UserSuspended,
    /// The user is suspended, so the action (an unblock, a required password change,
    /// a second suspension) cannot be done; HelpDesk releases the suspension first.
    Suspended,
    /// The user is not suspended, so there is nothing to release.
    NotSuspended,
    TooManyRequests,
    /// The SMS gateway did not accept the message.
    SmsDeliveryFailed,
    Internal,
    ServiceUnavailable,
}

impl ErrorCode {
    /// Every code, for the OpenAPI document's per-status lists.
    pub const ALL: [Self; 27] = [
        Self::MalformedRequest,
        Self::InvalidInput,
        Self::MethodNotAllowed,
        Self::InvalidPhone,
        Self::PasswordPolicy,
        Self::ReasonRequired,
        Self::Unauthenticated,
        Self::InvalidCredentials,
        Self::ChallengeExpired,
        Self::Forbidden,
        Self::NotFound,
        Self::NotBlocked,
        Self::NoAuthorizationTool,
        Self::AlreadyExists,
        Self::Conflict,
        Self::PayloadTooLarge,
        Self::RequestTimeout,
        Self::UnsupportedMediaType,
        Self::UserBlocked,
        Self::AttemptInProgress,
        Self::UserSuspended,
        Self::Suspended,
        Self::NotSuspended,
        Self::TooManyRequests,
        Self::SmsDeliveryFailed,
        Self::Internal,
        Self::ServiceUnavailable,
    ];

    /// The codes an answer of `status` may carry.
    pub fn of_status(status: u16) -> impl Iterator<Item = Self> {
        Self::ALL
            .into_iter()
            .filter(move |code| code.status() == status)
    }

    pub fn status(self) -> u16 {
        match self {
            Self::MalformedRequest | Self::InvalidInput => 400,
            Self::Unauthenticated | Self::InvalidCredentials | Self::ChallengeExpired => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::MethodNotAllowed => 405,
            Self::NotBlocked
            | Self::NoAuthorizationTool
            | Self::AlreadyExists
            | Self::Conflict
            | Self::Suspended
            | Self::NotSuspended => 409,
            Self::RequestTimeout => 408,
            Self::PayloadTooLarge => 413,
            Self::UnsupportedMediaType => 415,
            Self::InvalidPhone | Self::PasswordPolicy | Self::ReasonRequired => 422,
            Self::UserBlocked | Self::UserSuspended => 423,
            Self::TooManyRequests | Self::AttemptInProgress => 429,
            Self::Internal => 500,
            Self::SmsDeliveryFailed => 502,
            Self::ServiceUnavailable => 503,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::MalformedRequest => "Malformed request",
            Self::InvalidInput => "Invalid input",
            Self::InvalidPhone => "Invalid phone number",
            Self::PasswordPolicy => "Password does not meet the policy",
            Self::ReasonRequired => "A reason is required",
            Self::Unauthenticated => "Not authenticated",
            Self::InvalidCredentials => "Invalid credentials",
            Self::ChallengeExpired => "Login challenge expired",
            Self::Forbidden => "Forbidden",
            Self::NotFound => "Not found",
            Self::MethodNotAllowed => "Method not allowed",
            Self::NotBlocked => "User is not blocked",
            Self::NoAuthorizationTool => "No authorization tool",
            Self::AlreadyExists => "Already exists",
            Self::Conflict => "Conflict",
            Self::PayloadTooLarge => "Payload too large",
            Self::RequestTimeout => "Request timeout",
            Self::UnsupportedMediaType => "Unsupported media type",
            Self::UserBlocked => "User blocked",
            Self::AttemptInProgress => "Login attempt in progress",
            Self::UserSuspended => "User suspended",
            Self::Suspended => "User is suspended",
            Self::NotSuspended => "User is not suspended",
            Self::TooManyRequests => "Too many requests",
            Self::SmsDeliveryFailed => "SMS delivery failed",
            Self::Internal => "Internal server error",
            Self::ServiceUnavailable => "Service unavailable",
        }
    }
}

/// RFC 9457 problem details, plus our stable `code`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    pub code: ErrorCode,
    /// The request id, also in the `x-request-id` header and the audit record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// With `invalid_credentials`: how many tries remain before a block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts_left: Option<u8>,
}

impl Problem {
    pub fn new(code: ErrorCode, detail: impl Into<String>) -> Self {
        Self {
            problem_type: format!("https://millectl.dev/problems/{}", code_slug(code)),
            title: code.title().to_owned(),
            status: code.status(),
            detail: detail.into(),
            code,
            instance: None,
            attempts_left: None,
        }
    }
}

fn code_slug(code: ErrorCode) -> String {
    serde_json::to_value(code)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', "-")))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_json_has_rfc9457_members_and_code() {
        let p = Problem::new(ErrorCode::UserBlocked, "user 'jan' is blocked");
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["type"], "https://millectl.dev/problems/user-blocked");
        assert_eq!(json["status"], 423);
        assert_eq!(json["code"], "user_blocked");
        assert!(json.get("attempts_left").is_none());
    }

    #[test]
    fn all_lists_every_code_the_schema_knows_once() {
        let schema = serde_json::to_value(<ErrorCode as utoipa::PartialSchema>::schema())
            .expect("schema json");
        let known: std::collections::BTreeSet<String> = schema["enum"]
            .as_array()
            .expect("an enum")
            .iter()
            .map(|v| v.as_str().expect("a name").to_owned())
            .collect();
        let listed: Vec<String> = ErrorCode::ALL
            .iter()
            .map(|code| {
                serde_json::to_value(code)
                    .expect("json")
                    .as_str()
                    .expect("a name")
                    .to_owned()
            })
            .collect();
        assert_eq!(listed.len(), known.len(), "{listed:?}");
        assert_eq!(
            listed
                .into_iter()
                .collect::<std::collections::BTreeSet<_>>(),
            known
        );
    }

    #[test]
    fn a_suspension_has_its_own_codes() {
        let p = Problem::new(ErrorCode::UserSuspended, "suspended");
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["type"], "https://millectl.dev/problems/user-suspended");
        assert_eq!(
            (json["status"].as_u64(), json["code"].as_str()),
            (Some(423), Some("user_suspended"))
        );
        assert_eq!(ErrorCode::Suspended.status(), 409);
        assert_eq!(ErrorCode::NotSuspended.status(), 409);
    }
}
