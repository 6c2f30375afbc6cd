//! The other records: audit entries, API tokens, approvals, the token inventory, chunks
//! of phone changes and what the sweep deleted.

use super::Millis;
use crate::domain::ids::{Login, MilleKod};
use crate::domain::phone::PhoneNumber;
use crate::domain::phone_change::RowOutcome;
use crate::domain::policy::Scope;

/// A token of the inventory, by serial.
#[derive(Clone)]
pub struct InventoryToken {
    pub serial: String,
    /// Sealed under the pepper, bound to the serial (`None` once withdrawn).
    pub seed_sealed: Option<Vec<u8>>,
    /// `available`, `assigned` or `withdrawn`.
    pub state: String,
}

/// A request waiting for a second operator (see `domain::approval`).
#[derive(Debug, Clone)]
pub struct ApprovalRecord {
    pub id: String,
    /// `unblock_new_password` or `password_reset`.
    pub action: String,
    pub user_id: i64,
    /// As the audit names the requester (`operator:…`, `token:…`).
    pub requested_by: String,
    /// The operator behind the request (themself, or the token's owner); `None` for a
    /// co-user's request, which any operator may approve.
    pub requester_operator: Option<Login>,
    pub reason: Option<String>,
    pub created_at: Millis,
    pub expires_at: Millis,
}

/// Rows the background sweep deleted, per table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    pub challenges: u64,
    pub sessions: u64,
    pub decoy_attempts: u64,
    pub login_starts: u64,
    pub sms_budget: u64,
    pub sms_notices: u64,
    pub approvals: u64,
}

impl Swept {
    /// Each kind's count.
    pub fn counts(&self) -> [u64; 7] {
        [
            self.challenges,
            self.sessions,
            self.decoy_attempts,
            self.login_starts,
            self.sms_budget,
            self.sms_notices,
            self.approvals,
        ]
    }

    pub fn total(&self) -> u64 {
        self.counts().iter().sum()
    }
}

#[derive(Debug, Clone)]
pub struct ApiTokenRecord {
    pub id: String,
    pub name: String,
    pub scopes: Vec<Scope>,
    pub created_by: i64,
    pub created_by_login: Login,
    pub created_at: Millis,
    pub expires_at: Millis,
    pub revoked_at: Option<Millis>,
}

/// An audit record to append (R12). Never holds a secret.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub at: Millis,
    pub request_id: String,
    pub actor: String,
    pub on_behalf_of: Option<String>,
    pub action: String,
    pub millekod: Option<String>,
    pub login: Option<String>,
    pub outcome: String,
    pub reason: Option<String>,
    pub detail: Option<String>,
}

/// An audit entry as listed: what was appended, with the number the log gave it
/// (increasing, so the newest has the largest).
#[derive(Debug, Clone)]
pub struct StoredAuditEntry {
    pub id: i64,
    pub entry: AuditEntry,
}

/// What `list_audit` returns: every filter given holds (AND); `actions` matches any one.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub millekod: Option<String>,
    pub login: Option<String>,
    /// Stored action texts (`user.unblock`); empty: every action.
    pub actions: Vec<String>,
    pub outcome: Option<String>,
    /// A whole actor name (`operator:helpdesk`, `anonymous`) matches itself; a bare name
    /// (`helpdesk`) matches `operator:`, `token:` and `user:<any MilleKod>/` that name.
    pub actor: Option<String>,
    pub since: Option<Millis>,
    /// Inclusive.
    pub until: Option<Millis>,
    /// Only records older than this one (ids below it): where the previous page of a
    /// listing ended. The log is listed newest first by id, so a record appended while
    /// a caller pages has a larger id and never shows up in a later page.
    pub before_id: Option<i64>,
    pub limit: i64,
}

/// One well-formed row of a bulk phone change.
#[derive(Debug, Clone)]
pub struct PhoneBatchRow {
    pub index: u32,
    pub millekod: MilleKod,
    pub login: Login,
    pub phone: PhoneNumber,
    pub expected: Option<PhoneNumber>,
}

/// A chunk of phone changes to apply in one transaction.
pub struct PhoneBatch<'a> {
    /// The idempotency key; `None` only for dry runs, which change nothing.
    pub key: Option<&'a str>,
    pub request_hash: &'a [u8],
    pub rows: &'a [PhoneBatchRow],
    /// Results decided before the store (malformed rows), merged into the answer.
    pub decided: Vec<PhoneRowResult>,
    pub dry_run: bool,
    pub batch_id: &'a str,
    /// Queue a notice to each changed row's old number (`false` only with a reason).
    pub notify_old: bool,
    /// Who, when, why: copied into one audit record per changed row.
    pub audit: AuditEntry,
}

/// What happened to one row of a chunk of phone changes. Stored (as JSON) with the
/// idempotency key, so a retry gets the very same answer: the field names are the
/// stored format, and the same as the wire's `PhoneChangeResult`, which the route
/// converts to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PhoneRowResult {
    /// 0-based index of the row in the request.
    pub index: u32,
    pub outcome: RowOutcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// What applying a chunk came to.
pub enum BatchApplied {
    Done(Vec<PhoneRowResult>),
    /// The key was used before for the same request: its stored answer.
    Replayed(Vec<PhoneRowResult>),
    /// The key was used before for a different request.
    KeyReused,
}
