//! `user history` (issue 15): the timeline as people (piped table) and scripts (JSON,
//! CSV) read it, and its refusals with their exit codes; `user show` answers the next
//! question in its table.

use serde_json::Value;

use crate::helpers::{run, TestEnv, MILLEKOD};

#[test]
fn user_history_lists_the_timeline_in_every_format() {
    let env = TestEnv::start();
    let (out, _) = run(
        env.helpdesk_cmd()
            .args(["user", "history", "jan", "--millekod", MILLEKOD]),
        0,
    );
    let header = out.lines().next().unwrap_or("");
    assert!(
        header.starts_with("at\tkind\twhat\toutcome\tfactor"),
        "{out}"
    );
    assert!(out.contains("\tadmin\tuser.create\tsuccess\t"), "{out}");

    let (json, _) = run(
        env.helpdesk_cmd().args([
            "user",
            "history",
            "jan",
            "--millekod",
            MILLEKOD,
            "--since",
            "2d",
            "-o",
            "json",
        ]),
        0,
    );
    let entries: Value = serde_json::from_str(&json).expect("JSON");
    let entries = entries.as_array().expect("an array of entries");
    assert!(entries
        .iter()
        .all(|e| e["kind"] == "admin" || e["kind"] == "login"));

    let (csv, _) = run(
        env.helpdesk_cmd().args([
            "user",
            "history",
            "jan",
            "--millekod",
            MILLEKOD,
            "--limit",
            "1",
            "-o",
            "csv",
        ]),
        0,
    );
    assert_eq!(csv.lines().count(), 2, "header and one entry: {csv}");
}

#[test]
fn user_history_refuses_bad_input_with_its_exit_code() {
    let env = TestEnv::start();
    let (_, err) = run(
        env.helpdesk_cmd()
            .args(["user", "history", "nobody", "--millekod", MILLEKOD]),
        3,
    );
    assert!(
        err.contains("no user 'nobody' in MilleKod 12345678"),
        "{err}"
    );
    for bad in [
        ["--limit", "0"],
        ["--limit", "1001"],
        ["--since", "yesterday"],
        ["--since", "' OR 1=1 --"],
    ] {
        let (_, err) = run(
            env.helpdesk_cmd()
                .args(["user", "history", "jan", "--millekod", MILLEKOD])
                .args(bad),
            7,
        );
        assert!(err.contains(bad[0]), "names the flag: {err}");
    }
}

#[test]
fn user_show_table_says_what_can_be_done() {
    let env = TestEnv::start();
    let (out, _) = run(
        env.helpdesk_cmd()
            .args(["user", "show", "marek", "--millekod", MILLEKOD]),
        0,
    );
    assert!(
        out.contains(
            "unblock new-password\tno — no phone and no token — set a phone first: \
             `millectl phone set marek PHONE --millekod 12345678`"
        ),
        "{out}"
    );
    assert!(out.contains("unblock current-password\tyes — "), "{out}");
    assert!(out.contains("blocked_by\tfailed attempts"), "{out}");
    assert!(
        out.contains("co_users_who_can_help\tanna (Anna Kowalska), ewa (Ewa Nowak)"),
        "{out}"
    );
}
