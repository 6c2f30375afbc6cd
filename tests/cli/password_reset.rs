//! `user require-password-change`: the user goes to awaiting a new password, the access
//! password goes by SMS, and the state decides the rest (exit 6).

use serde_json::Value;

use crate::helpers::{run, TestEnv, MILLEKOD};

#[test]
fn an_active_user_awaits_a_new_password_and_gets_the_access_password() {
    let env = TestEnv::start();
    let phone = env.user(MILLEKOD, "ewa").phone.expect("phone");

    let (out, err) = run(
        env.helpdesk_cmd().args([
            "user",
            "require-password-change",
            "ewa",
            "--millekod",
            MILLEKOD,
            "--yes",
            "--reason",
            "HD-4712 old scheme",
            "-o",
            "json",
        ]),
        0,
    );

    let after: Value = serde_json::from_str(&out).expect("only the user after, as JSON");
    assert_eq!(after["status"], "awaiting_new_password", "{err}");
    // `user show` adds its advice (issue 15); the user is the same.
    let mut shown = env.api_user(MILLEKOD, "ewa");
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
    let access = env.access_password(&phone).expect("access password SMS");
    assert!(!out.contains(&access) && !err.contains(&access));
    let record = env
        .audit_of(MILLEKOD, "ewa")
        .into_iter()
        .find(|r| r["action"] == "user.password_reset")
        .expect("the change in the audit");
    assert_eq!(record["reason"], "HD-4712 old scheme");
    assert_eq!(record["outcome"], "success");
}

#[test]
fn a_user_who_never_logged_in_is_a_conflict_and_nothing_changes() {
    let env = TestEnv::start();
    let before = env.show_json(MILLEKOD, "piotr");

    let (_, err) = run(
        env.helpdesk_cmd().args([
            "user",
            "require-password-change",
            "piotr",
            "--millekod",
            MILLEKOD,
            "--yes",
        ]),
        6,
    );

    assert!(err.contains("user 'piotr'"), "{err}");
    assert!(err.contains("first time"), "{err}");
    assert_eq!(env.show_json(MILLEKOD, "piotr"), before);
}

#[test]
fn without_yes_and_without_a_terminal_it_refuses_and_changes_nothing() {
    let env = TestEnv::start();
    let before = env.show_json(MILLEKOD, "ewa");

    let (_, err) = run(
        env.helpdesk_cmd().args([
            "user",
            "require-password-change",
            "ewa",
            "--millekod",
            MILLEKOD,
        ]),
        2,
    );

    assert!(err.contains("--yes"), "{err}");
    assert_eq!(env.show_json(MILLEKOD, "ewa"), before);
}
