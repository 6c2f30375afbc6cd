//! Tables as a person sees them (issue 16): the real binary on a pseudo-terminal of
//! 80 and 120 columns (`COLUMNS`, which millectl reads before the tty's size, as clap
//! and comfy-table do), against the real server; and the same commands piped, for
//! scripts. Times and ids are redacted to a fixed text of the same width, so the
//! columns stay aligned in the snapshots (README's examples are copied from them).

use crate::helpers::{run, TestEnv, MILLEKOD};
use crate::terminal::spawn;

/// `millectl ARGS` as HelpDesk on a pty `columns` wide: (stdout+stderr, exit code).
fn on_terminal(env: &TestEnv, columns: usize, args: &[&str]) -> (String, i32) {
    let mut cmd = env.std_cmd();
    cmd.env("MILLECTL_TOKEN", &env.creds.api_token)
        .env("COLUMNS", columns.to_string())
        .env("TZ", "UTC")
        .env("NO_COLOR", "1")
        // What the table is, not what less makes of it (tests/cli/pipes.rs has the pager).
        .env("MILLECTL_PAGER", "")
        .args(args);
    let (text, code) = spawn(cmd).finish();
    (text.replace("\r\n", "\n"), code)
}

/// Times and ids to a fixed text of the same width.
fn redacted(name: &str, text: &str) {
    insta::with_settings!({
        filters => vec![
            (r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z", "[timestamp]"),
            (r"\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}\b", "2026-11-30 14:02"),
            (r"\b\d{2}:\d{2} \(", "14:02 ("),
            (r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "[uuid]"),
            // An audit record's id (the first column); a MilleKod is 8 digits.
            (r"(?m)^\d{1,7}\t", "[id]\t"),
        ],
        prepend_module_to_snapshot => true,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

fn assert_fits(text: &str, columns: usize) {
    for line in text.lines() {
        let width = unicode_width::UnicodeWidthStr::width(line);
        assert!(width <= columns, "{width} > {columns}: {line}\n{text}");
    }
}

/// One unblock with a long Polish reason, so the audit has a record with a reason.
fn unblock_jan(env: &TestEnv) {
    run(
        env.helpdesk_cmd().args([
            "unblock",
            "current-password",
            "jan",
            "--millekod",
            MILLEKOD,
            "--yes",
            "--reason",
            "Klient zadzwonił: zapomniał hasła po urlopie w Szczebrzeszynie",
        ]),
        0,
    );
}

#[test]
fn every_list_and_show_at_80_and_120_columns_and_piped() {
    let env = TestEnv::start();
    let commands: [(&str, &[&str]); 4] = [
        (
            "user_list_blocked",
            &["user", "list", "--millekod", MILLEKOD, "--blocked"],
        ),
        ("user_list", &["user", "list", "--millekod", MILLEKOD]),
        (
            "user_show_jan",
            &["user", "show", "jan", "--millekod", MILLEKOD],
        ),
        (
            "user_history_jan",
            &["user", "history", "jan", "--millekod", MILLEKOD],
        ),
    ];
    for (name, args) in commands {
        for columns in [80, 120] {
            let (text, code) = on_terminal(&env, columns, args);
            assert_eq!(code, 0, "{text}");
            assert_fits(&text, columns);
            redacted(&format!("{name}_{columns}"), &text);
        }
        let (piped, _) = run(env.helpdesk_cmd().args(args), 0);
        redacted(&format!("{name}_piped"), &piped);
    }

    unblock_jan(&env);
    let audit: &[&str] = &["audit", "--limit", "3"];
    for columns in [80, 120] {
        let (text, code) = on_terminal(&env, columns, audit);
        assert_eq!(code, 0, "{text}");
        assert_fits(&text, columns);
        redacted(&format!("audit_limit_3_{columns}"), &text);
    }
    let (piped, _) = run(env.helpdesk_cmd().args(audit), 0);
    redacted("audit_limit_3_piped", &piped);
}

#[test]
fn long_polish_names_never_make_a_line_wider_than_the_terminal() {
    let env = TestEnv::start();
    env.login_back_office("bo");
    let token = env.stored_token("bo").expect("back-office session");
    let names = [
        ("grzegorz", "Grzegorz Brzęczyszczykiewicz-Wolańska"),
        ("zofia", "Zofia Źdźbło-Chrząszczewska ze Szczebrzeszyna"),
        ("krzysztof", "Krzysztof Jędrzejczyk-Włodarczyk-Śliwiński"),
    ];
    for (login, name) in names {
        let body = serde_json::json!({
            "login": login, "name": name, "auth_tool": "sms", "phone": "+48601234567",
        });
        let (status, answer) = env.api(
            "POST",
            &format!("/v1/companies/{MILLEKOD}/users"),
            &token,
            Some(body),
        );
        assert_eq!(status, 201, "{answer}");
    }

    for columns in [80, 120] {
        for format in ["table", "wide"] {
            let args = ["-o", format, "user", "list", "--millekod", MILLEKOD];
            let (text, code) = on_terminal(&env, columns, &args);
            assert_eq!(code, 0, "{text}");
            assert_fits(&text, columns);
            if format == "table" {
                assert!(text.contains("Grzegorz Brzę"), "{text}");
            }
        }
    }
    let (text, _) = on_terminal(&env, 120, &["user", "list", "--millekod", MILLEKOD]);
    assert!(
        text.contains("Grzegorz Brzęczyszczykiewicz-Wolańska"),
        "{text}"
    );
    // Piped output is never fitted: every name whole.
    let (piped, _) = run(
        env.helpdesk_cmd()
            .args(["user", "list", "--millekod", MILLEKOD]),
        0,
    );
    for (_, name) in names {
        assert!(piped.contains(name), "{piped}");
    }
}

#[test]
fn columns_picks_by_key_and_an_unknown_key_names_the_known_ones() {
    let env = TestEnv::start();
    let (text, _) = run(
        env.helpdesk_cmd().args([
            "--columns",
            "login,status",
            "user",
            "list",
            "--millekod",
            MILLEKOD,
        ]),
        0,
    );
    assert_eq!(
        text,
        "login\tstatus\nanna\tactive\newa\tactive\njan\tblocked\nmarek\tblocked\npiotr\tpending_activation\n"
    );
    let (csv, _) = run(
        env.helpdesk_cmd().args([
            "-o",
            "csv",
            "--columns",
            "login,password_masking,phone",
            "user",
            "list",
            "--millekod",
            MILLEKOD,
            "--blocked",
        ]),
        0,
    );
    assert_eq!(
        csv,
        "login,password_masking,phone\njan,true,+48******678\nmarek,true,\n"
    );

    let (out, err) = run(
        env.helpdesk_cmd().args([
            "--columns",
            "login,nosuch",
            "user",
            "list",
            "--millekod",
            MILLEKOD,
        ]),
        7,
    );
    assert_eq!(out, "");
    assert!(err.contains("unknown column 'nosuch'"), "{err}");
    assert!(err.contains("millekod, login, name, status"), "{err}");
}

#[test]
fn an_empty_list_says_so_on_stderr_and_succeeds() {
    let env = TestEnv::start();
    let args = [
        "user",
        "list",
        "--millekod",
        MILLEKOD,
        "--status",
        "awaiting_new_password",
    ];
    let (out, err) = run(env.helpdesk_cmd().args(args), 0);
    assert_eq!((out.as_str(), err.trim()), ("", "no users match"));
    let (text, code) = on_terminal(&env, 80, &args);
    assert_eq!((text.trim(), code), ("no users match", 0));
    let (json, _) = run(env.helpdesk_cmd().args(["-o", "json"]).args(args), 0);
    assert_eq!(json, "[]\n");
    let (csv, _) = run(env.helpdesk_cmd().args(["-o", "csv"]).args(args), 0);
    assert!(
        csv.starts_with("millekod,login,name,status,") && csv.lines().count() == 1,
        "{csv}"
    );
}
