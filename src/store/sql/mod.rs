//! The SQL implementation of [`Store`] for both SQLite and PostgreSQL.
//!
//! One set of queries serves both databases through sqlx's `Any` driver: placeholders
//! are `$1…` (which SQLite also understands), every integer is 64-bit, booleans are
//! 0/1 integers, times are Unix milliseconds. `UPDATE … RETURNING` and `ON CONFLICT`
//! exist in both (SQLite ≥ 3.35). Only the schema differs, in `migrations.rs`.
//!
//! SQLite runs with one pooled connection in WAL mode: SQLite has a single writer
//! anyway, and one connection means no `SQLITE_BUSY` races between our own requests;
//! `busy_timeout` covers other processes (e.g. `server operator add`). Lookups that
//! change nothing — API tokens on every request, users, companies, the audit — read
//! through read-only connections of their own (`SqlStore::reads`), so they do not wait
//! for a long write or queue behind a flood of login writes (issue 12: `user show`
//! stays fast while anonymous logins keep the writer busy). Every write that depends
//! on what was read states its precondition in its own SQL. Chunks of phone changes
//! are written through a connection of their own (`SqlStore::bulk_sqlite`, see
//! `phone_batch.rs`), while holding the pooled one. After a large write (a
//! chunk of phone changes) a checkpointer on a connection of its own copies the WAL
//! back into the database file (`Checkpointer`), beside the writer rather than inside
//! its next commit.
//!
//! Each file holds one aggregate's queries as free functions taking the store;
//! the `impl Store` below only delegates to them.

mod api_tokens;
mod approvals;
mod attempts;
mod audit;
pub(super) mod backup;
mod bulk;
mod challenges;
mod checkpoint;
mod connect;
mod driver_errors;
mod inventory;
#[cfg(test)]
mod lockout_tests;
mod login_attempts;
mod notices;
mod phone_batch;
mod phone_batch_sqlite;
mod resends;
mod rows;
mod search;
mod sessions;
mod suspensions;
mod sweep;
mod token_seeds;
mod user_changes;
mod users;

use async_trait::async_trait;
use sqlx::AnyPool;

use super::*;
use crate::domain::login_start::StartPolicy;
use checkpoint::Checkpointer;

pub struct SqlStore {
    pool: AnyPool,
    /// For lookups on every request (API tokens): on an SQLite file, read-only
    /// connections of their own, so they do not queue behind a long write such as a
    /// chunk of phone changes (WAL lets readers run beside the writer); else `pool`.
    reads: AnyPool,
    /// Whether `reads` is a pool of its own (an SQLite file) rather than `pool`.
    separate_reads: bool,
    backend: &'static str,
    /// On an SQLite file: checkpoints the WAL when woken.
    checkpointer: Option<Checkpointer>,
    /// SQLite files only: a second connection, for bulk phone changes.
    bulk: Option<std::sync::Arc<std::sync::Mutex<rusqlite::Connection>>>,
}

impl SqlStore {
    /// The SQLite connection of bulk phone changes, if this is an SQLite file.
    pub(super) fn bulk_sqlite(
        &self,
    ) -> Option<std::sync::Arc<std::sync::Mutex<rusqlite::Connection>>> {
        self.bulk.clone()
    }

    /// After a large write: have the WAL copied back into the database file soon, off
    /// the writer's path. Wakes coalesce; a no-op but on an SQLite file.
    pub(super) fn checkpoint_soon(&self) {
        if let Some(checkpointer) = &self.checkpointer {
            // Full means a wake is pending already, which covers this write too.
            let _ = checkpointer.wake.try_send(());
        }
    }

    /// Checkpoints run since this store opened (SQLite files only; else 0).
    pub fn checkpoints_done(&self) -> u64 {
        self.checkpointer
            .as_ref()
            .map_or(0, |c| c.done.load(std::sync::atomic::Ordering::Relaxed))
    }

    /// The pool, for benchmarks and tests that measure the database itself.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

#[async_trait]
impl Store for SqlStore {
    fn backend(&self) -> &'static str {
        self.backend
    }

    async fn ping(&self) -> StoreResult<()> {
        // Health checks read: on an SQLite file they must not queue behind the one
        // writer connection (a busy login step holds it between its calls).
        sqlx::query("SELECT 1 AS ok").fetch_one(&self.reads).await?;
        Ok(())
    }

    async fn schema_version(&self) -> StoreResult<i64> {
        let version: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) AS version FROM schema_migrations")
                .fetch_one(&self.reads)
                .await?;
        Ok(version.unwrap_or(0))
    }

    async fn close(&self) -> StoreResult<()> {
        self.close_pools().await
    }

    fn pool_use(&self) -> Vec<PoolUse> {
        let of = |pool: &'static str, any: &AnyPool| {
            let open = any.size();
            PoolUse {
                pool,
                open,
                idle: u32::try_from(any.num_idle()).unwrap_or(open).min(open),
                max: any.options().get_max_connections(),
            }
        };
        let mut pools = vec![of("writes", &self.pool)];
        if self.separate_reads {
            pools.push(of("reads", &self.reads));
        }
        pools
    }

    async fn masked_password_schemes(&self) -> StoreResult<(i64, i64)> {
        users::masked_password_schemes(self).await
    }

    async fn create_company(
        &self,
        millekod: &MilleKod,
        name: &str,
        audit: &AuditEntry,
    ) -> StoreResult<()> {
        users::create_company(self, millekod, name, audit).await
    }

    async fn company_name(&self, millekod: &MilleKod) -> StoreResult<Option<String>> {
        users::company_name(self, millekod).await
    }

    async fn create_user(
        &self,
        user: &NewUser,
        audit: Option<&AuditEntry>,
    ) -> StoreResult<UserRecord> {
        users::create_user(self, user, audit).await
    }

    async fn find_user(
        &self,
        millekod: Option<&MilleKod>,
        login: &Login,
    ) -> StoreResult<Option<UserRecord>> {
        users::find_user(self, millekod, login).await
    }

    async fn user_by_id(&self, id: i64) -> StoreResult<Option<UserRecord>> {
        users::user_by_id(self, id).await
    }

    async fn list_users(&self, listing: &UserListing<'_>) -> StoreResult<Vec<UserRecord>> {
        search::list_users(self, listing).await
    }

    async fn search_users(&self, search: &UserSearch<'_>) -> StoreResult<Vec<UserRecord>> {
        search::search_users(self, search).await
    }

    async fn user_shapes(&self, kind: UserKind) -> StoreResult<Vec<UserShape>> {
        users::user_shapes(self, kind).await
    }

    async fn change_user(
        &self,
        user_id: i64,
        change: &UserChange,
        audit: &AuditEntry,
    ) -> StoreResult<UserRecord> {
        user_changes::change_user(self, user_id, change, audit).await
    }

    async fn suspend_user(
        &self,
        user_id: i64,
        by: &str,
        reason: &str,
        audit: &AuditEntry,
    ) -> StoreResult<UserRecord> {
        suspensions::suspend_user(self, user_id, by, reason, audit).await
    }

    async fn release_user(&self, user_id: i64, audit: &AuditEntry) -> StoreResult<UserRecord> {
        suspensions::release_user(self, user_id, audit).await
    }

    async fn reserve_attempt(
        &self,
        user_id: i64,
        flow: Flow,
    ) -> StoreResult<(Reservation, Option<UserRecord>)> {
        attempts::reserve_attempt(self, user_id, flow).await
    }

    async fn record_failure(&self, user_id: i64, now: Millis) -> StoreResult<FailureOutcome> {
        attempts::record_failure(self, user_id, now).await
    }

    async fn release_attempt(&self, user_id: i64, limit: i64) -> StoreResult<()> {
        attempts::release_attempt(self, user_id, limit).await
    }

    async fn reserve_decoy_attempt(
        &self,
        key: &str,
        limit: i64,
        now: Millis,
    ) -> StoreResult<Reservation> {
        attempts::reserve_decoy_attempt(self, key, limit, now).await
    }

    async fn record_decoy_failure(&self, key: &str, limit: i64, now: Millis) -> StoreResult<i64> {
        attempts::record_decoy_failure(self, key, limit, now).await
    }

    async fn record_success(
        &self,
        user_id: i64,
        limit: i64,
        now: Millis,
        success: &LoginSuccess,
    ) -> StoreResult<bool> {
        attempts::record_success(self, user_id, limit, now, success).await
    }

    async fn consume_token_step(&self, user_id: i64, step: i64) -> StoreResult<bool> {
        attempts::consume_token_step(self, user_id, step).await
    }

    async fn open_challenge(
        &self,
        challenge: &mut ChallengeRecord,
        pin: bool,
        policy: &StartPolicy,
    ) -> StoreResult<Opened> {
        challenges::open_challenge(self, challenge, pin, policy).await
    }

    async fn sweep(&self, now: Millis, batch: i64) -> StoreResult<Swept> {
        sweep::sweep(self, now, batch).await
    }

    async fn get_challenge(&self, id: &str, now: Millis) -> StoreResult<Option<ChallengeRecord>> {
        challenges::get_challenge(self, id, now).await
    }

    async fn take_challenge(&self, id: &str, now: Millis) -> StoreResult<Option<ChallengeRecord>> {
        challenges::take_challenge(self, id, now).await
    }

    async fn insert_session(&self, token_hash: &[u8], session: &SessionRecord) -> StoreResult<()> {
        sessions::insert_session(self, token_hash, session).await
    }

    async fn touch_session(
        &self,
        token_hash: &[u8],
        now: Millis,
    ) -> StoreResult<Option<SessionRecord>> {
        sessions::touch_session(self, token_hash, now).await
    }

    async fn delete_session(&self, token_hash: &[u8]) -> StoreResult<()> {
        sessions::delete_session(self, token_hash).await
    }

    async fn insert_api_token(
        &self,
        token_hash: &[u8],
        token: &ApiTokenRecord,
        audit: &AuditEntry,
    ) -> StoreResult<()> {
        api_tokens::insert_api_token(self, token_hash, token, audit).await
    }

    async fn find_api_token(
        &self,
        token_hash: &[u8],
        now: Millis,
    ) -> StoreResult<Option<ApiTokenRecord>> {
        api_tokens::find_api_token(self, token_hash, now).await
    }

    async fn list_api_tokens(&self) -> StoreResult<Vec<ApiTokenRecord>> {
        api_tokens::list_api_tokens(self).await
    }

    async fn revoke_api_token(&self, id: &str, now: Millis, audit: &AuditEntry) -> StoreResult<()> {
        api_tokens::revoke_api_token(self, id, now, audit).await
    }

    async fn insert_bulk(
        &self,
        companies: &[(MilleKod, String)],
        users: &[NewUser],
    ) -> StoreResult<()> {
        self.insert_bulk_sql(companies, users).await
    }

    async fn refresh_statistics(&self) -> StoreResult<()> {
        self.refresh_statistics_sql().await
    }

    async fn apply_phone_batch(&self, batch: PhoneBatch<'_>) -> StoreResult<BatchApplied> {
        self.apply_phone_batch_sql(batch).await
    }

    async fn login_bound_token_seeds(
        &self,
        after_id: i64,
        limit: i64,
    ) -> StoreResult<Vec<LoginBoundSeed>> {
        self.login_bound_token_seeds_sql(after_id, limit).await
    }

    async fn rebind_token_seed(
        &self,
        user_id: i64,
        sealed: &[u8],
        resealed: &[u8],
    ) -> StoreResult<bool> {
        self.rebind_token_seed_sql(user_id, sealed, resealed).await
    }

    async fn load_tokens(&self, tokens: &[InventoryToken], audit: &AuditEntry) -> StoreResult<u64> {
        inventory::load_tokens(self, tokens, audit).await
    }

    async fn inventory_token(&self, serial: &str) -> StoreResult<Option<InventoryToken>> {
        inventory::inventory_token(self, serial).await
    }

    async fn available_tokens(&self, limit: i64) -> StoreResult<Vec<String>> {
        inventory::available_tokens(self, limit).await
    }

    async fn create_approval(
        &self,
        approval: &ApprovalRecord,
        audit: &AuditEntry,
    ) -> StoreResult<()> {
        approvals::create_approval(self, approval, audit).await
    }

    async fn pending_approval(&self, id: &str, now: Millis) -> StoreResult<Option<ApprovalRecord>> {
        approvals::pending_approval(self, id, now).await
    }

    async fn pending_approval_of(
        &self,
        user_id: i64,
        action: &str,
        now: Millis,
    ) -> StoreResult<Option<ApprovalRecord>> {
        approvals::pending_approval_of(self, user_id, action, now).await
    }

    async fn pending_approvals(&self, now: Millis) -> StoreResult<Vec<ApprovalRecord>> {
        approvals::pending_approvals(self, now).await
    }

    async fn decide_approval(
        &self,
        id: &str,
        decided_by: &str,
        outcome: &str,
        now: Millis,
    ) -> StoreResult<bool> {
        approvals::decide_approval(self, id, decided_by, outcome, now).await
    }

    async fn claim_sms_notices(
        &self,
        limit: i64,
        now: Millis,
    ) -> StoreResult<Vec<(String, String)>> {
        notices::claim_sms_notices(self, limit, now).await
    }

    async fn resend_access_password(
        &self,
        user_id: i64,
        resend: &AccessResend,
        audit: &AuditEntry,
    ) -> StoreResult<Resent> {
        resends::resend_access_password(self, user_id, resend, audit).await
    }

    async fn resend_limited_until(
        &self,
        user_id: i64,
        limit: i64,
        window: Millis,
        now: Millis,
    ) -> StoreResult<Option<Millis>> {
        resends::resend_limited_until(self, user_id, limit, window, now).await
    }

    async fn append_audit(&self, entry: &AuditEntry) -> StoreResult<()> {
        audit::append_audit(self, entry).await
    }

    async fn list_audit(&self, filter: &AuditFilter) -> StoreResult<Vec<StoredAuditEntry>> {
        audit::list_audit(self, filter).await
    }

    async fn record_login_attempt(&self, attempt: &LoginAttempt) -> StoreResult<bool> {
        login_attempts::record_login_attempt(self, attempt).await
    }

    async fn login_attempts_of(
        &self,
        user_id: i64,
        since: Millis,
        limit: i64,
    ) -> StoreResult<Vec<StoredLoginAttempt>> {
        login_attempts::login_attempts_of(self, user_id, since, limit).await
    }

    async fn last_login_failure(&self, user_id: i64) -> StoreResult<Option<StoredLoginAttempt>> {
        login_attempts::last_login_failure(self, user_id).await
    }

    async fn audit_of_user(
        &self,
        millekod: &str,
        login: &str,
        since: Millis,
        limit: i64,
    ) -> StoreResult<Vec<StoredAuditEntry>> {
        login_attempts::audit_of_user(self, millekod, login, since, limit).await
    }

    async fn challenge_owner(&self, id: &str) -> StoreResult<Option<(i64, Flow)>> {
        login_attempts::challenge_owner(self, id).await
    }

    async fn active_co_users(
        &self,
        millekod: &MilleKod,
        except: i64,
        limit: i64,
    ) -> StoreResult<CoUsers> {
        login_attempts::active_co_users(self, millekod, except, limit).await
    }

    async fn sweep_login_attempts(&self, before: Millis, batch: i64) -> StoreResult<u64> {
        login_attempts::sweep_login_attempts(self, before, batch).await
    }

    async fn sweep_audit(&self, horizon: AuditHorizon, batch: i64) -> StoreResult<u64> {
        sweep::sweep_audit(self, horizon, batch).await
    }
}
