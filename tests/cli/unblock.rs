//! `unblock current-password` and `unblock new-password`: confirmation, conflicts,
//! co-user limits (R11) and the reason in the audit.

use serde_json::Value;

use crate::helpers::{run, TestEnv, MILLEKOD, OTHER_MILLEKOD};

#[test]
fn current_password_with_yes_prints_the_user_active_again() {
    let env = TestEnv::start();

    let (out, err) = run(
        env.helpdesk_cmd().args([
            "unblock",
            "current-password",
            "jan",
            "--millekod",
            MILLEKOD,
            "--yes",
        ]),
        0,
    );

    // With --yes nothing is previewed (issue 15: no read before the write).
    assert!(!err.contains("Before:"), "{err}");
    assert!(out.contains("status\tactive\n"), "{out}");
    assert!(out.contains("attempts_left\t3\n"), "{out}");
    assert_eq!(env.show_json(MILLEKOD, "jan")["status"], "active");
}

#[test]
fn new_password_with_yes_json_shows_awaiting_new_password() {
    let env = TestEnv::start();

    let (out, _) = run(
        env.helpdesk_cmd().args([
            "unblock",
            "new-password",
            "jan",
            "--millekod",
            MILLEKOD,
            "--yes",
            "-o",
            "json",
        ]),
        0,
    );

    let after: Value = serde_json::from_str(&out).expect("only the user after, as JSON");
    assert_eq!(after["status"], "awaiting_new_password");
    // `user show` adds its advice (issue 15); the user is the same.
    let mut shown = env.api_user(MILLEKOD, "jan");
    if let Some(fields) = shown.as_object_mut() {
        for key in [
            "last_failure",
            "blocked_by",
            "actions",
            "co_users_who_can_help",
        ] {
            fields.remove(key);
        }
    }
    assert_eq!(after, shown);
}

#[test]
fn without_yes_and_without_a_terminal_it_refuses_and_changes_nothing() {
    let env = TestEnv::start();
    let before = env.show_json(MILLEKOD, "jan");

    for mode in ["current-password", "new-password"] {
        let (_, err) = run(
            env.helpdesk_cmd()
                .args(["unblock", mode, "jan", "--millekod", MILLEKOD]),
            2,
        );

        assert!(err.contains("--yes"), "{err}");
        assert_eq!(env.show_json(MILLEKOD, "jan"), before);
    }
}

#[test]
fn a_user_who_is_not_blocked_is_a_conflict() {
    let env = TestEnv::start();

    let (_, err) = run(
        env.helpdesk_cmd().args([
            "unblock",
            "current-password",
            "ewa",
            "--millekod",
            MILLEKOD,
            "--yes",
        ]),
        6,
    );

    assert!(
        err.contains("user 'ewa' in MilleKod 12345678 is not blocked"),
        "{err}"
    );
    assert_eq!(env.show_json(MILLEKOD, "ewa")["status"], "active");
}

#[test]
fn an_unknown_user_is_exit_3() {
    let env = TestEnv::start();

    let (_, err) = run(
        env.helpdesk_cmd().args([
            "unblock",
            "new-password",
            "nikt",
            "--millekod",
            MILLEKOD,
            "--yes",
        ]),
        3,
    );

    assert!(err.contains("no user 'nikt'"), "{err}");
}

#[test]
fn a_co_user_cannot_unblock_in_another_company() {
    // Arrange: olga of the other company is blocked, anna is logged in.
    let env = TestEnv::start();
    for _ in 0..3 {
        env.cmd()
            .args(["login", "--millekod", OTHER_MILLEKOD, "--login", "olga"])
            .arg("--password-stdin")
            .write_stdin("Wrong1password\n123456\n")
            .assert()
            .code(4);
    }
    assert_eq!(env.show_json(OTHER_MILLEKOD, "olga")["status"], "blocked");
    env.login_token_user(MILLEKOD, "anna", "default");

    // Act
    let (_, err) = run(
        env.cmd().args([
            "unblock",
            "current-password",
            "olga",
            "--millekod",
            OTHER_MILLEKOD,
            "--yes",
        ]),
        5,
    );

    // Assert
    assert!(err.contains("own MilleKod"), "{err}");
    assert_eq!(env.show_json(OTHER_MILLEKOD, "olga")["status"], "blocked");
}

#[test]
fn a_co_user_cannot_unblock_herself() {
    let env = TestEnv::start();
    env.login_token_user(MILLEKOD, "anna", "default");

    let (_, err) = run(
        env.cmd()
            .args(["unblock", "current-password", "anna", "--yes"]),
        5,
    );

    assert!(err.contains("own account"), "{err}");
}

#[test]
fn a_co_user_unblocks_a_colleague_in_her_own_company_by_default() {
    let env = TestEnv::start();
    env.login_token_user(MILLEKOD, "anna", "default");

    let (out, _) = run(
        env.cmd()
            .args(["unblock", "current-password", "jan", "--yes", "-o", "json"]),
        0,
    );

    let after: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(after["millekod"], MILLEKOD);
    assert_eq!(after["status"], "active");
    let record = env
        .audit_of(MILLEKOD, "jan")
        .into_iter()
        .find(|r| r["action"] == "user.unblock")
        .expect("an unblock in the audit");
    assert_eq!(record["actor"], "user:12345678/anna");
}

#[test]
fn the_reason_is_kept_in_the_audit() {
    let env = TestEnv::start();

    run(
        env.helpdesk_cmd().args([
            "unblock",
            "current-password",
            "marek",
            "--millekod",
            MILLEKOD,
            "--yes",
            "--reason",
            "HD-4711 phoned in",
        ]),
        0,
    );

    let record = env
        .audit_of(MILLEKOD, "marek")
        .into_iter()
        .find(|r| r["action"] == "user.unblock")
        .expect("an unblock in the audit");
    assert_eq!(record["reason"], "HD-4711 phoned in");
    assert_eq!(record["outcome"], "success");
}
