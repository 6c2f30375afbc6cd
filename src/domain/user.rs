//! What a user has and goes through, the same concept on the wire and in the rules:
//! the authorization tool (R2) and the login process a challenge belongs to (R5, R6,
//! R10). `api` re-exports both, so the serde derives here are the wire format.

use serde::{Deserialize, Serialize};

/// How a user confirms a login (R2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuthTool {
    /// A one-time "H@sło SMS" to the registered mobile number.
    Sms,
    /// A hardware token's 6-digit code.
    Token,
}

impl AuthTool {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sms => "sms",
            Self::Token => "token",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "sms" => Some(Self::Sms),
            "token" => Some(Self::Token),
            _ => None,
        }
    }
}

/// Which login process a challenge belongs to (R5, R6, R10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Flow {
    /// Masked password characters (or the whole password) and a one-time code.
    Login,
    /// One-time code, the envelope's temporary password, then a new password.
    FirstLogin,
    /// After "unblock new password": one-time code, the one-time access password sent
    /// by SMS at unblock time (when the user has a phone), then a new password.
    NewPassword,
}

impl Flow {
    /// The flow as stored with a challenge.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Login => "login",
            Self::FirstLogin => "first_login",
            Self::NewPassword => "new_password",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "login" => Self::Login,
            "first_login" => Self::FirstLogin,
            "new_password" => Self::NewPassword,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_words_round_trip() {
        for tool in [AuthTool::Sms, AuthTool::Token] {
            assert_eq!(AuthTool::parse(tool.as_str()), Some(tool));
        }
        for flow in [Flow::Login, Flow::FirstLogin, Flow::NewPassword] {
            assert_eq!(Flow::parse(flow.as_str()), Some(flow));
            // The stored word is the wire's word.
            assert_eq!(
                serde_json::to_value(flow).unwrap(),
                serde_json::Value::from(flow.as_str())
            );
        }
        assert_eq!(AuthTool::parse("x"), None);
        assert_eq!(Flow::parse("x"), None);
    }
}
