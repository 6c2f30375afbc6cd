//! `millectl audit --action … --outcome … --actor … --until …` (issue 15, item 8): the
//! filters reach the server, an action's verb selects every action ending in it, and a
//! wrong filter is an invalid-input error before anything is sent.

use serde_json::Value;

use crate::helpers::{run, TestEnv, MILLEKOD};

fn records(out: &str) -> Vec<Value> {
    serde_json::from_str::<Value>(out)
        .expect("JSON")
        .as_array()
        .cloned()
        .expect("array")
}

#[test]
fn audit_filters_by_action_outcome_actor_and_until() {
    let env = TestEnv::start();
    let unblock = |login: &str, code| {
        run(
            env.helpdesk_cmd().args([
                "unblock",
                "current-password",
                login,
                "--millekod",
                MILLEKOD,
                "--yes",
                "--reason",
                "T-15",
            ]),
            code,
        )
    };
    unblock("jan", 0);
    // ewa is not blocked: refused (exit 6) before any unblock is asked of the server.
    unblock("ewa", 6);

    let (out, _) = run(
        env.helpdesk_cmd().args([
            "-o",
            "json",
            "audit",
            "--action",
            "unblock",
            "--outcome",
            "success",
            "--actor",
            "dev-helpdesk",
            "--until",
            "2999-01-01",
        ]),
        0,
    );
    let got = records(&out);
    assert_eq!(got.len(), 1, "{out}");
    assert_eq!(
        (&got[0]["action"], &got[0]["login"], &got[0]["outcome"]),
        (
            &Value::from("user.unblock"),
            &Value::from("jan"),
            &Value::from("success")
        )
    );

    // Several actions, by full name and by verb, repeated or comma-separated.
    for args in [
        &["--action", "user.unblock", "--action", "user.show"][..],
        &["--action", "unblock,show"][..],
    ] {
        let (out, _) = run(
            env.helpdesk_cmd()
                .args(["-o", "json", "audit", "--millekod", MILLEKOD])
                .args(args),
            0,
        );
        let got = records(&out);
        assert!(got.len() >= 2, "{out}");
        assert!(
            got.iter()
                .all(|r| r["action"] == "user.unblock" || r["action"] == "user.show"),
            "{out}"
        );
    }

    // Nothing before the first record: an empty list is success.
    let (out, _) = run(
        env.helpdesk_cmd()
            .args(["-o", "json", "audit", "--until", "2000-01-01"]),
        0,
    );
    assert_eq!(records(&out), Vec::<Value>::new());
}

#[test]
fn wrong_audit_filters_are_one_line_errors() {
    let env = TestEnv::start();
    for (args, code, names) in [
        (&["--action", "unblok"][..], 7, "unblok"),
        (&["--action", ""][..], 7, "--action"),
        (&["--outcome", "failed"][..], 7, "failed"),
        (&["--until", "soon"][..], 7, "soon"),
        (
            &["--since", "2026-01-02", "--until", "2026-01-01"][..],
            7,
            "until is before since",
        ),
    ] {
        let (out, err) = run(env.helpdesk_cmd().arg("audit").args(args), code);
        assert_eq!(out, "", "{args:?}");
        assert!(err.contains(names), "{args:?}: {err}");
    }
}
