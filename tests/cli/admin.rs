//! `api-token create|list|revoke` and `audit`, as an operator uses them.

use serde_json::Value;

use crate::helpers::*;

#[test]
fn an_operator_creates_lists_and_revokes_an_api_token() {
    let env = TestEnv::start();
    env.login_operator("op");

    // create: the token alone on stdout, so TOKEN=$(…) captures it.
    let (token, _) = run(
        env.cmd().args([
            "--profile",
            "op",
            "api-token",
            "create",
            "batch-2026",
            "--scope",
            "users:read",
            "--scope",
            "phones:write",
            "--expires-in",
            "2h",
        ]),
        0,
    );
    let token = token.trim().to_owned();
    assert!(token.starts_with("mlt_"), "{token}");
    let (status, me) = env.api("GET", "/v1/me", &token, None);
    assert_eq!(status, 200);
    assert_eq!(me["principal"]["name"], "batch-2026");

    // list: JSON, no token values.
    let (listed, _) = run(
        env.cmd()
            .args(["--profile", "op", "-o", "json", "api-token", "list"]),
        0,
    );
    assert!(!listed.contains(&token));
    let list: Value = serde_json::from_str(&listed).expect("json");
    let ours = list
        .as_array()
        .and_then(|l| l.iter().find(|t| t["name"] == "batch-2026"))
        .cloned()
        .expect("listed");
    assert_eq!(
        ours["scopes"],
        serde_json::json!(["users:read", "phones:write"])
    );
    let id = ours["id"].as_str().expect("id").to_owned();

    // revoke: refused without --yes and no terminal, then done with it.
    run(
        env.cmd()
            .args(["--profile", "op", "api-token", "revoke", &id]),
        2,
    );
    assert_eq!(env.api("GET", "/v1/me", &token, None).0, 200, "still valid");
    run(
        env.cmd().args([
            "--profile",
            "op",
            "api-token",
            "revoke",
            &id,
            "--yes",
            "--reason",
            "T-9",
        ]),
        0,
    );
    assert_eq!(env.api("GET", "/v1/me", &token, None).0, 401);
    // Revoking again is harmless; an id that never existed is not found.
    let (_, again) = run(
        env.cmd()
            .args(["--profile", "op", "api-token", "revoke", &id, "--yes"]),
        0,
    );
    assert!(again.contains("already revoked"), "{again}");
    run(
        env.cmd().args([
            "--profile",
            "op",
            "api-token",
            "revoke",
            "no-such-id",
            "--yes",
        ]),
        3,
    );
}

#[test]
fn api_token_input_is_checked_before_sending() {
    let env = TestEnv::start();
    env.login_operator("op");
    for args in [
        vec!["api-token", "create", "x", "--scope", "users:*"],
        vec![
            "api-token",
            "create",
            "x",
            "--scope",
            "users:read",
            "--expires-in",
            "soon",
        ],
        // A name that shows reversed in every table is refused before it is sent.
        vec![
            "api-token",
            "create",
            "abc\u{202e}dcba",
            "--scope",
            "users:read",
        ],
    ] {
        let (_, err) = run(env.cmd().args(["--profile", "op"]).args(&args), 7);
        assert!(err.contains("invalid value"), "{err}");
    }
    // A co-user is not HelpDesk: 5 (forbidden).
    env.login_token_user("12345678", "anna", "anna");
    run(
        env.cmd().args([
            "--profile",
            "anna",
            "api-token",
            "create",
            "x",
            "--scope",
            "users:read",
        ]),
        5,
    );
}

#[test]
fn audit_shows_what_was_done_with_filters_and_formats() {
    let env = TestEnv::start();
    run(
        env.helpdesk_cmd().args([
            "unblock",
            "current-password",
            "jan",
            "--millekod",
            "12345678",
            "--yes",
            "--reason",
            "T-42",
        ]),
        0,
    );

    let (json, _) = run(
        env.helpdesk_cmd().args([
            "-o",
            "json",
            "audit",
            "--millekod",
            "12345678",
            "--login",
            "jan",
            "--since",
            "1h",
            "--limit",
            "5",
        ]),
        0,
    );
    let records: Value = serde_json::from_str(&json).expect("json");
    let first = &records[0];
    assert_eq!(first["action"], "user.unblock");
    assert_eq!(first["reason"], "T-42");
    assert_eq!(first["actor"], "token:dev-helpdesk");

    let (csv, _) = run(
        env.helpdesk_cmd().args([
            "-o",
            "csv",
            "audit",
            "--millekod",
            "12345678",
            "--limit",
            "3",
        ]),
        0,
    );
    let mut lines = csv.lines();
    assert!(
        lines.next().unwrap_or("").starts_with("id,at,actor"),
        "{csv}"
    );
    assert_eq!(lines.count(), 3);

    for bad in [
        ["--since", "yesterday-ish"],
        ["--limit", "0"],
        ["--millekod", "12ab"],
    ] {
        run(env.helpdesk_cmd().arg("audit").args(bad), 7);
    }
}

#[test]
fn a_token_name_in_use_is_a_one_line_conflict_exit_6() {
    let env = TestEnv::start();
    env.login_operator("op");
    let create = |code| {
        run(
            env.cmd().args([
                "--profile",
                "op",
                "api-token",
                "create",
                "nightly",
                "--scope",
                "users:read",
            ]),
            code,
        )
    };
    create(0);
    let (out, err) = create(6);
    assert_eq!(out, "", "no token printed");
    let mut lines = err.lines();
    let first = lines.next().unwrap_or("");
    assert!(
        first.starts_with("millectl: error: ") && first.contains("\"nightly\" exists already"),
        "{err}"
    );
    assert!(lines.all(|l| l.starts_with("hint: ")), "{err}");
}
