//! What anonymous logins cost everyone else (issue 12, item 2): `BENCH_CLIENTS`
//! (default 64) anonymous clients loop step 1 + a wrong step 2 on unknown logins — one
//! Argon2id each — for `BENCH_SECONDS` (default 20), while a prober times
//! `GET /v1/health` and `GET /v1/companies/…/users/ewa` (an operator's API token)
//! every 50 ms, and the server's memory is read from `/proc/PID/status`.
//!
//! `cargo bench --bench login_overload` prints the probes' p50 / p99 / max, the answers
//! the clients got, and the server's resident memory: idle, peak (`VmHWM`) and 5 s
//! after the load stopped. It asserts nothing about speed (a shared 2-core machine);
//! `cargo test` runs it for 2 s with 4 clients to keep it working. Extra server flags
//! go in `BENCH_SERVER_ARGS` (space-separated), e.g. per-source limits raised so that
//! one address can drive the load at all.

#[allow(dead_code)]
#[path = "support/mod.rs"]
mod support;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{env_usize, start_dev_server, wrong_answer};

const KOD: &str = "12345678";

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let clients = env_usize("BENCH_CLIENTS", if full { 64 } else { 4 });
    let seconds = env_usize("BENCH_SECONDS", if full { 20 } else { 2 });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(bench(clients, Duration::from_secs(seconds as u64)));
}

/// Kilobytes of `field` (`VmRSS`, `VmHWM`) of a process; 0 where /proc has none.
fn memory_kib(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn percentiles(label: &str, samples: &mut [Duration]) {
    if samples.is_empty() {
        println!("{label:<28} no samples");
        return;
    }
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "{label:<28} n={:<5} p50={:>8.1?} p99={:>8.1?} max={:>8.1?}",
        samples.len(),
        at(0.5),
        at(0.99),
        samples[samples.len() - 1]
    );
}

/// Probe health and a user's details for `length`; returns their answer times.
async fn probe(
    base: &str,
    token: &str,
    length: Duration,
) -> (Vec<Duration>, Vec<Duration>, BTreeMap<u16, usize>) {
    // Connections of its own, as a load balancer's health check would have.
    let client = reqwest::Client::new();
    let (mut health, mut show, mut statuses) = (Vec::new(), Vec::new(), BTreeMap::new());
    let end = Instant::now() + length;
    while Instant::now() < end {
        let start = Instant::now();
        let answer = client.get(format!("{base}/v1/health")).send().await;
        health.push(start.elapsed());
        let status = answer.map(|a| a.status().as_u16()).unwrap_or(0);
        *statuses.entry(status).or_default() += 1;
        let start = Instant::now();
        let answer = client
            .get(format!("{base}/v1/companies/{KOD}/users/ewa"))
            .bearer_auth(token)
            .send()
            .await;
        show.push(start.elapsed());
        let status = answer.map(|a| a.status().as_u16()).unwrap_or(0);
        *statuses.entry(status).or_default() += 1;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    (health, show, statuses)
}

async fn bench(clients: usize, length: Duration) {
    let extra = std::env::var("BENCH_SERVER_ARGS").unwrap_or_default();
    let extra: Vec<&str> = extra.split_whitespace().collect();
    let server = start_dev_server(&extra).await;
    let pid = server.pid();
    let token = server.creds["api_token"].as_str().unwrap_or_default();
    println!("{clients} anonymous clients for {length:?}, server flags {extra:?}");

    let (health, show, _) = probe(&server.url, token, Duration::from_secs(2)).await;
    println!("idle: VmRSS {} MiB", memory_kib(pid, "VmRSS") / 1024);
    percentiles("idle health", &mut health.clone());
    percentiles("idle user show", &mut show.clone());

    let answers: Arc<Mutex<BTreeMap<String, usize>>> = Arc::default();
    let end = Instant::now() + length;
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (base, answers) = (server.url.clone(), answers.clone());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            while Instant::now() < end {
                let login = format!("ghost-{}", &uuid::Uuid::new_v4().simple().to_string()[..16]);
                let tally = |what: String| *answers.lock().unwrap().entry(what).or_default() += 1;
                let Ok(started) = client
                    .post(format!("{base}/v1/sessions"))
                    .json(&json!({"millekod": KOD, "login": login}))
                    .send()
                    .await
                else {
                    tally("step 1: no answer".into());
                    continue;
                };
                let status = started.status().as_u16();
                let challenge: Value = started.json().await.unwrap_or(Value::Null);
                let Some(id) = challenge["challenge_id"].as_str() else {
                    tally(format!("step 1: {status}"));
                    // Refused (a per-source limit): wait as told, roughly.
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    continue;
                };
                let wrong = wrong_answer(&challenge);
                let answer = client
                    .post(format!("{base}/v1/sessions/{id}"))
                    .json(&wrong)
                    .send()
                    .await;
                match answer {
                    Ok(answer) => tally(format!("step 2: {}", answer.status().as_u16())),
                    Err(_) => tally("step 2: no answer".into()),
                }
            }
        }));
    }
    let sampler = tokio::spawn(async move {
        let mut peak = 0;
        while Instant::now() < end {
            peak = peak.max(memory_kib(pid, "VmRSS"));
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        peak
    });
    let (mut health, mut show, statuses) = probe(&server.url, token, length).await;
    for task in tasks {
        let _ = task.await;
    }
    let sampled_peak = sampler.await.unwrap_or(0);
    percentiles("loaded health", &mut health);
    percentiles("loaded user show", &mut show);
    println!("probe statuses: {statuses:?}");
    println!("client answers: {:?}", answers.lock().unwrap());
    tokio::time::sleep(Duration::from_secs(5)).await;
    println!(
        "memory: peak VmHWM {} MiB (sampled VmRSS peak {} MiB), VmRSS 5 s after the load {} MiB",
        memory_kib(pid, "VmHWM") / 1024,
        sampled_peak / 1024,
        memory_kib(pid, "VmRSS") / 1024
    );
}
