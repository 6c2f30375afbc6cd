//! What the benchmarks share: a real `millectl server --dev` on 127.0.0.1 (SQLite, or
//! PostgreSQL with `BENCH_DATABASE_URL`), quiet, killed when dropped.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub struct Server {
    child: Child,
    pub url: String,
    pub creds: Value,
    pub dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// The server's process id (for /proc figures).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

pub fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `millectl server --dev` with `extra` arguments; waits for its credentials file.
pub async fn start_dev_server(extra: &[&str]) -> Server {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut command = Command::new(env!("CARGO_BIN_EXE_millectl"));
    command
        .args(["server", "--dev"])
        .args(extra)
        .args(["--listen", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path())
        .env("MILLECTL_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    if let Ok(url) = std::env::var("BENCH_DATABASE_URL") {
        command.args(["--database", &url]);
    }
    let child = command.spawn().expect("spawn millectl");
    let creds_path = dir.path().join("dev-credentials.json");
    let start = Instant::now();
    while !creds_path.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "server did not start"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let creds: Value =
        serde_json::from_str(&std::fs::read_to_string(&creds_path).expect("creds")).expect("json");
    println!("server ready in {:?}", start.elapsed());
    Server {
        child,
        url: creds["server"].as_str().unwrap_or_default().to_owned(),
        creds,
        dir,
    }
}

/// A wrong answer of the right shape for the challenge: what an attacker sends.
pub fn wrong_answer(challenge: &Value) -> Value {
    match challenge["password_positions"].as_array() {
        Some(positions) => {
            let chars: serde_json::Map<String, Value> = positions
                .iter()
                .map(|p| (p.to_string(), json!("#")))
                .collect();
            json!({"password_chars": chars, "otp": "000000"})
        }
        None if challenge["flow"] == "login" => {
            json!({"password": "Wrong-password-1", "otp": "000000"})
        }
        None => json!({
            "otp": "000000",
            "temporary_password": "wrong-temporary",
            "new_password": "Never-used-password-1",
        }),
    }
}
