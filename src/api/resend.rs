//! Wire types of resending a one-time access password (issue 15):
//! `POST /v1/companies/{millekod}/users/{login}/access-password`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::UserView;

/// `POST …/users/{login}/access-password`: a fresh one-time access password for a user
/// awaiting a new password or a first login.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResendRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 200)]
    pub reason: Option<String>,
}

/// What a resend did: the password itself never appears here (R11), only where it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AccessPasswordResent {
    pub user: UserView,
    /// How it went: always `sms` today (a user without a phone gets an envelope from
    /// back-office instead, and the resend is refused).
    pub channel: String,
    /// The number it went to, masked (`+48******678`).
    pub sent_to: String,
}
