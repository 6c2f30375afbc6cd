//! Does the time of a login answer tell who exists? The median time of step 1 and of a
//! wrong step 2, per kind of login, side by side, against a real `millectl server
//! --dev` (SQLite, or PostgreSQL with `BENCH_DATABASE_URL`).
//!
//! `cargo bench --bench login_timing` sends `BENCH_SAMPLES` (default 100) requests per
//! kind, interleaved so that drift in the machine hits every kind alike; `cargo test`
//! runs it with 5 to keep it working. It prints figures and asserts nothing about
//! speed: on a shared 2-core machine the noise is a few milliseconds, and the reader
//! compares the columns. The kinds: an unknown login, an active SMS user, an active
//! token user, a blocked user and a user awaiting a first login. Step 2 sends a wrong
//! answer (what an attacker sends); a real user blocked by it is unblocked between
//! samples, untimed, and an unknown login is replaced once its decoy blocks.

// Shared with the other benchmarks; this one does not read the data directory.
#[allow(dead_code)]
#[path = "support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{env_usize, start_dev_server, wrong_answer, Server};

const KOD: &str = "12345678";

/// (label, login); `None` is a fresh unknown login.
const KINDS: [(&str, Option<&str>); 5] = [
    ("unknown login", None),
    ("active, SMS", Some("ewa")),
    ("active, token", Some("anna")),
    ("blocked", Some("jan")),
    ("first login", Some("piotr")),
];

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let samples = env_usize("BENCH_SAMPLES", if full { 100 } else { 5 });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(bench(samples));
}

struct Bench {
    client: reqwest::Client,
    base: String,
    token: String,
}

impl Bench {
    async fn post(&self, path: &str, body: Value, bearer: bool) -> (u16, Value, Duration) {
        let mut request = self.client.post(format!("{}{path}", self.base)).json(&body);
        if bearer {
            request = request.bearer_auth(&self.token);
        }
        let start = Instant::now();
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let body = response.json::<Value>().await.unwrap_or(Value::Null);
        (status, body, start.elapsed())
    }
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort_unstable();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

async fn bench(samples: usize) {
    // The SMS limits raised, and said so: a blocked SMS user is unblocked between
    // samples and needs a new code at once. The policy's path is the same either way.
    let server: Server =
        start_dev_server(&["--sms-min-interval-secs", "0", "--sms-per-hour", "100000"]).await;
    let bench = Bench {
        client: reqwest::Client::new(),
        base: server.url.clone(),
        token: server.creds["api_token"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    };
    let mut step1: Vec<Vec<Duration>> = vec![Vec::new(); KINDS.len()];
    let mut step2: Vec<Vec<Duration>> = vec![Vec::new(); KINDS.len()];
    let mut answers: Vec<std::collections::BTreeSet<String>> =
        vec![Default::default(); KINDS.len()];
    let mut unknown = 0usize;
    for _ in 0..samples {
        for (k, (_, login)) in KINDS.iter().enumerate() {
            let login = login
                .map(str::to_owned)
                .unwrap_or(format!("ghost{unknown}"));
            let (status, challenge, took) = bench
                .post(
                    "/v1/sessions",
                    json!({"millekod": KOD, "login": login}),
                    false,
                )
                .await;
            assert_eq!(status, 200, "{challenge}");
            step1[k].push(took);
            let id = challenge["challenge_id"].as_str().unwrap_or_default();
            let (status, problem, took) = bench
                .post(
                    &format!("/v1/sessions/{id}"),
                    wrong_answer(&challenge),
                    false,
                )
                .await;
            step2[k].push(took);
            answers[k].insert(format!(
                "{status} {}",
                problem["code"].as_str().unwrap_or("")
            ));
            // Keep every kind what it is, untimed: unblock a real user that blocked,
            // take another unknown login once this one's decoy blocked.
            if problem["attempts_left"] == 0 {
                match KINDS[k].1 {
                    Some(real) => {
                        let path = format!("/v1/companies/{KOD}/users/{real}/unblock");
                        let (status, body, _) = bench
                            .post(&path, json!({"mode": "current_password"}), true)
                            .await;
                        assert_eq!(status, 200, "{body}");
                    }
                    None => unknown += 1,
                }
            }
        }
    }
    println!(
        "database: {}, {samples} samples per kind (medians)",
        if std::env::var("BENCH_DATABASE_URL").is_ok() {
            "postgres"
        } else {
            "sqlite"
        }
    );
    println!(
        "{:<16} {:>12} {:>12}  step 2 answers",
        "kind", "step 1", "step 2"
    );
    for (k, (label, _)) in KINDS.iter().enumerate() {
        let answers: Vec<&str> = answers[k].iter().map(String::as_str).collect();
        println!(
            "{label:<16} {:>9.2} ms {:>9.2} ms  {}",
            median(&mut step1[k]).as_secs_f64() * 1e3,
            median(&mut step2[k]).as_secs_f64() * 1e3,
            answers.join(", ")
        );
    }
}
