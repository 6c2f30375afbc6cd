//! Request and response bodies of `/v1`.
//!
//! One file for the whole contract (longer than most, one idea): README's JSON section
//! and the OpenAPI document are read against it, and a change to the wire shows here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};

pub use crate::domain::ids::{Login, MilleKod};
pub use crate::domain::lockout::{UnblockMode, UserStatus};
pub use crate::domain::policy::Scope;

use super::{AuditAction, AuditOutcome, Secret};

pub use crate::domain::user::{AuthTool, Flow};

/// `POST /v1/sessions`: step 1 of a login. Operators send no `millekod`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StartLogin {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub millekod: Option<MilleKod>,
    pub login: Login,
}

/// The challenge of a login: what to send in step 2.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Challenge {
    pub challenge_id: String,
    pub flow: Flow,
    /// 1-based positions of the password characters to type ("letters 2, 3 and 6");
    /// `null` when the whole password is asked (masking off) or no password is asked.
    pub password_positions: Option<Vec<u8>>,
    pub otp_method: AuthTool,
    /// Where the SMS code went, masked (`+48******789`), for SMS challenges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms_sent_to: Option<String>,
    /// The number of the SMS that carries the code, also in its text. A new start while
    /// a code is still good points to the same SMS (same number) instead of sending
    /// another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms_reference: Option<String>,
    #[serde(with = "crate::api::timestamp")]
    pub expires_at: OffsetDateTime,
}

/// `POST /v1/sessions/{challenge_id}`: step 2 of a login.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteLogin {
    /// Masked password: position ("2") → the character typed there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<BTreeMap<String, String>>)]
    pub password_chars: Option<BTreeMap<String, Secret>>,
    /// The whole password, where masking is off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// The one-time code (SMS or token).
    pub otp: Secret,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporary_password: Option<Secret>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_password: Option<Secret>,
}

/// Who a session or token belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PrincipalView {
    Operator {
        login: Login,
    },
    /// Back-office staff (envelopes, provisioning).
    BackOffice {
        login: Login,
    },
    User {
        millekod: MilleKod,
        login: Login,
    },
    ApiToken {
        id: String,
        name: String,
        scopes: Vec<Scope>,
        owner: Login,
    },
}

/// A new session: the bearer token is shown once.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SessionCreated {
    pub token: Secret,
    /// When the session ends if idle; each request moves it forward.
    #[serde(with = "crate::api::timestamp")]
    pub expires_at: OffsetDateTime,
    pub principal: PrincipalView,
}

/// `GET /v1/me`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Me {
    pub principal: PrincipalView,
    #[serde(default, with = "crate::api::timestamp::option")]
    pub expires_at: Option<OffsetDateTime>,
}

/// A company user as HelpDesk and co-users see it. Never holds a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct UserView {
    pub millekod: MilleKod,
    pub login: Login,
    pub name: String,
    pub status: UserStatus,
    pub failed_attempts: u32,
    pub attempts_left: u32,
    pub auth_tool: AuthTool,
    /// E.164, masked to the last 3 digits unless revealed (an audited action).
    pub phone: Option<String>,
    pub password_masking: bool,
    #[serde(with = "crate::api::timestamp::option")]
    pub last_login_at: Option<OffsetDateTime>,
    #[serde(with = "crate::api::timestamp::option")]
    pub blocked_at: Option<OffsetDateTime>,
    /// Present while the user is suspended (issue 15): who, when, why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suspension: Option<super::SuspensionView>,
    /// `user show` only (issue 15): the last failed login attempt, if one is kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_failure: Option<super::LastFailure>,
    /// `user show` only: how a blocked user came to be blocked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked_by: Option<super::BlockedBy>,
    /// `user show` only: what can be done now, and why not where not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<super::ActionAdvice>,
    /// `user show` only: active co-users of the MilleKod who could unblock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub co_users_who_can_help: Option<super::CoUsersWhoCanHelp>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UserList {
    pub users: Vec<UserView>,
    /// More users follow: pass this as `cursor` (absent on the last page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// Filters and paging of `GET /v1/companies/{millekod}/users`, by login.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListUsersQuery {
    /// Only users in these statuses, comma-separated, e.g. `blocked` or
    /// `blocked,awaiting_new_password`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Only users of this authorization tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool: Option<AuthTool>,
    /// Users per page, 1..=1000 (default 1000, so a company of up to 1000 users
    /// comes in one page as before paging existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// Options of `GET /v1/companies/{millekod}/users/{login}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ShowUserQuery {
    /// Show the whole phone number (audited).
    #[serde(default)]
    pub reveal_phone: bool,
}

/// `POST …/users/{login}/unblock` (R9, R10).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnblockRequest {
    pub mode: UnblockMode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 200)]
    pub reason: Option<String>,
    /// Change nothing: authorised and refused exactly as the unblock, audited under
    /// `user.unblock` with the detail `dry run: <mode>`, the answer is the user as they
    /// are (what the CLI shows before asking). Issue 15: no separate `user.show` read.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
}

/// `POST …/users/{login}/password-reset`: require a new password of the user (issue 13).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 200)]
    pub reason: Option<String>,
    /// Change nothing: authorised and refused exactly as the change, audited under
    /// `user.password_reset` with the detail `dry run`; the answer is the user as they
    /// are (what the CLI shows before asking). Issue 15: no separate `user.show` read.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dry_run: bool,
}

/// A request that waits for a second operator (maker–checker), e.g. an unblock with a
/// new password within the hold after a phone change: `202` from the unblock, and
/// `POST /v1/approvals/{id}/approve` by another operator carries it out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ApprovalView {
    pub id: String,
    /// `unblock_new_password` or `password_reset`.
    pub action: String,
    pub millekod: MilleKod,
    pub login: Login,
    /// Who asked, as the audit names them (`operator:…` or `token:…`).
    pub requested_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(with = "crate::api::timestamp")]
    pub created_at: OffsetDateTime,
    #[serde(with = "crate::api::timestamp")]
    pub expires_at: OffsetDateTime,
    /// Why it waits, in words for the person who asked.
    pub detail: String,
}

/// `GET /v1/approvals`: the requests waiting for a second operator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ApprovalList {
    pub approvals: Vec<ApprovalView>,
}

/// `POST /v1/approvals/{id}/approve`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ApproveRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 200)]
    pub reason: Option<String>,
}

/// An operator as another operator sees it after `POST /v1/operators/{login}/unblock`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OperatorView {
    pub login: Login,
    pub name: String,
    pub status: UserStatus,
    pub attempts_left: u32,
}

/// `PUT …/users/{login}/phone` (R4). The number as people type it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetPhoneRequest {
    #[schema(min_length = 1, max_length = 64)]
    pub phone: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 200)]
    pub reason: Option<String>,
}

/// `PUT …/users/{login}/password-masking` (R3): the user's own switch.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SetPasswordMaskingRequest {
    pub enabled: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 200)]
    pub reason: Option<String>,
}

/// `POST /v1/companies`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCompany {
    pub millekod: MilleKod,
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 200)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CompanyView {
    pub millekod: MilleKod,
    pub name: String,
}

/// `POST /v1/companies/{millekod}/users`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    pub login: Login,
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    pub auth_tool: AuthTool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 64)]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 200)]
    pub reason: Option<String>,
}

/// `POST …/users/{login}/envelope` (back-office).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueEnvelope {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 200)]
    pub reason: Option<String>,
}

/// A new user and the envelope's temporary password, shown this once.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UserCreated {
    pub user: UserView,
    pub temporary_password: Secret,
}

/// `PUT …/users/{login}/token`: assign a hardware token from the inventory, by serial.
/// No seed is accepted here: seeds come only in back-office's PSKC inventories.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignToken {
    #[schema(min_length = 1, max_length = 32)]
    pub serial: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 200)]
    pub reason: Option<String>,
}

/// Why a token is taken away; its serial is never assigned again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WithdrawnBecause {
    Lost,
    Broken,
    Returned,
}

impl WithdrawnBecause {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lost => "lost",
            Self::Broken => "broken",
            Self::Returned => "returned",
        }
    }
}

/// `POST …/users/{login}/token/withdraw`: the user's token is lost, broken or returned;
/// a user with a mobile number goes back to SMS codes.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawToken {
    pub because: WithdrawnBecause,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 200)]
    pub reason: Option<String>,
}

/// `POST /v1/token-inventory`: what loading a PSKC file came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TokensLoaded {
    /// Tokens in the file.
    pub in_file: u64,
    /// New to the inventory (a serial known before, in any state, is left alone).
    pub loaded: u64,
}

/// `GET /v1/token-inventory`: serials available for assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TokenInventory {
    pub available: Vec<String>,
}

/// `POST /v1/api-tokens`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateApiToken {
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    #[schema(min_items = 1)]
    pub scopes: Vec<Scope>,
    /// Lifetime in seconds; default 30 days, at most 365 days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 60, maximum = 31536000)]
    pub expires_in_s: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 200)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ApiTokenView {
    pub id: String,
    pub name: String,
    pub scopes: Vec<Scope>,
    pub created_by: Login,
    #[serde(with = "crate::api::timestamp")]
    pub created_at: OffsetDateTime,
    #[serde(with = "crate::api::timestamp")]
    pub expires_at: OffsetDateTime,
    #[serde(with = "crate::api::timestamp::option")]
    pub revoked_at: Option<OffsetDateTime>,
}

/// The token itself is shown this once; the server keeps only its hash.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApiTokenCreated {
    pub token: Secret,
    pub api_token: ApiTokenView,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApiTokenList {
    pub api_tokens: Vec<ApiTokenView>,
}

/// Optional body of state-changing requests that carry nothing else.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 200)]
    pub reason: Option<String>,
}

/// One append-only audit record (R12). Never holds a secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AuditRecord {
    pub id: i64,
    #[serde(with = "crate::api::timestamp")]
    pub at: OffsetDateTime,
    pub request_id: String,
    /// Who acted: `operator:helpdesk`, `user:12345678/anna`, `token:NAME`, `anonymous`.
    pub actor: String,
    /// For whom: an API token acts for its owner.
    pub on_behalf_of: Option<String>,
    /// e.g. `user.show`, `user.unblock`, `phone.set`, `login`, `logout`.
    pub action: String,
    pub millekod: Option<String>,
    pub login: Option<String>,
    /// `success`, `denied`, `not_found`, `refused`, `failure`, `blocked`, …
    pub outcome: String,
    pub reason: Option<String>,
    /// Non-secret details, e.g. the unblock mode or the masked new phone number.
    pub detail: Option<String>,
}

/// Filter of `GET /v1/audit`; every filter given must hold (they combine with AND).
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub millekod: Option<MilleKod>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login: Option<Login>,
    /// Only these actions, comma-separated full names (`user.unblock,login`); a record
    /// matches any of them.
    #[serde(
        default,
        with = "super::comma_list",
        skip_serializing_if = "Vec::is_empty"
    )]
    #[param(value_type = Option<String>, example = "user.unblock,login")]
    pub action: Vec<AuditAction>,
    /// Only this outcome (`success`, `failure`, `denied`, `not_found`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[param(value_type = Option<String>, example = "failure")]
    pub outcome: Option<AuditOutcome>,
    /// Only what this actor did: the audit's whole name (`operator:helpdesk`,
    /// `user:12345678/anna`, `token:batch`, `anonymous`), or a bare login or token name,
    /// which matches an operator, a token or a user of any MilleKod by that name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// RFC 3339 time; only records at or after it.
    #[serde(
        default,
        with = "crate::api::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[param(value_type = Option<String>)]
    pub since: Option<OffsetDateTime>,
    /// RFC 3339 time; only records at or before it (not before `since`).
    #[serde(
        default,
        with = "crate::api::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    #[param(value_type = Option<String>)]
    pub until: Option<OffsetDateTime>,
    /// At most this many records in this page, newest first (1..=1000, default 100).
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page: the records older than its last one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// One page of the audit, newest first; `next_cursor` when older records match (pass
/// it as `cursor` with the same filters for the next page). Records appended while a
/// caller pages are newer than the first page and never appear in a later one.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AuditList {
    pub records: Vec<AuditRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// `GET /v1/health`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Health {
    pub status: String,
    pub database: String,
    pub version: String,
}

/// `GET /v1/health/live`: the process is up and answers.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Liveness {
    pub status: String,
    pub version: String,
}

/// `GET /v1/health/ready`: the database answers and holds every migration this
/// server needs, and no shutdown has begun.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Readiness {
    pub status: String,
    pub database: String,
    /// The newest migration the database holds.
    pub schema_version: i64,
    pub version: String,
}

pub use crate::domain::phone_change::RowOutcome;

/// Most rows in one `POST /v1/phone-changes`.
pub const MAX_PHONE_CHANGES: usize = 5000;
/// Largest body of `POST /v1/phone-changes` (a full chunk of rows).
pub const MAX_PHONE_CHANGES_BODY_BYTES: usize = 2 * 1024 * 1024;

/// One row of a phone-number migration, as the file had it: fields stay text so one
/// bad row is reported on its own instead of failing its neighbours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PhoneChangeRow {
    pub millekod: String,
    pub login: String,
    #[schema(min_length = 1, max_length = 64)]
    pub phone: String,
    /// Compare-and-set: change only if the current number is this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_phone: Option<String>,
}

/// `POST /v1/phone-changes` (with an `Idempotency-Key` header): a chunk of rows.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PhoneChangeBatch {
    /// The migration this chunk belongs to; kept in every audit record.
    #[schema(min_length = 1, max_length = 64, pattern = "^[A-Za-z0-9._:-]{1,64}$")]
    pub batch_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 200)]
    pub reason: Option<String>,
    /// Report what would happen; change nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// Tell each changed row's old number by SMS (no code in it). `false` needs a
    /// `reason`, and every row's audit record says the old number was not told.
    #[serde(default = "notify_old_default")]
    pub notify_old: bool,
    #[schema(min_items = 1, max_items = 5000)]
    pub changes: Vec<PhoneChangeRow>,
}

fn notify_old_default() -> bool {
    true
}

/// What happened to one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PhoneChangeResult {
    /// 0-based index of the row in the request.
    pub index: u32,
    pub outcome: RowOutcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// The answer to a chunk; the same answer again for a retry with the same key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PhoneChangeReport {
    pub batch_id: String,
    pub dry_run: bool,
    /// True when this answer is the stored one of an earlier request with the same key.
    pub replayed: bool,
    pub results: Vec<PhoneChangeResult>,
}
