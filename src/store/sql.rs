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

use anyhow::Context;
use async_trait::async_trait;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor, Row};

use super::migrations::{self, Migration};
use super::*;
use crate::api::{AuditRecord, Flow};
use crate::domain::lockout;
use crate::domain::login_start::{minute_of, LiveCode, StartDecision, StartFacts, StartPolicy};
use crate::domain::masked_password::{shamir, Scheme, SubsetRecord};

pub struct SqlStore {
    pool: AnyPool,
    /// For lookups on every request (API tokens): on an SQLite file, read-only
    /// connections of their own, so they do not queue behind a long write such as a
    /// chunk of phone changes (WAL lets readers run beside the writer); else `pool`.
    reads: AnyPool,
    backend: &'static str,
    /// On an SQLite file: checkpoints the WAL when woken.
    checkpointer: Option<Checkpointer>,
    /// SQLite files only: a second connection, for bulk phone changes.
    bulk: Option<std::sync::Arc<std::sync::Mutex<rusqlite::Connection>>>,
}

/// The columns of a [`UserRecord`], as a literal so `concat!` can build static SQL.
macro_rules! user_columns {
    () => {
        "id, uid, kind, millekod, login, name, status, failed_attempts, attempts_left, auth_tool, \
         phone, password_masking, pw_scheme, pw_key_id, pw_length, pw_threshold, pw_salt, \
         pw_shares, pw_secret_hash, temp_password_hash, token_serial, token_seed_sealed, \
         token_last_step, pending_positions, last_login_at, blocked_at, phone_changed_at, \
         operator_role"
    };
}
const USER_COLUMNS: &str = user_columns!();

/// How long the failures of an unknown login are remembered: 30 days.
const DECOY_MEMORY_MS: i64 = 30 * 24 * 3600 * 1000;

const CHALLENGE_COLUMNS: &str = "id, user_id, flow, otp_method, positions, sms_code_digest, \
    decoy_key, sms_ref, created_at, expires_at";

/// How long a login's send log is kept after its last start: the policy looks back an
/// hour.
const LOGIN_STARTS_MEMORY_MS: i64 = 3_600_000;
/// A login's row without SMS is kept as long as its challenges live (5 minutes).
const LOGIN_STARTS_WITHOUT_SMS_MS: i64 = 6 * 60 * 1000;
/// Sent SMS notices are kept this long (they hold a phone number), then deleted.
const SENT_NOTICES_MEMORY_MS: i64 = 7 * 24 * 3600 * 1000;
/// Decided or expired approval requests are kept this long past their expiry (the
/// audit keeps the decision for good).
const APPROVALS_MEMORY_MS: i64 = 30 * 24 * 3600 * 1000;

const TOKEN_COLUMNS: &str = "t.id, t.name, t.scopes, t.created_by, u.login AS owner_login, \
    t.created_at, t.expires_at, t.revoked_at";

impl SqlStore {
    /// Connect to `sqlite://PATH` or `postgres://…` and run the migrations.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let (url, backend) = normalize_url(url)?;
        let sqlite = backend == "sqlite";
        if sqlite && url.contains("mode=rwc") {
            if let Some(path) = sqlite_file(&url) {
                create_private_sqlite_file(&path)?;
            }
        }
        let pool = AnyPoolOptions::new()
            .max_connections(if sqlite { 1 } else { 16 })
            .acquire_timeout(std::time::Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if sqlite {
                        conn.execute(writer_pragmas().as_str()).await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .with_context(|| format!("cannot open the {backend} database"))?;
        let mut store = Self {
            reads: pool.clone(),
            pool,
            backend,
            checkpointer: None,
            bulk: None,
        };
        store
            .migrate()
            .await
            .context("cannot migrate the database schema")?;
        // A file (not in memory, which another connection would not share).
        if let Some(path) = sqlite_file(&url) {
            // Read-only connections need the file's own name with `mode=ro`.
            if url.contains("?mode=rwc") {
                store.reads = AnyPoolOptions::new()
                    .max_connections(4)
                    .acquire_timeout(std::time::Duration::from_secs(10))
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            conn.execute("PRAGMA busy_timeout = 5000;").await?;
                            Ok(())
                        })
                    })
                    .connect(&url.replace("?mode=rwc", "?mode=ro"))
                    .await
                    .context("cannot open the SQLite database for reading")?;
            }
            store.checkpointer = Some(
                Checkpointer::start(&url)
                    .await
                    .context("cannot open the SQLite database for checkpoints")?,
            );
            // Never created here: sqlx made and migrated it, so a missing file is an
            // error, not a new empty database.
            let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE
                | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn = rusqlite::Connection::open_with_flags(&path, flags)
                .and_then(|conn| {
                    conn.execute_batch(&writer_pragmas())?;
                    Ok(conn)
                })
                .context("cannot open the SQLite database for bulk changes")?;
            store.bulk = Some(std::sync::Arc::new(std::sync::Mutex::new(conn)));
        }
        Ok(store)
    }

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

    async fn migrate(&self) -> anyhow::Result<()> {
        let list: &[Migration] = if self.backend == "sqlite" {
            migrations::SQLITE
        } else {
            migrations::POSTGRES
        };
        let mut tx = self.pool.begin().await?;
        if self.backend == "postgres" {
            // Replicas starting together migrate one at a time.
            sqlx::query("SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(7270712)) AS l")
                .fetch_one(&mut *tx)
                .await?;
        }
        tx.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)",
        )
        .await?;
        for (version, statements) in list {
            let done: Option<i64> =
                sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
                    .bind(*version)
                    .fetch_optional(&mut *tx)
                    .await?;
            if done.is_some() {
                continue;
            }
            for statement in *statements {
                tx.execute(*statement)
                    .await
                    .with_context(|| format!("migration {version} failed"))?;
            }
            sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)")
                .bind(*version)
                .bind(now_millis())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The pool, for benchmarks and tests that measure the database itself.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

/// Accept `sqlite://PATH`, `sqlite:PATH`, `postgres://…` and `postgresql://…`; SQLite
/// files are created when missing.
fn normalize_url(url: &str) -> anyhow::Result<(String, &'static str)> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok((url.to_owned(), "postgres"))
    } else if let Some(rest) = url.strip_prefix("sqlite:") {
        let path = rest.strip_prefix("//").unwrap_or(rest);
        anyhow::ensure!(!path.is_empty(), "the SQLite URL names no file: {url}");
        let url = if path.contains('?') {
            format!("sqlite://{path}")
        } else {
            format!("sqlite://{path}?mode=rwc")
        };
        Ok((url, "sqlite"))
    } else {
        anyhow::bail!("unsupported database URL (use sqlite://PATH or postgres://…)")
    }
}

/// WAL pages after which the writer checkpoints by itself, in its next commit. SQLite's
/// default is 1000 (4 MiB), which a chunk of phone changes passes every time: copying
/// the WAL into the file (and its `fsync`) then took a quarter of each chunk's time on
/// the one writer. Large writes wake the [`Checkpointer`] instead; this is the backstop
/// for everything else, and for when the checkpointer cannot catch up with a
/// continuous stream of chunks (a WAL restarts only once it is copied in full).
const WRITER_AUTOCHECKPOINT_PAGES: u32 = 10_000;

/// The settings of every SQLite connection that writes: the pooled one and the one of
/// bulk phone changes must behave alike.
fn writer_pragmas() -> String {
    format!(
        "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; \
         PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; \
         PRAGMA wal_autocheckpoint = {WRITER_AUTOCHECKPOINT_PAGES};"
    )
}

/// Copies the WAL back into an SQLite file, on a connection of its own, when woken.
/// `PASSIVE`: it never waits for, nor blocks, the writer or the readers; it copies
/// what no reader still needs, and a later wake does the rest.
struct Checkpointer {
    wake: tokio::sync::mpsc::Sender<()>,
    done: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Checkpointer {
    /// Open its connection and start it; it stops when the store is dropped.
    async fn start(url: &str) -> anyhow::Result<Self> {
        use sqlx::Connection;
        let mut conn = sqlx::AnyConnection::connect(url).await?;
        let (wake, mut woken) = tokio::sync::mpsc::channel::<()>(1);
        let done = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let counter = done.clone();
        tokio::spawn(async move {
            while woken.recv().await.is_some() {
                match conn.execute("PRAGMA wal_checkpoint(PASSIVE)").await {
                    Ok(_) => {
                        counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                    // The writer's own checkpoints (the backstop) still bound the WAL.
                    Err(err) => tracing::warn!(error = %err, "WAL checkpoint failed"),
                }
            }
        });
        Ok(Self { wake, done })
    }
}

/// The file of an `sqlite://PATH?…` URL, as sqlx names it (percent-decoded), so a
/// connection of our own opens the very file sqlx's do; `None` for an in-memory
/// database, which a second connection would not share.
fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let rest = url.strip_prefix("sqlite://")?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let memory = path.is_empty() || path.starts_with(':') || query.contains("mode=memory");
    if memory {
        return None;
    }
    let options: sqlx::sqlite::SqliteConnectOptions = url.parse().ok()?;
    Some(options.get_filename().to_owned())
}

/// Mark the serial the user holds (if any) withdrawn for good, known to the inventory
/// or not (tokens assigned before the inventory existed).
async fn withdraw_serial_of(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    user_id: i64,
    reason: &str,
    now: Millis,
) -> StoreResult<()> {
    let serial: Option<Option<String>> =
        sqlx::query_scalar("SELECT token_serial FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&mut **tx)
            .await?;
    let Some(serial) = serial.flatten() else {
        return Ok(());
    };
    sqlx::query(
        "INSERT INTO token_inventory (serial, seed_sealed, state, user_id, loaded_at, \
         withdrawn_at, withdrawn_reason) VALUES ($1, NULL, 'withdrawn', $2, $3, $3, $4) \
         ON CONFLICT (serial) DO UPDATE SET state = 'withdrawn', seed_sealed = NULL, \
         withdrawn_at = $3, withdrawn_reason = $4",
    )
    .bind(serial)
    .bind(user_id)
    .bind(now)
    .bind(reason)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// `'active', 'blocked'`: statuses for an SQL `IN` list (fixed words, never input).
fn status_list(statuses: &[UserStatus]) -> String {
    statuses
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// End a user's open challenges and sessions, inside the transaction of the change that
/// calls for it (block, unblock, password reset, phone or token change).
async fn end_challenges_and_sessions(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    user_id: i64,
) -> StoreResult<()> {
    sqlx::query("DELETE FROM challenges WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Create a new SQLite file here, empty and readable by its owner only (0600), before
/// sqlx opens it: SQLite would create it 0644 under the usual umask, and it gives the
/// `-wal` and `-shm` files it makes beside it the mode of the database file, so the
/// three stay private. (An empty file is an empty database to SQLite.) An existing
/// file keeps its mode: whoever made it chose it.
fn create_private_sqlite_file(path: &std::path::Path) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(err) => Err(err)
            .with_context(|| format!("cannot create the SQLite database {}", path.display())),
    }
}

const APPROVAL_COLUMNS: &str = "id, action, user_id, requested_by, requester_operator, \
    reason, created_at, expires_at";

fn approval_from_row(row: &AnyRow) -> StoreResult<ApprovalRecord> {
    Ok(ApprovalRecord {
        id: row.try_get("id")?,
        action: row.try_get("action")?,
        user_id: row.try_get("user_id")?,
        requested_by: row.try_get("requested_by")?,
        requester_operator: match row.try_get::<String, _>("requester_operator")?.as_str() {
            "" => None,
            login => {
                Some(Login::parse(login).map_err(|_| corrupt("approvals.requester_operator"))?)
            }
        },
        reason: row.try_get("reason")?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
    })
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_owned())
}

/// The masked password of a user row, under the scheme `pw_scheme` names (none: the
/// old one, from before the column existed).
fn password_from_row(row: &AnyRow) -> StoreResult<Option<PasswordRecord>> {
    let (Some(length), Some(threshold), Some(salt), Some(shares), Some(hash)) = (
        row.try_get::<Option<i64>, _>("pw_length")?,
        row.try_get::<Option<i64>, _>("pw_threshold")?,
        row.try_get::<Option<Vec<u8>>, _>("pw_salt")?,
        row.try_get::<Option<Vec<u8>>, _>("pw_shares")?,
        row.try_get::<Option<String>, _>("pw_secret_hash")?,
    ) else {
        return Ok(None);
    };
    let length = u8::try_from(length).map_err(|_| corrupt("users.pw_length"))?;
    let threshold = u8::try_from(threshold).map_err(|_| corrupt("users.pw_threshold"))?;
    let scheme = row.try_get::<Option<i64>, _>("pw_scheme")?;
    Ok(Some(match scheme {
        None | Some(1) => PasswordRecord::Shamir(shamir::MaskedPasswordRecord {
            length,
            threshold,
            salt,
            masked_shares: shares,
            secret_hash: hash,
        }),
        Some(2) => PasswordRecord::Subsets(SubsetRecord {
            length,
            threshold,
            salt,
            key_id: row
                .try_get::<Option<String>, _>("pw_key_id")?
                .ok_or_else(|| corrupt("users.pw_key_id"))?,
            subsets: shares,
            whole_hash: hash,
        }),
        Some(_) => return Err(corrupt("users.pw_scheme")),
    }))
}

/// The stored columns of a masked password: scheme, key id, length, threshold, salt,
/// shares or subsets, hash.
pub(super) struct PasswordColumns {
    scheme: i64,
    key_id: Option<String>,
    length: i64,
    threshold: i64,
    salt: Vec<u8>,
    shares: Vec<u8>,
    hash: String,
}

impl PasswordColumns {
    pub(super) fn of(record: &PasswordRecord) -> Self {
        match record {
            PasswordRecord::Shamir(r) => Self {
                scheme: Scheme::Shamir as i64,
                key_id: None,
                length: i64::from(r.length),
                threshold: i64::from(r.threshold),
                salt: r.salt.clone(),
                shares: r.masked_shares.clone(),
                hash: r.secret_hash.clone(),
            },
            PasswordRecord::Subsets(r) => Self {
                scheme: Scheme::Subsets as i64,
                key_id: Some(r.key_id.clone()),
                length: i64::from(r.length),
                threshold: i64::from(r.threshold),
                salt: r.salt.clone(),
                shares: r.subsets.clone(),
                hash: r.whole_hash.clone(),
            },
        }
    }
}

fn user_from_row(row: &AnyRow) -> StoreResult<UserRecord> {
    let kind = match row.try_get::<String, _>("kind")?.as_str() {
        "operator" => UserKind::Operator,
        "company_user" => UserKind::CompanyUser,
        _ => return Err(corrupt("users.kind")),
    };
    let millekod_text: String = row.try_get("millekod")?;
    let millekod = match kind {
        UserKind::Operator => None,
        UserKind::CompanyUser => {
            Some(MilleKod::parse(&millekod_text).map_err(|_| corrupt("users.millekod"))?)
        }
    };
    let login =
        Login::parse(&row.try_get::<String, _>("login")?).map_err(|_| corrupt("users.login"))?;
    let status = UserStatus::parse(&row.try_get::<String, _>("status")?)
        .ok_or_else(|| corrupt("users.status"))?;
    let auth_tool = AuthTool::parse(&row.try_get::<String, _>("auth_tool")?)
        .ok_or_else(|| corrupt("users.auth_tool"))?;
    let phone = match row.try_get::<Option<String>, _>("phone")? {
        Some(text) => Some(PhoneNumber::from_stored(&text).ok_or_else(|| corrupt("users.phone"))?),
        None => None,
    };
    let password = password_from_row(row)?;
    let uid = row.try_get::<Option<String>, _>("uid")?;
    Ok(UserRecord {
        id: row.try_get("id")?,
        uid: uid
            .as_deref()
            .and_then(UserUid::parse)
            .ok_or_else(|| corrupt("users.uid"))?,
        kind,
        millekod,
        login,
        name: row.try_get("name")?,
        status,
        failed_attempts: row.try_get("failed_attempts")?,
        attempts_left: row.try_get("attempts_left")?,
        auth_tool,
        phone,
        password_masking: row.try_get::<i64, _>("password_masking")? != 0,
        password,
        temporary_password_hash: row.try_get("temp_password_hash")?,
        token_serial: row.try_get("token_serial")?,
        token_seed_sealed: row.try_get("token_seed_sealed")?,
        token_last_step: row.try_get("token_last_step")?,
        pending_positions: row.try_get("pending_positions")?,
        last_login_at: row.try_get("last_login_at")?,
        blocked_at: row.try_get("blocked_at")?,
        phone_changed_at: row.try_get("phone_changed_at")?,
        operator_role: row
            .try_get::<Option<String>, _>("operator_role")?
            .map(|role| {
                crate::domain::policy::OperatorRole::parse(&role)
                    .ok_or_else(|| corrupt("users.operator_role"))
            })
            .transpose()?,
    })
}

/// Whose challenges a start looks at: a user's (by id) or a decoy's (by key).
enum SubjectKey {
    User(i64),
    Decoy(String),
}

impl SubjectKey {
    /// Bind the key as the query's `$1`.
    fn bind<'q>(
        &self,
        query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        match self {
            Self::User(id) => query.bind(*id),
            Self::Decoy(key) => query.bind(key.clone()),
        }
    }
}

/// A login's send log as stored: send times, comma-separated.
fn parse_sends(text: &str) -> StoreResult<Vec<Millis>> {
    text.split(',')
        .filter(|t| !t.is_empty())
        .map(|t| t.parse().map_err(|_| corrupt("login_starts.sms_sent")))
        .collect()
}

fn format_sends(sent: &[Millis]) -> String {
    sent.iter()
        .map(Millis::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

fn challenge_from_row(row: &AnyRow) -> StoreResult<ChallengeRecord> {
    let flow = match row.try_get::<String, _>("flow")?.as_str() {
        "login" => Flow::Login,
        "first_login" => Flow::FirstLogin,
        "new_password" => Flow::NewPassword,
        _ => return Err(corrupt("challenges.flow")),
    };
    Ok(ChallengeRecord {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        flow,
        otp_method: AuthTool::parse(&row.try_get::<String, _>("otp_method")?)
            .ok_or_else(|| corrupt("challenges.otp_method"))?,
        positions: row.try_get("positions")?,
        sms_code_digest: row.try_get("sms_code_digest")?,
        decoy_key: row.try_get("decoy_key")?,
        sms_ref: row.try_get("sms_ref")?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
    })
}

pub(crate) fn flow_str(flow: Flow) -> &'static str {
    match flow {
        Flow::Login => "login",
        Flow::FirstLogin => "first_login",
        Flow::NewPassword => "new_password",
    }
}

fn token_from_row(row: &AnyRow) -> StoreResult<ApiTokenRecord> {
    let scopes = row
        .try_get::<String, _>("scopes")?
        .split(' ')
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<Scope>().map_err(|_| corrupt("api_tokens.scopes")))
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(ApiTokenRecord {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        scopes,
        created_by: row.try_get("created_by")?,
        created_by_login: Login::parse(&row.try_get::<String, _>("owner_login")?)
            .map_err(|_| corrupt("users.login"))?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

fn audit_from_row(row: &AnyRow) -> StoreResult<AuditRecord> {
    let at: i64 = row.try_get("at")?;
    let at = time_of(at).ok_or_else(|| corrupt("audit.at"))?;
    Ok(AuditRecord {
        id: row.try_get("id")?,
        at,
        request_id: row.try_get("request_id")?,
        actor: row.try_get("actor")?,
        on_behalf_of: row.try_get("on_behalf_of")?,
        action: row.try_get("action")?,
        millekod: row.try_get("millekod")?,
        login: row.try_get("login")?,
        outcome: row.try_get("outcome")?,
        reason: row.try_get("reason")?,
        detail: row.try_get("detail")?,
    })
}

/// A unique violation is `AlreadyExists`; anything else, the database's error.
fn exists_or_database(err: sqlx::Error) -> StoreError {
    if is_unique_violation(&err) {
        StoreError::AlreadyExists
    } else {
        StoreError::Database(err)
    }
}

fn is_unique_violation(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Database(db) => {
            db.is_unique_violation()
                || db
                    .code()
                    .is_some_and(|c| c == "2067" || c == "1555" || c == "23505")
                || db.message().contains("UNIQUE constraint failed")
        }
        _ => false,
    }
}

pub(super) async fn insert_audit<'e, E>(executor: E, entry: &AuditEntry) -> StoreResult<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO audit (at, request_id, actor, on_behalf_of, action, millekod, login, \
         outcome, reason, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(entry.at)
    .bind(&entry.request_id)
    .bind(&entry.actor)
    .bind(&entry.on_behalf_of)
    .bind(&entry.action)
    .bind(&entry.millekod)
    .bind(&entry.login)
    .bind(&entry.outcome)
    .bind(&entry.reason)
    .bind(&entry.detail)
    .execute(executor)
    .await?;
    Ok(())
}

/// The columns of a new user that every insert sets, in the order [`bind_new_user`]
/// binds them.
pub(super) const NEW_USER_COLUMNS: &str = "uid, kind, millekod, login, name, status, \
    failed_attempts, attempts_left, auth_tool, phone, password_masking, pw_scheme, \
    pw_key_id, pw_length, pw_threshold, pw_salt, pw_shares, pw_secret_hash";

/// How many [`NEW_USER_COLUMNS`] there are.
pub(super) const NEW_USER_COLUMN_COUNT: usize = {
    let bytes = NEW_USER_COLUMNS.as_bytes();
    let (mut commas, mut i) = (0, 0);
    while i < bytes.len() {
        if bytes[i] == b',' {
            commas += 1;
        }
        i += 1;
    }
    commas + 1
};

/// Bind the [`NEW_USER_COLUMNS`] of `user`.
pub(super) fn bind_new_user<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    user: &'q NewUser,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    let pw = user.password.as_ref().map(PasswordColumns::of);
    query
        .bind(user.uid.to_hex())
        .bind(kind_str(user.kind))
        .bind(millekod_key(user.millekod.as_ref()))
        .bind(user.login.as_str())
        .bind(user.name.as_str())
        .bind(user.status.as_str())
        .bind(user.failed_attempts)
        .bind(user.attempts_left)
        .bind(user.auth_tool.as_str())
        .bind(user.phone.as_ref().map(|p| p.as_e164().to_owned()))
        .bind(i64::from(user.password_masking))
        .bind(pw.as_ref().map(|p| p.scheme))
        .bind(pw.as_ref().and_then(|p| p.key_id.clone()))
        .bind(pw.as_ref().map(|p| p.length))
        .bind(pw.as_ref().map(|p| p.threshold))
        .bind(pw.as_ref().map(|p| p.salt.clone()))
        .bind(pw.as_ref().map(|p| p.shares.clone()))
        .bind(pw.map(|p| p.hash))
}

fn kind_str(kind: UserKind) -> &'static str {
    match kind {
        UserKind::Operator => "operator",
        UserKind::CompanyUser => "company_user",
    }
}

fn millekod_key(millekod: Option<&MilleKod>) -> &str {
    millekod.map(MilleKod::as_str).unwrap_or("")
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

    async fn masked_password_schemes(&self) -> StoreResult<(i64, i64)> {
        let row = sqlx::query(
            "SELECT \
             COALESCE(SUM(CASE WHEN pw_scheme = 2 THEN 0 ELSE 1 END), 0) AS shamir, \
             COALESCE(SUM(CASE WHEN pw_scheme = 2 THEN 1 ELSE 0 END), 0) AS subsets \
             FROM users WHERE pw_length IS NOT NULL",
        )
        .fetch_one(&self.reads)
        .await?;
        Ok((row.try_get("shamir")?, row.try_get("subsets")?))
    }

    async fn create_company(
        &self,
        millekod: &MilleKod,
        name: &str,
        audit: &AuditEntry,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        let inserted = sqlx::query(
            "INSERT INTO companies (millekod, name, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (millekod) DO NOTHING",
        )
        .bind(millekod.as_str())
        .bind(name)
        .bind(audit.at)
        .execute(&mut *tx)
        .await?;
        if inserted.rows_affected() == 0 {
            return Err(StoreError::AlreadyExists);
        }
        insert_audit(&mut *tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn company_name(&self, millekod: &MilleKod) -> StoreResult<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT name FROM companies WHERE millekod = $1")
                .bind(millekod.as_str())
                .fetch_optional(&self.reads)
                .await?,
        )
    }

    async fn create_user(
        &self,
        user: &NewUser,
        audit: Option<&AuditEntry>,
    ) -> StoreResult<UserRecord> {
        let now = now_millis();
        let mut tx = self.pool.begin().await?;
        // $1..$n: the new-user columns, then the four below, the time (created_at
        // and updated_at), the operator's role and what the token seed is bound to.
        let n = NEW_USER_COLUMN_COUNT;
        let params: Vec<String> = (1..=n + 4).map(|i| format!("${i}")).collect();
        let sql = format!(
            "INSERT INTO users ({NEW_USER_COLUMNS}, temp_password_hash, token_serial, \
             token_seed_sealed, blocked_at, created_at, updated_at, operator_role, \
             token_seed_binding) \
             VALUES ({}, ${t}, ${t}, ${r}, ${b}) RETURNING {USER_COLUMNS}",
            params.join(", "),
            t = n + 5,
            r = n + 6,
            b = n + 7,
        );
        let row = bind_new_user(sqlx::query(&sql), user)
            .bind(&user.temporary_password_hash)
            .bind(&user.token_serial)
            .bind(&user.token_seed_sealed)
            .bind(user.blocked_at)
            .bind(now)
            .bind(user.operator_role.map(|r| r.as_str()))
            // Every seed sealed since migration 10 is bound to the uid.
            .bind(user.token_seed_sealed.as_ref().map(|_| "uid"))
            .fetch_one(&mut *tx)
            .await
            .map_err(exists_or_database)?;
        let record = user_from_row(&row)?;
        if let Some(audit) = audit {
            insert_audit(&mut *tx, audit).await?;
        }
        tx.commit().await?;
        Ok(record)
    }

    async fn find_user(
        &self,
        millekod: Option<&MilleKod>,
        login: &Login,
    ) -> StoreResult<Option<UserRecord>> {
        let kind = if millekod.is_some() {
            UserKind::CompanyUser
        } else {
            UserKind::Operator
        };
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE millekod = $1 AND login = $2 AND kind = $3"
        ))
        .bind(millekod_key(millekod))
        .bind(login.as_str())
        .bind(kind_str(kind))
        .fetch_optional(&self.reads)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    async fn user_by_id(&self, id: i64) -> StoreResult<Option<UserRecord>> {
        let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.reads)
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    async fn list_users(
        &self,
        millekod: &MilleKod,
        status: Option<UserStatus>,
    ) -> StoreResult<Vec<UserRecord>> {
        let rows = match status {
            Some(status) => {
                sqlx::query(&format!(
                    "SELECT {USER_COLUMNS} FROM users WHERE kind = 'company_user' \
                     AND millekod = $1 AND status = $2 ORDER BY login"
                ))
                .bind(millekod.as_str())
                .bind(status.as_str())
                .fetch_all(&self.reads)
                .await?
            }
            None => {
                sqlx::query(&format!(
                    "SELECT {USER_COLUMNS} FROM users WHERE kind = 'company_user' \
                     AND millekod = $1 ORDER BY login"
                ))
                .bind(millekod.as_str())
                .fetch_all(&self.reads)
                .await?
            }
        };
        rows.iter().map(user_from_row).collect()
    }

    async fn user_shapes(&self, kind: UserKind) -> StoreResult<Vec<UserShape>> {
        let rows = sqlx::query(
            "SELECT status, auth_tool, password_masking, pw_length, pw_threshold, \
             COUNT(*) AS n FROM users WHERE kind = $1 \
             GROUP BY status, auth_tool, password_masking, pw_length, pw_threshold",
        )
        .bind(kind_str(kind))
        .fetch_all(&self.reads)
        .await?;
        rows.iter()
            .map(|row| {
                let status = UserStatus::parse(&row.try_get::<String, _>("status")?)
                    .ok_or_else(|| corrupt("users.status"))?;
                let auth_tool = AuthTool::parse(&row.try_get::<String, _>("auth_tool")?)
                    .ok_or_else(|| corrupt("users.auth_tool"))?;
                let length: Option<i64> = row.try_get("pw_length")?;
                let threshold: Option<i64> = row.try_get("pw_threshold")?;
                let password = match (length, threshold) {
                    (Some(l), Some(t)) => Some((
                        u8::try_from(l).map_err(|_| corrupt("users.pw_length"))?,
                        u8::try_from(t).map_err(|_| corrupt("users.pw_threshold"))?,
                    )),
                    _ => None,
                };
                Ok(UserShape {
                    status,
                    auth_tool,
                    password_masking: row.try_get::<i64, _>("password_masking")? != 0,
                    password,
                    count: row.try_get("n")?,
                })
            })
            .collect()
    }

    async fn change_user(
        &self,
        user_id: i64,
        change: &UserChange,
        audit: &AuditEntry,
    ) -> StoreResult<UserRecord> {
        let now = audit.at;
        let mut tx = self.pool.begin().await?;
        let query = match change {
            UserChange::Unblock {
                status,
                attempts_left,
                temporary_password_hash,
            } => sqlx::query(concat!(
                "UPDATE users SET status = $2, attempts_left = $3, failed_attempts = 0, \
                 blocked_at = NULL, temp_password_hash = COALESCE($4, temp_password_hash), \
                 updated_at = $5 WHERE id = $1 AND (status = 'blocked' OR attempts_left <= 0) \
                 RETURNING ",
                user_columns!()
            ))
            .bind(user_id)
            .bind(status.as_str())
            .bind(*attempts_left)
            .bind(temporary_password_hash.clone())
            .bind(now),
            UserChange::UndoUnblock {
                unblocked_hash,
                failed_attempts,
                attempts_left,
                blocked_at,
                temporary_password_hash,
            } => sqlx::query(concat!(
                "UPDATE users SET status = 'blocked', failed_attempts = $2, attempts_left = $3, \
                 blocked_at = $4, temp_password_hash = $5, updated_at = $6 \
                 WHERE id = $1 AND status = 'awaiting_new_password' \
                 AND temp_password_hash = $7 RETURNING ",
                user_columns!()
            ))
            .bind(user_id)
            .bind(*failed_attempts)
            .bind(*attempts_left)
            .bind(*blocked_at)
            .bind(temporary_password_hash.clone())
            .bind(now)
            .bind(unblocked_hash.clone()),
            UserChange::RequireNewPassword {
                attempts_left,
                temporary_password_hash,
            } => sqlx::query(concat!(
                "UPDATE users SET status = 'awaiting_new_password', attempts_left = $2, \
                 failed_attempts = 0, blocked_at = NULL, temp_password_hash = $3, \
                 updated_at = $4 WHERE id = $1 AND status IN ('active', 'blocked') \
                 RETURNING ",
                user_columns!()
            ))
            .bind(user_id)
            .bind(*attempts_left)
            .bind(temporary_password_hash.clone())
            .bind(now),
            UserChange::UndoPasswordReset {
                reset_hash,
                status,
                failed_attempts,
                attempts_left,
                blocked_at,
                temporary_password_hash,
            } => sqlx::query(concat!(
                "UPDATE users SET status = $2, failed_attempts = $3, attempts_left = $4, \
                 blocked_at = $5, temp_password_hash = $6, updated_at = $7 \
                 WHERE id = $1 AND status = 'awaiting_new_password' \
                 AND temp_password_hash = $8 RETURNING ",
                user_columns!()
            ))
            .bind(user_id)
            .bind(status.as_str())
            .bind(*failed_attempts)
            .bind(*attempts_left)
            .bind(*blocked_at)
            .bind(temporary_password_hash.clone())
            .bind(now)
            .bind(reset_hash.clone()),
            UserChange::SetPhone(phone) => {
                // The old number is told, with no code in the message (issue 11).
                sqlx::query(
                    "INSERT INTO sms_notices (phone, kind, created_at) \
                     SELECT phone, 'phone_changed', $2 FROM users \
                     WHERE id = $1 AND phone IS NOT NULL AND phone <> $3",
                )
                .bind(user_id)
                .bind(now)
                .bind(phone.as_e164().to_owned())
                .execute(&mut *tx)
                .await?;
                sqlx::query(concat!(
                    "UPDATE users SET phone = $2, phone_changed_at = $3, updated_at = $3 \
                     WHERE id = $1 RETURNING ",
                    user_columns!()
                ))
                .bind(user_id)
                .bind(phone.as_e164().to_owned())
                .bind(now)
            }
            UserChange::SetPasswordMasking(enabled) => sqlx::query(concat!(
                "UPDATE users SET password_masking = $2, pending_positions = NULL, \
                 updated_at = $3 WHERE id = $1 RETURNING ",
                user_columns!()
            ))
            .bind(user_id)
            .bind(i64::from(*enabled))
            .bind(now),
            UserChange::AssignToken {
                serial,
                seed_sealed,
            } => {
                // The serial leaves the inventory for this user, once.
                let taken = sqlx::query(
                    "UPDATE token_inventory SET state = 'assigned', user_id = $2, \
                     assigned_at = $3 WHERE serial = $1 AND state = 'available'",
                )
                .bind(serial.clone())
                .bind(user_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                if taken.rows_affected() != 1 {
                    return Err(StoreError::Conflict);
                }
                withdraw_serial_of(&mut tx, user_id, "replaced", now).await?;
                sqlx::query(concat!(
                    "UPDATE users SET auth_tool = 'token', token_serial = $2, \
                     token_seed_sealed = $3, token_seed_binding = 'uid', \
                     token_last_step = NULL, updated_at = $4 \
                     WHERE id = $1 RETURNING ",
                    user_columns!()
                ))
                .bind(user_id)
                .bind(serial.clone())
                .bind(seed_sealed.clone())
                .bind(now)
            }
            UserChange::WithdrawToken { reason } => {
                withdraw_serial_of(&mut tx, user_id, reason, now).await?;
                sqlx::query(concat!(
                    "UPDATE users SET auth_tool = CASE WHEN phone IS NOT NULL THEN 'sms' \
                     ELSE auth_tool END, token_serial = NULL, token_seed_sealed = NULL, \
                     token_seed_binding = NULL, token_last_step = NULL, updated_at = $2 \
                     WHERE id = $1 AND token_seed_sealed IS NOT NULL RETURNING ",
                    user_columns!()
                ))
                .bind(user_id)
                .bind(now)
            }
            UserChange::IssueEnvelope {
                temporary_password_hash,
            } => sqlx::query(concat!(
                "UPDATE users SET temp_password_hash = $2, updated_at = $3 WHERE id = $1 \
                 AND status IN ('awaiting_new_password', 'pending_activation') RETURNING ",
                user_columns!()
            ))
            .bind(user_id)
            .bind(temporary_password_hash.clone())
            .bind(now),
            UserChange::Reprovision {
                attempts_left,
                temporary_password_hash,
                token_seed_sealed,
            } => sqlx::query(concat!(
                "UPDATE users SET status = 'pending_activation', attempts_left = $2, \
                 failed_attempts = 0, blocked_at = NULL, pending_positions = NULL, \
                 pw_length = NULL, pw_threshold = NULL, pw_salt = NULL, pw_shares = NULL, \
                 pw_secret_hash = NULL, temp_password_hash = $3, token_seed_sealed = $4, \
                 token_seed_binding = 'uid', token_last_step = NULL, updated_at = $5 \
                 WHERE id = $1 RETURNING ",
                user_columns!()
            ))
            .bind(user_id)
            .bind(*attempts_left)
            .bind(temporary_password_hash.clone())
            .bind(token_seed_sealed.clone())
            .bind(now),
        };
        let Some(row) = query.fetch_optional(&mut *tx).await? else {
            return Err(StoreError::Conflict);
        };
        let record = user_from_row(&row)?;
        // The user switching masking for themselves keeps their session; every other
        // change of who they are or how they prove it ends what was open.
        if !matches!(change, UserChange::SetPasswordMasking(_)) {
            end_challenges_and_sessions(&mut tx, user_id).await?;
        }
        insert_audit(&mut *tx, audit).await?;
        tx.commit().await?;
        Ok(record)
    }

    async fn reserve_attempt(
        &self,
        user_id: i64,
        flow: Flow,
    ) -> StoreResult<(Reservation, Option<UserRecord>)> {
        let allowed = lockout::statuses_for(flow);
        let reserved = sqlx::query(&format!(
            "UPDATE users SET attempts_left = attempts_left - 1 \
             WHERE id = $1 AND attempts_left > 0 AND status <> 'blocked' \
             AND status IN ({}) RETURNING {USER_COLUMNS}",
            status_list(allowed)
        ))
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?;
        if let Some(row) = reserved {
            return Ok((Reservation::Reserved, Some(user_from_row(&row)?)));
        }
        let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
            .bind(user_id)
            .fetch_optional(&self.pool)
            .await?;
        let user = row.as_ref().map(user_from_row).transpose()?;
        let outcome = match user.as_ref().map(|u| u.status) {
            Some(UserStatus::Blocked) => Reservation::Blocked,
            Some(status) if allowed.contains(&status) => Reservation::Busy,
            _ => Reservation::Mismatch,
        };
        Ok((outcome, user))
    }

    async fn record_failure(&self, user_id: i64, now: Millis) -> StoreResult<FailureOutcome> {
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query(
            "UPDATE users SET failed_attempts = failed_attempts + 1, \
             status = CASE WHEN attempts_left <= 0 THEN 'blocked' ELSE status END, \
             blocked_at = CASE WHEN attempts_left <= 0 AND status <> 'blocked' THEN $2 \
                          ELSE blocked_at END, \
             updated_at = $2 \
             WHERE id = $1 RETURNING status, attempts_left",
        )
        .bind(user_id)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let outcome = FailureOutcome {
            status: UserStatus::parse(&row.try_get::<String, _>("status")?)
                .ok_or_else(|| corrupt("users.status"))?,
            attempts_left: row.try_get("attempts_left")?,
        };
        if outcome.status == UserStatus::Blocked {
            end_challenges_and_sessions(&mut tx, user_id).await?;
        }
        tx.commit().await?;
        Ok(outcome)
    }

    async fn release_attempt(&self, user_id: i64, limit: i64) -> StoreResult<()> {
        sqlx::query(
            "UPDATE users SET attempts_left = CASE WHEN attempts_left < $2 \
             THEN attempts_left + 1 ELSE attempts_left END \
             WHERE id = $1 AND status <> 'blocked'",
        )
        .bind(user_id)
        .bind(limit)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn reserve_decoy_attempt(
        &self,
        key: &str,
        limit: i64,
        now: Millis,
    ) -> StoreResult<Reservation> {
        // As `reserve_attempt`: failures plus checks in flight never pass `limit`.
        let reserved: Option<i64> = sqlx::query_scalar(
            "INSERT INTO decoy_attempts (key, failed, in_flight, updated_at) \
             VALUES ($1, 0, 1, $2) \
             ON CONFLICT (key) DO UPDATE SET in_flight = decoy_attempts.in_flight + 1, \
             updated_at = $2 \
             WHERE decoy_attempts.failed + decoy_attempts.in_flight < $3 RETURNING failed",
        )
        .bind(key)
        .bind(now)
        .bind(limit)
        .fetch_optional(&self.pool)
        .await?;
        if reserved.is_some() {
            return Ok(Reservation::Reserved);
        }
        let failed: Option<i64> =
            sqlx::query_scalar("SELECT failed FROM decoy_attempts WHERE key = $1")
                .bind(key)
                .fetch_optional(&self.pool)
                .await?;
        Ok(if failed.unwrap_or(0) >= limit {
            Reservation::Blocked
        } else {
            Reservation::Busy
        })
    }

    async fn record_decoy_failure(&self, key: &str, limit: i64, now: Millis) -> StoreResult<i64> {
        let mut tx = self.pool.begin().await?;
        let failed: i64 = sqlx::query_scalar(
            "UPDATE decoy_attempts SET failed = failed + 1, \
             in_flight = CASE WHEN in_flight > 0 THEN in_flight - 1 ELSE 0 END, \
             updated_at = $2 WHERE key = $1 RETURNING failed",
        )
        .bind(key)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?
        .unwrap_or(limit);
        if failed >= limit {
            sqlx::query("DELETE FROM challenges WHERE decoy_key = $1")
                .bind(key)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(failed)
    }

    async fn record_success(
        &self,
        user_id: i64,
        limit: i64,
        now: Millis,
        success: &LoginSuccess,
    ) -> StoreResult<bool> {
        let status_in = status_list(lockout::statuses_for(success.flow));
        let mut tx = self.pool.begin().await?;
        let updated = match success.new_password.as_ref().map(PasswordColumns::of) {
            // A success reserved its attempt while the user was not blocked; failures
            // racing it may have blocked the user meanwhile (they saw attempts_left at
            // 0 because this attempt held the last reservation). The success resets the
            // count, so it lifts such a block too: never "blocked" with a live session.
            None => {
                sqlx::query(&format!(
                    "UPDATE users SET attempts_left = $2, failed_attempts = 0, \
                     status = CASE WHEN status = 'blocked' THEN 'active' ELSE status END, \
                     blocked_at = NULL, pending_positions = NULL, last_login_at = $3, \
                     updated_at = $3 WHERE id = $1 AND status IN ({status_in})"
                ))
                .bind(user_id)
                .bind(limit)
                .bind(now)
                .execute(&mut *tx)
                .await?
            }
            Some(pw) => {
                sqlx::query(&format!(
                    "UPDATE users SET attempts_left = $2, failed_attempts = 0, \
                     pending_positions = NULL, last_login_at = $3, updated_at = $3, \
                     status = 'active', blocked_at = NULL, temp_password_hash = NULL, \
                     pw_length = $4, pw_threshold = $5, pw_salt = $6, pw_shares = $7, \
                     pw_secret_hash = $8, pw_scheme = $9, pw_key_id = $10 \
                     WHERE id = $1 AND status IN ({status_in})"
                ))
                .bind(user_id)
                .bind(limit)
                .bind(now)
                .bind(pw.length)
                .bind(pw.threshold)
                .bind(pw.salt)
                .bind(pw.shares)
                .bind(pw.hash)
                .bind(pw.scheme)
                .bind(pw.key_id)
                .execute(&mut *tx)
                .await?
            }
        };
        if updated.rows_affected() != 1 {
            return Ok(false);
        }
        if success.new_password.is_some() {
            // A password reset ends every session and challenge of the user.
            end_challenges_and_sessions(&mut tx, user_id).await?;
        } else {
            sqlx::query("DELETE FROM challenges WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    async fn consume_token_step(&self, user_id: i64, step: i64) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE users SET token_last_step = $2 \
             WHERE id = $1 AND (token_last_step IS NULL OR token_last_step < $2)",
        )
        .bind(user_id)
        .bind(step)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn open_challenge(
        &self,
        challenge: &mut ChallengeRecord,
        pin: bool,
        policy: &StartPolicy,
    ) -> StoreResult<Opened> {
        let now = challenge.created_at;
        let subject = challenge.subject();
        // A user's challenges by user id, a decoy's by its key (both indexed).
        let (mine, key) = match (challenge.user_id, &challenge.decoy_key) {
            (Some(id), _) => ("user_id = $1", SubjectKey::User(id)),
            (None, Some(key)) => ("decoy_key = $1", SubjectKey::Decoy(key.clone())),
            (None, None) => return Err(corrupt("a challenge for nobody")),
        };
        let fresh_after = now + policy.reuse_min_left_ms();
        let mut tx = self.pool.begin().await?;
        // The login's row: written first, so concurrent starts of one login (on any
        // replica) wait for each other here and each sees the last one's sends.
        let sent: String = sqlx::query_scalar(
            "INSERT INTO login_starts (subject, sms_sent, updated_at) VALUES ($1, '', $2) \
             ON CONFLICT (subject) DO UPDATE SET updated_at = $2 RETURNING sms_sent",
        )
        .bind(&subject)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let open = key
            .bind(sqlx::query(&format!(
                "SELECT {CHALLENGE_COLUMNS} FROM challenges WHERE {mine} AND used = 0 \
                 AND expires_at > $2 ORDER BY created_at DESC, id DESC"
            )))
            .bind(fresh_after)
            .fetch_all(&mut *tx)
            .await?;
        // The newest code still good for a while, used or not: codes are per SMS, not
        // per challenge, and a success ends them all.
        let live = key
            .bind(sqlx::query(&format!(
                "SELECT sms_ref, sms_code_digest, expires_at FROM challenges WHERE {mine} \
                 AND sms_ref IS NOT NULL AND expires_at > $2 ORDER BY expires_at DESC LIMIT 1"
            )))
            .bind(fresh_after)
            .fetch_optional(&mut *tx)
            .await?;
        let live_digest: Option<Vec<u8>> = match &live {
            Some(row) => row.try_get("sms_code_digest")?,
            None => None,
        };
        let facts = StartFacts {
            now,
            open: u32::try_from(open.len()).unwrap_or(u32::MAX),
            newest_open: open
                .first()
                .map(|row| row.try_get::<String, _>("id"))
                .transpose()?,
            live_code: live
                .as_ref()
                .map(|row| -> StoreResult<LiveCode> {
                    Ok(LiveCode {
                        sms_ref: row.try_get("sms_ref")?,
                        expires_at: row.try_get("expires_at")?,
                    })
                })
                .transpose()?,
            sent: parse_sends(&sent)?,
            wants_code: challenge.otp_method == AuthTool::Sms,
        };
        let mut send_code = false;
        match policy.decide(&facts) {
            StartDecision::ReuseChallenge(id) => {
                let row = open
                    .iter()
                    .find(|row| row.try_get::<String, _>("id").ok().as_deref() == Some(&id))
                    .ok_or_else(|| corrupt("challenges.id"))?;
                let existing = challenge_from_row(row)?;
                tx.commit().await?;
                return Ok(Opened::Existing(existing));
            }
            StartDecision::ReuseCode(code) => {
                challenge.sms_ref = Some(code.sms_ref);
                challenge.sms_code_digest = live_digest;
                challenge.expires_at = code.expires_at;
            }
            StartDecision::NoCode => challenge.sms_ref = None,
            StartDecision::Wait { until } => {
                tx.commit().await?;
                return Ok(Opened::Wait {
                    until,
                    budget: false,
                });
            }
            StartDecision::NewCode { sent } => {
                // Only a real message costs the budget; every start that would send
                // one is turned away while the breaker is open, whoever it is for.
                let minute = minute_of(now);
                let spent: i64 = if challenge.sms_code_digest.is_some() {
                    sqlx::query_scalar(
                        "INSERT INTO sms_budget (minute, sent) VALUES ($1, 1) \
                         ON CONFLICT (minute) DO UPDATE SET sent = sms_budget.sent + 1 \
                         WHERE sms_budget.sent < $2 RETURNING sent - 1",
                    )
                    .bind(minute)
                    .bind(i64::from(policy.budget_per_minute))
                    .fetch_optional(&mut *tx)
                    .await?
                    // No row came back: the minute's budget is spent.
                    .unwrap_or(i64::from(policy.budget_per_minute))
                } else {
                    sqlx::query_scalar("SELECT sent FROM sms_budget WHERE minute = $1")
                        .bind(minute)
                        .fetch_optional(&mut *tx)
                        .await?
                        .unwrap_or(0)
                };
                if let Err(until) = policy.budget(now, spent) {
                    tx.rollback().await?;
                    return Ok(Opened::Wait {
                        until,
                        budget: true,
                    });
                }
                sqlx::query("UPDATE login_starts SET sms_sent = $2 WHERE subject = $1")
                    .bind(&subject)
                    .bind(format_sends(&sent))
                    .execute(&mut *tx)
                    .await?;
                challenge.sms_ref = Some(challenge.id.clone());
                send_code = challenge.sms_code_digest.is_some();
            }
        }
        if let (true, Some(user_id)) = (pin, challenge.user_id) {
            // Keep the first positions asked until a login succeeds (R3).
            let row = sqlx::query(
                "UPDATE users SET pending_positions = COALESCE(pending_positions, $2) \
                 WHERE id = $1 RETURNING pending_positions",
            )
            .bind(user_id)
            .bind(&challenge.positions)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
            challenge.positions = Some(
                row.try_get::<Option<String>, _>("pending_positions")?
                    .ok_or_else(|| corrupt("users.pending_positions"))?,
            );
        }
        sqlx::query(
            "INSERT INTO challenges (id, user_id, flow, otp_method, positions, \
             sms_code_digest, decoy_key, sms_ref, used, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10)",
        )
        .bind(&challenge.id)
        .bind(challenge.user_id)
        .bind(flow_str(challenge.flow))
        .bind(challenge.otp_method.as_str())
        .bind(&challenge.positions)
        .bind(&challenge.sms_code_digest)
        .bind(&challenge.decoy_key)
        .bind(&challenge.sms_ref)
        .bind(challenge.created_at)
        .bind(challenge.expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Opened::Stored { send_code })
    }

    async fn sweep(&self, now: Millis, batch: i64) -> StoreResult<Swept> {
        // One small batch per table, each its own statement: the writer is held for
        // moments, never for a table scan (every condition reads an index).
        let mut swept = Swept::default();
        type Slot = fn(&mut Swept) -> &mut u64;
        let steps: [(&str, Millis, Slot); 9] = [
            (
                "DELETE FROM challenges WHERE id IN \
                 (SELECT id FROM challenges WHERE expires_at < $1 LIMIT $2)",
                now,
                |s| &mut s.challenges,
            ),
            (
                "DELETE FROM sessions WHERE token_hash IN \
                 (SELECT token_hash FROM sessions WHERE absolute_expires_at < $1 LIMIT $2)",
                now,
                |s| &mut s.sessions,
            ),
            (
                "DELETE FROM sessions WHERE token_hash IN (SELECT token_hash FROM sessions \
                 WHERE last_seen_at + idle_timeout_ms < $1 LIMIT $2)",
                now,
                |s| &mut s.sessions,
            ),
            (
                "DELETE FROM decoy_attempts WHERE key IN \
                 (SELECT key FROM decoy_attempts WHERE updated_at < $1 LIMIT $2)",
                now - DECOY_MEMORY_MS,
                |s| &mut s.decoy_attempts,
            ),
            (
                "DELETE FROM login_starts WHERE subject IN \
                 (SELECT subject FROM login_starts WHERE updated_at < $1 LIMIT $2)",
                now - LOGIN_STARTS_MEMORY_MS,
                |s| &mut s.login_starts,
            ),
            // A login that was sent nothing needs its row only while its challenges
            // live: a stream of made-up token logins leaves nothing behind for long.
            (
                "DELETE FROM login_starts WHERE subject IN (SELECT subject FROM login_starts \
                 WHERE updated_at < $1 AND sms_sent = '' LIMIT $2)",
                now - LOGIN_STARTS_WITHOUT_SMS_MS,
                |s| &mut s.login_starts,
            ),
            (
                "DELETE FROM sms_budget WHERE minute IN \
                 (SELECT minute FROM sms_budget WHERE minute < $1 LIMIT $2)",
                minute_of(now) - 60_000,
                |s| &mut s.sms_budget,
            ),
            (
                "DELETE FROM sms_notices WHERE id IN \
                 (SELECT id FROM sms_notices WHERE sent_at < $1 LIMIT $2)",
                now - SENT_NOTICES_MEMORY_MS,
                |s| &mut s.sms_notices,
            ),
            (
                "DELETE FROM approvals WHERE id IN \
                 (SELECT id FROM approvals WHERE expires_at < $1 LIMIT $2)",
                now - APPROVALS_MEMORY_MS,
                |s| &mut s.approvals,
            ),
        ];
        for (sql, before, slot) in steps {
            let done = sqlx::query(sql)
                .bind(before)
                .bind(batch)
                .execute(&self.pool)
                .await?;
            *slot(&mut swept) += done.rows_affected();
        }
        Ok(swept)
    }

    async fn get_challenge(&self, id: &str, now: Millis) -> StoreResult<Option<ChallengeRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {CHALLENGE_COLUMNS} FROM challenges WHERE id = $1 AND used = 0 \
             AND expires_at > $2"
        ))
        .bind(id)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(challenge_from_row).transpose()
    }

    async fn take_challenge(&self, id: &str, now: Millis) -> StoreResult<Option<ChallengeRecord>> {
        let row = sqlx::query(&format!(
            "UPDATE challenges SET used = 1 WHERE id = $1 AND used = 0 AND expires_at > $2 \
             RETURNING {CHALLENGE_COLUMNS}"
        ))
        .bind(id)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(challenge_from_row).transpose()
    }

    async fn insert_session(&self, token_hash: &[u8], session: &SessionRecord) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, \
             idle_timeout_ms, absolute_expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token_hash.to_vec())
        .bind(session.user_id)
        .bind(session.created_at)
        .bind(session.last_seen_at)
        .bind(session.idle_timeout_ms)
        .bind(session.absolute_expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn touch_session(
        &self,
        token_hash: &[u8],
        now: Millis,
    ) -> StoreResult<Option<SessionRecord>> {
        let row = sqlx::query(
            "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1 \
             AND last_seen_at + idle_timeout_ms > $2 AND absolute_expires_at > $2 \
             RETURNING user_id, created_at, last_seen_at, idle_timeout_ms, absolute_expires_at",
        )
        .bind(token_hash.to_vec())
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| -> StoreResult<SessionRecord> {
            Ok(SessionRecord {
                user_id: row.try_get("user_id")?,
                created_at: row.try_get("created_at")?,
                last_seen_at: row.try_get("last_seen_at")?,
                idle_timeout_ms: row.try_get("idle_timeout_ms")?,
                absolute_expires_at: row.try_get("absolute_expires_at")?,
            })
        })
        .transpose()
    }

    async fn delete_session(&self, token_hash: &[u8]) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash.to_vec())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn insert_api_token(
        &self,
        token_hash: &[u8],
        token: &ApiTokenRecord,
        audit: &AuditEntry,
    ) -> StoreResult<()> {
        let scopes = token
            .scopes
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO api_tokens (id, name, token_hash, scopes, created_by, created_at, \
             expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&token.id)
        .bind(&token.name)
        .bind(token_hash.to_vec())
        .bind(scopes)
        .bind(token.created_by)
        .bind(token.created_at)
        .bind(token.expires_at)
        .execute(&mut *tx)
        .await
        // The name (migration 5): the id and the hash are random and never repeat.
        .map_err(exists_or_database)?;
        insert_audit(&mut *tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn find_api_token(
        &self,
        token_hash: &[u8],
        now: Millis,
    ) -> StoreResult<Option<ApiTokenRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.created_by \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2"
        ))
        .bind(token_hash.to_vec())
        .bind(now)
        .fetch_optional(&self.reads)
        .await?;
        row.as_ref().map(token_from_row).transpose()
    }

    async fn list_api_tokens(&self) -> StoreResult<Vec<ApiTokenRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.created_by \
             ORDER BY t.created_at, t.id"
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(token_from_row).collect()
    }

    async fn revoke_api_token(&self, id: &str, now: Millis, audit: &AuditEntry) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        insert_audit(&mut *tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn insert_bulk(
        &self,
        companies: &[(MilleKod, String)],
        users: &[NewUser],
    ) -> StoreResult<()> {
        self.insert_bulk_sql(companies, users).await
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
        let mut tx = self.pool.begin().await?;
        let mut loaded = 0;
        for token in tokens {
            let done = sqlx::query(
                "INSERT INTO token_inventory (serial, seed_sealed, state, loaded_at) \
                 VALUES ($1, $2, 'available', $3) ON CONFLICT (serial) DO NOTHING",
            )
            .bind(&token.serial)
            .bind(&token.seed_sealed)
            .bind(audit.at)
            .execute(&mut *tx)
            .await?;
            loaded += done.rows_affected();
        }
        let mut audit = audit.clone();
        audit.detail = Some(format!(
            "{} {loaded} new of {} tokens",
            audit.detail.unwrap_or_default(),
            tokens.len()
        ));
        insert_audit(&mut *tx, &audit).await?;
        tx.commit().await?;
        Ok(loaded)
    }

    async fn inventory_token(&self, serial: &str) -> StoreResult<Option<InventoryToken>> {
        let row =
            sqlx::query("SELECT serial, seed_sealed, state FROM token_inventory WHERE serial = $1")
                .bind(serial)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|row| -> StoreResult<InventoryToken> {
            Ok(InventoryToken {
                serial: row.try_get("serial")?,
                seed_sealed: row.try_get("seed_sealed")?,
                state: row.try_get("state")?,
            })
        })
        .transpose()
    }

    async fn available_tokens(&self, limit: i64) -> StoreResult<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT serial FROM token_inventory WHERE state = 'available' \
             ORDER BY serial LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn create_approval(
        &self,
        approval: &ApprovalRecord,
        audit: &AuditEntry,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO approvals (id, action, user_id, requested_by, requester_operator, \
             reason, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&approval.id)
        .bind(&approval.action)
        .bind(approval.user_id)
        .bind(&approval.requested_by)
        .bind(
            approval
                .requester_operator
                .as_ref()
                .map(|l| l.as_str())
                .unwrap_or(""),
        )
        .bind(&approval.reason)
        .bind(approval.created_at)
        .bind(approval.expires_at)
        .execute(&mut *tx)
        .await?;
        insert_audit(&mut *tx, audit).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn pending_approval(&self, id: &str, now: Millis) -> StoreResult<Option<ApprovalRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {APPROVAL_COLUMNS} FROM approvals \
             WHERE id = $1 AND outcome IS NULL AND expires_at > $2"
        ))
        .bind(id)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(approval_from_row).transpose()
    }

    async fn pending_approval_of(
        &self,
        user_id: i64,
        action: &str,
        now: Millis,
    ) -> StoreResult<Option<ApprovalRecord>> {
        let row = sqlx::query(&format!(
            "SELECT {APPROVAL_COLUMNS} FROM approvals WHERE user_id = $1 AND action = $2 \
             AND outcome IS NULL AND expires_at > $3 ORDER BY created_at LIMIT 1"
        ))
        .bind(user_id)
        .bind(action)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(approval_from_row).transpose()
    }

    async fn pending_approvals(&self, now: Millis) -> StoreResult<Vec<ApprovalRecord>> {
        let rows = sqlx::query(&format!(
            "SELECT {APPROVAL_COLUMNS} FROM approvals \
             WHERE outcome IS NULL AND expires_at > $1 ORDER BY created_at, id"
        ))
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(approval_from_row).collect()
    }

    async fn decide_approval(
        &self,
        id: &str,
        decided_by: &str,
        outcome: &str,
        now: Millis,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE approvals SET outcome = $3, decided_by = $2, decided_at = $4 \
             WHERE id = $1 AND outcome IS NULL AND expires_at > $4",
        )
        .bind(id)
        .bind(decided_by)
        .bind(outcome)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn claim_sms_notices(
        &self,
        limit: i64,
        now: Millis,
    ) -> StoreResult<Vec<(String, String)>> {
        // `sent_at IS NULL` again outside the subquery: of two replicas claiming the
        // same rows at once, PostgreSQL gives each row to the first only.
        let rows = sqlx::query(
            "UPDATE sms_notices SET sent_at = $2 WHERE sent_at IS NULL AND id IN \
             (SELECT id FROM sms_notices WHERE sent_at IS NULL ORDER BY id LIMIT $1) \
             RETURNING phone, kind",
        )
        .bind(limit)
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("phone")?, row.try_get("kind")?)))
            .collect()
    }

    async fn append_audit(&self, entry: &AuditEntry) -> StoreResult<()> {
        insert_audit(&self.pool, entry).await
    }

    async fn list_audit(&self, filter: &AuditFilter) -> StoreResult<Vec<AuditRecord>> {
        // Optional filters as `($n IS NULL OR col = $n)` keep one prepared statement.
        let rows = sqlx::query(
            "SELECT id, at, request_id, actor, on_behalf_of, action, millekod, login, \
             outcome, reason, detail FROM audit \
             WHERE ($1 IS NULL OR millekod = $1) AND ($2 IS NULL OR login = $2) \
             AND at >= $3 ORDER BY id DESC LIMIT $4",
        )
        .bind(&filter.millekod)
        .bind(&filter.login)
        .bind(filter.since.unwrap_or(0))
        .bind(filter.limit)
        .fetch_all(&self.reads)
        .await?;
        rows.iter().map(audit_from_row).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{AuthTool, Login, MilleKod, UserStatus};
    use crate::domain::phone::PhoneNumber;

    fn user(millekod: &MilleKod, phone: &str) -> NewUser {
        NewUser {
            uid: crate::domain::ids::UserUid::generate(),
            kind: UserKind::CompanyUser,
            millekod: Some(millekod.clone()),
            login: Login::parse("ewa").unwrap(),
            name: "Ewa".into(),
            status: UserStatus::Active,
            attempts_left: 3,
            failed_attempts: 0,
            auth_tool: AuthTool::Sms,
            phone: Some(PhoneNumber::parse(phone).unwrap()),
            password_masking: false,
            password: None,
            temporary_password_hash: None,
            token_serial: None,
            token_seed_sealed: None,
            blocked_at: None,
            operator_role: None,
        }
    }

    /// The phone of `ewa` as the database *file* holds it, without its WAL: a copy of
    /// the file alone, opened on its own.
    fn phone_in_file(db: &std::path::Path) -> Option<String> {
        let copy = db.with_extension("copy");
        std::fs::copy(db, &copy).unwrap();
        let conn = rusqlite::Connection::open(&copy).unwrap();
        let phone = conn
            .query_row("SELECT phone FROM users WHERE login = 'ewa'", [], |r| {
                r.get(0)
            })
            .ok();
        drop(conn);
        std::fs::remove_file(copy).unwrap();
        phone
    }

    #[tokio::test]
    async fn a_chunk_of_phone_changes_reaches_the_file_through_the_checkpointer() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("millectl.db");
        let store = SqlStore::connect(&format!("sqlite://{}", db.display()))
            .await
            .unwrap();
        let millekod = MilleKod::parse("12345678").unwrap();
        store
            .insert_bulk(
                &[(millekod.clone(), "Firma".into())],
                &[user(&millekod, "+48500000001")],
            )
            .await
            .unwrap();
        // Everything so far is in the WAL only: far below the writer's own threshold.
        assert_eq!(phone_in_file(&db), None);
        assert_eq!(store.checkpoints_done(), 0);

        let rows = [PhoneBatchRow {
            index: 0,
            millekod: millekod.clone(),
            login: Login::parse("ewa").unwrap(),
            phone: PhoneNumber::parse("+48600000002").unwrap(),
            expected: None,
        }];
        let applied = store
            .apply_phone_batch(PhoneBatch {
                key: Some("k-1"),
                request_hash: b"hash",
                rows: &rows,
                decided: Vec::new(),
                dry_run: false,
                batch_id: "b-1",
                notify_old: true,
                audit: AuditEntry {
                    at: now_millis(),
                    request_id: "r-1".into(),
                    actor: "token:t".into(),
                    on_behalf_of: None,
                    action: "phone.set".into(),
                    millekod: None,
                    login: None,
                    outcome: "success".into(),
                    reason: None,
                    detail: None,
                },
            })
            .await
            .unwrap();
        assert!(matches!(applied, BatchApplied::Done(_)));

        // The checkpointer runs beside us: wait for it, not for a set time.
        tokio::time::timeout(std::time::Duration::from_secs(30), async {
            while store.checkpoints_done() == 0 {
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            }
        })
        .await
        .expect("no checkpoint within 30 s of the chunk");
        assert_eq!(phone_in_file(&db).as_deref(), Some("+48600000002"));
    }

    #[test]
    fn sqlite_urls_are_normalized_to_create_the_file() {
        assert_eq!(
            normalize_url("sqlite:///tmp/x.db").unwrap().0,
            "sqlite:///tmp/x.db?mode=rwc"
        );
        assert_eq!(
            normalize_url("sqlite://data.db").unwrap().0,
            "sqlite://data.db?mode=rwc"
        );
        assert_eq!(normalize_url("postgres://h/db").unwrap().1, "postgres");
        assert!(normalize_url("mysql://h/db").is_err());
        assert!(normalize_url("sqlite://").is_err());
    }

    #[test]
    fn our_own_sqlite_connection_opens_the_file_sqlx_opens() {
        assert_eq!(
            sqlite_file("sqlite:///tmp/a%20b/x.db?mode=rwc"),
            Some(std::path::PathBuf::from("/tmp/a b/x.db"))
        );
        assert_eq!(
            sqlite_file("sqlite://data.db?mode=rwc"),
            Some(std::path::PathBuf::from("data.db"))
        );
        assert_eq!(sqlite_file("sqlite://:memory:"), None);
        assert_eq!(sqlite_file("sqlite://x.db?mode=memory"), None);
        assert_eq!(sqlite_file("postgres://h/db"), None);
    }

    #[test]
    fn a_data_path_with_url_characters_names_its_own_file() {
        for path in [
            "/tmp/100%41/x.db",
            "/tmp/what?/x.db",
            "/tmp/#1/x.db",
            "/tmp/a b/x.db",
        ] {
            let (url, _) = normalize_url(&crate::store::sqlite_url(path.as_ref())).unwrap();
            assert_eq!(
                sqlite_file(&url),
                Some(std::path::PathBuf::from(path)),
                "{url}"
            );
        }
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn a_new_database_file_and_its_wal_are_private_and_an_existing_file_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |path: &std::path::Path| {
            let mode = std::fs::metadata(path).unwrap().permissions().mode();
            format!("{:o}", mode & 0o777)
        };
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.db");
        let chosen = dir.path().join("chosen.db");
        std::fs::File::create(&chosen).unwrap();
        std::fs::set_permissions(&chosen, std::fs::Permissions::from_mode(0o640)).unwrap();

        let _new = SqlStore::connect(&sqlite_url(&new)).await.unwrap();
        let _chosen = SqlStore::connect(&sqlite_url(&chosen)).await.unwrap();

        for suffix in ["", "-wal", "-shm"] {
            let path = dir.path().join(format!("new.db{suffix}"));
            assert_eq!(mode(&path), "600", "{}", path.display());
        }
        assert_eq!(mode(&chosen), "640");
    }
}
