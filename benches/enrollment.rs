//! What setting a password costs under the masked-password scheme of issue 13: m + 1
//! Argon2id runs (OWASP parameters) for m stored subsets, against one for a check.
//!
//! `cargo bench --bench enrollment` enrolls `BENCH_ENROLLMENTS` (default 5) passwords
//! of 12 characters for each m in 24, 32 (the default) and 64, and one check of each
//! kind, on one core, and prints the median times. It asserts nothing about speed;
//! `cargo test` runs it once per m to keep it working.

use std::time::{Duration, Instant};

use millectl::domain::ids::UserUid;
use millectl::domain::masked_password::{self, MaskKeys, Password, PasswordRecord, TypedChars};
use millectl::domain::pepper::Pepper;
use millectl::domain::temporary_password::Argon2Memory;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let runs = if std::env::args().any(|a| a == "--bench") {
        std::env::var("BENCH_ENROLLMENTS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(5)
    } else {
        1
    };
    let keys = MaskKeys::from_pepper(&Pepper::generate());
    let uid = UserUid::generate();
    let password = Password::parse("Haslo1234567").expect("policy");
    let mut memory = Argon2Memory::new();
    println!("masked-password enrollment, 12 characters (k = 4), one core, median of {runs}:");
    println!(
        "{:>4}  {:>12}  {:>14}  {:>12}",
        "m", "enrollment", "per Argon2id", "record"
    );
    let mut record = None;
    for m in [24usize, 32, 64] {
        let mut times = Vec::new();
        for _ in 0..runs {
            let started = Instant::now();
            let made = masked_password::enroll(&keys, &uid, &password, m, &mut memory)
                .expect("the pepper's key");
            times.push(started.elapsed());
            record = Some(made);
        }
        let time = median(times);
        let bytes = match record.as_ref() {
            Some(PasswordRecord::Subsets(r)) => r.subsets.len() + r.whole_hash.len() + r.salt.len(),
            _ => 0,
        };
        println!(
            "{m:>4}  {:>9.0} ms  {:>11.1} ms  {bytes:>6} bytes",
            time.as_secs_f64() * 1e3,
            time.as_secs_f64() * 1e3 / (m + 1) as f64
        );
    }
    let Some(record) = record else { return };
    let mut checks = Vec::new();
    let mut passed = true;
    for _ in 0..runs.max(3) {
        let asked = record.choose_positions();
        let chars: Vec<char> = password.expose().chars().collect();
        let typed = TypedChars::from_map(
            asked
                .as_slice()
                .iter()
                .map(|&p| (p, chars[usize::from(p) - 1]))
                .collect(),
        );
        let started = Instant::now();
        passed &= masked_password::verify_chars(&keys, &uid, &record, &asked, &typed, &mut memory)
            .expect("the pepper's key");
        checks.push(started.elapsed());
    }
    assert!(passed, "a right answer was refused");
    println!(
        "one check (login): {:.0} ms — one Argon2id",
        median(checks).as_secs_f64() * 1e3
    );
}
