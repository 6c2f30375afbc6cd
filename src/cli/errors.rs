//! The one place errors become exit codes (DESIGN.md): 0 ok, 1 other, 2 usage, 3 not
//! found, 4 not authenticated, 5 forbidden, 6 conflict, 7 invalid input, 8 server
//! unavailable, 9 some rows of an import not applied, 130 interrupted — and the hint
//! printed under the error line. Each thing is said once: where the server's own
//! detail already gives the advice (a blocked or suspended login), no hint repeats it;
//! where a fix is a command, the hint is that command with the user's values
//! (`super::fixes`).

use super::fixes::{self, LoginTarget};
use crate::api::ErrorCode;
use crate::client::ClientError;

pub const OTHER: u8 = 1;
pub const USAGE: u8 = 2;
pub const NOT_FOUND: u8 = 3;
pub const NOT_AUTHENTICATED: u8 = 4;
pub const FORBIDDEN: u8 = 5;
pub const CONFLICT: u8 = 6;
pub const INVALID_INPUT: u8 = 7;
pub const UNAVAILABLE: u8 = 8;
/// `phone import` ran to the end, but some rows were not applied (not found,
/// forbidden, invalid or a compare-and-set conflict); the rest were.
pub const ROWS_FAILED: u8 = 9;
/// Stopped by Ctrl-C (128 + SIGINT, as shells report it).
pub const INTERRUPTED: u8 = 130;

/// An error the CLI itself decides on, with its exit code and an optional hint.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct CliError {
    pub code: u8,
    pub message: String,
    pub hint: Option<String>,
}

impl CliError {
    pub fn new(code: u8, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(USAGE, message)
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(INVALID_INPUT, message)
    }

    /// No session for `target`'s profile: the hint logs in to that profile.
    pub fn not_logged_in(target: &LoginTarget) -> Self {
        Self::new(NOT_AUTHENTICATED, "not logged in").hint(format!(
            "{}, or set MILLECTL_TOKEN for scripts",
            target.login_hint()
        ))
    }
}

pub fn exit_code_of_api(code: ErrorCode) -> u8 {
    use ErrorCode::*;
    match code {
        NotFound => NOT_FOUND,
        Unauthenticated | InvalidCredentials | ChallengeExpired => NOT_AUTHENTICATED,
        Forbidden => FORBIDDEN,
        NotBlocked | NoAuthorizationTool | AlreadyExists | Conflict | UserBlocked
        | AttemptInProgress | UserSuspended | Suspended | NotSuspended => CONFLICT,
        MalformedRequest | InvalidInput | InvalidPhone | PasswordPolicy | ReasonRequired
        | PayloadTooLarge | UnsupportedMediaType | MethodNotAllowed => INVALID_INPUT,
        TooManyRequests | SmsDeliveryFailed | Internal | ServiceUnavailable | RequestTimeout => {
            UNAVAILABLE
        }
    }
}

/// Exit code and hint for any error that reaches `main`.
pub fn classify(err: &anyhow::Error) -> (u8, Option<String>) {
    if let Some(cli) = err.downcast_ref::<CliError>() {
        return (cli.code, cli.hint.clone());
    }
    if err.downcast_ref::<crate::output::UnknownColumn>().is_some() {
        return (INVALID_INPUT, None);
    }
    if let Some(client) = err.downcast_ref::<ClientError>() {
        return match client {
            ClientError::Api { problem, .. } => {
                let hint = match problem.code {
                    ErrorCode::Unauthenticated => Some(format!(
                        "your session may have expired: {}",
                        fixes::login_hint()
                    )),
                    // The server's detail says whom to ask; a hint would say it again.
                    ErrorCode::UserBlocked | ErrorCode::UserSuspended => None,
                    ErrorCode::Suspended => Some(format!(
                        "no unblock lifts a suspension; HelpDesk releases it: `{}`",
                        fixes::command("user release LOGIN --millekod M")
                    )),
                    ErrorCode::ReasonRequired => Some(format!(
                        "run it again with one: `{}`",
                        fixes::again_with_reason()
                    )),
                    _ => None,
                };
                (exit_code_of_api(problem.code), hint)
            }
            ClientError::Unreachable { .. } => (UNAVAILABLE, Some(unreachable_hint())),
            ClientError::Protocol(_) => (UNAVAILABLE, None),
        };
    }
    (OTHER, None)
}

/// Where the server URL came from, so the user knows what to check; for a profile
/// other than the default, which profile's setting.
fn unreachable_hint() -> String {
    let profile = fixes::target()
        .map(|t| t.profile.as_str())
        .filter(|p| *p != super::context::DEFAULT_PROFILE);
    match profile {
        Some(profile) => format!(
            "is the server running? check --server, MILLECTL_SERVER or the server of \
             profile {profile} (`millectl --profile {profile} config show`)"
        ),
        None => "is the server running? check --server or MILLECTL_SERVER".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_codes_map_to_the_documented_exit_codes() {
        assert_eq!(exit_code_of_api(ErrorCode::NotFound), 3);
        assert_eq!(exit_code_of_api(ErrorCode::Unauthenticated), 4);
        assert_eq!(exit_code_of_api(ErrorCode::Forbidden), 5);
        assert_eq!(exit_code_of_api(ErrorCode::NotBlocked), 6);
        assert_eq!(exit_code_of_api(ErrorCode::InvalidPhone), 7);
        assert_eq!(exit_code_of_api(ErrorCode::ServiceUnavailable), 8);
        assert_eq!(exit_code_of_api(ErrorCode::UserSuspended), 6);
        assert_eq!(exit_code_of_api(ErrorCode::NotSuspended), 6);
    }

    #[test]
    fn unreachable_server_is_exit_8() {
        let err = anyhow::Error::new(ClientError::Unreachable {
            url: "http://127.0.0.1:1/".into(),
            why: "connection refused".into(),
        });
        assert_eq!(classify(&err).0, 8);
    }
}
