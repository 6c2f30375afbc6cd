//! Under attack, does it keep serving? (issue 12). Each attack runs for a fixed time with
//! a fixed number of clients against a fresh release `millectl server --dev` (SQLite, or
//! PostgreSQL with `BENCH_DATABASE_URL`) with its default limits, **while** a steady
//! legitimate workload runs beside it, and the bench prints one row per run:
//!
//! - SMS sent per minute (login codes in the dev outbox over the run);
//! - legitimate logins (a synthetic SMS user every 500 ms: start, code from the outbox,
//!   masked characters): success rate, p50 and p99 of step 1 + step 2;
//! - health p99 (`GET /v1/health` every 50 ms, on the API's listener and on the
//!   management listener) and admin p99 (`user show` every 200 ms and an unblock every
//!   2 s, by the dev API token; a failed probe counts as 10 s);
//! - the server's peak RSS, its most open descriptors, the database size before and
//!   after.
//!
//! The attacks: `sms-pump` (starts for 20 known SMS users and unknown logins, in a
//! loop), `argon2` (starts and wrong step-2 answers for unknown logins), `slow` (TCP
//! connections that send half a request line and hold it, 16 per client), `starts`
//! (starts for a new unknown login each time: table growth). Every attack client has a
//! source address of its own (127.1.x.y; all of 127/8 is loopback on Linux), as a
//! botnet would, so per-source limits do not simply turn one attacker away; each
//! legitimate user logs in from an address of their own (127.2.x.y), the operator's
//! probes come from 127.0.0.1.
//!
//! `cargo bench --bench attack` (about 8 runs × `BENCH_SECONDS`, default 20 s). Knobs:
//! `BENCH_SECONDS`, `BENCH_CLIENTS` (comma-separated, default `64,256`),
//! `BENCH_ATTACKS` (comma-separated names), `BENCH_SOURCES=one` (every attack client
//! from one address, as from one machine), `BENCH_TABLE_EVERY=SECS` (print the rows of
//! the login tables and the pages in use every SECS: run `starts` for 10 minutes to see
//! the database level off once the first challenges expire and are swept). It asserts nothing: the reader compares
//! the table with the targets in README.

#[allow(dead_code)]
#[path = "support/mod.rs"]
mod support;

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{env_usize, start_dev_server, wrong_answer, Server};
use tokio::io::AsyncWriteExt;

const KOD: &str = "12345678";
/// Synthetic users: the legitimate workload logs in the first ones, the SMS pump
/// targets some of the last.
const SEED_USERS: usize = 2000;

fn main() {
    let seconds = env_usize("BENCH_SECONDS", 20) as u64;
    let clients: Vec<usize> = std::env::var("BENCH_CLIENTS")
        .unwrap_or_else(|_| "64,256".into())
        .split(',')
        .filter_map(|c| c.trim().parse().ok())
        .collect();
    let attacks: Vec<String> = std::env::var("BENCH_ATTACKS")
        .unwrap_or_else(|_| "sms-pump,argon2,slow,starts".into())
        .split(',')
        .map(|a| a.trim().to_owned())
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let mut rows = Vec::new();
        for attack in &attacks {
            for &n in &clients {
                rows.push(run(attack, n, Duration::from_secs(seconds)).await);
                print_table(&rows);
            }
        }
    });
}

/// One row of the table.
struct Row {
    attack: String,
    clients: usize,
    sms_per_minute: f64,
    legit_ok: f64,
    legit_p50: Duration,
    legit_p99: Duration,
    health_p99: Duration,
    management_p99: Duration,
    admin_p99: Duration,
    peak_rss_mb: f64,
    max_fds: u64,
    db_before_mb: f64,
    db_after_mb: f64,
    wal_after_mb: f64,
    attack_answers: BTreeMap<String, u64>,
}

fn print_table(rows: &[Row]) {
    println!();
    println!(
        "attack clients from {}",
        if one_source() {
            "one address (127.1.0.1)"
        } else {
            "an address each (127.1.x.y)"
        }
    );
    println!(
        "{:<9} {:>7} {:>8} {:>8} {:>9} {:>9} {:>10} {:>8} {:>9} {:>8} {:>6} {:>13} {:>7}  attack answers",
        "attack",
        "clients",
        "SMS/min",
        "legit ok",
        "legit p50",
        "legit p99",
        "health p99",
        "mgmt p99",
        "admin p99",
        "peak RSS",
        "fds",
        "DB MB",
        "WAL MB"
    );
    for r in rows {
        println!(
            "{:<9} {:>7} {:>8.1} {:>7.1}% {:>9} {:>9} {:>10} {:>8} {:>9} {:>6.0}MB {:>6} {:>5.1} → {:<5.1} {:>7.1}  {}",
            r.attack,
            r.clients,
            r.sms_per_minute,
            r.legit_ok * 100.0,
            ms(r.legit_p50),
            ms(r.legit_p99),
            ms(r.health_p99),
            ms(r.management_p99),
            ms(r.admin_p99),
            r.peak_rss_mb,
            r.max_fds,
            r.db_before_mb,
            r.db_after_mb,
            r.wal_after_mb,
            r.attack_answers
                .iter()
                .map(|(k, v)| format!("{k}:{v}"))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    if samples.is_empty() {
        return Duration::ZERO;
    }
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i.min(samples.len() - 1)]
}

/// The `i`th attack client's source address: its own 127.1.x.y (a botnet), or
/// 127.1.0.1 for every client with `BENCH_SOURCES=one` (one attacking machine).
fn source(i: usize) -> IpAddr {
    if one_source() {
        return IpAddr::V4(Ipv4Addr::new(127, 1, 0, 1));
    }
    IpAddr::V4(Ipv4Addr::new(127, 1, (i / 250) as u8, (i % 250 + 1) as u8))
}

fn one_source() -> bool {
    std::env::var("BENCH_SOURCES").is_ok_and(|v| v == "one")
}

fn client_from(address: IpAddr) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(address)
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client")
}

/// The server process's resident set (now, peak) in MB and open descriptors.
fn process_figures(pid: u32) -> (f64, f64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb = |key: &str| -> f64 {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|d| d.count() as u64)
        .unwrap_or(0);
    (kb("VmRSS:") / 1024.0, kb("VmHWM:") / 1024.0, fds)
}

/// The SQLite database file and its WAL, in MB (0 on PostgreSQL). The WAL is reused,
/// not shrunk, once checkpointed: its size is a high-water mark (about 40 MB at most,
/// see `src/store/sql.rs`), the file's is what the data takes.
fn db_size_mb(server: &Server) -> (f64, f64) {
    let size = |name: &str| {
        std::fs::metadata(server.dir.path().join(name))
            .map(|m| m.len() as f64 / 1_048_576.0)
            .unwrap_or(0.0)
    };
    (size("millectl.db"), size("millectl.db-wal"))
}

/// Rows of the tables a stream of starts writes, and the pages the database uses (its
/// file and WAL together, less the free ones): is the database flat?
fn print_tables(server: &Server, at: Duration) {
    let path = server.dir.path().join("millectl.db");
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    let Ok(conn) = rusqlite::Connection::open_with_flags(&path, flags) else {
        return;
    };
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |row| row.get(0)).unwrap_or(-1) };
    let used_mb = (count("PRAGMA page_count") - count("PRAGMA freelist_count")) as f64
        * count("PRAGMA page_size") as f64
        / 1_048_576.0;
    println!(
        "  t={:>4}s  challenges {:>7}  login_starts {:>7}  decoy_attempts {:>7}  pages in use {:>6.1} MB",
        at.as_secs(),
        count("SELECT COUNT(*) FROM challenges"),
        count("SELECT COUNT(*) FROM login_starts"),
        count("SELECT COUNT(*) FROM decoy_attempts"),
        used_mb
    );
}

fn login_codes(server: &Server) -> Vec<Value> {
    std::fs::read_to_string(server.dir.path().join("sms-outbox.jsonl"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|e| e["kind"] == "login_code")
        .collect()
}

/// The characters of `password` at the asked positions.
fn chars_for(challenge: &Value, password: &str) -> Value {
    let chars: Vec<char> = password.chars().collect();
    let map: serde_json::Map<String, Value> = challenge["password_positions"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .filter_map(|p| p.as_u64())
                .map(|p| {
                    let c = chars.get(p as usize - 1).copied().unwrap_or('#');
                    (p.to_string(), json!(c.to_string()))
                })
                .collect()
        })
        .unwrap_or_default();
    Value::Object(map)
}

fn synthetic(n: usize) -> (String, String, String) {
    let login = format!("u{n:06}");
    let millekod = format!("{}", 20_000_000 + (n - 1) / 100);
    let password = format!("{login}Pass1");
    (millekod, login, password)
}

/// One legitimate login: step 1, the code from the outbox, step 2. `Some(time of the
/// two requests)` on success.
async fn legit_login(
    client: &reqwest::Client,
    base: &str,
    server_dir: &std::path::Path,
    n: usize,
) -> Option<Duration> {
    let (millekod, login, password) = synthetic(n);
    let started = Instant::now();
    let response = client
        .post(format!("{base}/v1/sessions"))
        .json(&json!({"millekod": millekod, "login": login}))
        .send()
        .await
        .ok()?;
    let step1 = started.elapsed();
    if !response.status().is_success() {
        return None;
    }
    let challenge: Value = response.json().await.ok()?;
    let reference = challenge["sms_reference"].as_str()?.to_owned();
    let outbox = server_dir.join("sms-outbox.jsonl");
    let waiting = Instant::now();
    let code = loop {
        let text = tokio::fs::read_to_string(&outbox).await.unwrap_or_default();
        let code = text
            .lines()
            .rev()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .find(|e| e["reference"] == reference.as_str())
            .and_then(|e| e["code"].as_str().map(str::to_owned));
        if let Some(code) = code {
            break code;
        }
        if waiting.elapsed() > Duration::from_secs(10) {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let id = challenge["challenge_id"].as_str()?;
    let started = Instant::now();
    let response = client
        .post(format!("{base}/v1/sessions/{id}"))
        .json(&json!({"password_chars": chars_for(&challenge, &password), "otp": code}))
        .send()
        .await
        .ok()?;
    let step2 = started.elapsed();
    response.status().is_success().then_some(step1 + step2)
}

async fn run(attack: &str, clients: usize, length: Duration) -> Row {
    let server = start_dev_server(&["--seed-users", &SEED_USERS.to_string()]).await;
    let base = server.url.clone();
    let token = server.creds["api_token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let pid = server.pid();
    let (db_before_mb, _) = db_size_mb(&server);
    let codes_before = login_codes(&server).len();
    let stop = Arc::new(AtomicBool::new(false));
    let answers: Arc<Mutex<BTreeMap<String, u64>>> = Arc::default();
    let count = |answers: &Arc<Mutex<BTreeMap<String, u64>>>, key: String| {
        if let Ok(mut map) = answers.lock() {
            *map.entry(key).or_insert(0) += 1;
        }
    };

    // The attack.
    let mut attackers = tokio::task::JoinSet::new();
    let serial = Arc::new(AtomicU64::new(0));
    for i in 0..clients {
        let (base, stop, answers, serial) =
            (base.clone(), stop.clone(), answers.clone(), serial.clone());
        let attack = attack.to_owned();
        attackers.spawn(async move {
            let client = client_from(source(i));
            while !stop.load(Ordering::Relaxed) {
                match attack.as_str() {
                    "sms-pump" => {
                        let n = serial.fetch_add(1, Ordering::Relaxed) as usize;
                        let body = match n % 3 {
                            0 => json!({"millekod": KOD, "login": "ewa"}),
                            1 => {
                                let (millekod, login, _) = synthetic(SEED_USERS - n % 19);
                                json!({"millekod": millekod, "login": login})
                            }
                            _ => json!({"millekod": KOD, "login": format!("nobody{}", n % 50)}),
                        };
                        let status = match client
                            .post(format!("{base}/v1/sessions"))
                            .json(&body)
                            .send()
                            .await
                        {
                            Ok(r) => r.status().as_u16().to_string(),
                            Err(_) => "error".into(),
                        };
                        count(&answers, status);
                    }
                    "argon2" | "starts" => {
                        let n = serial.fetch_add(1, Ordering::Relaxed);
                        let body = json!({"millekod": KOD, "login": format!("ghost{n}")});
                        let response = client
                            .post(format!("{base}/v1/sessions"))
                            .json(&body)
                            .send()
                            .await;
                        let Ok(response) = response else {
                            count(&answers, "error".into());
                            continue;
                        };
                        if !response.status().is_success() || attack == "starts" {
                            count(&answers, response.status().as_u16().to_string());
                            continue;
                        }
                        let Ok(challenge) = response.json::<Value>().await else {
                            continue;
                        };
                        let id = challenge["challenge_id"].as_str().unwrap_or_default();
                        let status = match client
                            .post(format!("{base}/v1/sessions/{id}"))
                            .json(&wrong_answer(&challenge))
                            .send()
                            .await
                        {
                            Ok(r) => r.status().as_u16().to_string(),
                            Err(_) => "error".into(),
                        };
                        count(&answers, status);
                    }
                    "slow" => {
                        // 16 connections that send half a request line, held open;
                        // reopened when the server closes them.
                        let addr: std::net::SocketAddr =
                            base.trim_start_matches("http://").parse().expect("address");
                        let mut held = Vec::new();
                        for _ in 0..16 {
                            let Ok(socket) = tokio::net::TcpSocket::new_v4() else {
                                break;
                            };
                            if socket.bind((source(i), 0).into()).is_err() {
                                break;
                            }
                            match socket.connect(addr).await {
                                Ok(mut stream) => {
                                    let _ = stream.write_all(b"POST /v1/sessions HTT").await;
                                    count(&answers, "held".into());
                                    held.push(stream);
                                }
                                Err(_) => count(&answers, "refused".into()),
                            }
                        }
                        // Hold until the server closes them (or the run ends).
                        let mut buf = [0u8; 64];
                        for mut stream in held {
                            use tokio::io::AsyncReadExt;
                            let closed = tokio::select! {
                                r = stream.read(&mut buf) => r.map(|n| n == 0).unwrap_or(true),
                                () = async {
                                    while !stop.load(Ordering::Relaxed) {
                                        tokio::time::sleep(Duration::from_millis(100)).await;
                                    }
                                } => false,
                            };
                            if closed {
                                count(&answers, "closed by server".into());
                            }
                        }
                    }
                    other => panic!("unknown attack {other}"),
                }
            }
        });
    }

    // The legitimate workload and the probes.
    let local = client_from(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let legit: Arc<Mutex<(u64, u64, Vec<Duration>)>> = Arc::default();
    let health: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let management: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let admin: Arc<Mutex<Vec<Duration>>> = Arc::default();
    let mut probes = tokio::task::JoinSet::new();
    {
        let (base, stop, legit) = (base.clone(), stop.clone(), legit.clone());
        let dir = server.dir.path().to_owned();
        probes.spawn(async move {
            let mut n = 0;
            let mut logins = tokio::task::JoinSet::new();
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let (base, dir, legit) = (base.clone(), dir.clone(), legit.clone());
                logins.spawn(async move {
                    // Each user from an address of their own, as people at their desks.
                    let client = client_from(IpAddr::V4(Ipv4Addr::new(
                        127,
                        2,
                        (n / 250) as u8,
                        (n % 250 + 1) as u8,
                    )));
                    let outcome = legit_login(&client, &base, &dir, n).await;
                    if let Ok(mut l) = legit.lock() {
                        l.0 += 1;
                        if let Some(took) = outcome {
                            l.1 += 1;
                            l.2.push(took);
                        }
                    }
                });
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            logins.join_all().await;
        });
    }
    let management_url = server.creds["management"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    for (url, samples) in [
        (base.clone(), health.clone()),
        (management_url, management.clone()),
    ] {
        let (local, stop, health) = (local.clone(), stop.clone(), samples);
        let base = url;
        probes.spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let started = Instant::now();
                let ok = local
                    .get(format!("{base}/v1/health"))
                    .send()
                    .await
                    .is_ok_and(|r| r.status().is_success());
                // A failed probe counts as the client's whole timeout.
                let took = if ok {
                    started.elapsed()
                } else {
                    Duration::from_secs(10)
                };
                if let Ok(mut h) = health.lock() {
                    h.push(took);
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        });
    }
    {
        let (local, base, stop, admin, token) = (
            local.clone(),
            base.clone(),
            stop.clone(),
            admin.clone(),
            token.clone(),
        );
        probes.spawn(async move {
            let mut i = 0u64;
            while !stop.load(Ordering::Relaxed) {
                i += 1;
                let started = Instant::now();
                let request = if i.is_multiple_of(10) {
                    local
                        .post(format!("{base}/v1/companies/{KOD}/users/jan/unblock"))
                        .json(&json!({"mode": "current_password", "reason": "bench"}))
                } else {
                    local.get(format!("{base}/v1/companies/{KOD}/users/ewa"))
                };
                let ok = request
                    .bearer_auth(&token)
                    .send()
                    .await
                    .is_ok_and(|r| r.status().as_u16() < 500);
                let took = if ok {
                    started.elapsed()
                } else {
                    Duration::from_secs(10)
                };
                if let Ok(mut a) = admin.lock() {
                    a.push(took);
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        });
    }

    // Run, sampling the process (and, with `BENCH_TABLE_EVERY=SECS`, the tables).
    let started = Instant::now();
    let mut max_fds = 0;
    let every = Duration::from_secs(env_usize("BENCH_TABLE_EVERY", 0) as u64);
    let mut next_table = started + every;
    while started.elapsed() < length {
        let (_, _, fds) = process_figures(pid);
        max_fds = max_fds.max(fds);
        if !every.is_zero() && Instant::now() >= next_table {
            next_table += every;
            print_tables(&server, started.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    stop.store(true, Ordering::Relaxed);
    let minutes = started.elapsed().as_secs_f64() / 60.0;
    let (_, peak_rss_mb, _) = process_figures(pid);
    // Attackers parked on a held connection see the stop within 100 ms.
    let _ = tokio::time::timeout(Duration::from_secs(15), attackers.join_all()).await;
    let _ = tokio::time::timeout(Duration::from_secs(15), probes.join_all()).await;
    let sms_per_minute = (login_codes(&server).len() - codes_before) as f64 / minutes;
    let (db_after_mb, wal_after_mb) = db_size_mb(&server);

    let (tried, ok, mut times) = legit.lock().map(|l| l.clone()).unwrap_or_default();
    let mut health = health.lock().map(|h| h.clone()).unwrap_or_default();
    let mut management = management.lock().map(|h| h.clone()).unwrap_or_default();
    let mut admin = admin.lock().map(|a| a.clone()).unwrap_or_default();
    Row {
        attack: attack.to_owned(),
        clients,
        sms_per_minute,
        legit_ok: if tried == 0 {
            0.0
        } else {
            ok as f64 / tried as f64
        },
        legit_p50: percentile(&mut times, 0.5),
        legit_p99: percentile(&mut times, 0.99),
        health_p99: percentile(&mut health, 0.99),
        management_p99: percentile(&mut management, 0.99),
        admin_p99: percentile(&mut admin, 0.99),
        peak_rss_mb,
        max_fds,
        db_before_mb,
        db_after_mb,
        wal_after_mb,
        attack_answers: answers.lock().map(|a| a.clone()).unwrap_or_default(),
    }
}
