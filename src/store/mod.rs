//! Persistence: one `Store` trait, implemented over SQL for SQLite (embedded, the
//! default) and PostgreSQL (several server replicas sharing one database).
//!
//! Every counter and state change is a single atomic statement (`UPDATE … WHERE …
//! RETURNING`) or a transaction, so concurrent requests — on one server or on several
//! replicas — never see or make a half-done change. Administrative changes write their
//! audit record in the same transaction as the change itself: no change without its
//! record, no record of a change that did not happen.
//!
//! **Which types cross the store's edge** (decided once, issue 14): the store speaks
//! in domain types and its own records, never in wire types, and never imports `api`.
//! - Concepts that are the same on the wire and in the rules live in `domain` and both
//!   sides use them: `AuthTool`, `Flow` (`domain::user`), `UserStatus`
//!   (`domain::lockout`), `Scope` (`domain::policy`), `MilleKod`, `Login`. `api`
//!   re-exports them, so their serde form is the wire format and the stored words are
//!   their `as_str`.
//! - Records that are wire shapes get a store type of their own, converted at the
//!   route: an audit entry is listed as the [`AuditEntry`] that was appended plus its
//!   id ([`StoredAuditEntry`], made `api::AuditRecord` in `server/routes/audit.rs`), a
//!   row of a phone chunk is a [`PhoneRowResult`] (made `api::PhoneChangeResult` in
//!   `server/routes/phone_changes.rs`).
//! - A stored user is the user it was created as plus what only a row has
//!   ([`UserRecord`] = id + [`NewUser`] + bookkeeping), not a second list of fields.
//! - Errors are the store's own ([`StoreError`]); driver errors stop in `sql/`.

mod error;
mod history;
mod login;
mod migrations;
mod records;
mod resend;
mod search;
mod sql;
mod user;

use async_trait::async_trait;

use crate::domain::ids::{Login, MilleKod, UserUid};
use crate::domain::lockout::UserStatus;
use crate::domain::masked_password::PasswordRecord;
use crate::domain::phone::PhoneNumber;
use crate::domain::policy::Scope;
use crate::domain::user::{AuthTool, Flow};

pub use sql::backup::{backup_sqlite, restore_sqlite, BackupError, Copied};
pub use sql::SqlStore;

/// The newest migration this build knows (the same number on both databases).
pub const SCHEMA_VERSION: i64 = migrations::LATEST;

/// One connection pool's use at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolUse {
    /// `writes` (every statement on PostgreSQL, the one writer on an SQLite file) or
    /// `reads` (an SQLite file's read-only connections).
    pub pool: &'static str,
    /// Connections open now, in use or idle.
    pub open: u32,
    /// Of those, idle.
    pub idle: u32,
    /// The most the pool opens.
    pub max: u32,
}

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

pub use error::{BusyBecause, StoreError, StoreResult};
pub use history::*;
pub use login::*;
pub use records::*;
pub use resend::*;
pub use search::{UserFilter, UserListing, UserSearch};
pub use user::*;

#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;

    async fn ping(&self) -> StoreResult<()>;

    /// The newest migration the database holds (0: none); ready means at least
    /// [`SCHEMA_VERSION`], the newest this build knows.
    async fn schema_version(&self) -> StoreResult<i64>;

    /// Close the database at a shutdown, once nothing uses it any more: the pools'
    /// connections closed (waiting for any still taken), and on an SQLite file the
    /// WAL copied back into the database file first, so the file alone is whole.
    async fn close(&self) -> StoreResult<()>;

    /// How busy each connection pool is now (for the metrics): cheap, no query.
    fn pool_use(&self) -> Vec<PoolUse>;

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
    /// A page of a company's users, by login, filtered.
    async fn list_users(&self, listing: &UserListing<'_>) -> StoreResult<Vec<UserRecord>>;
    /// A page of the company users a query matches (login prefix, name word, phone
    /// suffix, MilleKod), by id, filtered; every key answered from an index.
    async fn search_users(&self, search: &UserSearch<'_>) -> StoreResult<Vec<UserRecord>>;
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

    /// Suspend the user (issue 15, `domain::lockout::suspend`) with `audit`, in one
    /// transaction that also ends their challenges and sessions. `Conflict` if the
    /// user is suspended already.
    async fn suspend_user(
        &self,
        user_id: i64,
        by: &str,
        reason: &str,
        audit: &AuditEntry,
    ) -> StoreResult<UserRecord>;
    /// Release a suspension (`domain::lockout::release_suspension`) with `audit`.
    /// `Conflict` if the user is not suspended.
    async fn release_user(&self, user_id: i64, audit: &AuditEntry) -> StoreResult<UserRecord>;

    // Login
    /// Reserve one attempt (R7) for a challenge of `flow`, atomically, only while the
    /// user's status still calls for that flow.
    /// The user's row as it is afterwards (`None` if the user is gone) comes with it.
    async fn reserve_attempt(
        &self,
        user_id: i64,
        flow: Flow,
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

    /// Refresh the query planner's statistics (`ANALYZE`) after a bulk insert, so the
    /// search's index choices (issue 15) fit the data at once rather than after the next
    /// autovacuum.
    async fn refresh_statistics(&self) -> StoreResult<()>;

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

    /// Resend a one-time access password (issue 15): write its hash in place of the
    /// old one (ending open challenges and sessions) and append `audit`, in one
    /// transaction, only while the user awaits a new password or a first login with
    /// `resend.phone` on file and fewer than `resend.limit` resends in the window.
    async fn resend_access_password(
        &self,
        user_id: i64,
        resend: &AccessResend,
        audit: &AuditEntry,
    ) -> StoreResult<Resent>;
    /// When the resend limit of the user ends, if `limit` resends fall in the window
    /// ending `now` (a read; the write above decides under races).
    async fn resend_limited_until(
        &self,
        user_id: i64,
        limit: i64,
        window: Millis,
        now: Millis,
    ) -> StoreResult<Option<Millis>>;

    // Audit
    async fn append_audit(&self, entry: &AuditEntry) -> StoreResult<()>;
    async fn list_audit(&self, filter: &AuditFilter) -> StoreResult<Vec<StoredAuditEntry>>;

    // A user's timeline (issue 15, `sql/login_attempts.rs`)
    /// Record one login attempt of a known user. Attempts that cost no attempt
    /// (blocked, expired, busy…) are recorded only while the user has fewer than a
    /// bounded number of them in the last hour: `false` when this one was not.
    async fn record_login_attempt(&self, attempt: &LoginAttempt) -> StoreResult<bool>;
    /// A user's login attempts from `since` on, newest first.
    async fn login_attempts_of(
        &self,
        user_id: i64,
        since: Millis,
        limit: i64,
    ) -> StoreResult<Vec<StoredLoginAttempt>>;
    /// The user's latest failed attempt (a wrong credential), if any is kept.
    async fn last_login_failure(&self, user_id: i64) -> StoreResult<Option<StoredLoginAttempt>>;
    /// The audit records about one user from `since` on, newest first, leaving out
    /// the login records (the login attempts table holds those) and the reads
    /// (`user.show`, `user.history`), which would drown what was done.
    async fn audit_of_user(
        &self,
        millekod: &str,
        login: &str,
        since: Millis,
        limit: i64,
    ) -> StoreResult<Vec<StoredAuditEntry>>;
    /// The user a challenge was issued to, used or expired alike (`None`: unknown
    /// challenge, or a decoy's), with its flow.
    async fn challenge_owner(&self, id: &str) -> StoreResult<Option<(i64, Flow)>>;
    /// Active users of `millekod` other than `except`: the first `limit` by login.
    async fn active_co_users(
        &self,
        millekod: &MilleKod,
        except: i64,
        limit: i64,
    ) -> StoreResult<CoUsers>;
    /// Delete up to `batch` login attempts older than `before`.
    async fn sweep_login_attempts(&self, before: Millis, batch: i64) -> StoreResult<u64>;
    /// Move the audit's retention horizon forward to `horizon` (it never moves back)
    /// and delete up to `batch` records past it: anonymous callers' records older than
    /// `horizon.anonymous_before`, any record older than `horizon.all_before`.
    async fn sweep_audit(&self, horizon: AuditHorizon, batch: i64) -> StoreResult<u64>;
}

/// How far back the audit is kept (see `sweep_audit`); 0 keeps everything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AuditHorizon {
    pub anonymous_before: Millis,
    pub all_before: Millis,
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
