//! Wire types of a user's timeline (`GET …/users/{login}/history`) and of what `user
//! show` adds to answer the next question (issue 15): the last failed attempt, how the
//! block came about, what can be done now, who could help. Every field is additive:
//! an old client ignores them, a new client reading an old server gets their defaults.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};

use super::{Login, MilleKod};

/// Options of `GET /v1/companies/{millekod}/users/{login}/history`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct HistoryQuery {
    /// RFC 3339 time; only entries at or after it.
    #[serde(default, with = "crate::api::timestamp::option")]
    #[param(value_type = Option<String>)]
    pub since: Option<OffsetDateTime>,
    /// At most this many entries, newest first (1..=1000, default 50).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
}

/// What an entry of the timeline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HistoryKind {
    /// Step 2 of a login by the user (or by whoever had their login).
    Login,
    /// An administrative action on the user, from the audit.
    Admin,
}

/// One entry, a login attempt or an administrative action, flat so that a table or
/// CSV prints it as one row; fields that do not apply are null.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct HistoryEntry {
    #[serde(with = "crate::api::timestamp")]
    pub at: OffsetDateTime,
    pub kind: HistoryKind,
    /// Login: the flow answered (`login`, `first_login`, `new_password`). Admin: the
    /// audit action (`user.unblock`, `phone.set`, …).
    pub what: String,
    /// Login: `success`, `failure`, `blocked` (an attempt while blocked), `expired`
    /// (an unknown, used or expired challenge), `busy`, `unavailable`. Admin: the
    /// audit outcome.
    pub outcome: String,
    /// Login failures: the factors that were wrong, `+`-joined: `password_chars`,
    /// `password`, `sms_code`, `token_code`, `temporary_password`. Never what was typed.
    pub factor: Option<String>,
    /// Login: attempts left after this one, where it counted.
    pub attempts_left: Option<u32>,
    /// Login: the client's address as the server saw it.
    pub source: Option<String>,
    /// Login: the client (User-Agent, cleaned and shortened).
    pub client: Option<String>,
    /// Admin: who acted (`operator:helpdesk`, `user:12345678/anna`, `token:NAME`).
    pub actor: Option<String>,
    pub reason: Option<String>,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UserHistory {
    pub millekod: MilleKod,
    pub login: Login,
    /// Newest first.
    pub entries: Vec<HistoryEntry>,
}

/// The user's last failed login attempt (a wrong credential).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct LastFailure {
    #[serde(with = "crate::api::timestamp")]
    pub at: OffsetDateTime,
    /// As in [`HistoryEntry::factor`].
    pub factor: String,
    pub source: Option<String>,
}

/// How a blocked user came to be blocked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BlockedBy {
    /// `failed attempts`.
    pub cause: String,
    #[serde(with = "crate::api::timestamp::option")]
    pub at: Option<OffsetDateTime>,
    /// The factor of the last failure, where it is still kept.
    pub factor: Option<String>,
}

/// One thing that can be done for the user now, or why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ActionAdvice {
    /// `unblock current-password`, `unblock new-password`, `resend`,
    /// `require-password-change`.
    pub action: String,
    pub allowed: bool,
    /// Allowed: what it does and the command. Not allowed: why, and what fixes it.
    pub why: String,
}

/// A co-user of the same MilleKod.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CoUserRef {
    pub login: String,
    pub name: String,
}

/// Active co-users of the MilleKod other than the user: who could unblock them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CoUsersWhoCanHelp {
    /// The first few, by login.
    pub users: Vec<CoUserRef>,
    /// How many more there are beyond `users`.
    pub more: u32,
}
