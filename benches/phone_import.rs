//! `millectl phone import` end to end, next to the two references of issue 5, all in one
//! run and on the same machine:
//!
//! 1. **import**: a dev server seeded with N synthetic users (`--seed-users N`); a CSV
//!    moving every one of them to a new number; `millectl phone import FILE --yes`.
//!    Reports rows/s from process start to exit, and the peak memory (RSS) of the CLI
//!    and of the server. Run several times (each run moves everyone to new numbers),
//!    and the median run is reported.
//! 2. **single requests**: the same N users moved again through
//!    `PUT /v1/companies/{m}/users/{l}/phone`, one request a row (what `phone set` sends)
//!    with as many in flight as the import has chunks in flight.
//! 3. **raw database**: the server stopped, the same N users moved again straight in the
//!    database, doing per chunk the work the server does per chunk
//!    (`src/store/phone_batch.rs`): the idempotency key's row, each user's old number
//!    read and the new one written, the old number told (`sms_notices`), the user's
//!    challenges and sessions ended, an audit record naming old and new number, the
//!    key's answer stored and expired keys swept, in one transaction a chunk. Each by the
//!    database's fastest means: SQLite through its C library (rusqlite), prepared
//!    statements row by row, with the server's pragmas and background WAL checkpoints;
//!    PostgreSQL through sqlx's own driver, one set-wise statement a chunk (the rows as
//!    `unnest` arrays), as many chunks in flight as the import has. The database's
//!    limit, without our server. Also run several times, each run to numbers the users
//!    do not have yet; median reported.
//!
//! Also the memory of `phone import --check` on a much longer file (1,000,000 rows by
//! default): the file is streamed, so it should stay small whatever the length.
//!
//! `cargo bench --bench phone_import` runs it with 100,000 users on SQLite, and on
//! PostgreSQL too when `BENCH_DATABASE_URL` is set (an admin URL: a fresh database is
//! created and dropped). Under `cargo test` (CI) it runs small — 2,000 users, on
//! PostgreSQL when `TEST_DATABASE_URL` is set — and checks its results. It asserts
//! nothing about speed. Knobs: `BENCH_ROWS`, `BENCH_CONCURRENCY` (chunks in flight,
//! default 2, the CLI's default), `BENCH_CHUNK` (rows a chunk, default 2000, the CLI's default),
//! `BENCH_RUNS` (runs of the import and of the raw reference, default 3; 2 under test),
//! `BENCH_CHECK_ROWS`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

// The raw database references (3. above), one per database.
#[path = "phone_import/raw.rs"]
mod raw;

struct Settings {
    rows: u64,
    concurrency: usize,
    chunk: usize,
    runs: usize,
    check_rows: u64,
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let settings = Settings {
        rows: env_number("BENCH_ROWS", if full { 100_000 } else { 2_000 }),
        concurrency: env_number("BENCH_CONCURRENCY", 2) as usize,
        chunk: env_number("BENCH_CHUNK", 2000) as usize,
        runs: env_number("BENCH_RUNS", if full { 3 } else { 2 }).max(1) as usize,
        check_rows: env_number("BENCH_CHECK_ROWS", if full { 1_000_000 } else { 20_000 }),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let admin_url = std::env::var(if full {
        "BENCH_DATABASE_URL"
    } else {
        "TEST_DATABASE_URL"
    })
    .ok()
    .filter(|u| !u.is_empty());

    let mut results = vec![runtime.block_on(run_backend(&settings, None))];
    if let Some(admin) = admin_url {
        let (url, name) = runtime.block_on(create_pg_database(&admin));
        results.push(runtime.block_on(run_backend(&settings, Some(&url))));
        runtime.block_on(drop_pg_database(&admin, &name));
    }
    let check = check_memory(settings.check_rows);

    println!();
    println!(
        "phone import of {} rows, {} chunks of {} in flight, median of {} runs ({} build)",
        settings.rows,
        settings.concurrency,
        settings.chunk,
        settings.runs,
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    println!(
        "{:<11} {:>8} {:>12} {:>10} {:>12} {:>14} {:>12} {:>9} {:>9}",
        "database",
        "seed s",
        "import/s",
        "CLI MiB",
        "server MiB",
        "single req/s",
        "raw DB/s",
        "x single",
        "raw / imp"
    );
    for r in &results {
        println!(
            "{:<11} {:>8.1} {:>12.0} {:>10.1} {:>12.1} {:>14.0} {:>12.0} {:>9.1} {:>9.2}",
            r.backend,
            r.seed.as_secs_f64(),
            r.import_rate,
            r.cli_peak_kib as f64 / 1024.0,
            r.server_peak_kib as f64 / 1024.0,
            r.single_rate,
            r.raw_rate,
            r.import_rate / r.single_rate,
            r.raw_rate / r.import_rate,
        );
    }
    for r in &results {
        println!(
            "{:<11} runs: import {} rows/s; raw DB {} rows/s",
            r.backend,
            rates(&r.import_runs),
            rates(&r.raw_runs)
        );
    }
    println!(
        "phone import --check of {} rows: {:.1} s, CLI peak {:.1} MiB",
        settings.check_rows,
        check.0.as_secs_f64(),
        check.1 as f64 / 1024.0
    );
}

struct Measured {
    backend: &'static str,
    seed: Duration,
    import_rate: f64,
    cli_peak_kib: u64,
    server_peak_kib: u64,
    single_rate: f64,
    raw_rate: f64,
    import_runs: Vec<f64>,
    raw_runs: Vec<f64>,
}

/// The middle of `runs` (the upper middle of an even count).
fn median(runs: &[f64]) -> f64 {
    let mut sorted = runs.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

fn rates(runs: &[f64]) -> String {
    let each: Vec<String> = runs.iter().map(|r| format!("{r:.0}")).collect();
    each.join(", ")
}

struct Server {
    child: Child,
    url: String,
    token: String,
    dir: tempfile::TempDir,
}

impl Server {
    /// Stop it; its directory (and SQLite file) stays until it is dropped.
    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A dev server seeded with `rows` synthetic users; returns it and the seeding time.
fn start_server(rows: u64, database: Option<&str>) -> (Server, Duration) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut command = Command::new(env!("CARGO_BIN_EXE_millectl"));
    command
        .args(["server", "--dev", "--listen", "127.0.0.1:0", "--seed-users"])
        .arg(rows.to_string())
        .arg("--data-dir")
        .arg(dir.path())
        .env("MILLECTL_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    if let Some(url) = database {
        command.args(["--database", url]);
    }
    let started = Instant::now();
    let mut child = command.spawn().expect("spawn millectl server");
    let creds_path = dir.path().join("dev-credentials.json");
    while !creds_path.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(600),
            "server did not start"
        );
        if let Ok(Some(status)) = child.try_wait() {
            panic!("server exited: {status}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let seed = started.elapsed();
    let creds: Value =
        serde_json::from_str(&std::fs::read_to_string(&creds_path).expect("creds")).expect("json");
    let server = Server {
        child,
        url: creds["server"].as_str().expect("server").to_owned(),
        token: creds["api_token"].as_str().expect("token").to_owned(),
        dir,
    };
    (server, seed)
}

fn millekod(n: u64) -> u64 {
    20_000_000 + (n - 1) / 100
}

/// Polish mobile prefixes (`+48 60…`, …) the import runs move users to, in turn; seeding
/// gave them `+48 50…`, the single requests `+48 51…`.
const MOBILE_PREFIXES: [u64; 6] = [60, 66, 69, 72, 78, 79];

/// The prefixes the raw reference's runs move users to, in turn. Every run must write
/// numbers the users do not have: SQLite skips writing a row whose new record is
/// byte for byte the old one, so a run repeating the previous run's values would
/// measure less work than an import does.
const RAW_PREFIXES: [u64; 4] = [53, 57, 73, 88];

/// The CSV moving users 1..=rows to `+48 <prefix> nnnnnnn`.
fn write_moves(path: &Path, rows: u64, prefix: u64) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("csv"));
    writeln!(out, "millekod;login;phone").expect("write");
    for n in 1..=rows {
        writeln!(
            out,
            "{};u{n:06};+48{}",
            millekod(n),
            prefix * 10_000_000 + n
        )
        .expect("write");
    }
    out.flush().expect("flush");
}

/// Run a command to its end; returns its stdout, the time and its peak RSS in KiB.
// The child is reaped by `wait4`, which also reports its resource usage.
#[allow(clippy::zombie_processes)]
fn run_measured(mut command: Command) -> (String, Duration, u64) {
    let started = Instant::now();
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut stdout = child.stdout.expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).expect("read stdout");
        text
    });
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 writes it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not waited for yet; both pointers are valid.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4");
    let elapsed = started.elapsed();
    let text = reader.join().expect("stdout thread");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{command:?} failed: {text}"
    );
    (text, elapsed, usage.ru_maxrss as u64)
}

/// Peak RSS of a running process, from /proc (VmHWM).
fn peak_rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn import_command(server: &Server, csv: &Path, settings: &Settings, extra: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_millectl"));
    command
        .env("MILLECTL_TOKEN", &server.token)
        .env("MILLECTL_CONFIG_DIR", server.dir.path().join("cli"))
        .env("MILLECTL_CREDENTIAL_STORE", "file")
        .args(["--server", &server.url, "-o", "json", "phone", "import"])
        .arg(csv)
        .args(["--yes", "--concurrency"])
        .arg(settings.concurrency.to_string())
        .arg("--chunk-size")
        .arg(settings.chunk.to_string())
        .args(extra);
    command
}

async fn run_backend(settings: &Settings, database: Option<&str>) -> Measured {
    let backend = if database.is_some() {
        "postgresql"
    } else {
        "sqlite"
    };
    println!("== {backend}: seeding {} users", settings.rows);
    let (server, seed) = start_server(settings.rows, database);
    let csv = server.dir.path().join("moves.csv");
    let mut import_runs = Vec::new();
    let mut cli_peak_kib = 0;
    for run in 0..settings.runs {
        println!("== {backend}: phone import, run {}", run + 1);
        // Every run moves everyone to numbers they do not have.
        write_moves(
            &csv,
            settings.rows,
            MOBILE_PREFIXES[run % MOBILE_PREFIXES.len()],
        );
        let (out, elapsed, peak) = run_measured(import_command(&server, &csv, settings, &[]));
        let summary: Value = serde_json::from_str(&out).expect("summary");
        assert_eq!(summary["updated"], settings.rows, "{summary}");
        import_runs.push(settings.rows as f64 / elapsed.as_secs_f64());
        cli_peak_kib = cli_peak_kib.max(peak);
    }
    let server_peak_kib = peak_rss_kib(server.child.id());
    // The same file again: every row unchanged, nothing written.
    let (out, _, _) = run_measured(import_command(&server, &csv, settings, &[]));
    let again: Value = serde_json::from_str(&out).expect("summary");
    assert_eq!(again["unchanged"], settings.rows, "{again}");

    println!("== {backend}: single requests");
    let single_rate = single_requests(&server, settings).await;

    println!("== {backend}: raw database");
    let mut server = server;
    server.stop();
    let mut raw_runs = Vec::new();
    for run in 0..settings.runs {
        let prefix = RAW_PREFIXES[run % RAW_PREFIXES.len()];
        raw_runs.push(match database {
            Some(url) => raw::postgres(url, settings, prefix).await,
            None => raw::sqlite(&server.dir.path().join("millectl.db"), settings, prefix).await,
        });
    }
    Measured {
        backend,
        seed,
        import_rate: median(&import_runs),
        cli_peak_kib,
        server_peak_kib,
        single_rate,
        raw_rate: median(&raw_runs),
        import_runs,
        raw_runs,
    }
}

/// Every user moved to +48 51n nnn nnn, one `PUT …/phone` per row.
async fn single_requests(server: &Server, settings: &Settings) -> f64 {
    let client = reqwest::Client::new();
    let next = Arc::new(AtomicUsize::new(1));
    let started = Instant::now();
    let mut workers = Vec::new();
    for _ in 0..settings.concurrency {
        let (client, next) = (client.clone(), next.clone());
        let (url, token, rows) = (server.url.clone(), server.token.clone(), settings.rows);
        workers.push(tokio::spawn(async move {
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed) as u64;
                if n > rows {
                    break;
                }
                let response = client
                    .put(format!(
                        "{url}/v1/companies/{}/users/u{n:06}/phone",
                        millekod(n)
                    ))
                    .bearer_auth(&token)
                    .json(&json!({ "phone": format!("+48{}", 510_000_000 + n) }))
                    .send()
                    .await
                    .expect("PUT phone");
                assert_eq!(response.status(), 200, "{:?}", response.text().await);
            }
        }));
    }
    for worker in workers {
        worker.await.expect("worker");
    }
    settings.rows as f64 / started.elapsed().as_secs_f64()
}

/// Now, as the server stores times: every run writes a new `updated_at` too.
fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

async fn create_pg_database(admin: &str) -> (String, String) {
    use sqlx::Connection;
    let name = format!("millectl_bench_{}", uuid::Uuid::new_v4().simple());
    let mut conn = sqlx::PgConnection::connect(admin).await.expect("postgres");
    sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {name}").as_str())
        .await
        .expect("create database");
    let base = admin.rsplit_once('/').map_or(admin, |(base, _)| base);
    (format!("{base}/{name}"), name)
}

async fn drop_pg_database(admin: &str, name: &str) {
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect(admin).await.expect("postgres");
    let _ = sqlx::Executor::execute(
        &mut conn,
        format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str(),
    )
    .await;
}

/// `phone import --check` of a long file: (time, peak RSS in KiB).
fn check_memory(rows: u64) -> (Duration, u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let csv: PathBuf = dir.path().join("long.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&csv).expect("csv"));
    writeln!(out, "millekod,login,phone").expect("write");
    for n in 1..=rows {
        // Logins repeat across companies, never within one.
        writeln!(
            out,
            "{},u{:06},+48{}",
            20_000_000 + n / 100_000,
            n % 100_000,
            600_000_000 + n % 100_000_000
        )
        .expect("write");
    }
    out.flush().expect("flush");
    drop(out);
    let mut command = Command::new(env!("CARGO_BIN_EXE_millectl"));
    command
        .env("MILLECTL_CONFIG_DIR", dir.path().join("cli"))
        .args(["-o", "json", "phone", "import"])
        .arg(&csv)
        .arg("--check");
    let (out, elapsed, peak) = run_measured(command);
    let checked: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(checked["rows"], rows, "{checked}");
    (elapsed, peak)
}
