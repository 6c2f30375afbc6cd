//! Lists that page instead of refusing, and times typed by people (issue 16):
//! `audit --limit 5000` and `--all` over more records than a page, the note on stderr
//! when `--limit` cut a list, `--limit`/`--all` on `user list` and `api-token list`,
//! `--since`/`--until` read in the local zone, and what is not a time refused (exit 7).

use serde_json::Value;

use crate::helpers::{run, TestEnv, MILLEKOD};

/// A MilleKod no dev company has: only the seeded records are about it.
const SEEDED: &str = "99990000";
/// The seeded records: `s1` … `s1300`, record `i` at 2025-11-30T02:33:20Z + `i` ms.
const SEEDS: usize = 1300;

/// Append [`SEEDS`] records straight into the dev server's SQLite log (the API cannot
/// write thousands quickly; the log is append-only, so this is what it will hold).
fn seed(env: &TestEnv) {
    use sqlx::Connection;
    let url = format!(
        "sqlite://{}",
        env.data_dir.path().join("millectl.db").display()
    );
    let sql = format!(
        "WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < {SEEDS}) \
         INSERT INTO audit (at, request_id, actor, action, millekod, login, outcome) \
         SELECT 1764470000000 + i, 'seed-' || i, 'operator:seed', 'user.show', '{SEEDED}', \
         's' || i, 'success' FROM seq"
    );
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            let mut conn = sqlx::SqliteConnection::connect(&url).await.expect("sqlite");
            sqlx::query("PRAGMA busy_timeout = 10000")
                .execute(&mut conn)
                .await
                .expect("busy timeout");
            sqlx::query(&sql).execute(&mut conn).await.expect("seed");
        });
}

fn records(out: &str) -> Vec<Value> {
    serde_json::from_str::<Value>(out)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
        .as_array()
        .cloned()
        .expect("array")
}

/// Logins of the listed records, checking they are distinct and newest first.
fn logins(list: &[Value]) -> Vec<String> {
    let ids: Vec<i64> = list.iter().map(|r| r["id"].as_i64().expect("id")).collect();
    assert!(
        ids.windows(2).all(|w| w[0] > w[1]),
        "not newest first, once"
    );
    list.iter()
        .map(|r| r["login"].as_str().expect("login").to_owned())
        .collect()
}

#[test]
fn audit_pages_through_more_records_than_a_page() {
    let env = TestEnv::start();
    seed(&env);
    let audit = |args: &[&str]| {
        run(
            env.helpdesk_cmd()
                .args(["audit", "--millekod", SEEDED])
                .args(args),
            0,
        )
    };

    // More than the server's page of 1000: no refusal, every record once.
    let (out, err) = audit(&["-o", "json", "--limit", "5000"]);
    let got = logins(&records(&out));
    assert_eq!(got.len(), SEEDS, "{err}");
    assert_eq!(got[0], format!("s{SEEDS}"));
    assert_eq!(got[SEEDS - 1], "s1");
    assert_eq!(err, "", "nothing was cut");

    let (all, err) = audit(&["-o", "json", "--all"]);
    assert_eq!(records(&all), records(&out));
    assert_eq!(err, "");

    // Cut: exactly N, and one line on stderr saying more exist.
    for format in ["json", "csv"] {
        let (out, err) = audit(&["-o", format, "--limit", "1200"]);
        let count = match format {
            "json" => records(&out).len(),
            _ => out.lines().count() - 1,
        };
        assert_eq!(count, 1200, "{format}");
        assert_eq!(
            err.trim(),
            "Showing the first 1200 audit records; more match (--limit N or --all).",
            "{format}"
        );
    }
    // The default is still 100.
    let (out, err) = audit(&["-o", "json"]);
    assert_eq!(records(&out).len(), 100);
    assert!(err.contains("Showing the first 100 audit records"), "{err}");

    // Piped table and CSV: one header, then every row, across the pages.
    for format in ["table", "csv"] {
        let (out, _) = audit(&["-o", format, "--all"]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), SEEDS + 1, "{format}");
        assert!(lines[0].starts_with("id"), "{format}: {}", lines[0]);
        assert_eq!(
            lines.iter().filter(|l| l.starts_with("id")).count(),
            1,
            "{format}: one header"
        );
    }
}

#[test]
fn since_and_until_read_local_times_spans_and_rfc3339() {
    let env = TestEnv::start();
    seed(&env);
    // Record i is at 02:33:20Z + i ms: 02:33:21Z is record 1000.
    let count = |tz: &str, args: &[&str]| {
        let (out, err) = run(
            env.helpdesk_cmd()
                .env("TZ", tz)
                .args(["-o", "json", "audit", "--all", "--millekod", SEEDED])
                .args(args),
            0,
        );
        assert_eq!(err, "", "{args:?}");
        records(&out).len()
    };
    // A local date-time is read in TZ: 03:33:21 in Warsaw (CET) is 02:33:21Z.
    assert_eq!(
        count("Europe/Warsaw", &["--since", "2025-11-30 03:33:21"]),
        301
    );
    assert_eq!(count("UTC", &["--since", "2025-11-30 02:33:21"]), 301);
    assert_eq!(count("UTC", &["--since", "2025-11-30T02:33:21"]), 301);
    // ... and the same instant with its offset, whatever TZ says.
    for tz in ["UTC", "Europe/Warsaw", "America/New_York"] {
        assert_eq!(count(tz, &["--since", "2025-11-30T02:33:21Z"]), 301);
        assert_eq!(count(tz, &["--until", "2025-11-30T03:33:20.5+01:00"]), 500);
    }
    // A date is its local midnight: in Warsaw 2025-11-30 began at 23:00Z the day
    // before, in New York five hours after UTC's: before every seeded record.
    assert_eq!(count("Europe/Warsaw", &["--since", "2025-11-30"]), SEEDS);
    assert_eq!(count("America/New_York", &["--until", "2025-11-30"]), SEEDS);
    assert_eq!(count("Europe/Warsaw", &["--until", "2025-11-30"]), 0);
    // Spans back from now: a year ago is before them all, an hour ago after.
    assert_eq!(count("UTC", &["--since", "1h30m"]), 0);
    assert_eq!(count("UTC", &["--until", "90m"]), SEEDS);
    assert_eq!(count("UTC", &["--since", "10000w"]), SEEDS);
}

#[test]
fn what_is_not_a_time_is_refused_with_exit_7_naming_it() {
    let env = TestEnv::start();
    let long = "1".repeat(10_000);
    for (command, value) in [
        (&["audit", "--since"][..], "yesterday"),
        (&["audit", "--until"][..], "2026-13-01"),
        (&["audit", "--since"][..], "30/11/2026"),
        (&["audit", "--since"][..], "'; DROP TABLE audit; --"),
        (&["audit", "--since"][..], long.as_str()),
        (
            &["user", "history", "jan", "--millekod", MILLEKOD, "--since"][..],
            "soon",
        ),
    ] {
        let (out, err) = run(env.helpdesk_cmd().args(command).arg(value), 7);
        assert_eq!(out, "", "{value}");
        assert!(err.contains("is not a time"), "{value}: {err}");
        assert!(err.contains("90m, 1h30m, 2d, 1w"), "{value}: {err}");
        assert!(err.contains("local time zone"), "{value}: {err}");
        if value.len() < 40 {
            assert!(err.contains(value), "{value}: {err}");
        }
    }
    for future in ["-1h", "1h ago"] {
        let (_, err) = run(
            env.helpdesk_cmd()
                .args(["audit", &format!("--since={future}")]),
            7,
        );
        assert!(err.contains("future"), "{future}: {err}");
    }
    // A limit is 1 or more, and not both --limit and --all.
    run(env.helpdesk_cmd().args(["audit", "--limit", "0"]), 7);
    let (_, err) = run(
        env.helpdesk_cmd().args(["audit", "--limit", "5", "--all"]),
        2,
    );
    assert!(err.contains("--all"), "{err}");
}

#[test]
fn user_list_and_api_token_list_take_limit_and_all() {
    let env = TestEnv::start();
    let list = |args: &[&str]| {
        let (out, err) = run(
            env.helpdesk_cmd()
                .args(["-o", "json", "user", "list", "--millekod", MILLEKOD])
                .args(args),
            0,
        );
        (records(&out).len(), err)
    };
    let (every, err) = list(&[]);
    assert!(every > 2, "{every}");
    assert_eq!(err, "");
    assert_eq!(list(&["--all"]), (every, String::new()));
    let (two, err) = list(&["--limit", "2"]);
    assert_eq!(two, 2);
    assert!(
        err.contains("Showing the first 2 users; more match"),
        "{err}"
    );
    let (found, _) = run(
        env.helpdesk_cmd()
            .args(["-o", "json", "user", "find", MILLEKOD, "--all"]),
        0,
    );
    assert_eq!(records(&found).len(), every);

    // api-token list: the server sends the whole list, the CLI cuts it and says so.
    env.login_operator("op");
    run(
        env.cmd().args([
            "--profile",
            "op",
            "api-token",
            "create",
            "second",
            "--scope",
            "users:read",
        ]),
        0,
    );
    let tokens = |args: &[&str]| {
        let (out, err) = run(
            env.cmd()
                .args(["--profile", "op", "-o", "json", "api-token", "list"])
                .args(args),
            0,
        );
        (records(&out).len(), err)
    };
    let (all_tokens, err) = tokens(&[]);
    assert!(all_tokens >= 2, "{all_tokens}");
    assert_eq!(err, "");
    assert_eq!(tokens(&["--all"]).0, all_tokens);
    let (one, err) = tokens(&["--limit", "1"]);
    assert_eq!(one, 1);
    assert!(
        err.contains("Showing the first 1 API tokens; more match"),
        "{err}"
    );
}
