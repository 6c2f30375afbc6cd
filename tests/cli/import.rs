//! `phone import`: the real CLI against a real dev server seeded with synthetic users
//! (`u000001`…, 100 per MilleKod from 20000000, phone +48 500 000 000 + n), checked
//! in the server's own database: every phone, every audit record.

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::helpers::*;

/// The CSV moving users `from..=to` to +48 6nn nnn nnn (n = their number).
fn moves(from: u64, to: u64, delimiter: char) -> String {
    let mut csv = format!("millekod{delimiter}login{delimiter}phone\n");
    for n in from..=to {
        let millekod = 20_000_000 + (n - 1) / 100;
        csv.push_str(&format!(
            "{millekod}{delimiter}u{n:06}{delimiter}+48 6{n:08}\n"
        ));
    }
    csv
}

/// Users whose phone is the one `moves` gives them.
const MOVED: &str = "SELECT COUNT(*) FROM users WHERE login LIKE 'u%' \
     AND phone = '+486' || printf('%08d', CAST(substr(login, 2) AS INTEGER))";
const PHONE_AUDITS: &str = "SELECT COUNT(*) FROM audit WHERE action = 'phone.set'";
/// Users with more than one phone change in the audit.
const TWICE_AUDITED: &str = "SELECT COUNT(*) FROM (SELECT login FROM audit \
     WHERE action = 'phone.set' GROUP BY millekod, login HAVING COUNT(*) > 1)";

fn batch_audits(batch: &str) -> String {
    format!(
        "SELECT COUNT(*) FROM audit WHERE action = 'phone.set' AND detail LIKE 'batch {batch}:%'"
    )
}

fn import(env: &TestEnv, file: &Path, extra: &[&str]) -> assert_cmd::Command {
    let mut cmd = env.helpdesk_cmd();
    cmd.args(["-o", "json", "phone", "import"])
        .arg(file)
        .args(extra);
    cmd
}

fn summary(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// Chunks the journal records as finished.
fn journaled_chunks(journal: &Path) -> usize {
    std::fs::read_to_string(journal)
        .unwrap_or_default()
        .lines()
        .filter(|l| l.contains("\"type\":\"chunk\""))
        .count()
}

/// Run `cmd` in the background until the journal holds `chunks` finished chunks.
fn spawn_until(mut cmd: std::process::Command, journal: &Path, chunks: usize) -> Child {
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn millectl phone import");
    wait_for(
        &format!("{chunks} chunks in the journal"),
        Duration::from_secs(120),
        || {
            let exited = matches!(child.try_wait(), Ok(Some(_)));
            assert!(!exited, "the import ended before {chunks} chunks");
            journal.exists() && journaled_chunks(journal) >= chunks
        },
    );
    child
}

/// Whether process `pid` has `path` open (Linux: a link in `/proc/PID/fd`).
fn has_open(pid: u32, path: &Path) -> bool {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .into_iter()
        .flatten()
        .flatten()
        .any(|fd| std::fs::read_link(fd.path()).is_ok_and(|target| target == path))
}

/// Run `cmd` in the background until it has opened `journal` (and so holds its lock,
/// taken as it opens it, before any chunk is sent). The journal of an earlier run
/// exists already, so its existence or its header says nothing about this one: the
/// process's own open files do.
fn spawn_until_opened(mut cmd: std::process::Command, journal: &Path) -> Child {
    let journal = journal
        .canonicalize()
        .expect("the journal of the earlier runs");
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn millectl phone import");
    let pid = child.id();
    wait_for(
        "the import to open its journal",
        Duration::from_secs(120),
        || {
            let exited = matches!(child.try_wait(), Ok(Some(_)));
            assert!(!exited, "the import ended before it opened its journal");
            has_open(pid, &journal)
        },
    );
    child
}

#[test]
fn ten_thousand_rows_change_every_phone_once_and_a_rerun_changes_nothing() {
    let env = TestEnv::start_with(&["--seed-users", "10000"]);
    let file = env.write_file("moves.csv", moves(1, 10_000, ';'));
    let (out, err) = run(
        &mut import(&env, &file, &["--yes", "--reason", "MIG-7 new operator"]),
        0,
    );
    let first = summary(&out);
    for key in [
        "total",
        "updated",
        "unchanged",
        "failed",
        "conflicts",
        "duration_ms",
        "batch_id",
    ] {
        assert!(first.get(key).is_some(), "no {key} in {first}");
    }
    assert_eq!(first["total"], 10_000, "{first}");
    assert_eq!(first["updated"], 10_000, "{first}");
    assert_eq!(first["unchanged"], 0);
    assert_eq!(first["failed"], 0);
    assert_eq!(first["conflicts"], 0);
    let batch = first["batch_id"].as_str().expect("batch id").to_owned();
    assert!(batch.starts_with("imp-"), "{batch}");
    assert!(!err.contains("+486"), "a full number on stderr: {err}");

    assert_eq!(env.count(MOVED), 10_000);
    assert_eq!(env.count(&batch_audits(&batch)), 10_000);
    assert_eq!(
        env.count("SELECT COUNT(*) FROM audit WHERE action = 'phone.set' AND reason = 'MIG-7 new operator'"),
        10_000
    );
    assert_eq!(
        env.count("SELECT COUNT(*) FROM audit WHERE detail LIKE '%+486%'"),
        0,
        "full numbers in the audit"
    );

    // The same file again: a new batch, every row unchanged, no audit record more.
    let (out, _) = run(
        &mut import(&env, &file, &["--yes", "--reason", "MIG-7 new operator"]),
        0,
    );
    let again = summary(&out);
    assert_eq!(again["unchanged"], 10_000, "{again}");
    assert_eq!(again["updated"], 0);
    assert_ne!(again["batch_id"], first["batch_id"]);
    assert_eq!(env.count(PHONE_AUDITS), 10_000);
    assert_eq!(env.count(MOVED), 10_000);
}

#[test]
fn an_import_killed_at_several_points_resumes_to_exactly_one_change_per_row() {
    const ROWS: u64 = 50_000;
    let env = TestEnv::start_with(&["--seed-users", "50000"]);
    let file = env.write_file("moves.csv", moves(1, ROWS, ','));
    let journal = env.home.path().join("moves.journal");
    // The CLI's own temp dir: the spool of checked rows must not outlive it.
    let temp = env.home.path().join("tmp");
    std::fs::create_dir(&temp).expect("temp dir");
    let command = || {
        let mut cmd = env.std_cmd();
        cmd.env("MILLECTL_TOKEN", &env.creds.api_token)
            .env("TMPDIR", &temp)
            .args(["-o", "json", "phone", "import"])
            .arg(&file)
            .arg("--journal")
            .arg(&journal)
            .args(["--yes", "--chunk-size", "500", "--concurrency", "3"]);
        cmd
    };
    let temp_files = || std::fs::read_dir(&temp).expect("read temp dir").count();

    // Ctrl-C first: a clean stop, exit 130, and a hint to resume.
    let child = spawn_until(command(), &journal, 3);
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill -INT");
    assert!(status.success());
    let output = child.wait_with_output().expect("wait");
    assert_eq!(output.status.code(), Some(130), "{output:?}");

    // Then kill -9 at several points: right after the journal was opened (chunks in
    // flight, none recorded by this run), and after some chunks.
    for chunks in [None, Some(20), Some(47), Some(81)] {
        let mut child = match chunks {
            None => spawn_until_opened(command(), &journal),
            Some(chunks) => spawn_until(command(), &journal, chunks),
        };
        child.kill().expect("kill -9");
        child.wait().expect("wait");
        assert_eq!(
            temp_files(),
            0,
            "kill -9 left a file with the numbers behind"
        );
    }
    let (out, err) = run(&mut assert_cmd::Command::from_std(command()), 0);
    assert!(err.contains("Resuming batch"), "{err}");
    let done = summary(&out);
    assert_eq!(done["total"], ROWS, "{done}");
    assert_eq!(done["updated"], ROWS, "{done}");
    let resumed = done["resumed_rows"].as_u64().expect("resumed_rows");
    assert!((81 * 500..ROWS).contains(&resumed), "{done}");

    let batch = done["batch_id"].as_str().expect("batch");
    assert_eq!(env.count(MOVED), ROWS as i64);
    assert_eq!(env.count(&batch_audits(batch)), ROWS as i64);
    assert_eq!(
        env.count(PHONE_AUDITS),
        ROWS as i64,
        "audit records lost or doubled"
    );
    assert_eq!(env.count(TWICE_AUDITED), 0);
    let last = std::fs::read_to_string(&journal).expect("journal");
    assert!(
        last.trim_end().ends_with("{\"type\":\"finished\"}"),
        "an explicit journal is kept, finished"
    );
}

#[test]
fn a_server_restart_in_the_middle_is_waited_out_and_every_row_applied_once() {
    const ROWS: u64 = 20_000;
    let mut env = TestEnv::start_with(&["--seed-users", "20000"]);
    let file = env.write_file("moves.csv", moves(1, ROWS, ','));
    let journal = env.home.path().join("moves.journal");
    let mut cmd = env.std_cmd();
    cmd.env("MILLECTL_TOKEN", &env.creds.api_token)
        .args(["-o", "json", "phone", "import"])
        .arg(&file)
        .arg("--journal")
        .arg(&journal)
        .args(["--yes", "--chunk-size", "200", "--concurrency", "2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = cmd.spawn().expect("spawn import");
    wait_for("20 chunks", Duration::from_secs(120), || {
        journaled_chunks(&journal) >= 20
    });
    env.restart_server();
    let output = child.wait_with_output().expect("wait");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}\n{}",
        stderr(&output),
        env.server_log()
    );
    let done = summary(&stdout(&output));
    assert_eq!(done["updated"], ROWS, "{done}");
    assert_eq!(env.count(MOVED), ROWS as i64);
    assert_eq!(env.count(PHONE_AUDITS), ROWS as i64);
    assert_eq!(env.count(TWICE_AUDITED), 0);
}

#[test]
fn malformed_files_are_refused_by_line_and_nothing_is_sent() {
    let env = TestEnv::start_with(&["--seed-users", "200"]);
    let good = "20000000,u000001,600000001\n";
    let mut long_line = format!("millekod,login,phone\n{good}");
    long_line.push_str(&"9".repeat(1024 * 1024));
    long_line.push('\n');
    let mut junk = b"millekod,login,phone\n".to_vec();
    junk.extend((0..100_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", vec![], "line 1: the file is empty"),
        (
            "wrong header",
            format!("millekod,user,phone\n{good}").into_bytes(),
            "line 1: unknown column \"user\"",
        ),
        ("no header", good.as_bytes().to_vec(), "line 1: no header"),
        (
            "header only",
            b"millekod,login,phone\n".to_vec(),
            "line 2: the file has a header but no rows",
        ),
        (
            "extra column",
            format!("millekod,login,phone\n{good}20000000,u000002,600000002,x\n").into_bytes(),
            "line 3: 4 fields, but the header names 3",
        ),
        (
            "unbalanced quote",
            format!("millekod,login,phone\n{good}20000000,\"u000002,600000002\n").into_bytes(),
            "line 3: a quoted field is not closed",
        ),
        ("1 MB line", long_line.into_bytes(), "line 3: the line is longer than 16 KiB"),
        (
            "invalid UTF-8",
            [&b"millekod,login,phone\n"[..], good.as_bytes(), b"20000000,u\xff02,600000002\n"]
                .concat(),
            "line 3: not UTF-8",
        ),
        ("binary junk", junk, "nothing was sent"),
        (
            "duplicate user",
            format!("millekod,login,phone\n{good}20000000,u000002,600000002\n20000000,U000001,600000003\n")
                .into_bytes(),
            "line 4: the same user as line 2",
        ),
        (
            "landline",
            format!("millekod,login,phone\n{good}20000000,u000002,22 123 45 67\n").into_bytes(),
            "line 3: phone: +48 22 123 45 67 is not a mobile number",
        ),
        (
            "short MilleKod",
            format!("millekod,login,phone\n{good}2000,u000002,600000002\n").into_bytes(),
            "line 3: MilleKod must be exactly 8 digits",
        ),
    ];
    for (name, content, wanted) in cases {
        let file = env.write_file("bad.csv", &content);
        let (out, err) = run(&mut import(&env, &file, &["--yes"]), 7);
        assert!(out.is_empty(), "{name}: {out}");
        assert!(err.contains(wanted), "{name}: wanted {wanted:?} in {err}");
        assert!(err.contains("nothing was sent"), "{name}: {err}");
        assert!(err.lines().count() <= 60, "{name}: a flood of messages");
        assert_eq!(env.count(PHONE_AUDITS), 0, "{name}: {err}");
    }
    assert_eq!(env.count(MOVED), 0);

    // Several bad rows: each named on its own line, then one error line.
    let file = env.write_file(
        "bad.csv",
        "millekod;login;phone\n1;u000001;600000001\n20000000;u000002;600000002\n20000000;u000003;12\n",
    );
    let (_, err) = run(&mut import(&env, &file, &["--yes"]), 7);
    assert!(err.contains("bad.csv line 2: MilleKod"), "{err}");
    assert!(err.contains("bad.csv line 4: phone:"), "{err}");
    assert!(err.contains("has 2 bad rows"), "{err}");
}

#[test]
fn spreadsheet_files_with_bom_crlf_quotes_and_blank_lines_are_read_and_reported_by_line() {
    let env = TestEnv::start_with(&["--seed-users", "200"]);
    let file = env.write_file(
        "sheet.csv",
        "\u{feff}\"Login\";\"MilleKod\";\"Phone\"\r\n\r\n\"u000001\";\"20000000\";\"600 000 001\"\r\n\r\nu000002;20000000;\"+48 600-000-002\"\r\n",
    );
    let report = env.home.path().join("report.csv");
    run(import(&env, &file, &["--yes", "--report"]).arg(&report), 0);
    let report = std::fs::read_to_string(&report).expect("report");
    assert_eq!(
        report,
        "line,millekod,login,phone,outcome,message\n\
         3,20000000,u000001,+48******001,updated,\n\
         5,20000000,u000002,+48******002,updated,\n"
    );
    assert_eq!(env.count(MOVED), 2);
}

#[test]
fn conflicts_and_unknown_users_are_reported_per_row_and_exit_9() {
    let env = TestEnv::start_with(&["--seed-users", "200"]);
    let file = env.write_file(
        "cas.csv",
        "millekod,login,phone,expected_phone\n\
         20000000,u000001,600000001,+48500000001\n\
         20000000,u000002,600000002,+48 500 999 999\n\
         20000000,u999999,600000003,\n\
         20000000,u000004,600000004,\n",
    );
    let report = env.home.path().join("report.csv");
    let (out, err) = run(import(&env, &file, &["--yes", "--report"]).arg(&report), 9);
    let done = summary(&out);
    assert_eq!(done["updated"], 2, "{done}");
    assert_eq!(done["conflicts"], 1);
    assert_eq!(done["failed"], 1);
    assert!(
        err.contains("2 of 4 rows were not applied: 1 conflict, 1 not found"),
        "{err}"
    );
    assert!(err.contains("report.csv"), "{err}");
    let report = std::fs::read_to_string(&report).expect("report");
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines[1], "2,20000000,u000001,+48******001,updated,");
    assert!(
        lines[2].starts_with("3,20000000,u000002,+48******002,conflict,")
            && lines[2].contains("+48******002"),
        "{report}"
    );
    assert!(
        lines[3].starts_with("4,20000000,u999999,+48******003,not_found,"),
        "{report}"
    );
    assert_eq!(lines[4], "5,20000000,u000004,+48******004,updated,");
    assert_eq!(env.count(MOVED), 2);
    assert_eq!(env.count(PHONE_AUDITS), 2);
}

#[test]
fn a_dry_run_reports_what_would_happen_and_changes_nothing() {
    let env = TestEnv::start_with(&["--seed-users", "200"]);
    let mut csv = moves(1, 150, ',');
    csv.push_str("20000000,u999999,600000999\n");
    let file = env.write_file("moves.csv", csv);
    let report = env.home.path().join("dry.csv");
    let (out, _) = run(
        import(&env, &file, &["--dry-run", "--report"]).arg(&report),
        9,
    );
    let done = summary(&out);
    assert_eq!(done["dry_run"], true);
    assert_eq!(done["updated"], 150, "{done}");
    assert_eq!(done["failed"], 1);
    let report = std::fs::read_to_string(&report).expect("report");
    assert!(
        report.contains("2,20000000,u000001,+48******001,would_update,"),
        "{report}"
    );
    assert!(!report.contains("+48600"), "numbers are masked: {report}");
    assert_eq!(env.count(MOVED), 0);
    assert_eq!(env.count(PHONE_AUDITS), 0);
    assert_eq!(
        env.count("SELECT COUNT(*) FROM audit WHERE action = 'phone.batch_dry_run'"),
        1
    );
}

#[test]
fn a_token_without_phones_write_and_a_co_user_cannot_import() {
    let env = TestEnv::start_with(&["--seed-users", "200"]);
    env.login_operator("op");
    let (token, _) = run(
        env.cmd().args([
            "--profile",
            "op",
            "api-token",
            "create",
            "reader",
            "--scope",
            "users:read",
        ]),
        0,
    );
    let file = env.write_file("moves.csv", moves(1, 200, ','));
    let mut cmd = env.cmd();
    cmd.env("MILLECTL_TOKEN", token.trim())
        .args(["phone", "import"])
        .arg(&file)
        .arg("--yes");
    let (_, err) = run(&mut cmd, 5);
    assert!(err.contains("phones:write"), "{err}");

    env.login_token_user(MILLEKOD, "anna", "anna");
    let mut cmd = env.cmd();
    cmd.args(["--profile", "anna", "phone", "import"])
        .arg(&file)
        .arg("--yes");
    run(&mut cmd, 5);
    assert_eq!(env.count(PHONE_AUDITS), 0);
    assert_eq!(env.count(MOVED), 0);
}

#[test]
fn a_busy_server_answers_429_and_the_import_waits_its_turn() {
    let env = TestEnv::start_with(&["--seed-users", "2000", "--bulk-concurrency", "1"]);
    let file = env.write_file("moves.csv", moves(1, 2000, ','));
    let (out, err) = run(
        &mut import(
            &env,
            &file,
            &["--yes", "-v", "--chunk-size", "50", "--concurrency", "8"],
        ),
        0,
    );
    assert!(err.contains("< 429"), "the server was never busy: {err}");
    assert_eq!(summary(&out)["updated"], 2000);
    assert_eq!(env.count(MOVED), 2000);
    assert_eq!(env.count(PHONE_AUDITS), 2000);
}

#[test]
fn stdin_is_read_checked_and_resumable_like_a_file() {
    let env = TestEnv::start_with(&["--seed-users", "300"]);
    let csv = moves(1, 300, ';');
    let (out, _) = run(
        import(&env, Path::new("-"), &["--check"]).write_stdin(csv.clone()),
        0,
    );
    assert_eq!(summary(&out)["rows"], 300);
    assert_eq!(env.count(MOVED), 0, "--check sends nothing");

    // Without a terminal, progress is a line on stderr (here after every chunk).
    let args = ["--yes", "--chunk-size", "100", "--progress-every", "0"];
    let (out, err) = run(import(&env, Path::new("-"), &args).write_stdin(csv), 0);
    assert_eq!(summary(&out)["updated"], 300);
    assert_eq!(env.count(MOVED), 300);
    let progress: Vec<&str> = err
        .lines()
        .filter_map(|l| l.strip_prefix("phone import: "))
        .map(|l| l.split(',').next().unwrap_or(""))
        .collect();
    assert_eq!(
        progress,
        ["100/300 rows (33%)", "200/300 rows (66%)"],
        "{err}"
    );
    // The default journal lives under the config directory and is gone once done.
    let imports: PathBuf = env.config_dir().join("imports");
    let left = std::fs::read_dir(&imports).map(|d| d.count()).unwrap_or(0);
    assert_eq!(left, 0, "a finished default journal is removed");
}

#[test]
fn a_journal_of_another_file_is_not_resumed() {
    let env = TestEnv::start_with(&["--seed-users", "100"]);
    let journal = env.home.path().join("j");
    let first = env.write_file("a.csv", moves(1, 50, ','));
    run(
        import(&env, &first, &["--yes", "--journal"]).arg(&journal),
        0,
    );
    // Finished: a new file may use it.
    let second = env.write_file("b.csv", moves(51, 100, ','));
    std::fs::write(&journal, {
        let mut text = std::fs::read_to_string(&journal).expect("journal");
        // Pretend the first import stopped before its end.
        text = text.replace("{\"type\":\"finished\"}\n", "");
        text
    })
    .expect("rewrite journal");
    let (_, err) = run(
        import(&env, &second, &["--yes", "--journal"]).arg(&journal),
        6,
    );
    assert!(
        err.contains("belongs to another import (a different file)"),
        "{err}"
    );
    assert_eq!(env.count(MOVED), 50);
}

#[test]
fn the_closing_line_counts_by_outcome_and_all_not_found_exits_9() {
    // Arrange: MilleKod 20000000 has only u000001…u000100; these 30 are nobody.
    let env = TestEnv::start_with(&["--seed-users", "100"]);
    let mut csv = String::from("millekod,login,phone\n");
    for n in 1..=30u64 {
        csv.push_str(&format!("20000000,nobody{n},+48 6{n:08}\n"));
    }
    let file = env.write_file("nobody.csv", csv);
    let mut cmd = env.helpdesk_cmd();
    cmd.args(["phone", "import"]).arg(&file).arg("--yes");

    // Act
    let (_, err) = run(&mut cmd, 9);

    // Assert
    assert!(
        err.contains("0 updated, 30 not found; 30 rows in "),
        "{err}"
    );
    assert!(!err.contains("Imported"), "{err}");
    assert!(
        err.contains("millectl: error: 30 of 30 rows were not applied"),
        "{err}"
    );
    assert_eq!(err.matches("30 not found").count(), 1, "said twice: {err}");
    assert_eq!(env.count(PHONE_AUDITS), 0);
}

#[test]
fn a_mixed_import_names_each_outcome_in_its_closing_line() {
    let env = TestEnv::start_with(&["--seed-users", "200"]);
    let file = env.write_file(
        "mixed.csv",
        "millekod,login,phone,expected_phone\n\
         20000000,u000001,600000001,\n\
         20000000,u000002,+48500000002,\n\
         20000000,u000003,600000003,+48 500 999 999\n\
         20000000,u999999,600000004,\n",
    );
    let mut dry = env.helpdesk_cmd();
    dry.args(["phone", "import"]).arg(&file).arg("--dry-run");
    let mut cmd = env.helpdesk_cmd();
    cmd.args(["phone", "import"]).arg(&file).arg("--yes");

    let (_, dry_err) = run(&mut dry, 9);
    let (_, err) = run(&mut cmd, 9);

    assert!(
        dry_err.contains(
            "Dry run, nothing changed: 1 would be updated, 1 unchanged, 1 conflict, 1 not found; 4 rows in "
        ),
        "{dry_err}"
    );
    assert!(
        dry_err.contains("2 of 4 rows would not be applied"),
        "{dry_err}"
    );
    assert!(
        err.contains("1 updated, 1 unchanged, 1 conflict, 1 not found; 4 rows in "),
        "{err}"
    );
    assert!(err.contains("2 of 4 rows were not applied"), "{err}");
}

/// A server that answers every request `503 Service Unavailable`, as a proxy does
/// while the service behind it restarts.
fn always_503() -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    // Detached: it blocks in accept until the test process ends.
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut reader = BufReader::new(stream.try_clone().expect("stream"));
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let _ = stream.write_all(
                b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
            );
        }
    });
    url
}

/// `phone import` of 10 rows against `server`, retrying for one second, without `-v`.
fn import_against(env: &TestEnv, server: &str) -> (String, String) {
    let file = env.write_file("moves.csv", moves(1, 10, ','));
    let mut cmd = env.cmd_without_server();
    cmd.env("MILLECTL_TOKEN", "mct_not_a_real_token")
        .args(["--server", server, "phone", "import"])
        .arg(&file)
        .args(["--yes", "--retry-for", "1"]);
    run(&mut cmd, 8)
}

#[test]
fn retries_against_an_unreachable_server_are_said_on_stderr_without_verbose() {
    // Arrange: a port nobody listens on.
    let env = TestEnv::start();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();

    // Act
    let (_, err) = import_against(&env, &format!("http://127.0.0.1:{port}"));

    // Assert
    let retries: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("; retrying chunk 1 of 1 in "))
        .collect();
    assert!(!retries.is_empty(), "no retry said: {err}");
    assert!(
        retries[0].starts_with("server unreachable (connection refused or unreachable)"),
        "{err}"
    );
    assert!(
        retries[0].ends_with("(attempt 2, giving up after 1 s of failures)"),
        "{err}"
    );
    assert!(err.contains("chunk 1 of 1 failed for "), "{err}");
}

#[test]
fn retries_against_a_server_answering_503_are_said_on_stderr_without_verbose() {
    let env = TestEnv::start();

    let (_, err) = import_against(&env, &always_503());

    assert!(
        err.lines().any(|l| l.starts_with(
            "server unavailable (503 Service Unavailable); retrying chunk 1 of 1 in "
        )),
        "no retry said: {err}"
    );
}

/// A proxy to `upstream` that answers every other request `503 Service Unavailable`
/// itself (the first included), as a load balancer does while replicas restart.
fn every_other_503(upstream: &str) -> String {
    use std::io::{BufRead, BufReader, Read, Write};
    let upstream = upstream
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    // Detached: it blocks in accept until the test process ends.
    std::thread::spawn(move || {
        for (n, stream) in listener.incoming().enumerate() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("stream"));
            let mut head = String::new();
            let mut length = 0usize;
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                let lower = line.to_ascii_lowercase();
                if let Some(value) = lower.strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap_or(0);
                }
                if !lower.starts_with("connection:") {
                    head.push_str(&line);
                }
                line.clear();
            }
            let mut body = vec![0; length];
            if reader.read_exact(&mut body).is_err() {
                continue;
            }
            if n % 2 == 0 {
                let _ = stream.write_all(
                    b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                );
                continue;
            }
            let Ok(mut server) = std::net::TcpStream::connect(&upstream) else {
                continue;
            };
            head.push_str("connection: close\r\n\r\n");
            let mut answer = Vec::new();
            let sent = server
                .write_all(head.as_bytes())
                .and_then(|()| server.write_all(&body))
                .and_then(|_| server.read_to_end(&mut answer));
            if sent.is_ok() {
                let _ = stream.write_all(&answer);
            }
        }
    });
    url
}

#[test]
fn on_a_terminal_each_retry_is_a_whole_line_above_the_progress_bar() {
    // Arrange: every other request is refused 503 on the way.
    let env = TestEnv::start_with(&["--seed-users", "1000"]);
    let proxy = every_other_503(&env.url);
    let file = env.write_file("moves.csv", moves(1, 1000, ','));
    let mut cmd = env.std_cmd_without_server();
    cmd.env("MILLECTL_TOKEN", &env.creds.api_token)
        .args(["--server", &proxy, "phone", "import"])
        .arg(&file)
        .args(["--yes", "--chunk-size", "100", "--concurrency", "1"]);

    // Act
    let (text, code) = crate::terminal::spawn(cmd).finish();

    // Assert: each retry line is whole, on its own line, never run into the bar.
    assert_eq!(code, 0, "{text}");
    let lines: Vec<&str> = text
        .split(['\r', '\n'])
        .map(|l| l.trim_start_matches("\x1b[2K"))
        .collect();
    let retries: Vec<&&str> = lines
        .iter()
        .filter(|l| l.contains("retrying chunk"))
        .collect();
    assert_eq!(retries.len(), 10, "one retry per chunk: {text:?}");
    for (chunk, line) in (1..).zip(&retries) {
        assert_eq!(
            **line,
            format!(
                "server unavailable (503 Service Unavailable); retrying chunk {chunk} of 10 in \
                 {} (attempt 2, giving up after 120 s of failures)",
                line.split(" in ")
                    .nth(1)
                    .and_then(|l| l.split(" (").next())
                    .unwrap_or("?")
            ),
            "{text:?}"
        );
    }
    assert!(
        lines.iter().any(|l| l.contains("/1000 rows")),
        "no progress bar: {text:?}"
    );
    assert!(text.contains("1000 updated"), "{text:?}");
    assert_eq!(env.count(MOVED), 1000);
    assert_eq!(env.count(TWICE_AUDITED), 0);
}
