//! One way to start a server for a test: the real `millectl` binary, `server --dev` on
//! a random 127.0.0.1 port with its own data directory and a fresh database — SQLite,
//! or a fresh PostgreSQL database when `TEST_DATABASE_URL` is set — and a typed client.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use millectl::api::{Challenge, CompleteLogin, Flow, Problem, Secret, SessionCreated, StartLogin};
use millectl::domain::ids::{Login, MilleKod};
use millectl::domain::otp::TotpSecret;
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

/// `dev-credentials.json`, as the dev server writes it.
#[derive(Debug, Clone, Deserialize)]
pub struct Credentials {
    pub server: String,
    pub api_token: String,
    pub operator: OperatorCredentials,
    pub back_office: OperatorCredentials,
    pub users: Vec<UserCredentials>,
    pub inventory: Vec<InventoryCredentials>,
    /// The management listener (health, metrics), which `--dev` always binds.
    #[serde(default)]
    pub management: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct OperatorCredentials {
    pub login: String,
    pub password: String,
    pub totp_secret: String,
}

/// A token of the dev inventory: its serial and (dev only) its seed.
#[derive(Debug, Clone, Deserialize)]
pub struct InventoryCredentials {
    pub serial: String,
    pub totp_secret: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct UserCredentials {
    pub millekod: String,
    pub login: String,
    pub password: Option<String>,
    pub temporary_password: Option<String>,
    pub auth_tool: String,
    pub totp_secret: Option<String>,
    pub phone: Option<String>,
    pub status: String,
}

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

/// A running server process; killed when dropped.
pub struct TestServer {
    child: Child,
    pub dir: tempfile::TempDir,
    pub url: String,
    pub creds: Credentials,
    pub database_url: Option<String>,
    pub log_path: PathBuf,
    pub client: reqwest::Client,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The SMS limits of every test server but those that set their own `--sms-…` flags.
pub const RELAXED_SMS_LIMITS: &[&str] = &["--sms-min-interval-secs", "0", "--sms-per-hour", "60"];

pub struct ServerOptions {
    pub db: Db,
    pub extra_args: Vec<String>,
}

impl Default for ServerOptions {
    fn default() -> Self {
        Self {
            db: Db::Sqlite,
            extra_args: Vec::new(),
        }
    }
}

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_millectl"))
}

/// Wait until `ready` holds, or panic after `timeout` — never a blind sleep.
pub async fn wait_for<F: FnMut() -> bool>(what: &str, timeout: Duration, mut ready: F) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < timeout, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

impl TestServer {
    pub async fn start() -> Self {
        Self::start_with(ServerOptions::default()).await
    }

    pub async fn start_on(db: &Db) -> Self {
        Self::start_with(ServerOptions {
            db: db.clone(),
            ..ServerOptions::default()
        })
        .await
    }

    pub async fn start_with(options: ServerOptions) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let database_url = match &options.db {
            Db::Sqlite => None,
            Db::Postgres(admin) => Some(fresh_postgres_database(admin).await),
        };
        let mut args: Vec<String> = vec![
            "server".into(),
            "--dev".into(),
            "--data-dir".into(),
            dir.path().display().to_string(),
            "--listen".into(),
            "127.0.0.1:0".into(),
        ];
        if let Some(url) = &database_url {
            args.extend(["--database".into(), url.clone()]);
        }
        // Tests log the same SMS users in many times a minute; the SMS limits have
        // tests of their own (`sms_limits.rs`), which set them as they need.
        if !options.extra_args.iter().any(|a| a.starts_with("--sms-")) {
            args.extend(RELAXED_SMS_LIMITS.iter().map(|a| a.to_string()));
        }
        args.extend(options.extra_args.iter().cloned());
        let (child, log_path) = spawn_logged(&args, dir.path(), "server");
        let creds_path = dir.path().join("dev-credentials.json");
        let mut child = child;
        wait_for("dev-credentials.json", Duration::from_secs(60), || {
            if let Ok(Some(status)) = child.try_wait() {
                panic!(
                    "server exited early ({status}): {}",
                    std::fs::read_to_string(&log_path).unwrap_or_default()
                );
            }
            creds_path.exists()
        })
        .await;
        let creds: Credentials =
            serde_json::from_str(&std::fs::read_to_string(&creds_path).expect("read creds"))
                .expect("parse creds");
        Self {
            child,
            url: creds.server.clone(),
            creds,
            dir,
            database_url,
            log_path,
            client: reqwest::Client::new(),
        }
    }

    /// A second replica on the same database and pepper (not `--dev`).
    pub async fn replica(&self) -> Replica {
        self.replica_with(&[]).await
    }

    /// A second replica with extra command-line arguments.
    pub async fn replica_with(&self, extra_args: &[&str]) -> Replica {
        let database = self.database_url.clone().unwrap_or_else(|| {
            format!("sqlite://{}", self.dir.path().join("millectl.db").display())
        });
        let args: Vec<String> = vec![
            "server".into(),
            "--listen".into(),
            "127.0.0.1:0".into(),
            "--database".into(),
            database,
            "--pepper-file".into(),
            self.dir.path().join("pepper").display().to_string(),
            // The replica sends SMS nowhere; tests use it for token users and checks.
        ];
        let args: Vec<String> = args
            .into_iter()
            .chain(extra_args.iter().map(|a| a.to_string()))
            .collect();
        spawn_server(&args, self.dir.path()).await
    }

    pub fn user(&self, millekod: &str, login: &str) -> UserCredentials {
        self.creds
            .users
            .iter()
            .find(|u| u.millekod == millekod && u.login == login)
            .cloned()
            .unwrap_or_else(|| panic!("no demo user {millekod}/{login}"))
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log_path).unwrap_or_default()
    }

    pub fn api(&self) -> Api {
        Api {
            base: self.url.clone(),
            client: self.client.clone(),
            token: None,
            outbox: self.dir.path().join("sms-outbox.jsonl"),
        }
    }

    /// An API client authenticated with the dev API token (all helpdesk scopes).
    pub fn helpdesk_token(&self) -> Api {
        self.api().with_token(&self.creds.api_token)
    }
}

/// A replica process; killed when dropped.
pub struct Replica {
    child: Child,
    pub url: String,
    pub log_path: PathBuf,
}

impl Drop for Replica {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Replica {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

fn spawn_logged(args: &[String], dir: &Path, name: &str) -> (Child, PathBuf) {
    spawn_logged_with_env(args, dir, name, &[])
}

fn spawn_logged_with_env(
    args: &[String],
    dir: &Path,
    name: &str,
    env: &[(&str, &str)],
) -> (Child, PathBuf) {
    let log_path = dir.join(format!("{name}-{}.log", uuid::Uuid::new_v4().simple()));
    let log = std::fs::File::create(&log_path).expect("log file");
    let child = Command::new(bin())
        .args(args)
        .env("MILLECTL_LOG", "millectl=debug,tower_http=debug,info")
        .env_remove("MILLECTL_PEPPER")
        .env_remove("MILLECTL_PKCS11_PIN")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("log"))
        .stderr(log)
        .spawn()
        .expect("spawn millectl");
    (child, log_path)
}

/// A typed client of `/v1`.
#[derive(Clone)]
pub struct Api {
    pub base: String,
    pub client: reqwest::Client,
    pub token: Option<String>,
    pub outbox: PathBuf,
}

/// An answer: status and JSON body (or a problem).
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub body: Value,
    pub content_type: String,
    /// `Retry-After`, in seconds, if the server sent one.
    pub retry_after: Option<u64>,
}

impl Answer {
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_value(self.body.clone())
            .unwrap_or_else(|e| panic!("unexpected body ({e}): {}", self.body))
    }

    pub fn problem(&self) -> Problem {
        assert_eq!(
            self.content_type, "application/problem+json",
            "not a problem: {} {}",
            self.status, self.body
        );
        self.json()
    }

    /// Assert a problem with this status and code.
    pub fn expect_problem(&self, status: u16, code: &str) -> Problem {
        assert_eq!(
            (
                self.status.as_u16(),
                self.body["code"].as_str().unwrap_or("")
            ),
            (status, code),
            "body: {}",
            self.body
        );
        self.problem()
    }

    pub fn expect_ok(&self) -> &Self {
        assert!(self.status.is_success(), "{} {}", self.status, self.body);
        self
    }
}

impl Api {
    pub fn with_token(&self, token: &str) -> Api {
        Api {
            token: Some(token.to_owned()),
            ..self.clone()
        }
    }

    pub fn on(&self, base: &str) -> Api {
        Api {
            base: base.to_owned(),
            ..self.clone()
        }
    }

    pub async fn send(&self, method: Method, path: &str, body: Option<Value>) -> Answer {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request");
        Self::answer(response).await
    }

    /// Send raw bytes with a content type (for malformed-input tests).
    pub async fn send_raw(
        &self,
        method: Method,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Answer {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("content-type", content_type)
            .body(body);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        Self::answer(request.send().await.expect("request")).await
    }

    async fn answer(response: reqwest::Response) -> Answer {
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok());
        let bytes = response.bytes().await.expect("body");
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()))
        };
        Answer {
            status,
            body,
            content_type,
            retry_after,
        }
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Answer {
        self.send(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Answer {
        self.send(Method::PUT, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Answer {
        self.send(Method::DELETE, path, None).await
    }

    pub async fn start_login(&self, millekod: Option<&str>, login: &str) -> Challenge {
        let request = StartLogin {
            millekod: millekod.map(|m| MilleKod::parse(m).expect("millekod")),
            login: Login::parse(login).expect("login"),
        };
        let answer = self
            .post("/v1/sessions", serde_json::to_value(request).expect("json"))
            .await;
        answer.expect_ok();
        answer.json()
    }

    pub async fn complete_login(&self, challenge_id: &str, answer: &CompleteLogin) -> Answer {
        self.post(
            &format!("/v1/sessions/{challenge_id}"),
            serde_json::to_value(answer).expect("json"),
        )
        .await
    }

    /// The SMS code of a challenge, read from the dev outbox by the SMS's number (a
    /// start while a code is live points to the SMS already sent). Login codes are sent
    /// after step 1 answered, so this waits for the code to arrive.
    pub fn sms_code(&self, challenge: &Challenge) -> String {
        let reference = challenge
            .sms_reference
            .clone()
            .unwrap_or_else(|| panic!("challenge {} has no SMS", challenge.challenge_id));
        let start = Instant::now();
        loop {
            let code = self
                .outbox_entries()
                .into_iter()
                .rev()
                .find(|e| e["reference"] == reference.as_str())
                .and_then(|e| e["code"].as_str().map(str::to_owned));
            if let Some(code) = code {
                return code;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "no SMS no. {reference} for challenge {}",
                challenge.challenge_id
            );
            // The server is another process: blocking this thread holds up nothing.
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// The newest one-time access password sent to a phone (after an unblock).
    pub fn access_password(&self, phone: &str) -> Option<String> {
        self.outbox_entries()
            .into_iter()
            .rev()
            .find(|e| e["to"] == phone && e["kind"] == "access_password")
            .and_then(|e| e["code"].as_str().map(str::to_owned))
    }

    pub fn outbox_entries(&self) -> Vec<Value> {
        std::fs::read_to_string(&self.outbox)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }
}

/// The characters of `password` at the asked 1-based positions.
pub fn chars_at(password: &str, positions: &[u8]) -> BTreeMap<String, Secret> {
    let chars: Vec<char> = password.chars().collect();
    positions
        .iter()
        .map(|p| {
            (
                p.to_string(),
                Secret::new(chars[usize::from(*p) - 1].to_string()),
            )
        })
        .collect()
}

/// A token code that has not been used yet: each call moves one step forward
/// (the server accepts ±1 step and refuses a step used before).
pub fn totp_code(secret_base32: &str, step_offset: i64) -> String {
    let secret = TotpSecret::from_base32(secret_base32).expect("totp secret");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64;
    secret.code_at((now + step_offset * 30) as u64)
}

/// The answer to a first-login or new-password challenge: the one-time code, the
/// temporary (envelope or access) password and the new password.
pub fn new_password_answer(
    otp: impl Into<String>,
    temporary: &str,
    new_password: &str,
) -> CompleteLogin {
    CompleteLogin {
        password_chars: None,
        password: None,
        otp: Secret::new(otp),
        temporary_password: Some(Secret::new(temporary)),
        new_password: Some(Secret::new(new_password)),
    }
}

/// The answer a user gives to a normal-login challenge.
pub fn login_answer(challenge: &Challenge, password: &str, otp: &str) -> CompleteLogin {
    assert_eq!(challenge.flow, Flow::Login);
    let (password_chars, password) = match &challenge.password_positions {
        Some(positions) => (Some(chars_at(password, positions)), None),
        None => (None, Some(Secret::new(password))),
    };
    CompleteLogin {
        password_chars,
        password,
        otp: Secret::new(otp),
        temporary_password: None,
        new_password: None,
    }
}

impl TestServer {
    /// Log a demo user in (SMS code from the outbox, or the token's current code).
    pub async fn login_user(&self, millekod: &str, login: &str) -> Api {
        let user = self.user(millekod, login);
        let api = self.api();
        let challenge = api.start_login(Some(millekod), login).await;
        let otp = match challenge.otp_method {
            millectl::api::AuthTool::Sms => api.sms_code(&challenge),
            millectl::api::AuthTool::Token => {
                totp_code(user.totp_secret.as_deref().expect("totp"), 0)
            }
        };
        let password = user.password.expect("password");
        let answer = api
            .complete_login(
                &challenge.challenge_id,
                &login_answer(&challenge, &password, &otp),
            )
            .await;
        answer.expect_ok();
        let session: SessionCreated = answer.json();
        api.with_token(session.token.expose())
    }

    /// Log the dev operator in with password characters and a token code.
    pub async fn login_operator(&self) -> Api {
        self.login_operator_at(0).await
    }

    /// Log the dev back-office operator in.
    pub async fn login_back_office(&self) -> Api {
        self.login_staff(&self.creds.back_office, 0).await
    }

    /// Like `login_operator`, with the token's step offset (a second token login
    /// within the same 30 s uses offset 1).
    pub async fn login_operator_at(&self, step_offset: i64) -> Api {
        self.login_staff(&self.creds.operator, step_offset).await
    }

    async fn login_staff(&self, op: &OperatorCredentials, step_offset: i64) -> Api {
        let api = self.api();
        let challenge = api.start_login(None, &op.login).await;
        let otp = totp_code(&op.totp_secret, step_offset);
        let answer = api
            .complete_login(
                &challenge.challenge_id,
                &login_answer(&challenge, &op.password, &otp),
            )
            .await;
        answer.expect_ok();
        let session: SessionCreated = answer.json();
        api.with_token(session.token.expose())
    }
}

// ---- Helpers of the login, lockout, unblock and concurrency tests ----

impl Api {
    /// A user as HelpDesk sees it; the caller needs `users:read` (e.g. the dev API token).
    pub async fn user_view(&self, millekod: &str, login: &str) -> millectl::api::UserView {
        let answer = self
            .get(&format!("/v1/companies/{millekod}/users/{login}"))
            .await;
        answer.expect_ok();
        answer.json()
    }

    /// Every audit record about one user, newest first (the caller needs `audit:read`).
    pub async fn audit_of(&self, millekod: &str, login: &str) -> Vec<millectl::api::AuditRecord> {
        let answer = self
            .get(&format!(
                "/v1/audit?millekod={millekod}&login={login}&limit=1000"
            ))
            .await;
        answer.expect_ok();
        answer.json::<millectl::api::AuditList>().records
    }

    /// `POST …/users/{login}/unblock` with `mode` `current_password` or `new_password`.
    pub async fn unblock(&self, millekod: &str, login: &str, mode: &str) -> Answer {
        self.post(
            &format!("/v1/companies/{millekod}/users/{login}/unblock"),
            serde_json::json!({ "mode": mode }),
        )
        .await
    }
}

/// The characters at the asked positions, the first of them wrong.
pub fn wrong_chars_at(password: &str, positions: &[u8]) -> BTreeMap<String, Secret> {
    let mut chars = chars_at(password, positions);
    let first = positions[0].to_string();
    let right = chars[&first].expose().to_owned();
    let wrong = if right == "x" { "y" } else { "x" };
    chars.insert(first, Secret::new(wrong));
    chars
}

/// A normal-login answer with a wrong password (one wrong character, or a wrong whole
/// password where masking is off) and the given one-time code.
pub fn wrong_password_answer(challenge: &Challenge, password: &str, otp: &str) -> CompleteLogin {
    let mut answer = login_answer(challenge, password, otp);
    match &challenge.password_positions {
        Some(positions) => answer.password_chars = Some(wrong_chars_at(password, positions)),
        None => answer.password = Some(Secret::new(format!("{password}x"))),
    }
    answer
}

/// A 6-digit code that is none of the token's codes from 2 steps back to 2 ahead.
pub fn wrong_totp(secret_base32: &str) -> String {
    let near: Vec<String> = (-2..=2).map(|o| totp_code(secret_base32, o)).collect();
    (0..10u32)
        .map(|d| format!("{d}{d}{d}{d}{d}{d}"))
        .find(|c| !near.contains(c))
        .expect("five codes cannot cover ten candidates")
}

impl TestServer {
    /// A dev server on `db` with extra command-line arguments.
    pub async fn start_with_args(db: &Db, extra_args: &[&str]) -> Self {
        Self::start_with(ServerOptions {
            db: db.clone(),
            extra_args: extra_args.iter().map(|a| a.to_string()).collect(),
        })
        .await
    }

    /// Like `login_user`, with the token's step offset for token users (a second token
    /// login within the same 30 s uses offset 1).
    pub async fn login_user_at(&self, millekod: &str, login: &str, step_offset: i64) -> Api {
        let user = self.user(millekod, login);
        let api = self.api();
        let challenge = api.start_login(Some(millekod), login).await;
        let otp = match challenge.otp_method {
            millectl::api::AuthTool::Sms => api.sms_code(&challenge),
            millectl::api::AuthTool::Token => {
                totp_code(user.totp_secret.as_deref().expect("totp"), step_offset)
            }
        };
        let password = user.password.expect("password");
        let answer = api
            .complete_login(
                &challenge.challenge_id,
                &login_answer(&challenge, &password, &otp),
            )
            .await;
        answer.expect_ok();
        let session: SessionCreated = answer.json();
        api.with_token(session.token.expose())
    }

    /// A failed login of a demo SMS user: right SMS code, one wrong password character.
    pub async fn fail_sms_login(&self, millekod: &str, login: &str) -> Answer {
        let user = self.user(millekod, login);
        let api = self.api();
        let challenge = api.start_login(Some(millekod), login).await;
        let otp = api.sms_code(&challenge);
        let answer = wrong_password_answer(&challenge, &user.password.expect("password"), &otp);
        api.complete_login(&challenge.challenge_id, &answer).await
    }
}

// ---------------------------------------------------------------------------------
// Bad input, secrets, phones and admin tests: request ids, database snapshots, direct
// access to the audit table, and servers started without `--dev`.
// ---------------------------------------------------------------------------------

/// An answer together with the request id the server sent in `x-request-id`.
#[derive(Debug)]
pub struct Traced {
    pub answer: Answer,
    pub request_id: Option<String>,
}

impl Traced {
    /// A problem+json with this status and code, whose `instance` is the request id.
    pub fn expect_problem(&self, status: u16, code: &str) -> Problem {
        let problem = self.answer.expect_problem(status, code);
        let id = self.request_id.as_deref().unwrap_or("");
        assert!(
            !id.is_empty(),
            "no x-request-id header: {}",
            self.answer.body
        );
        assert_eq!(
            problem.instance.as_deref(),
            Some(id),
            "instance is not the x-request-id header; body: {}",
            self.answer.body
        );
        assert_eq!(
            problem.status, status,
            "status member of {}",
            self.answer.body
        );
        problem
    }
}

/// The body of a raw request: none, JSON, or bytes with an optional content type.
#[derive(Debug, Clone)]
pub enum RawBody {
    None,
    Json(Value),
    Bytes(Option<&'static str>, Vec<u8>),
}

impl Api {
    /// Send anything (wrong content types, non-JSON, huge bodies) and keep the
    /// `x-request-id` header of the answer.
    pub async fn traced(&self, method: Method, path: &str, body: RawBody) -> Traced {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        request = match body {
            RawBody::None => request,
            RawBody::Json(value) => request.json(&value),
            RawBody::Bytes(Some(content_type), bytes) => {
                request.header("content-type", content_type).body(bytes)
            }
            RawBody::Bytes(None, bytes) => request.body(bytes),
        };
        let response = request.send().await.expect("request");
        let request_id = response
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Traced {
            answer: Self::answer(response).await,
            request_id,
        }
    }
}

/// Audit actions that only read; everything else in the audit is a change.
pub const READ_ACTIONS: &[&str] = &["user.list", "user.show", "audit.read", "api_token.list"];

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

/// A `millectl server` process started with `args` (not `--dev`); waits until it
/// prints its URL. Its log is in `dir`.
pub async fn spawn_server(args: &[String], dir: &Path) -> Replica {
    spawn_server_with_env(args, dir, &[]).await
}

/// [`spawn_server`] with extra environment variables.
pub async fn spawn_server_with_env(args: &[String], dir: &Path, env: &[(&str, &str)]) -> Replica {
    let (mut child, log_path) = spawn_logged_with_env(args, dir, "server", env);
    let mut url = None;
    let log = log_path.clone();
    wait_for("server to listen", Duration::from_secs(60), || {
        if let Ok(Some(status)) = child.try_wait() {
            panic!(
                "server exited early ({status}): {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        }
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        url = text
            .lines()
            .find_map(|l| l.strip_prefix("millectl server listening on "))
            .map(|u| u.trim().to_owned());
        url.is_some()
    })
    .await;
    Replica {
        child,
        url: url.unwrap_or_default(),
        log_path,
    }
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

    /// `POST /v1/phone-changes` with an idempotency key (none when `key` is `None`).
    pub async fn phone_changes(&self, api: &Api, key: Option<&str>, body: &Value) -> Answer {
        let mut request = api
            .client
            .post(format!("{}/v1/phone-changes", api.base))
            .json(body);
        if let Some(token) = &api.token {
            request = request.bearer_auth(token);
        }
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        Api::answer_of(request.send().await.expect("request")).await
    }
}

impl Api {
    pub async fn answer_of(response: reqwest::Response) -> Answer {
        Self::answer(response).await
    }
}

// ---- Hostile clients: step 2 sent, then the connection reset ----

impl TestServer {
    /// Send step 2 on a raw connection, wait until the server has taken the challenge,
    /// wait `delay` more, then reset the connection (RST) without reading the answer:
    /// what a client that gives up half-way, or a dying mobile network, does.
    pub async fn abort_complete_login(
        &self,
        challenge_id: &str,
        answer: &CompleteLogin,
        delay: Duration,
    ) {
        use tokio::io::AsyncWriteExt;
        let body = serde_json::to_vec(answer).expect("json");
        let authority = self.url.trim_start_matches("http://").to_owned();
        let head = format!(
            "POST /v1/sessions/{challenge_id} HTTP/1.1\r\nhost: {authority}\r\n\
             content-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        let mut stream = tokio::net::TcpStream::connect(&authority)
            .await
            .expect("connect");
        stream.write_all(head.as_bytes()).await.expect("write");
        stream.write_all(&body).await.expect("write");
        stream.flush().await.expect("flush");
        let unused =
            format!("SELECT COUNT(*) FROM challenges WHERE id = '{challenge_id}' AND used = 0");
        let start = Instant::now();
        while self.count_sql(&unused).await != 0 {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the server never took challenge {challenge_id}"
            );
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        // The point of abort under test, not a wait for a condition.
        tokio::time::sleep(delay).await;
        stream.set_zero_linger().expect("SO_LINGER 0");
        drop(stream);
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

// ---- The `millectl` command line beside a server (bootstrap, database-direct) ----

/// `millectl` with no server settings inherited from the environment.
pub fn millectl() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("millectl").expect("binary");
    for var in [
        "MILLECTL_LISTEN",
        "MILLECTL_DATABASE",
        "MILLECTL_PEPPER",
        "MILLECTL_PKCS11_PIN",
        "MILLECTL_SMS_WEBHOOK_URL",
    ] {
        cmd.env_remove(var);
    }
    cmd.timeout(Duration::from_secs(60));
    cmd
}

/// The value printed after `label` on a line of `text`.
pub fn printed(text: &str, label: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix(label))
        .map(|v| v.trim().to_owned())
        .unwrap_or_else(|| panic!("no {label:?} in {text}"))
}

impl TestServer {
    /// The database URL, for `millectl server operator …` beside the server.
    pub fn database_arg(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| {
            format!("sqlite://{}", self.dir.path().join("millectl.db").display())
        })
    }

    /// The dev server's pepper file.
    pub fn pepper_path(&self) -> PathBuf {
        self.dir.path().join("pepper")
    }

    /// Three wrong answers for an operator's login: anyone can send them.
    pub async fn block_operator(&self, login: &str) {
        let api = self.api();
        for _ in 0..3 {
            let challenge = api.start_login(None, login).await;
            let answer = login_answer(&challenge, &"x".repeat(16), "000000");
            let answer = api.complete_login(&challenge.challenge_id, &answer).await;
            assert_eq!(answer.status.as_u16(), 401, "{}", answer.body);
        }
    }

    /// First login of an operator with the temporary password and token seed that
    /// `server operator add|reset` printed; sets `new_password`, returns the session.
    pub async fn first_login_operator(
        &self,
        login: &str,
        temporary: &str,
        seed: &str,
        new_password: &str,
    ) -> Api {
        let api = self.api();
        let challenge = api.start_login(None, login).await;
        assert_eq!(challenge.flow, Flow::FirstLogin, "{challenge:?}");
        let answer = api
            .complete_login(
                &challenge.challenge_id,
                &new_password_answer(totp_code(seed, 0), temporary, new_password),
            )
            .await;
        answer.expect_ok();
        let session: SessionCreated = answer.json();
        api.with_token(session.token.expose())
    }
}

/// A wrong answer of the right shape for any challenge, real or decoy: wrong password
/// characters (or password) and code, or a wrong temporary password for the flows
/// that set a new one.
pub fn wrong_answer_for(challenge: &Challenge) -> CompleteLogin {
    match challenge.flow {
        Flow::Login => login_answer(challenge, "Wrong-pass-1234567890abcd", "000000"),
        Flow::FirstLogin | Flow::NewPassword => CompleteLogin {
            password_chars: None,
            password: None,
            otp: Secret::new("000000"),
            temporary_password: Some(Secret::new("wrong-temporary")),
            new_password: Some(Secret::new("Never-used-password-1")),
        },
    }
}

impl TestServer {
    /// `millectl server operator add LOGIN` beside the running server: (temporary, seed).
    pub fn add_operator(&self, login: &str) -> (String, String) {
        let output = millectl()
            .args(["server", "operator", "add", login, "--database"])
            .arg(self.database_arg())
            .arg("--pepper-file")
            .arg(self.pepper_path())
            .output()
            .expect("run");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(
            output.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        (
            printed(&stdout, "temporary password:"),
            printed(&stdout, "token seed (base32):"),
        )
    }

    /// A second HelpDesk operator, added and through the first login: their session.
    pub async fn second_operator(&self, login: &str) -> Api {
        let (temporary, seed) = self.add_operator(login);
        self.first_login_operator(login, &temporary, &seed, "Second-operator-9")
            .await
    }
}

// ---- Raw connections: slow clients, connection caps, proxies ----

/// `host:port` of an `http://` or `https://` URL.
pub fn authority(url: &str) -> String {
    url.split("://")
        .nth(1)
        .unwrap_or(url)
        .trim_end_matches('/')
        .to_owned()
}

/// A TCP connection to `url` from `source` (any of 127/8 is loopback on Linux, so a
/// test can be several sources at once).
pub async fn connect_from(source: std::net::IpAddr, url: &str) -> tokio::net::TcpStream {
    let target: std::net::SocketAddr = authority(url).parse().expect("server address");
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket
        .bind(std::net::SocketAddr::new(source, 0))
        .expect("bind the source address");
    socket.connect(target).await.expect("connect")
}

pub fn localhost() -> std::net::IpAddr {
    std::net::IpAddr::from([127, 0, 0, 1])
}

/// How a connection ended when read to its end.
#[derive(Debug)]
pub struct Closed {
    /// Everything the server sent before closing.
    pub received: Vec<u8>,
    /// From the start of the wait to the close.
    pub after: Duration,
}

/// Read until the server closes the connection (EOF or reset); `None` if it is still
/// open after `limit`.
pub async fn wait_closed(stream: &mut tokio::net::TcpStream, limit: Duration) -> Option<Closed> {
    use tokio::io::AsyncReadExt;
    let start = Instant::now();
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let left = limit.checked_sub(start.elapsed())?;
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0)) | Ok(Err(_)) => {
                return Some(Closed {
                    received,
                    after: start.elapsed(),
                })
            }
            Ok(Ok(n)) => received.extend_from_slice(&buf[..n]),
        }
    }
}

/// Send `GET path` on an open connection (kept alive) and read one answer: its status
/// line and body. `None` if no whole answer came within `limit`.
pub async fn get_on(
    stream: &mut tokio::net::TcpStream,
    path: &str,
    headers: &[(&str, &str)],
    limit: Duration,
) -> Option<(String, String)> {
    use tokio::io::AsyncWriteExt;
    let mut request = format!("GET {path} HTTP/1.1\r\nhost: test\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).await.ok()?;
    read_answer(stream, limit).await
}

/// Read one whole answer (status line, body) from a connection; `None` if none came
/// within `limit` or the connection closed first.
pub async fn read_answer(
    stream: &mut tokio::net::TcpStream,
    limit: Duration,
) -> Option<(String, String)> {
    use tokio::io::AsyncReadExt;
    let start = Instant::now();
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&received).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head
                .lines()
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())
                        .flatten()
                })
                .unwrap_or(0);
            if body.len() >= length {
                let status = head.lines().next().unwrap_or("").to_owned();
                return Some((status, body[..length].to_owned()));
            }
        }
        let left = limit.checked_sub(start.elapsed())?;
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Ok(Ok(n)) if n > 0 => received.extend_from_slice(&buf[..n]),
            _ => return None,
        }
    }
}

/// The text without terminal colour codes (the server's log is coloured).
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

impl TestServer {
    /// The management listener's URL (`--dev` always binds one).
    pub fn management(&self) -> String {
        self.creds
            .management
            .clone()
            .expect("no management listener in dev-credentials.json")
    }

    /// The server's log without colour codes.
    pub fn plain_log(&self) -> String {
        strip_ansi(&self.log())
    }

    /// Wait until a line of the log contains `needle`; that line.
    pub async fn wait_for_log_line(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            if let Some(line) = self.plain_log().lines().find(|l| l.contains(needle)) {
                return line.to_owned();
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "no log line with {needle:?} after 30 s:\n{}",
                self.plain_log()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// One sample of the management listener's `/metrics`, e.g.
    /// `millectl_connections_refused_per_source_total`.
    pub async fn metric(&self, series: &str) -> f64 {
        let text = reqwest::get(format!("{}/metrics", self.management()))
            .await
            .expect("scrape /metrics")
            .text()
            .await
            .expect("metrics text");
        text.lines()
            .find_map(|l| l.strip_prefix(series)?.strip_prefix(' '))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {series} in\n{text}"))
    }

    /// Wait until a metric reaches at least `value`.
    pub async fn wait_for_metric(&self, series: &str, value: f64) {
        let start = Instant::now();
        while self.metric(series).await < value {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "{series} stayed below {value}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}
