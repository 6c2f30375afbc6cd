//! The one way a CLI test runs `millectl`: a throw-away `millectl server --dev` (SQLite)
//! on a random 127.0.0.1 port, and commands of the real binary with an environment of
//! their own — `HOME` and `MILLECTL_CONFIG_DIR` in a temp dir, sessions in the 0600 file
//! (`MILLECTL_CREDENTIAL_STORE=file`, never the real keyring), no `MILLECTL_TOKEN`,
//! `MILLECTL_SERVER`, `MILLECTL_PROFILE` or `NO_COLOR` inherited from whoever runs the
//! tests, and `--server URL` pointing at the test server.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Child, Output, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use millectl::domain::otp::TotpSecret;
use serde_json::Value;

pub const MILLEKOD: &str = "12345678";
pub const OTHER_MILLEKOD: &str = "87654321";

// The shape of `dev-credentials.json`, shared with the API tests.
#[path = "../common/dev_credentials.rs"]
mod dev_credentials;
pub use dev_credentials::{Credentials, OperatorCredentials, UserCredentials};

/// A dev server and an isolated home for the CLI; the server is killed when dropped.
pub struct TestEnv {
    server: Child,
    pub data_dir: tempfile::TempDir,
    pub home: tempfile::TempDir,
    pub url: String,
    pub creds: Credentials,
    /// Token steps already used per TOTP seed: the server refuses a step used before
    /// and accepts ±1 step, so the second login of a token user in the same 30 s
    /// window uses the next step.
    used_steps: RefCell<HashMap<String, i64>>,
}

impl Drop for TestEnv {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// Poll until `ready` holds, or panic after `timeout` — never a blind sleep.
pub fn wait_for(what: &str, timeout: Duration, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < timeout, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `millectl server --dev` on `listen` with its data in `dir`, logging to
/// `dir/server.log` (appended, so a restarted server keeps the earlier log).
fn spawn_server(dir: &std::path::Path, listen: &str, extra: &[&str]) -> Child {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("server.log"))
        .expect("log");
    // CLI tests log the same SMS users in many times a minute and read each login's
    // code as the next outbox line: no SMS limits, and no code re-used (the API tests
    // cover both).
    let relaxed: &[&str] = if extra.iter().any(|a| a.starts_with("--sms-")) {
        &[]
    } else {
        &[
            "--sms-min-interval-secs",
            "0",
            "--sms-per-hour",
            "60",
            "--sms-reuse-min-left-secs",
            "300",
        ]
    };
    std::process::Command::new(env!("CARGO_BIN_EXE_millectl"))
        .args(["server", "--dev", "--listen", listen, "--data-dir"])
        .arg(dir)
        .args(relaxed)
        .args(extra)
        .env_remove("MILLECTL_PEPPER")
        .env_remove("MILLECTL_CONFIG")
        // Text, as the tests read it (a file would get JSON).
        .env("MILLECTL_LOG_FORMAT", "text")
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("log"))
        .stderr(log)
        .spawn()
        .expect("spawn millectl server")
}

impl TestEnv {
    pub fn start() -> Self {
        Self::start_with(&[])
    }

    /// A dev server with extra `server` arguments, e.g. `--user-idle-seconds 1`.
    pub fn start_with(extra: &[&str]) -> Self {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let mut server = spawn_server(data_dir.path(), "127.0.0.1:0", extra);
        let creds_path = data_dir.path().join("dev-credentials.json");
        wait_for("dev-credentials.json", Duration::from_secs(60), || {
            if let Ok(Some(status)) = server.try_wait() {
                let log = std::fs::read_to_string(data_dir.path().join("server.log"));
                panic!(
                    "server exited early ({status}): {}",
                    log.unwrap_or_default()
                );
            }
            creds_path.exists()
        });
        let creds = Credentials::read(&creds_path);
        Self {
            server,
            url: creds.server.clone(),
            creds,
            data_dir,
            home: tempfile::tempdir().expect("temp home"),
            used_steps: RefCell::default(),
        }
    }

    /// Kill the server (SIGKILL: no goodbye, as in a crash).
    pub fn kill_server(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }

    /// Start the server again on the same address and data (after `kill_server`), and
    /// wait until it answers.
    pub fn restart_server(&mut self) {
        self.kill_server();
        let listen = self
            .url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_owned();
        self.server = spawn_server(self.data_dir.path(), &listen, &[]);
        wait_for("the restarted server", Duration::from_secs(60), || {
            if let Ok(Some(status)) = self.server.try_wait() {
                panic!("restarted server exited ({status}): {}", self.server_log());
            }
            std::net::TcpStream::connect(&listen).is_ok()
        });
    }

    pub fn server_log(&self) -> String {
        std::fs::read_to_string(self.data_dir.path().join("server.log")).unwrap_or_default()
    }

    /// A number from the server's SQLite database, read past the API.
    pub fn count(&self, sql: &str) -> i64 {
        use sqlx::Connection;
        let url = format!(
            "sqlite://{}?mode=ro",
            self.data_dir.path().join("millectl.db").display()
        );
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            let mut conn = sqlx::SqliteConnection::connect(&url).await.expect("sqlite");
            sqlx::query_scalar(sql)
                .fetch_one(&mut conn)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
        })
    }

    /// Write a file into this test's home; returns its path.
    pub fn write_file(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.home.path().join(name);
        std::fs::write(&path, content).expect("write file");
        path
    }

    pub fn config_dir(&self) -> PathBuf {
        self.home.path().join("config")
    }

    /// `millectl` with the isolated environment and no `--server`.
    pub fn std_cmd_without_server(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_millectl"));
        cmd.env("HOME", self.home.path())
            .env("MILLECTL_CONFIG_DIR", self.config_dir())
            .env("XDG_CONFIG_HOME", self.home.path().join(".config"))
            .env("MILLECTL_CREDENTIAL_STORE", "file")
            .env_remove("MILLECTL_TOKEN")
            .env_remove("MILLECTL_SERVER")
            .env_remove("MILLECTL_PROFILE")
            .env_remove("MILLECTL_LOG")
            .env_remove("NO_COLOR");
        cmd
    }

    /// `millectl --server URL` with the isolated environment.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = self.std_cmd_without_server();
        cmd.args(["--server", &self.url]);
        cmd
    }

    pub fn cmd(&self) -> assert_cmd::Command {
        assert_cmd::Command::from_std(self.std_cmd())
    }

    pub fn cmd_without_server(&self) -> assert_cmd::Command {
        assert_cmd::Command::from_std(self.std_cmd_without_server())
    }

    /// `millectl --server URL` acting as HelpDesk through the dev API token.
    pub fn helpdesk_cmd(&self) -> assert_cmd::Command {
        let mut cmd = self.cmd();
        cmd.env("MILLECTL_TOKEN", &self.creds.api_token);
        cmd
    }

    pub fn user(&self, millekod: &str, login: &str) -> UserCredentials {
        self.creds.user(millekod, login)
    }

    pub fn password(&self, login: &str) -> String {
        self.user(MILLEKOD, login).password.expect("password")
    }

    /// A token code of a step no login of this test has used yet.
    pub fn fresh_token_code(&self, seed: &str) -> String {
        let mut used = self.used_steps.borrow_mut();
        let step = used.entry(seed.to_owned()).or_insert(-1);
        *step += 1;
        assert!(
            *step <= 1,
            "a third token login within 30 s would be refused"
        );
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("clock")
            .as_secs();
        let secret = TotpSecret::from_base32(seed).expect("seed");
        secret.code_at(now + 30 * (*step as u64))
    }

    /// `login --password-stdin` of a token user into `profile`: the password, then
    /// the token code, on stdin.
    pub fn login_token_user(&self, millekod: &str, login: &str, profile: &str) -> Output {
        let user = self.user(millekod, login);
        let code = self.fresh_token_code(user.totp_secret.as_deref().expect("seed"));
        self.cmd()
            .args(["--profile", profile, "login", "--millekod", millekod])
            .args(["--login", login, "--password-stdin"])
            .write_stdin(format!("{}\n{code}\n", user.password.expect("password")))
            .assert()
            .success()
            .get_output()
            .clone()
    }

    /// The HelpDesk operator logs in (no MilleKod) into `profile`.
    pub fn login_operator(&self, profile: &str) {
        self.login_staff(&self.creds.operator, profile);
    }

    /// The back-office operator logs in (no MilleKod) into `profile`.
    pub fn login_back_office(&self, profile: &str) {
        self.login_staff(&self.creds.back_office, profile);
    }

    fn login_staff(&self, op: &OperatorCredentials, profile: &str) {
        let code = self.fresh_token_code(&op.totp_secret);
        self.cmd()
            .args(["--profile", profile, "login", "--login", &op.login])
            .arg("--password-stdin")
            .write_stdin(format!("{}\n{code}\n", op.password))
            .assert()
            .success();
    }

    /// The lines of the dev SMS outbox.
    pub fn outbox(&self) -> Vec<Value> {
        std::fs::read_to_string(self.data_dir.path().join("sms-outbox.jsonl"))
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).expect("outbox line"))
            .collect()
    }

    /// The newest one-time access password sent to `phone` (after an unblock).
    pub fn access_password(&self, phone: &str) -> Option<String> {
        self.outbox()
            .into_iter()
            .rev()
            .find(|e| e["to"] == phone && e["kind"] == "access_password")
            .and_then(|e| e["code"].as_str().map(str::to_owned))
    }

    /// An SMS login of `millekod/login` into `profile`: the process gets `lines` on
    /// stdin (the password, or temporary + new password), then — once the code is in
    /// the outbox, i.e. after the challenge was created — the SMS code as the next line.
    pub fn login_sms(&self, millekod: &str, login: &str, profile: &str, lines: &[&str]) -> Output {
        let phone = self.user(millekod, login).phone.expect("phone");
        let before = self.outbox().len();
        let mut child = self
            .std_cmd()
            .args(["--profile", profile, "login", "--millekod", millekod])
            .args(["--login", login, "--password-stdin"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn millectl login");
        let mut stdin = child.stdin.take().expect("stdin");
        for line in lines {
            writeln!(stdin, "{line}").expect("write a secret");
        }
        let mut code = None;
        wait_for(
            "the SMS code in the outbox",
            Duration::from_secs(30),
            || {
                let outbox = self.outbox();
                code = outbox[before.min(outbox.len())..]
                    .iter()
                    .find(|e| e["to"] == phone.as_str() && e["kind"] == "login_code")
                    .and_then(|e| e["code"].as_str().map(str::to_owned));
                // A login that failed before sending a code ends here, not in a timeout.
                code.is_some() || matches!(child.try_wait(), Ok(Some(_)))
            },
        );
        if let Some(code) = code {
            // The process may already have given up; then the write fails harmlessly.
            let _ = writeln!(stdin, "{code}");
        }
        drop(stdin);
        child.wait_with_output().expect("wait for millectl login")
    }

    /// The session token a login stored for `profile` (file store).
    pub fn stored_token(&self, profile: &str) -> Option<String> {
        let text = std::fs::read_to_string(self.config_dir().join("credentials.toml")).ok()?;
        let file: toml::Table = toml::from_str(&text).expect("credentials.toml");
        file.get(profile)?.get("token")?.as_str().map(str::to_owned)
    }

    /// One HTTP request to the server with a bearer token (none if empty); returns the
    /// status and the JSON body.
    pub fn api(&self, method: &str, path: &str, token: &str, body: Option<Value>) -> (u16, Value) {
        let url = format!("{}{path}", self.url);
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            let mut request = reqwest::Client::new().request(method, url);
            if !token.is_empty() {
                request = request.bearer_auth(token);
            }
            if let Some(body) = body {
                request = request.json(&body);
            }
            let response = request.send().await.expect("request");
            let status = response.status().as_u16();
            let body = response.json().await.unwrap_or(Value::Null);
            (status, body)
        })
    }

    /// A user as the API shows it to HelpDesk (dev API token).
    pub fn api_user(&self, millekod: &str, login: &str) -> Value {
        let path = format!("/v1/companies/{millekod}/users/{login}");
        let (status, body) = self.api("GET", &path, &self.creds.api_token, None);
        assert_eq!(status, 200, "{body}");
        body
    }

    /// `millectl user show LOGIN --millekod M -o json` as HelpDesk, parsed.
    pub fn show_json(&self, millekod: &str, login: &str) -> Value {
        let out = self
            .helpdesk_cmd()
            .args(["user", "show", login, "--millekod", millekod, "-o", "json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).expect("user show -o json")
    }

    /// Audit records about one user, newest first (dev API token).
    pub fn audit_of(&self, millekod: &str, login: &str) -> Vec<Value> {
        let path = format!("/v1/audit?millekod={millekod}&login={login}&limit=1000");
        let (status, body) = self.api("GET", &path, &self.creds.api_token, None);
        assert_eq!(status, 200, "{body}");
        body["records"].as_array().cloned().expect("records")
    }
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Run an `assert_cmd` command, assert its exit code, return (stdout, stderr).
pub fn run(cmd: &mut assert_cmd::Command, code: i32) -> (String, String) {
    let assert = cmd.assert().code(code);
    let output = assert.get_output();
    (stdout(output), stderr(output))
}

/// True where text holds box-drawing characters (U+2500..U+257F).
pub fn has_box_drawing(text: &str) -> bool {
    text.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c))
}

/// A listener on 127.0.0.1:0 that is not a millectl server: it keeps the head of every
/// request it gets (request line and headers) and answers 401, so a test can assert
/// that a credential never arrived there.
pub struct SpyServer {
    pub url: String,
    heads: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl SpyServer {
    pub fn start() -> Self {
        use std::io::{BufRead, BufReader};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind the spy");
        let url = format!("http://{}", listener.local_addr().expect("spy address"));
        let heads = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = heads.clone();
        // Detached: it blocks in accept until the test process ends.
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let mut head = String::new();
                let mut reader = BufReader::new(stream.try_clone().expect("spy stream"));
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
                    head.push_str(&line);
                    line.clear();
                }
                seen.lock().expect("spy lock").push(head);
                let _ = stream.write_all(
                    b"HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                );
            }
        });
        Self { url, heads }
    }

    /// The heads of the requests received so far.
    pub fn heads(&self) -> Vec<String> {
        self.heads.lock().expect("spy lock").clone()
    }

    /// True if any request carried an `Authorization` header or `token`.
    pub fn saw(&self, token: &str) -> bool {
        self.heads().iter().any(|head| {
            head.contains(token)
                || head
                    .lines()
                    .any(|l| l.to_ascii_lowercase().starts_with("authorization:"))
        })
    }
}
