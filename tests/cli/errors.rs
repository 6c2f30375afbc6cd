//! Every error reads the same way: one `millectl: error: …` line (clap's argument errors
//! included), its advice said once, and where a command fixes it, that command with the
//! user's own values — which, run as printed, works.

use crate::helpers::{run, TestEnv, MILLEKOD};

/// The first line carries our prefix; no other line says "error" again; the advice
/// `once` appears exactly once.
fn assert_one_error(err: &str, once: &str) {
    let first = err.lines().next().unwrap_or("");
    assert!(first.starts_with("millectl: error: "), "{err}");
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert_eq!(err.matches(once).count(), 1, "{once:?} once: {err}");
}

/// The command inside the first pair of backticks of the hint line.
fn hinted_command(err: &str) -> String {
    let hint = err
        .lines()
        .find(|l| l.starts_with("hint: "))
        .unwrap_or_else(|| panic!("no hint: {err}"));
    hint.split('`')
        .nth(1)
        .expect("a command in backticks")
        .to_owned()
}

fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    format!(
        "http://127.0.0.1:{}",
        listener.local_addr().expect("addr").port()
    )
}

#[test]
fn every_failing_invocation_says_millectl_error_first_and_its_advice_once() {
    let env = TestEnv::start();
    let long = "x".repeat(10_000);
    let dead = closed_port_url();
    // (arguments, with the HelpDesk token, exit code, advice said once)
    let cases: Vec<(Vec<&str>, bool, i32, &str)> = vec![
        (vec!["--bogus", "whoami"], true, 2, "Usage: "),
        (vec!["user", "show"], true, 2, "required arguments"),
        (vec!["user"], true, 2, "a subcommand is required"),
        (
            vec!["user", "show", "jan", "--millekod", "abc"],
            true,
            7,
            "8 digits",
        ),
        (
            vec!["user", "show", "jan", "--millekod", &long],
            true,
            7,
            "8 digits",
        ),
        (
            vec![
                "unblock",
                "current-password",
                "jan",
                "--millekod",
                MILLEKOD,
                "--reason",
                &long,
            ],
            true,
            7,
            "--reason",
        ),
        (vec!["-o", "yaml", "whoami"], true, 7, "possible values"),
        (
            vec!["user", "show", "nosuch", "--millekod", MILLEKOD],
            true,
            3,
            "user list",
        ),
        (vec!["whoami"], false, 4, "millectl login"),
        (
            vec!["--profile", "nosuch", "whoami"],
            true,
            7,
            "known profiles",
        ),
        (
            vec!["--server", &dead, "whoami"],
            true,
            8,
            "is the server running?",
        ),
    ];

    for (args, token, code, once) in cases {
        let mut cmd = env.cmd_without_server();
        if !args.contains(&"--server") {
            cmd.args(["--server", &env.url]);
        }
        if token {
            cmd.env("MILLECTL_TOKEN", &env.creds.api_token);
        }
        let (out, err) = run(cmd.args(&args), code);

        assert_eq!(out, "", "{args:?}");
        assert_one_error(&err, once);
        assert!(
            err.len() < 4_000,
            "{args:?} echoed {} bytes: {err}",
            err.len()
        );
    }
}

#[test]
fn an_over_long_value_is_echoed_60_characters_long() {
    let env = TestEnv::start();
    let long = "r".repeat(10_000);

    let (_, err) = run(
        env.helpdesk_cmd()
            .args(["unblock", "current-password", "jan", "--millekod", MILLEKOD])
            .args(["--reason", &long]),
        7,
    );

    assert!(err.contains(&format!("'{}…'", "r".repeat(60))), "{err}");
    assert!(!err.contains(&"r".repeat(61)), "{err}");
}

#[test]
fn help_and_version_stay_as_clap_prints_them() {
    let env = TestEnv::start();

    let (help, _) = run(env.cmd_without_server().arg("--help"), 0);
    let (version, _) = run(env.cmd_without_server().arg("--version"), 0);

    assert!(help.starts_with("Corporate e-banking auth"), "{help}");
    assert!(version.starts_with("millectl "), "{version}");
}

#[test]
fn a_blocked_login_gives_its_advice_once() {
    let env = TestEnv::start();

    // marek is blocked in the dev data.
    let (_, err) = run(
        env.cmd()
            .args([
                "login",
                "--millekod",
                MILLEKOD,
                "--login",
                "marek",
                "--password-stdin",
            ])
            .write_stdin("abcdefghijklmnopqrstuvwxyz0123456789\n123456\n"),
        6,
    );

    assert_one_error(&err, "ask a co-user");
    assert!(!err.contains("hint:"), "{err}");
}

#[test]
fn unblocking_a_user_without_a_phone_names_the_command_that_fixes_it_and_it_works() {
    let env = TestEnv::start();
    env.login_operator("p3");

    let unblock = || {
        let mut cmd = env.cmd();
        cmd.args(["--profile", "p3", "unblock", "new-password", "marek"])
            .args(["--millekod", MILLEKOD, "--yes"]);
        cmd
    };
    let (_, err) = run(&mut unblock(), 6);

    assert_one_error(&err, "phone set");
    let fix = hinted_command(&err);
    assert_eq!(
        fix,
        format!("millectl --profile p3 phone set marek PHONE --millekod {MILLEKOD}")
    );
    // Run it as printed, with a number for PHONE: then the unblock is no longer
    // refused (after a phone change it waits for a second operator, issue 11).
    let args: Vec<String> = fix
        .split(' ')
        .skip(1)
        .map(|a| {
            if a == "PHONE" {
                "+48 605 111 222".into()
            } else {
                a.into()
            }
        })
        .collect();
    run(
        env.cmd_without_server()
            .args(&args)
            .args(["--server", &env.url, "--yes"]),
        0,
    );
    let (_, err) = run(&mut unblock(), 0);
    assert!(!err.contains("error"), "{err}");
}

#[test]
fn a_reason_the_server_demands_is_asked_for_with_the_command_as_typed() {
    let env = TestEnv::start_with(&["--require-reason"]);

    let (_, err) = run(
        env.helpdesk_cmd().args([
            "unblock",
            "current-password",
            "jan",
            "--millekod",
            MILLEKOD,
            "--yes",
        ]),
        7,
    );

    assert_one_error(&err, "--reason");
    let fix = hinted_command(&err);
    assert_eq!(
        fix,
        format!(
            "millectl --server {} unblock current-password jan --millekod {MILLEKOD} --yes \
             --reason \"TICKET-123\"",
            env.url
        )
    );
    let args: Vec<&str> = fix.split(' ').skip(1).collect();
    let args: Vec<&str> = args[..args.len() - 1].to_vec();
    run(
        env.cmd_without_server()
            .env("MILLECTL_TOKEN", &env.creds.api_token)
            .args(&args)
            .arg("TICKET-123"),
        0,
    );
}

#[test]
fn a_suspended_user_names_the_release_command_for_this_profile() {
    let env = TestEnv::start();
    env.login_operator("p3");
    let p3 = |args: &[&str], code| {
        run(
            env.cmd()
                .args(["--profile", "p3"])
                .args(args)
                .args(["--millekod", MILLEKOD, "--yes"]),
            code,
        )
    };
    p3(&["user", "suspend", "jan", "--reason", "ticket 4411"], 0);

    let (_, unblock) = p3(&["unblock", "current-password", "jan"], 6);
    let (_, reset) = p3(&["user", "require-password-change", "jan"], 6);

    for err in [unblock, reset] {
        assert_one_error(&err, "user release");
        assert_eq!(
            hinted_command(&err),
            format!("millectl --profile p3 user release jan --millekod {MILLEKOD}")
        );
    }
}
