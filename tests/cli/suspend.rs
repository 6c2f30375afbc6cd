//! `user suspend` and `user release` (issue 15): HelpDesk only, a reason required,
//! confirmation, conflicts in the helpdesk's words, and an unblock of a suspended user
//! that names the command which lifts it.

use crate::helpers::{run, TestEnv, MILLEKOD};

fn suspend(env: &TestEnv, login: &str, reason: &str) -> (String, String) {
    run(
        env.cmd().args([
            "user",
            "suspend",
            login,
            "--millekod",
            MILLEKOD,
            "--reason",
            reason,
            "--yes",
        ]),
        0,
    )
}

#[test]
fn helpdesk_suspends_with_a_reason_and_releases() {
    let env = TestEnv::start();
    env.login_operator("default");

    let (out, err) = suspend(&env, "ewa", "lost phone, ticket 4411");

    assert!(
        err.contains("Before:") && err.contains("status\tactive"),
        "{err}"
    );
    assert!(
        err.contains("millectl user release ewa --millekod 12345678"),
        "{err}"
    );
    assert!(out.contains("status\tsuspended\n"), "{out}");
    assert!(
        out.contains("by operator:helpdesk: lost phone, ticket 4411"),
        "{out}"
    );
    let shown = env.show_json(MILLEKOD, "ewa");
    assert_eq!(shown["status"], "suspended");
    assert_eq!(shown["suspension"]["reason"], "lost phone, ticket 4411");
    assert_eq!(shown["suspension"]["suspended_by"], "operator:helpdesk");
    assert_eq!(shown["suspension"]["returns_to"], "active");

    let (out, err) = run(
        env.cmd().args([
            "user",
            "release",
            "ewa",
            "--millekod",
            MILLEKOD,
            "--reason",
            "phone found",
            "--yes",
            "-o",
            "json",
        ]),
        0,
    );
    let after: serde_json::Value = serde_json::from_str(&out).expect("the user, as JSON");
    assert_eq!(after["status"], "active");
    assert!(after.get("suspension").is_none(), "{after}");
    assert!(err.is_empty() || !err.contains("error"), "{err}");
    let record = env
        .audit_of(MILLEKOD, "ewa")
        .into_iter()
        .find(|r| r["action"] == "user.release")
        .expect("user.release recorded");
    assert_eq!(record["reason"], "phone found");
}

#[test]
fn a_reason_is_required_and_checked_before_anything_is_sent() {
    let env = TestEnv::start();
    env.login_operator("default");
    let before = env.show_json(MILLEKOD, "ewa");
    let long = "x".repeat(10 * 1024);

    // Missing: a usage error (2); empty or 10 kB: refused as invalid input (7).
    for (args, code) in [
        (vec!["--millekod", MILLEKOD], 2),
        (vec!["--reason", "lost token"], 2),
        (vec!["--millekod", MILLEKOD, "--reason", ""], 7),
        (vec!["--millekod", MILLEKOD, "--reason", &long], 7),
        (vec!["--millekod", MILLEKOD, "--reason", "a\u{202e}b"], 7),
    ] {
        let (_, err) = run(
            env.cmd()
                .args(["user", "suspend", "ewa", "--yes"])
                .args(&args),
            code,
        );
        assert!(
            err.contains("reason") || err.contains("--millekod"),
            "{err}"
        );
    }
    assert_eq!(env.show_json(MILLEKOD, "ewa"), before);
}

#[test]
fn without_yes_and_without_a_terminal_nothing_changes() {
    let env = TestEnv::start();
    env.login_operator("default");
    let before = env.show_json(MILLEKOD, "ewa");

    let (_, err) = run(
        env.cmd().args([
            "user",
            "suspend",
            "ewa",
            "--millekod",
            MILLEKOD,
            "--reason",
            "lost token",
        ]),
        2,
    );

    assert!(err.contains("--yes"), "{err}");
    assert_eq!(env.show_json(MILLEKOD, "ewa"), before);
}

#[test]
fn a_token_and_a_co_user_are_forbidden() {
    let env = TestEnv::start();
    let before = env.show_json(MILLEKOD, "ewa");
    let args = [
        "user",
        "suspend",
        "ewa",
        "--millekod",
        MILLEKOD,
        "--reason",
        "lost token",
        "--yes",
    ];

    let (_, err) = run(env.helpdesk_cmd().args(args), 5);
    assert!(err.contains("only HelpDesk operators"), "{err}");
    env.login_token_user(MILLEKOD, "anna", "default");
    let (_, err) = run(env.cmd().args(args), 5);
    assert!(err.contains("only HelpDesk operators"), "{err}");

    assert_eq!(env.show_json(MILLEKOD, "ewa"), before);
}

#[test]
fn conflicts_are_named_and_an_unblock_points_to_release() {
    let env = TestEnv::start();
    env.login_operator("default");

    let (_, err) = run(
        env.cmd()
            .args(["user", "release", "ewa", "--millekod", MILLEKOD, "--yes"]),
        6,
    );
    assert!(err.contains("is not suspended (active)"), "{err}");

    suspend(&env, "jan", "suspected fraud");
    let (_, err) = run(
        env.cmd().args([
            "user",
            "suspend",
            "jan",
            "--millekod",
            MILLEKOD,
            "--reason",
            "again",
            "--yes",
        ]),
        6,
    );
    assert!(
        err.contains("suspended already (by operator:helpdesk: suspected fraud)"),
        "{err}"
    );

    for mode in ["current-password", "new-password"] {
        let (_, err) = run(
            env.helpdesk_cmd()
                .args(["unblock", mode, "jan", "--millekod", MILLEKOD, "--yes"]),
            6,
        );
        assert!(err.contains("no unblock lifts a suspension"), "{err}");
        assert!(
            err.contains("millectl user release jan --millekod 12345678"),
            "{err}"
        );
    }

    // Released, jan is blocked as before and says how to unblock.
    let (out, err) = run(
        env.cmd()
            .args(["user", "release", "jan", "--millekod", MILLEKOD, "--yes"]),
        0,
    );
    assert!(out.contains("status\tblocked\n"), "{out}");
    assert!(
        err.contains("millectl unblock current-password jan"),
        "{err}"
    );
}
