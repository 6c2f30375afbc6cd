//! The databases a test runs on (SQLite always, PostgreSQL when `TEST_DATABASE_URL` is
//! set), the one way to run a test on each (`on_every_db`), and reading them past the
//! API: raw SQL, table dumps, the audit, and the `DbState` snapshot a refused request
//! must leave unchanged.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::Value;

use super::{Api, RawBody, TestServer};

/// Which database a test server uses.
#[derive(Debug, Clone)]
pub enum Db {
    Sqlite,
    Postgres(String),
}

impl Db {
    /// SQLite always; PostgreSQL where `TEST_DATABASE_URL` names a server.
    pub fn all() -> Vec<Db> {
        let mut dbs = vec![Db::Sqlite];
        if let Some(url) = postgres_admin_url() {
            dbs.push(Db::Postgres(url));
        }
        dbs
    }
}

/// The backend's name, for failure messages (never the URL: it may hold a password).
impl std::fmt::Display for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Db::Sqlite => "SQLite",
            Db::Postgres(_) => "PostgreSQL",
        })
    }
}

// ---- One test, every database ----
//
// A test of a rule that holds "whatever the database" runs its body once per backend,
// on a fresh server each time. The body is an async closure rather than a macro that
// writes one test per backend: it stays ordinary code that rustfmt formats and that
// borrows the test's locals, and the list of backends lives in `Db::all` alone. Which
// backend a failure happened on is printed before each run (libtest shows a failed
// test's output).

/// Run `test` on a fresh dev server on every database: SQLite, then PostgreSQL when
/// `TEST_DATABASE_URL` is set.
pub async fn on_every_db(test: impl AsyncFn(TestServer)) {
    on_every_db_with(&[], test).await;
}

/// [`on_every_db`] with extra `millectl server` arguments, e.g. `--lockout-limit 5`.
pub async fn on_every_db_with(extra_args: &[&str], test: impl AsyncFn(TestServer)) {
    for_every_db(async |db| test(TestServer::start_with_args(&db, extra_args).await).await).await;
}

/// For tests that start their servers themselves (a gateway beside them, a pepper of
/// their own, no `--dev`): `test` once per database.
pub async fn for_every_db(test: impl AsyncFn(Db)) {
    for db in Db::all() {
        println!("---- on {db}");
        test(db).await;
    }
}

pub fn postgres_admin_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

/// A fresh PostgreSQL database for one test; returns its URL.
pub async fn fresh_postgres_database(admin_url: &str) -> String {
    use sqlx::Connection;
    let name = format!("millectl_test_{}", uuid::Uuid::new_v4().simple());
    let mut conn = sqlx::PgConnection::connect(admin_url)
        .await
        .expect("connect to TEST_DATABASE_URL");
    sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create test database");
    let base = admin_url
        .rsplit_once('/')
        .map(|(base, _)| base)
        .unwrap_or(admin_url);
    format!("{base}/{name}")
}

/// Audit actions that only read; everything else in the audit is a change.
pub const READ_ACTIONS: &[&str] = &[
    "user.list",
    "user.find",
    "user.show",
    "audit.read",
    "api_token.list",
];

/// Audit outcomes of refusals: on record, but nothing changed.
pub const REFUSALS: &[&str] = &["denied", "not_found", "refused"];

/// What a refused request must leave as it was: every user of both demo companies,
/// the API tokens, and the number of audit records of changes (non-read actions that
/// were not refused).
#[derive(Debug, PartialEq)]
pub struct DbState {
    pub users: Vec<Value>,
    pub api_tokens: Value,
    pub changes: usize,
}

impl TestServer {
    /// Snapshot the state with the dev API token (users, audit) and an operator
    /// session (API tokens).
    pub async fn db_state(&self, operator: &Api) -> DbState {
        let token = self.helpdesk_token();
        let mut users = Vec::new();
        for millekod in ["12345678", "87654321"] {
            let answer = token.get(&format!("/v1/companies/{millekod}/users")).await;
            answer.expect_ok();
            users.push(answer.body["users"].clone());
        }
        let api_tokens = operator.get("/v1/api-tokens").await;
        api_tokens.expect_ok();
        let audit = self.audit_records("").await;
        assert!(audit.len() < 1000, "the audit outgrew one page");
        let changes = audit
            .iter()
            .filter(|r| !READ_ACTIONS.contains(&r["action"].as_str().unwrap_or("")))
            .filter(|r| !REFUSALS.contains(&r["outcome"].as_str().unwrap_or("")))
            .count();
        DbState {
            users,
            api_tokens: api_tokens.body["api_tokens"].clone(),
            changes,
        }
    }

    /// Audit records through the API (dev API token), newest first; `query` is
    /// appended to `?limit=1000`, e.g. `&login=jan`.
    pub async fn audit_records(&self, query: &str) -> Vec<Value> {
        let answer = self
            .helpdesk_token()
            .get(&format!("/v1/audit?limit=1000{query}"))
            .await;
        answer.expect_ok();
        answer.body["records"]
            .as_array()
            .cloned()
            .expect("records array")
    }

    /// The SQLite file of a `--dev` server without `--database`.
    pub fn sqlite_path(&self) -> PathBuf {
        self.dir.path().join("millectl.db")
    }

    /// Run one statement straight against the server's database (SQLite file or the
    /// PostgreSQL test database), bypassing the API.
    pub async fn execute_sql(&self, sql: &str) -> Result<u64, sqlx::Error> {
        use sqlx::Connection;
        match &self.database_url {
            None => {
                let url = format!("sqlite://{}", self.sqlite_path().display());
                let mut conn = sqlx::SqliteConnection::connect(&url).await?;
                Ok(sqlx::query(sql).execute(&mut conn).await?.rows_affected())
            }
            Some(url) => {
                let mut conn = sqlx::PgConnection::connect(url).await?;
                Ok(sqlx::query(sql).execute(&mut conn).await?.rows_affected())
            }
        }
    }

    /// `SELECT * FROM <table>` straight from the database, each row as text
    /// (column=value, separated by ` | `).
    pub async fn dump_table(&self, table: &str) -> Vec<String> {
        use sqlx::Connection;
        let sql = format!("SELECT * FROM {table}");
        match &self.database_url {
            None => {
                let url = format!("sqlite://{}", self.sqlite_path().display());
                let mut conn = sqlx::SqliteConnection::connect(&url)
                    .await
                    .expect("open the SQLite file");
                let rows = sqlx::query(&sql).fetch_all(&mut conn).await.expect("dump");
                rows.iter().map(row_text).collect()
            }
            Some(url) => {
                let mut conn = sqlx::PgConnection::connect(url)
                    .await
                    .expect("connect to the test database");
                let rows = sqlx::query(&sql).fetch_all(&mut conn).await.expect("dump");
                rows.iter().map(row_text).collect()
            }
        }
    }
}

/// One row as `name=value | …`, whatever the column types.
fn row_text<R: sqlx::Row>(row: &R) -> String
where
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<Vec<u8>>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    usize: sqlx::ColumnIndex<R>,
{
    use sqlx::Column;
    let mut cells = Vec::new();
    for (i, column) in row.columns().iter().enumerate() {
        let value = if let Ok(v) = row.try_get::<Option<String>, _>(i) {
            v.unwrap_or_else(|| "NULL".into())
        } else if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
            v.map(|v| v.to_string()).unwrap_or_else(|| "NULL".into())
        } else if let Ok(v) = row.try_get::<Option<Vec<u8>>, _>(i) {
            v.map(|v| String::from_utf8_lossy(&v).into_owned())
                .unwrap_or_else(|| "NULL".into())
        } else {
            panic!("column {} has a type the dump cannot read", column.name());
        };
        cells.push(format!("{}={value}", column.name()));
    }
    cells.join(" | ")
}

impl TestServer {
    /// One integer from SQL run straight on the database, e.g. a `COUNT(*)`.
    pub async fn count_sql(&self, sql: &str) -> i64 {
        use sqlx::Connection;
        match &self.database_url {
            None => {
                let url = format!("sqlite://{}", self.sqlite_path().display());
                let mut conn = sqlx::SqliteConnection::connect(&url).await.expect("sqlite");
                sqlx::query_scalar(sql)
                    .fetch_one(&mut conn)
                    .await
                    .expect("count")
            }
            Some(url) => {
                let mut conn = sqlx::PgConnection::connect(url).await.expect("postgres");
                sqlx::query_scalar(sql)
                    .fetch_one(&mut conn)
                    .await
                    .expect("count")
            }
        }
    }

    /// Wait until the audit holds `count` login records of `login` with `outcome`.
    pub async fn wait_for_login_records(
        &self,
        millekod: &str,
        login: &str,
        outcome: &str,
        count: usize,
    ) {
        let desk = self.helpdesk_token();
        let start = Instant::now();
        loop {
            let seen = desk
                .audit_of(millekod, login)
                .await
                .iter()
                .filter(|r| r.action == "login" && r.outcome == outcome)
                .count();
            if seen >= count {
                assert_eq!(seen, count, "more {outcome} records than attempts");
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "{seen} of {count} login records with outcome {outcome} after 30 s"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

/// The one audit record a request left, found by its request id.
pub async fn record_of(server: &TestServer, request_id: &str) -> Value {
    let records: Vec<Value> = server
        .audit_records("")
        .await
        .into_iter()
        .filter(|r| r["request_id"] == request_id)
        .collect();
    assert_eq!(records.len(), 1, "records of {request_id}: {records:?}");
    records[0].clone()
}

/// Send a request and return the request id of its answer, asserting its status.
pub async fn request_id_of(
    api: &Api,
    method: Method,
    path: &str,
    body: RawBody,
    status: u16,
) -> String {
    let traced = api.traced(method, path, body).await;
    assert_eq!(
        traced.answer.status.as_u16(),
        status,
        "{path}: {}",
        traced.answer.body
    );
    traced.request_id.expect("x-request-id")
}
