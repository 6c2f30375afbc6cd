//! What HelpDesk sees of issue 11's two-factor rules: a new-password unblock held
//! after a phone change says so and names the command that approves it, and
//! back-office (only) prints an envelope's one-time access password.

use crate::helpers::{run, TestEnv, MILLEKOD};

#[test]
fn a_new_password_unblock_after_a_phone_change_waits_for_a_second_operator() {
    let env = TestEnv::start();
    run(
        env.helpdesk_cmd().args([
            "phone",
            "set",
            "marek",
            "604 555 666",
            "--millekod",
            MILLEKOD,
            "--yes",
        ]),
        0,
    );

    let (out, err) = run(
        env.helpdesk_cmd().args([
            "-o",
            "json",
            "unblock",
            "new-password",
            "marek",
            "--millekod",
            MILLEKOD,
            "--yes",
        ]),
        0,
    );

    let pending: serde_json::Value = serde_json::from_str(&out).expect("json");
    let id = pending["id"].as_str().expect("a request id");
    assert_eq!(pending["action"], "unblock_new_password");
    assert!(err.is_empty() || !err.contains("error"), "{err}");
    assert_eq!(env.show_json(MILLEKOD, "marek")["status"], "blocked");
    // On a table, the person is told what happens next.
    let (_, err) = run(
        env.helpdesk_cmd().args([
            "unblock",
            "new-password",
            "marek",
            "--millekod",
            MILLEKOD,
            "--yes",
        ]),
        0,
    );
    assert!(err.contains("Not unblocked yet"), "{err}");
    assert!(err.contains("millectl approve"), "{err}");
    // A batch token cannot approve anything: forbidden, exit 5.
    let (_, err) = run(env.helpdesk_cmd().args(["approve", id, "--yes"]), 5);
    assert!(err.contains("only HelpDesk operators"), "{err}");
}

#[test]
fn back_office_prints_an_envelope_password_once_and_helpdesk_cannot() {
    let env = TestEnv::start();
    let (_, err) = run(
        env.helpdesk_cmd()
            .args(["envelope", "piotr", "--millekod", MILLEKOD, "--yes"]),
        5,
    );
    assert!(err.contains("back-office"), "{err}");

    env.login_back_office("bo");
    let (out, err) = run(
        env.cmd().args([
            "--profile",
            "bo",
            "envelope",
            "piotr",
            "--millekod",
            MILLEKOD,
            "--yes",
        ]),
        0,
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1, "the password alone on stdout: {out}");
    assert!(lines[0].len() >= 12, "{out}");
    assert!(err.contains("shown this once"), "{err}");
}
