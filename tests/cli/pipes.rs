//! Pipes and signals: a reader that stops early (`| head -1`) is success, silently;
//! Ctrl-C is exit 130 with one line; long lists on a terminal go through $PAGER.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::Duration;

use crate::helpers::{wait_for, TestEnv, MILLEKOD};
use crate::terminal::spawn;

/// Seeded users `u000001…` moved to new phones: one `phone.set` audit record each.
fn import_moves(env: &TestEnv, rows: u64) {
    let mut csv = String::from("millekod;login;phone\n");
    for n in 1..=rows {
        let millekod = 20_000_000 + (n - 1) / 100;
        csv.push_str(&format!("{millekod};u{n:06};+48 6{n:08}\n"));
    }
    let file = env.write_file("moves.csv", csv);
    env.helpdesk_cmd()
        .args(["-o", "json", "phone", "import"])
        .arg(&file)
        .args(["--yes", "--reason", "PIPE-1"])
        .assert()
        .success();
}

/// Run `args` with stdout a pipe whose reader takes one line and closes it; returns
/// the exit code, the line read and stderr.
fn read_one_line_and_close(mut cmd: std::process::Command) -> (Option<i32>, String, String) {
    let mut child: Child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn millectl");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    {
        let mut reader = BufReader::new(stdout);
        reader.read_line(&mut line).expect("one line");
        // The reader goes away here, like `head -1` after its line.
    }
    let output = child.wait_with_output().expect("wait");
    (
        output.status.code(),
        line,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_reader_that_stops_after_one_line_is_success_and_silence() {
    let env = TestEnv::start_with(&["--seed-users", "1100"]);
    import_moves(&env, 1100);
    let records = env.count("SELECT COUNT(*) FROM audit");
    assert!(records >= 1000, "only {records} audit records");

    for format in ["table", "json", "csv"] {
        let mut cmd = env.std_cmd();
        cmd.env("MILLECTL_TOKEN", &env.creds.api_token)
            .args(["audit", "--limit", "1000", "-o", format]);
        let (code, line, stderr) = read_one_line_and_close(cmd);
        assert_eq!(code, Some(0), "audit -o {format}: {stderr}");
        assert!(!line.is_empty(), "audit -o {format} printed nothing");
        assert_eq!(stderr, "", "audit -o {format}");
    }
    for format in ["table", "json"] {
        let mut cmd = env.std_cmd();
        cmd.env("MILLECTL_TOKEN", &env.creds.api_token).args([
            "user",
            "list",
            "--millekod",
            "20000000",
            "-o",
            format,
        ]);
        let (code, _, stderr) = read_one_line_and_close(cmd);
        assert_eq!(code, Some(0), "user list -o {format}: {stderr}");
        assert_eq!(stderr, "", "user list -o {format}");
    }
}

/// A server that accepts connections and never answers; counts what it accepted.
fn silent_server() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let accepted = std::sync::Arc::new(AtomicUsize::new(0));
    let seen = accepted.clone();
    std::thread::spawn(move || {
        let mut open = Vec::new();
        for stream in listener.incoming().flatten() {
            seen.fetch_add(1, Ordering::SeqCst);
            open.push(stream); // kept open, never answered
        }
    });
    (url, accepted)
}

#[test]
fn ctrl_c_during_a_request_exits_130_with_one_line() {
    use std::sync::atomic::Ordering;
    let env = TestEnv::start();
    let (url, accepted) = silent_server();
    for args in [
        vec!["user", "list", "--millekod", MILLEKOD],
        vec!["audit", "--limit", "1000"],
    ] {
        let before = accepted.load(Ordering::SeqCst);
        let child = env
            .std_cmd_without_server()
            .args(["--server", &url])
            .args(&args)
            .env("MILLECTL_TOKEN", "mct_not_a_real_token")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn millectl");
        wait_for("the request to arrive", Duration::from_secs(30), || {
            accepted.load(Ordering::SeqCst) > before
        });
        // SAFETY: a plain kill(2) of our own child.
        let sent = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
        assert_eq!(sent, 0);
        let output = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(130), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end(), "millectl: interrupted", "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

fn on_pty(cmd: std::process::Command) -> (String, i32) {
    spawn(cmd).finish()
}

/// A pager script that keeps what it was given (and its LESS) in `record`.
fn recording_pager(env: &TestEnv, record: &Path) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let script = env.write_file(
        "pager.sh",
        format!(
            "#!/bin/sh\necho \"LESS=$LESS\" > {0}.env\ncat > {0}\n",
            record.display()
        ),
    );
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    script
}

fn user_list_on_pty(env: &TestEnv, envs: &[(&str, &str)], extra: &[&str]) -> (String, i32) {
    let mut cmd = env.std_cmd();
    cmd.env("MILLECTL_TOKEN", &env.creds.api_token)
        .env_remove("MILLECTL_PAGER")
        .env_remove("PAGER")
        .env_remove("LESS")
        .args(["user", "list", "--millekod", MILLEKOD])
        .args(extra);
    for (key, value) in envs {
        cmd.env(key, value);
    }
    on_pty(cmd)
}

#[test]
fn lists_on_a_terminal_go_through_the_pager_and_only_there() {
    let env = TestEnv::start();
    let record = env.data_dir.path().join("paged.txt");
    let pager = recording_pager(&env, &record);
    let pager = pager.to_str().expect("path");

    // PAGER on a terminal: the list goes to the pager, LESS=FRX is set for it.
    let (shown, code) = user_list_on_pty(&env, &[("PAGER", pager)], &[]);
    assert_eq!(code, 0, "{shown}");
    let paged = std::fs::read_to_string(&record).expect("the pager ran");
    assert!(paged.contains("anna"), "{paged}");
    assert!(!shown.contains("anna"), "printed around the pager: {shown}");
    let less = std::fs::read_to_string(record.with_extension("txt.env")).expect("env");
    assert_eq!(less.trim(), "LESS=FRX");

    // MILLECTL_PAGER wins over PAGER; empty means no pager.
    std::fs::remove_file(&record).expect("rm");
    let (shown, code) = user_list_on_pty(&env, &[("PAGER", pager), ("MILLECTL_PAGER", "")], &[]);
    assert_eq!(code, 0);
    assert!(shown.contains("anna"), "{shown}");
    assert!(!record.exists(), "paged although MILLECTL_PAGER is empty");

    // --no-pager, and PAGER=cat, print straight to the terminal.
    let (shown, _) = user_list_on_pty(&env, &[("PAGER", pager)], &["--no-pager"]);
    assert!(shown.contains("anna") && !record.exists(), "{shown}");
    let (shown, _) = user_list_on_pty(&env, &[("PAGER", "cat")], &[]);
    assert!(shown.contains("anna"), "{shown}");

    // A pager that cannot start: plain output, millectl's exit code.
    let (shown, code) = user_list_on_pty(&env, &[("PAGER", "/nonexistent/pager")], &[]);
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("anna"), "{shown}");

    // Not a terminal: never paged.
    env.helpdesk_cmd()
        .env("PAGER", pager)
        .args(["user", "list", "--millekod", MILLEKOD])
        .assert()
        .success();
    assert!(!record.exists(), "paged into a pipe");
}

#[test]
fn the_demo_into_a_reader_that_stops_early_is_success_and_silence() {
    let env = TestEnv::start();
    let mut cmd = env.std_cmd_without_server();
    cmd.arg("demo");
    let (code, line, stderr) = read_one_line_and_close(cmd);
    assert!(!line.is_empty());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
}

#[test]
fn ctrl_c_at_a_prompt_exits_130_with_one_line() {
    let env = TestEnv::start();
    let mut cmd = env.std_cmd();
    cmd.arg("login");
    let mut session = spawn(cmd);
    session.expect("MilleKod", "MilleKod prompt");
    let pid = session.pid();
    // SAFETY: a plain kill(2) of our own child.
    let sent = unsafe { libc::kill(pid, libc::SIGINT) };
    assert_eq!(sent, 0);
    let (text, code) = session.finish();
    assert_eq!(code, 130, "{text}");
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{text:?}");
    assert!(lines[0].contains("interrupted"), "{text:?}");
}
