//! How long `millectl demo` takes, start to exit: the newcomer's first minute.
//!
//! `tests/demo.rs` checks what the demo prints; how long it takes is a figure, not a
//! test assertion (a loaded CI machine would fail a timed assertion for nothing), so it
//! is measured here. `cargo bench --bench demo` runs the demo `BENCH_DEMO_RUNS` times
//! (default 3), each with a home and config dir of its own, and prints every time and
//! the median. It asserts nothing about speed, only that every run succeeded.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let runs = std::env::var("BENCH_DEMO_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3usize)
        .max(1);
    let mut times: Vec<Duration> = (0..runs).map(|_| run_demo()).collect();
    let each: Vec<String> = times
        .iter()
        .map(|t| format!("{:.2}", t.as_secs_f64()))
        .collect();
    times.sort();
    println!(
        "millectl demo: median {:.2} s of {runs} runs ({} s; {} build)",
        times[times.len() / 2].as_secs_f64(),
        each.join(", "),
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
}

/// One `millectl demo`, isolated as `tests/demo.rs` isolates it; its wall time.
fn run_demo() -> Duration {
    let home = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_millectl"))
        .arg("demo")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .env("MILLECTL_CONFIG_DIR", home.path().join("config"))
        .env("MILLECTL_CREDENTIAL_STORE", "file")
        .env_remove("MILLECTL_TOKEN")
        .env_remove("MILLECTL_SERVER")
        .stdin(Stdio::null())
        .output()
        .expect("run millectl demo");
    let took = started.elapsed();
    assert!(
        output.status.success(),
        "millectl demo failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    took
}
