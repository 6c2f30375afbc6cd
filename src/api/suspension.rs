//! Wire types of a suspension (issue 15): the bank's block on purpose, placed with
//! `PUT …/users/{login}/suspension` and lifted with `DELETE …/suspension`, and what
//! `UserView` shows of it. In a file of their own so the contract of one feature
//! reads in one place (`types.rs` only gains the additive `UserView::suspension`).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

use super::UserStatus;

/// `PUT …/users/{login}/suspension`: suspend the user. The reason is required (a
/// ticket number or a few words, at most `MAX_REASON_CHARS`): it is what HelpDesk
/// reads when the user calls, and what the audit keeps.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SuspendRequest {
    #[schema(min_length = 1, max_length = 200)]
    pub reason: String,
}

/// `DELETE …/users/{login}/suspension`: release it. The reason is optional (the
/// suspension's own reason says why it was placed), unless the server requires a
/// reason for every change.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReleaseRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 200)]
    pub reason: Option<String>,
}

/// Who suspended the user, when and why, and the status a release returns them to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SuspensionView {
    #[serde(with = "crate::api::timestamp")]
    pub suspended_at: OffsetDateTime,
    /// As the audit names them, e.g. `operator:helpdesk`.
    pub suspended_by: String,
    pub reason: String,
    /// The status the user was suspended from, which a release restores.
    pub returns_to: UserStatus,
}
