//! `login` in every flow the bank has (masked, masking off, first login, new password
//! after an unblock, lockout), tokens from stdin and the environment, `logout`, and an
//! expired session.

use std::time::Duration;

use serde_json::json;

use crate::helpers::{run, stderr, TestEnv, MILLEKOD, OTHER_MILLEKOD};

#[test]
fn token_user_logs_in_with_masked_password_and_the_session_goes_to_a_0600_file() {
    // Arrange
    let env = TestEnv::start();

    // Act
    let output = env.login_token_user(MILLEKOD, "anna", "default");

    // Assert
    assert!(
        stderr(&output).contains("as anna of MilleKod 12345678"),
        "{}",
        stderr(&output)
    );
    let file = env.config_dir().join("credentials.toml");
    assert!(env.stored_token("default").is_some());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file)
            .expect("credentials")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let (out, _) = run(env.cmd().arg("whoami"), 0);
    assert!(out.contains("anna of MilleKod 12345678"), "{out}");
    assert!(out.contains(&file.display().to_string()), "{out}");
}

#[test]
fn sms_user_gets_the_code_after_the_challenge_and_logs_in() {
    let env = TestEnv::start();

    let output = env.login_sms(MILLEKOD, "ewa", "default", &[&env.password("ewa")]);

    assert!(output.status.success(), "{}", stderr(&output));
    let (out, _) = run(env.cmd().arg("whoami"), 0);
    assert!(out.contains("ewa of MilleKod 12345678"), "{out}");
}

#[test]
fn over_the_sms_limits_the_cli_says_when_to_try_again() {
    // Arrange: one SMS code a minute per login, none re-used; ewa has just had one.
    let env = TestEnv::start_with(&[
        "--sms-reuse-min-left-secs",
        "300",
        "--sms-min-interval-secs",
        "60",
    ]);
    let password = env.password("ewa");
    let first = env.login_sms(MILLEKOD, "ewa", "default", &[&password]);
    assert!(first.status.success(), "{}", stderr(&first));

    // Act
    let second = env.login_sms(MILLEKOD, "ewa", "second", &[&password]);

    // Assert: exit 8 (try later), the reason, and when.
    assert_eq!(second.status.code(), Some(8), "{}", stderr(&second));
    let text = stderr(&second);
    assert!(text.contains("too many SMS codes for this login"), "{text}");
    assert!(text.contains("try again in "), "{text}");
    assert!(text.contains(" UTC)"), "{text}");
    assert!(env.stored_token("second").is_none());
}

#[test]
fn with_masking_switched_off_the_whole_password_logs_in() {
    // Arrange: ewa logs in and switches masking off herself, through the API.
    let env = TestEnv::start();
    let password = env.password("ewa");
    let first = env.login_sms(MILLEKOD, "ewa", "default", &[&password]);
    assert!(first.status.success(), "{}", stderr(&first));
    let session = env.stored_token("default").expect("session");
    let (status, body) = env.api(
        "PUT",
        "/v1/companies/12345678/users/ewa/password-masking",
        &session,
        Some(json!({ "enabled": false })),
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(env.show_json(MILLEKOD, "ewa")["password_masking"], false);

    // Act
    let second = env.login_sms(MILLEKOD, "ewa", "default", &[&password]);

    // Assert
    assert!(second.status.success(), "{}", stderr(&second));
    assert_ne!(
        env.stored_token("default").as_deref(),
        Some(session.as_str())
    );
    let (out, _) = run(env.cmd().arg("whoami"), 0);
    assert!(out.contains("ewa of MilleKod 12345678"), "{out}");
}

#[test]
fn first_login_sets_a_permanent_password_that_then_logs_in() {
    let env = TestEnv::start();
    let temporary = env
        .user(MILLEKOD, "piotr")
        .temporary_password
        .expect("temporary password");
    assert_eq!(
        env.show_json(MILLEKOD, "piotr")["status"],
        "pending_activation"
    );

    let first = env.login_sms(MILLEKOD, "piotr", "p", &[&temporary, "Nowe1haslo"]);

    assert!(first.status.success(), "{}", stderr(&first));
    assert!(stderr(&first).contains("First login"), "{}", stderr(&first));
    assert_eq!(env.show_json(MILLEKOD, "piotr")["status"], "active");
    let again = env.login_sms(MILLEKOD, "piotr", "p", &["Nowe1haslo"]);
    assert!(again.status.success(), "{}", stderr(&again));
}

#[test]
fn new_password_after_an_unblock_then_a_normal_login() {
    // Arrange: HelpDesk lets jan (blocked) set a new password.
    let env = TestEnv::start();
    env.login_operator("helpdesk");
    let (out, _) = run(
        env.cmd()
            .args(["--profile", "helpdesk", "unblock", "new-password", "jan"])
            .args(["--millekod", MILLEKOD, "--yes"]),
        0,
    );
    assert!(out.contains("awaiting_new_password"), "{out}");
    let phone = env.user(MILLEKOD, "jan").phone.expect("phone");
    let access = env.access_password(&phone).expect("access password by SMS");

    // Act
    let reset = env.login_sms(MILLEKOD, "jan", "jan", &[&access, "Jan2nowehaslo"]);

    // Assert
    assert!(reset.status.success(), "{}", stderr(&reset));
    assert!(
        stderr(&reset).contains("new password"),
        "{}",
        stderr(&reset)
    );
    assert_eq!(env.show_json(MILLEKOD, "jan")["status"], "active");
    let normal = env.login_sms(MILLEKOD, "jan", "jan", &["Jan2nowehaslo"]);
    assert!(normal.status.success(), "{}", stderr(&normal));
    let (out, _) = run(env.cmd().args(["--profile", "jan", "whoami"]), 0);
    assert!(out.contains("jan of MilleKod 12345678"), "{out}");
}

#[test]
fn wrong_password_counts_down_then_blocks() {
    let env = TestEnv::start();
    let attempt = || {
        let mut cmd = env.cmd();
        cmd.args(["login", "--millekod", OTHER_MILLEKOD, "--login", "olga"])
            .arg("--password-stdin")
            .write_stdin("Wrong1password\n123456\n");
        cmd
    };

    let (_, first) = run(&mut attempt(), 4);
    let (_, second) = run(&mut attempt(), 4);
    let (_, third) = run(&mut attempt(), 4);
    let (_, fourth) = run(&mut attempt(), 6);

    assert!(first.contains("2 attempts left"), "{first}");
    assert!(second.contains("1 attempt left"), "{second}");
    assert!(third.contains("blocked"), "{third}");
    assert!(fourth.contains("blocked"), "{fourth}");
    assert_eq!(env.show_json(OTHER_MILLEKOD, "olga")["status"], "blocked");
    assert_eq!(env.stored_token("default"), None);
}

#[test]
fn login_with_token_reads_it_from_stdin_and_refuses_a_wrong_one() {
    let env = TestEnv::start();

    let (_, wrong) = run(
        env.cmd()
            .args(["login", "--with-token"])
            .write_stdin("mlt_not-a-token\n"),
        4,
    );
    let (_, right) = run(
        env.cmd()
            .args(["login", "--with-token"])
            .write_stdin(format!("{}\n", env.creds.api_token)),
        0,
    );

    assert!(wrong.contains("millectl login"), "{wrong}");
    assert!(right.contains("API token"), "{right}");
    assert_eq!(
        env.stored_token("default"),
        Some(env.creds.api_token.clone())
    );
    let (out, _) = run(env.cmd().arg("whoami"), 0);
    assert!(out.contains("API token"), "{out}");
}

#[test]
fn millectl_token_overrides_the_stored_session() {
    let env = TestEnv::start();
    env.login_token_user(MILLEKOD, "anna", "default");

    let (with_env, _) = run(
        env.cmd()
            .arg("whoami")
            .env("MILLECTL_TOKEN", &env.creds.api_token),
        0,
    );
    let (without, _) = run(env.cmd().arg("whoami"), 0);

    assert!(with_env.contains("API token"), "{with_env}");
    assert!(
        // Piped, whoami is key<TAB>value like every record (issue 16).
        with_env.contains("token_from\tMILLECTL_TOKEN"),
        "{with_env}"
    );
    assert!(without.contains("anna of MilleKod"), "{without}");
}

#[test]
fn logout_ends_the_session_and_whoami_then_says_to_log_in() {
    let env = TestEnv::start();
    env.login_token_user(MILLEKOD, "anna", "default");
    let session = env.stored_token("default").expect("session");

    let (_, said) = run(env.cmd().arg("logout"), 0);
    let (_, whoami) = run(env.cmd().arg("whoami"), 4);

    assert!(said.contains("Logged out"), "{said}");
    assert_eq!(env.stored_token("default"), None);
    assert!(whoami.contains("millectl login"), "{whoami}");
    let (status, _) = env.api("GET", "/v1/me", &session, None);
    assert_eq!(status, 401, "the server still accepts the ended session");
}

#[test]
fn logout_with_millectl_token_set_still_forgets_the_stored_session() {
    let env = TestEnv::start();
    env.login_token_user(MILLEKOD, "anna", "default");
    let session = env.stored_token("default").expect("session");

    let (_, said) = run(
        env.cmd()
            .arg("logout")
            .env("MILLECTL_TOKEN", &env.creds.api_token),
        0,
    );

    assert!(said.contains("MILLECTL_TOKEN is set"), "{said}");
    assert!(said.contains("Logged out"), "{said}");
    assert_eq!(env.stored_token("default"), None);
    let (status, _) = env.api("GET", "/v1/me", &session, None);
    assert_eq!(status, 401, "the server still accepts the ended session");
    let (status, _) = env.api("GET", "/v1/me", &env.creds.api_token, None);
    assert_eq!(status, 200, "logout must not touch the API token");
}

#[test]
fn an_idle_session_expires_and_the_cli_says_to_log_in_again() {
    let env = TestEnv::start_with(&["--user-idle-seconds", "1"]);
    env.login_token_user(MILLEKOD, "anna", "default");

    // Waiting for the server's clock is the point of this test: past the idle limit.
    std::thread::sleep(Duration::from_millis(2500));
    let (_, err) = run(env.cmd().arg("whoami"), 4);

    assert!(err.contains("run `millectl login`"), "{err}");
    assert!(
        err.contains("may have expired"),
        "the server refused it: {err}"
    );
    assert!(
        env.stored_token("default").is_some(),
        "still stored, but expired"
    );
}

#[test]
fn the_one_time_code_comes_on_stdin_after_the_password_and_login_help_offers_no_otp_flag() {
    // R12: a secret never goes on the command line, where `ps` shows it to everyone.
    let env = TestEnv::start();
    let user = env.user(MILLEKOD, "anna");
    let code = env.fresh_token_code(user.totp_secret.as_deref().expect("seed"));

    let (_, said) = run(
        env.cmd()
            .args(["login", "--millekod", MILLEKOD, "--login", "anna"])
            .arg("--password-stdin")
            .write_stdin(format!("{}\n{code}\n", user.password.expect("password"))),
        0,
    );
    let (help, _) = run(env.cmd().args(["login", "--help"]), 0);

    assert!(said.contains("as anna of MilleKod"), "{said}");
    assert!(!said.contains("warning"), "{said}");
    assert!(!help.contains("--otp"), "{help}");
}

#[test]
fn the_deprecated_otp_flag_still_logs_in_and_warns() {
    let env = TestEnv::start();
    let user = env.user(MILLEKOD, "anna");
    let code = env.fresh_token_code(user.totp_secret.as_deref().expect("seed"));

    let (_, said) = run(
        env.cmd()
            .args(["login", "--millekod", MILLEKOD, "--login", "anna"])
            .args(["--password-stdin", "--otp", &code])
            .write_stdin(format!("{}\n", user.password.expect("password"))),
        0,
    );

    assert!(
        said.starts_with("millectl: warning: --otp puts the one-time code in the process list; "),
        "{said}"
    );
    assert!(said.contains("as anna of MilleKod"), "{said}");
}
