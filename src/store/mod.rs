//! Persistence: one `Store` trait, implemented over SQL for SQLite (embedded, the
//! default) and PostgreSQL (several server replicas sharing one database).
//!
//! Every counter and state change is a single atomic statement (`UPDATE … WHERE …
//! RETURNING`) or a transaction, so concurrent requests — on one server or on several
//! replicas — never see or make a half-done change. Administrative changes write their
//! audit record in the same transaction as the change itself: no change without its
//! record, no record of a change that did not happen.

mod migrations;
mod phone_batch;
mod sql;
mod token_seeds;

use async_trait::async_trait;

use crate::api::{AuthTool, Scope, UserStatus};
use crate::domain::ids::{Login, MilleKod, UserUid};
use crate::domain::masked_password::PasswordRecord;
use crate::domain::phone::PhoneNumber;

pub use sql::SqlStore;

/// Milliseconds since the Unix epoch, the only time format the store keeps.
pub type Millis = i64;

pub fn now_millis() -> Millis {
    millis_of(time::OffsetDateTime::now_utc())
}

/// A time as stored (milliseconds; times beyond the `i64` range saturate).
pub fn millis_of(t: time::OffsetDateTime) -> Millis {
    let millis = t.unix_timestamp_nanos() / 1_000_000;
    Millis::try_from(millis).unwrap_or(if millis < 0 { Millis::MIN } else { Millis::MAX })
}

/// A stored time back as a time; `None` outside the representable range.
pub fn time_of(millis: Millis) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(millis) * 1_000_000).ok()
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("already exists")]
    AlreadyExists,
    #[error("not found")]
    NotFound,
    /// The row changed under us (e.g. the user is no longer blocked).
    #[error("state changed concurrently")]
    Conflict,
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// From the SQLite connection of bulk phone changes (`phone_batch.rs`).
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("corrupt row: {0}")]
    Corrupt(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Operators are bank staff outside any MilleKod (R1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserKind {
    Operator,
    CompanyUser,
}

/// A user row as the server needs it. Holds secrets in protected form only.
#[derive(Clone)]
pub struct UserRecord {
    pub id: i64,
    /// Immutable; what credentials are bound to.
    pub uid: UserUid,
    pub kind: UserKind,
    /// `None` for operators.
    pub millekod: Option<MilleKod>,
    pub login: Login,
    pub name: String,
    pub status: UserStatus,
    pub failed_attempts: i64,
    pub attempts_left: i64,
    pub auth_tool: AuthTool,
    pub phone: Option<PhoneNumber>,
    pub password_masking: bool,
    pub password: Option<PasswordRecord>,
    pub temporary_password_hash: Option<String>,
    pub token_serial: Option<String>,
    pub token_seed_sealed: Option<Vec<u8>>,
    pub token_last_step: Option<i64>,
    pub pending_positions: Option<String>,
    pub last_login_at: Option<Millis>,
    pub blocked_at: Option<Millis>,
    /// When the phone number last changed (`None`: not since it was provisioned).
    pub phone_changed_at: Option<Millis>,
    /// Operators only: HelpDesk or back-office.
    pub operator_role: Option<crate::domain::policy::OperatorRole>,
}

impl UserRecord {
    /// What an unblock decision (`domain::lockout::unblock`) needs to know of the user.
    pub fn unblock_facts(&self) -> crate::domain::lockout::UnblockFacts {
        crate::domain::lockout::UnblockFacts {
            status: self.status,
            attempts_left: self.attempts_left,
            has_permanent_password: self.password.is_some(),
            has_phone: self.phone.is_some(),
            has_token: self.token_seed_sealed.is_some(),
        }
    }
}

impl std::fmt::Debug for UserRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRecord")
            .field("id", &self.id)
            .field("millekod", &self.millekod)
            .field("login", &self.login)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// A user to create.
#[derive(Clone)]
pub struct NewUser {
    /// Drawn by the caller ([`UserUid::generate`]): credentials made before the insert
    /// (a sealed token seed, a masked password) are bound to it.
    pub uid: UserUid,
    pub kind: UserKind,
    pub millekod: Option<MilleKod>,
    pub login: Login,
    pub name: String,
    pub status: UserStatus,
    pub attempts_left: i64,
    pub failed_attempts: i64,
    pub auth_tool: AuthTool,
    pub phone: Option<PhoneNumber>,
    pub password_masking: bool,
    pub password: Option<PasswordRecord>,
    pub temporary_password_hash: Option<String>,
    pub token_serial: Option<String>,
    pub token_seed_sealed: Option<Vec<u8>>,
    pub blocked_at: Option<Millis>,
    /// Operators only: HelpDesk (`None` means the same) or back-office.
    pub operator_role: Option<crate::domain::policy::OperatorRole>,
}

/// What reserving an attempt (R7) came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    /// One attempt is now held for this check.
    Reserved,
    /// The user (or decoy) is blocked.
    Blocked,
    /// Not blocked, but every attempt left is held by a check still running.
    Busy,
    /// The user's status no longer calls for the challenge's flow (or the user is gone).
    Mismatch,
}

/// A token of the inventory, by serial.
#[derive(Clone)]
pub struct InventoryToken {
    pub serial: String,
    /// Sealed under the pepper, bound to the serial (`None` once withdrawn).
    pub seed_sealed: Option<Vec<u8>>,
    /// `available`, `assigned` or `withdrawn`.
    pub state: String,
}

/// A user's token seed still sealed to their (MilleKod, login), as every seed was
/// before migration 10: what the start-up pass re-seals to the uid
/// (`server::token_binding`).
#[derive(Clone)]
pub struct LoginBoundSeed {
    pub user_id: i64,
    pub uid: UserUid,
    /// `None` for operators.
    pub millekod: Option<MilleKod>,
    pub login: Login,
    pub sealed: Vec<u8>,
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

/// How many users share one shape of login challenge (status, tool, masking, password
/// length and threshold): what decoys are drawn from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserShape {
    pub status: UserStatus,
    pub auth_tool: AuthTool,
    pub password_masking: bool,
    /// (length, threshold) of the permanent password, if there is one.
    pub password: Option<(u8, u8)>,
    pub count: i64,
}

/// What a credential failure did to the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailureOutcome {
    pub status: UserStatus,
    pub attempts_left: i64,
}

/// What a successful login changes besides resetting the counter.
#[derive(Clone)]
pub struct LoginSuccess {
    /// The flow of the challenge: the success holds only while the user's status still
    /// calls for it (`domain::lockout::statuses_for`).
    pub flow: crate::api::Flow,
    /// A new permanent password (first login, new-password flow).
    pub new_password: Option<PasswordRecord>,
}

/// A login challenge between step 1 and step 2.
#[derive(Debug, Clone)]
pub struct ChallengeRecord {
    pub id: String,
    /// `None` for a challenge handed to an unknown login (no enumeration).
    pub user_id: Option<i64>,
    pub flow: crate::api::Flow,
    pub otp_method: AuthTool,
    pub positions: Option<String>,
    pub sms_code_digest: Option<Vec<u8>>,
    /// For a decoy: the key its failures are counted under (see `record_decoy_failure`).
    pub decoy_key: Option<String>,
    /// SMS challenges: the challenge whose message carried the code (itself, or an
    /// earlier one whose live code this one re-uses); the code's digest is keyed by it.
    pub sms_ref: Option<String>,
    pub created_at: Millis,
    pub expires_at: Millis,
}

impl ChallengeRecord {
    /// The login a challenge belongs to, as the start policy counts it.
    pub fn subject(&self) -> String {
        match (self.user_id, &self.decoy_key) {
            (Some(id), _) => format!("user:{id}"),
            (None, Some(key)) => format!("decoy:{key}"),
            (None, None) => "none".to_owned(),
        }
    }
}

/// What step 1 came to under the start policy (`domain::login_start`).
#[derive(Debug, Clone)]
pub enum Opened {
    /// The challenge was stored (with pinned positions, and a re-used code's `sms_ref`,
    /// digest and end where it points to an earlier SMS); `send_code`: its own code is
    /// to be sent now.
    Stored { send_code: bool },
    /// Too many challenges are open: the newest of them, handed out again.
    Existing(ChallengeRecord),
    /// No new SMS code before `until`; `budget`: the bank-wide budget is spent (the
    /// breaker is open), not this login's own limit.
    Wait { until: Millis, budget: bool },
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
pub struct SessionRecord {
    pub user_id: i64,
    pub created_at: Millis,
    pub last_seen_at: Millis,
    pub idle_timeout_ms: i64,
    pub absolute_expires_at: Millis,
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

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub millekod: Option<String>,
    pub login: Option<String>,
    pub since: Option<Millis>,
    pub limit: i64,
}

/// A state change decided by the server, applied atomically with its audit record.
#[derive(Clone)]
pub enum UserChange {
    /// Only if the user is still blocked (R9, R10).
    Unblock {
        status: UserStatus,
        attempts_left: i64,
        temporary_password_hash: Option<String>,
    },
    /// Undo an unblock whose one-time access password could not be sent (R10): back
    /// to the blocked state it left, only while the user still awaits the password
    /// that unblock set (`unblocked_hash`), which nobody has seen.
    UndoUnblock {
        unblocked_hash: String,
        failed_attempts: i64,
        attempts_left: i64,
        blocked_at: Option<Millis>,
        temporary_password_hash: Option<String>,
    },
    /// A required password change (issue 13): to awaiting a new password with a full
    /// count and the access password's hash (none: an envelope from back-office will
    /// bring one), only while the user is still active or blocked. The permanent
    /// password stays until the user sets a new one; the new-password flow never asks
    /// for it.
    RequireNewPassword {
        attempts_left: i64,
        temporary_password_hash: Option<String>,
    },
    /// Undo a required password change whose access password could not be sent: back
    /// to the state it left, only while the user still awaits the password it set.
    UndoPasswordReset {
        reset_hash: String,
        status: UserStatus,
        failed_attempts: i64,
        attempts_left: i64,
        blocked_at: Option<Millis>,
        temporary_password_hash: Option<String>,
    },
    /// A new number; the old one (if any) gets a notice, and the hold starts.
    SetPhone(PhoneNumber),
    /// A one-time access password from a back-office envelope, for a user awaiting a
    /// new password or a first login (only then).
    IssueEnvelope {
        temporary_password_hash: String,
    },
    SetPasswordMasking(bool),
    /// A token from the inventory (only while its serial is available); a token the
    /// user had is withdrawn as replaced.
    AssignToken {
        serial: String,
        seed_sealed: Vec<u8>,
    },
    /// Take the user's token away (lost, broken, returned): its serial is withdrawn
    /// for good, and a user with a phone goes back to SMS codes.
    WithdrawToken {
        reason: String,
    },
    /// Start over as if just created (an operator who lost the password or token):
    /// pending activation with a new temporary password and token seed, the old
    /// password gone, a full count of attempts.
    Reprovision {
        attempts_left: i64,
        temporary_password_hash: String,
        token_seed_sealed: Vec<u8>,
    },
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
    pub decided: Vec<crate::api::PhoneChangeResult>,
    pub dry_run: bool,
    pub batch_id: &'a str,
    /// Queue a notice to each changed row's old number (`false` only with a reason).
    pub notify_old: bool,
    /// Who, when, why: copied into one audit record per changed row.
    pub audit: AuditEntry,
}

/// What applying a chunk came to.
pub enum BatchApplied {
    Done(Vec<crate::api::PhoneChangeResult>),
    /// The key was used before for the same request: its stored answer.
    Replayed(Vec<crate::api::PhoneChangeResult>),
    /// The key was used before for a different request.
    KeyReused,
}

#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;

    async fn ping(&self) -> StoreResult<()>;

    /// Stored masked passwords under the old scheme (Shamir) and the new (subsets).
    async fn masked_password_schemes(&self) -> StoreResult<(i64, i64)>;

    // Companies and users
    async fn create_company(
        &self,
        millekod: &MilleKod,
        name: &str,
        audit: &AuditEntry,
    ) -> StoreResult<()>;
    async fn company_name(&self, millekod: &MilleKod) -> StoreResult<Option<String>>;
    async fn create_user(
        &self,
        user: &NewUser,
        audit: Option<&AuditEntry>,
    ) -> StoreResult<UserRecord>;
    async fn find_user(
        &self,
        millekod: Option<&MilleKod>,
        login: &Login,
    ) -> StoreResult<Option<UserRecord>>;
    async fn user_by_id(&self, id: i64) -> StoreResult<Option<UserRecord>>;
    async fn list_users(
        &self,
        millekod: &MilleKod,
        status: Option<UserStatus>,
    ) -> StoreResult<Vec<UserRecord>>;
    /// The shapes of login challenge users of `kind` have, with how many have each.
    async fn user_shapes(&self, kind: UserKind) -> StoreResult<Vec<UserShape>>;
    /// Apply `change` and append `audit` in one transaction. `Conflict` when the
    /// change's precondition no longer holds (e.g. unblocking a user no longer blocked).
    /// Every change but the masking switch ends the user's open challenges and
    /// sessions in the same transaction.
    async fn change_user(
        &self,
        user_id: i64,
        change: &UserChange,
        audit: &AuditEntry,
    ) -> StoreResult<UserRecord>;

    // Login
    /// Reserve one attempt (R7) for a challenge of `flow`, atomically, only while the
    /// user's status still calls for that flow.
    /// The user's row as it is afterwards (`None` if the user is gone) comes with it.
    async fn reserve_attempt(
        &self,
        user_id: i64,
        flow: crate::api::Flow,
    ) -> StoreResult<(Reservation, Option<UserRecord>)>;
    /// Count a failure; blocks the user when no attempt is left, and a block ends the
    /// user's open challenges and sessions in the same transaction.
    async fn record_failure(&self, user_id: i64, now: Millis) -> StoreResult<FailureOutcome>;

    /// Give back an attempt reserved for a check that could not be made (the mask key
    /// failed): as if it had not been reserved, never above `limit`, never for a user
    /// blocked meanwhile.
    async fn release_attempt(&self, user_id: i64, limit: i64) -> StoreResult<()>;
    /// Reserve an attempt of an unknown user under `key`, exactly as a real user with
    /// `limit` attempts would (so parallel guesses get the same answers).
    async fn reserve_decoy_attempt(
        &self,
        key: &str,
        limit: i64,
        now: Millis,
    ) -> StoreResult<Reservation>;
    /// Count the failure of a reserved decoy attempt: the failures counted so far, this
    /// one included. At `limit` the decoy "blocks", which ends its open challenges.
    async fn record_decoy_failure(&self, key: &str, limit: i64, now: Millis) -> StoreResult<i64>;
    /// Reset the counter to `limit`, clear pending positions, apply `success`, and end
    /// the user's other challenges (and, with a new password, every session) — only if
    /// the user's status still calls for the challenge's flow; `false` if it does not.
    async fn record_success(
        &self,
        user_id: i64,
        limit: i64,
        now: Millis,
        success: &LoginSuccess,
    ) -> StoreResult<bool>;
    /// Mark a token step used if it is newer than the last one (replay protection).
    async fn consume_token_step(&self, user_id: i64, step: i64) -> StoreResult<bool>;
    /// Step 1 under `policy` (see `domain::login_start`), in one transaction that locks
    /// the login's row, so the limits hold across replicas: hand out an open challenge
    /// again, or store `challenge` (re-using a live SMS code, or with its own code
    /// counted against the login's limits and the bank's budget), or say when to come
    /// back. With `pin`, a stored challenge's positions are the user's pending ones
    /// (R3): `challenge.positions` become pending if none are, and whatever is pending
    /// is what it asks. A real user's start and an unknown login's make the same calls.
    async fn open_challenge(
        &self,
        challenge: &mut ChallengeRecord,
        pin: bool,
        policy: &crate::domain::login_start::StartPolicy,
    ) -> StoreResult<Opened>;
    /// Delete up to `batch` rows of each kind that nothing needs any more (expired
    /// challenges and sessions, forgotten decoys and send logs, old budget minutes,
    /// sent notices, long-expired approvals), as of `now`.
    async fn sweep(&self, now: Millis, batch: i64) -> StoreResult<Swept>;
    /// A live, unused challenge, without using it.
    async fn get_challenge(&self, id: &str, now: Millis) -> StoreResult<Option<ChallengeRecord>>;
    /// Take a challenge for its single use: `None` if unknown, used or expired.
    async fn take_challenge(&self, id: &str, now: Millis) -> StoreResult<Option<ChallengeRecord>>;

    // Sessions and API tokens
    async fn insert_session(&self, token_hash: &[u8], session: &SessionRecord) -> StoreResult<()>;
    /// Find a live session and move its idle deadline forward, atomically.
    async fn touch_session(
        &self,
        token_hash: &[u8],
        now: Millis,
    ) -> StoreResult<Option<SessionRecord>>;
    async fn delete_session(&self, token_hash: &[u8]) -> StoreResult<()>;
    async fn insert_api_token(
        &self,
        token_hash: &[u8],
        token: &ApiTokenRecord,
        audit: &AuditEntry,
    ) -> StoreResult<()>;
    /// A token that is neither revoked nor expired.
    async fn find_api_token(
        &self,
        token_hash: &[u8],
        now: Millis,
    ) -> StoreResult<Option<ApiTokenRecord>>;
    async fn list_api_tokens(&self) -> StoreResult<Vec<ApiTokenRecord>>;
    async fn revoke_api_token(&self, id: &str, now: Millis, audit: &AuditEntry) -> StoreResult<()>;

    /// Insert many companies and users at once, in batched statements (the dev
    /// server's synthetic users). Not audited: nobody acts, the data is generated.
    async fn insert_bulk(
        &self,
        companies: &[(MilleKod, String)],
        users: &[NewUser],
    ) -> StoreResult<()>;

    /// Apply a chunk of phone changes atomically and exactly once per idempotency key:
    /// every row's outcome, the changed rows and their audit records, and the stored
    /// answer commit together, or nothing does.
    async fn apply_phone_batch(&self, batch: PhoneBatch<'_>) -> StoreResult<BatchApplied>;

    /// Up to `limit` users, by id after `after_id`, whose token seed is still bound to
    /// their login (migration 10's `token_seed_binding`).
    async fn login_bound_token_seeds(
        &self,
        after_id: i64,
        limit: i64,
    ) -> StoreResult<Vec<LoginBoundSeed>>;
    /// Put `resealed` (bound to the uid) in place of the login-bound `sealed`, only
    /// while the row still holds `sealed` unbound: `false` when another replica did it
    /// first or the seed changed meanwhile. Ends nothing and audits nothing: the user's
    /// token and state stay what they were.
    async fn rebind_token_seed(
        &self,
        user_id: i64,
        sealed: &[u8],
        resealed: &[u8],
    ) -> StoreResult<bool>;

    /// Add tokens to the inventory with one audit record: how many were new (a serial
    /// known already, in any state, is left as it is and not counted).
    async fn load_tokens(&self, tokens: &[InventoryToken], audit: &AuditEntry) -> StoreResult<u64>;
    async fn inventory_token(&self, serial: &str) -> StoreResult<Option<InventoryToken>>;
    /// Serials available for assignment, in order (at most `limit`).
    async fn available_tokens(&self, limit: i64) -> StoreResult<Vec<String>>;

    /// Store a request for a second operator, with its audit record, in one transaction.
    async fn create_approval(
        &self,
        approval: &ApprovalRecord,
        audit: &AuditEntry,
    ) -> StoreResult<()>;
    /// A request still waiting (not decided, not expired).
    async fn pending_approval(&self, id: &str, now: Millis) -> StoreResult<Option<ApprovalRecord>>;
    /// The request of `action` for the user still waiting, if there is one.
    async fn pending_approval_of(
        &self,
        user_id: i64,
        action: &str,
        now: Millis,
    ) -> StoreResult<Option<ApprovalRecord>>;
    /// Every request still waiting, oldest first.
    async fn pending_approvals(&self, now: Millis) -> StoreResult<Vec<ApprovalRecord>>;
    /// Decide a waiting request, once: `false` if it was decided or expired meanwhile.
    async fn decide_approval(
        &self,
        id: &str,
        decided_by: &str,
        outcome: &str,
        now: Millis,
    ) -> StoreResult<bool>;

    /// Claim up to `limit` unsent SMS notices for sending, oldest first, atomically
    /// (each goes out from one replica only): (number in E.164, kind).
    async fn claim_sms_notices(
        &self,
        limit: i64,
        now: Millis,
    ) -> StoreResult<Vec<(String, String)>>;

    // Audit
    async fn append_audit(&self, entry: &AuditEntry) -> StoreResult<()>;
    async fn list_audit(&self, filter: &AuditFilter) -> StoreResult<Vec<crate::api::AuditRecord>>;
}

/// The `sqlite://` URL of a database file. sqlx percent-decodes a URL's path and ends
/// it at `?` or `#`, so those three are escaped: the URL names exactly `path`.
pub fn sqlite_url(path: &std::path::Path) -> String {
    let path = path.display().to_string();
    let escaped = path
        .replace('%', "%25")
        .replace('?', "%3F")
        .replace('#', "%23");
    format!("sqlite://{escaped}")
}

/// Open (and migrate) the database named by `url`: `sqlite://PATH` or `postgres://…`.
pub async fn open(url: &str) -> anyhow::Result<std::sync::Arc<dyn Store>> {
    Ok(std::sync::Arc::new(SqlStore::connect(url).await?))
}
