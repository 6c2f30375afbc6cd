//! Processes: a `millectl server --dev` per test (killed on drop), replicas and
//! non-dev servers on the same database, the `millectl` command line beside them, and
//! what they leave behind to read (log lines, `/metrics`).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::{fresh_postgres_database, Api, Credentials, Db, UserCredentials};

/// A running server process; killed when dropped.
pub struct TestServer {
    child: Child,
    pub dir: tempfile::TempDir,
    pub url: String,
    pub creds: Credentials,
    /// The backend this server runs on.
    pub db: Db,
    pub database_url: Option<String>,
    pub log_path: PathBuf,
    pub client: reqwest::Client,
    /// The command line it was started with (for [`TestServer::restart`]).
    args: Vec<String>,
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
        let (child, log_path, creds) = spawn_dev(&args, dir.path()).await;
        Self {
            child,
            url: creds.server.clone(),
            creds,
            db: options.db,
            dir,
            database_url,
            log_path,
            client: reqwest::Client::new(),
            args,
        }
    }

    /// The server process's id (to signal it).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Wait for the process to exit by itself, up to `timeout`; `None` if it did not.
    pub async fn wait_for_exit(&mut self, timeout: Duration) -> Option<std::process::ExitStatus> {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if start.elapsed() > timeout {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// Start the same server again on the same directory and database, once the old
    /// process has exited (it is killed if it has not); its new address is `url`.
    pub async fn restart(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let (child, log_path, creds) = spawn_dev(&self.args, self.dir.path()).await;
        self.child = child;
        self.log_path = log_path;
        self.url = creds.server.clone();
        self.creds = creds;
    }
}

/// A dev server process, up once it says so (after writing `dev-credentials.json`,
/// which a restart finds there already).
async fn spawn_dev(args: &[String], dir: &Path) -> (Child, PathBuf, Credentials) {
    let (mut child, log_path) = spawn_logged(args, dir, "server");
    let creds_path = dir.join("dev-credentials.json");
    wait_for(
        "the dev server to be ready",
        Duration::from_secs(60),
        || {
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            if let Ok(Some(status)) = child.try_wait() {
                panic!("server exited early ({status}): {log}");
            }
            log.contains("millectl dev server ready at ")
        },
    )
    .await;
    let creds = Credentials::read(&creds_path);
    (child, log_path, creds)
}

impl TestServer {
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
        self.creds.user(millekod, login)
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
    // Text logs (a file would get JSON), which the tests read `key=value` by
    // `key=value`; the tests of the formats (`logs.rs`) say `--log-format`.
    let child = Command::new(bin())
        .args(args)
        .env("MILLECTL_LOG", "millectl=debug,tower_http=debug,info")
        .env("MILLECTL_LOG_FORMAT", "text")
        .env_remove("MILLECTL_CONFIG")
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

impl TestServer {
    /// A dev server on `db` with extra command-line arguments.
    pub async fn start_with_args(db: &Db, extra_args: &[&str]) -> Self {
        Self::start_with(ServerOptions {
            db: db.clone(),
            extra_args: extra_args.iter().map(|a| a.to_string()).collect(),
        })
        .await
    }
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

/// `millectl` with no server settings inherited from the environment.
pub fn millectl() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("millectl").expect("binary");
    for var in [
        "MILLECTL_LISTEN",
        "MILLECTL_DATABASE",
        "MILLECTL_PEPPER",
        "MILLECTL_PKCS11_PIN",
        "MILLECTL_SMS_WEBHOOK_URL",
        "MILLECTL_CONFIG",
        "MILLECTL_LOG_FORMAT",
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
}

/// The text without terminal colour codes (older servers coloured their log files).
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
