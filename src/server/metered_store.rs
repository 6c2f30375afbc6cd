//! The store as the server uses it: every operation timed into the metrics
//! (`millectl_db_operation_duration_seconds{operation}`, errors counted), the rest
//! passed through untouched.
//!
//! A decorator rather than timing inside `SqlStore`: the store stays free of the
//! server's metrics (the layers rule), and one place times all of it. The list below is
//! the `Store` trait's methods as they are declared; the compiler refuses this impl
//! when a method is added to the trait and not here, so none goes untimed.

use std::sync::Arc;
use std::time::Instant;

use async_trait::async_trait;

use crate::domain::ids::{Login, MilleKod};
use crate::domain::user::Flow;
use crate::store::*;

use super::metrics::Metrics;

/// A store whose operations are timed.
pub struct MeteredStore {
    inner: Arc<dyn Store>,
    metrics: Arc<Metrics>,
}

impl MeteredStore {
    pub fn new(inner: Arc<dyn Store>, metrics: Arc<Metrics>) -> Self {
        Self { inner, metrics }
    }
}

/// `impl Store for MeteredStore` from the trait's method list: each method calls the
/// inner store's and reports its time under the method's name.
macro_rules! timed {
    ($(async fn $name:ident(&self $(, $arg:ident: $ty:ty)*) -> $ret:ty;)*) => {
        #[async_trait]
        impl Store for MeteredStore {
            fn backend(&self) -> &'static str {
                self.inner.backend()
            }

            fn pool_use(&self) -> Vec<PoolUse> {
                self.inner.pool_use()
            }

            $(
                async fn $name(&self $(, $arg: $ty)*) -> $ret {
                    let started = Instant::now();
                    let result = self.inner.$name($($arg),*).await;
                    self.metrics
                        .work
                        .store_operation(stringify!($name), started.elapsed(), result.is_err());
                    result
                }
            )*
        }
    };
}

timed! {
    async fn ping(&self) -> StoreResult<()>;
    async fn schema_version(&self) -> StoreResult<i64>;
    async fn close(&self) -> StoreResult<()>;
    async fn masked_password_schemes(&self) -> StoreResult<(i64, i64)>;
    async fn create_company(&self, millekod: &MilleKod, name: &str, audit: &AuditEntry) -> StoreResult<()>;
    async fn company_name(&self, millekod: &MilleKod) -> StoreResult<Option<String>>;
    async fn create_user(&self, user: &NewUser, audit: Option<&AuditEntry>) -> StoreResult<UserRecord>;
    async fn find_user(&self, millekod: Option<&MilleKod>, login: &Login) -> StoreResult<Option<UserRecord>>;
    async fn user_by_id(&self, id: i64) -> StoreResult<Option<UserRecord>>;
    async fn list_users(&self, listing: &UserListing<'_>) -> StoreResult<Vec<UserRecord>>;
    async fn search_users(&self, search: &UserSearch<'_>) -> StoreResult<Vec<UserRecord>>;
    async fn user_shapes(&self, kind: UserKind) -> StoreResult<Vec<UserShape>>;
    async fn change_user(&self, user_id: i64, change: &UserChange, audit: &AuditEntry) -> StoreResult<UserRecord>;
    async fn suspend_user(&self, user_id: i64, by: &str, reason: &str, audit: &AuditEntry) -> StoreResult<UserRecord>;
    async fn release_user(&self, user_id: i64, audit: &AuditEntry) -> StoreResult<UserRecord>;
    async fn reserve_attempt(&self, user_id: i64, flow: Flow) -> StoreResult<(Reservation, Option<UserRecord>)>;
    async fn record_failure(&self, user_id: i64, now: Millis) -> StoreResult<FailureOutcome>;
    async fn release_attempt(&self, user_id: i64, limit: i64) -> StoreResult<()>;
    async fn reserve_decoy_attempt(&self, key: &str, limit: i64, now: Millis) -> StoreResult<Reservation>;
    async fn record_decoy_failure(&self, key: &str, limit: i64, now: Millis) -> StoreResult<i64>;
    async fn record_success(&self, user_id: i64, limit: i64, now: Millis, success: &LoginSuccess) -> StoreResult<bool>;
    async fn consume_token_step(&self, user_id: i64, step: i64) -> StoreResult<bool>;
    async fn open_challenge(&self, challenge: &mut ChallengeRecord, pin: bool, policy: &crate::domain::login_start::StartPolicy) -> StoreResult<Opened>;
    async fn sweep(&self, now: Millis, batch: i64) -> StoreResult<Swept>;
    async fn get_challenge(&self, id: &str, now: Millis) -> StoreResult<Option<ChallengeRecord>>;
    async fn take_challenge(&self, id: &str, now: Millis) -> StoreResult<Option<ChallengeRecord>>;
    async fn insert_session(&self, token_hash: &[u8], session: &SessionRecord) -> StoreResult<()>;
    async fn touch_session(&self, token_hash: &[u8], now: Millis) -> StoreResult<Option<SessionRecord>>;
    async fn delete_session(&self, token_hash: &[u8]) -> StoreResult<()>;
    async fn insert_api_token(&self, token_hash: &[u8], token: &ApiTokenRecord, audit: &AuditEntry) -> StoreResult<()>;
    async fn find_api_token(&self, token_hash: &[u8], now: Millis) -> StoreResult<Option<ApiTokenRecord>>;
    async fn list_api_tokens(&self) -> StoreResult<Vec<ApiTokenRecord>>;
    async fn revoke_api_token(&self, id: &str, now: Millis, audit: &AuditEntry) -> StoreResult<()>;
    async fn insert_bulk(&self, companies: &[(MilleKod, String)], users: &[NewUser]) -> StoreResult<()>;
    async fn refresh_statistics(&self) -> StoreResult<()>;
    async fn apply_phone_batch(&self, batch: PhoneBatch<'_>) -> StoreResult<BatchApplied>;
    async fn login_bound_token_seeds(&self, after_id: i64, limit: i64) -> StoreResult<Vec<LoginBoundSeed>>;
    async fn rebind_token_seed(&self, user_id: i64, sealed: &[u8], resealed: &[u8]) -> StoreResult<bool>;
    async fn load_tokens(&self, tokens: &[InventoryToken], audit: &AuditEntry) -> StoreResult<u64>;
    async fn inventory_token(&self, serial: &str) -> StoreResult<Option<InventoryToken>>;
    async fn available_tokens(&self, limit: i64) -> StoreResult<Vec<String>>;
    async fn create_approval(&self, approval: &ApprovalRecord, audit: &AuditEntry) -> StoreResult<()>;
    async fn pending_approval(&self, id: &str, now: Millis) -> StoreResult<Option<ApprovalRecord>>;
    async fn pending_approval_of(&self, user_id: i64, action: &str, now: Millis) -> StoreResult<Option<ApprovalRecord>>;
    async fn pending_approvals(&self, now: Millis) -> StoreResult<Vec<ApprovalRecord>>;
    async fn decide_approval(&self, id: &str, decided_by: &str, outcome: &str, now: Millis) -> StoreResult<bool>;
    async fn claim_sms_notices(&self, limit: i64, now: Millis) -> StoreResult<Vec<(String, String)>>;
    async fn resend_access_password(&self, user_id: i64, resend: &AccessResend, audit: &AuditEntry) -> StoreResult<Resent>;
    async fn resend_limited_until(&self, user_id: i64, limit: i64, window: Millis, now: Millis) -> StoreResult<Option<Millis>>;
    async fn append_audit(&self, entry: &AuditEntry) -> StoreResult<()>;
    async fn list_audit(&self, filter: &AuditFilter) -> StoreResult<Vec<StoredAuditEntry>>;
    async fn record_login_attempt(&self, attempt: &LoginAttempt) -> StoreResult<bool>;
    async fn login_attempts_of(&self, user_id: i64, since: Millis, limit: i64) -> StoreResult<Vec<StoredLoginAttempt>>;
    async fn last_login_failure(&self, user_id: i64) -> StoreResult<Option<StoredLoginAttempt>>;
    async fn audit_of_user(&self, millekod: &str, login: &str, since: Millis, limit: i64) -> StoreResult<Vec<StoredAuditEntry>>;
    async fn challenge_owner(&self, id: &str) -> StoreResult<Option<(i64, Flow)>>;
    async fn active_co_users(&self, millekod: &MilleKod, except: i64, limit: i64) -> StoreResult<CoUsers>;
    async fn sweep_login_attempts(&self, before: Millis, batch: i64) -> StoreResult<u64>;
    async fn sweep_audit(&self, horizon: AuditHorizon, batch: i64) -> StoreResult<u64>;
}
