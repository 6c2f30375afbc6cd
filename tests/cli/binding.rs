//! A stored session goes only to the server that issued it (issue 11): pointed at
//! another server — by `--server` or by the profile's config — the CLI refuses to send
//! it, with exit 4 and the command that logs in there. The other server here is a
//! listener of the test's own that records what arrives.

use crate::helpers::{run, SpyServer, TestEnv, MILLEKOD};

#[test]
fn a_stored_session_is_not_sent_to_another_server() {
    // Arrange: anna logs in to the test server; a second listener waits.
    let env = TestEnv::start();
    env.login_token_user(MILLEKOD, "anna", "default");
    let token = env.stored_token("default").expect("session");
    let spy = SpyServer::start();

    // Act
    let (_, err) = run(
        env.cmd_without_server()
            .args(["--server", &spy.url, "whoami"]),
        4,
    );

    // Assert
    assert!(
        !spy.saw(&token),
        "the token reached the other server: {:?}",
        spy.heads()
    );
    assert_eq!(
        err.trim_end(),
        format!(
            "millectl: error: the stored session is for {}, not {}; run `millectl --server {} login`",
            env.url, spy.url, spy.url
        )
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn the_hint_names_a_non_default_profile() {
    let env = TestEnv::start();
    env.login_token_user(MILLEKOD, "anna", "work");
    let token = env.stored_token("work").expect("session");
    let spy = SpyServer::start();

    let (_, err) = run(
        env.cmd_without_server().args([
            "--profile",
            "work",
            "--server",
            &spy.url,
            "user",
            "show",
            "jan",
            "--millekod",
            MILLEKOD,
        ]),
        4,
    );

    assert!(!spy.saw(&token), "{:?}", spy.heads());
    assert!(
        err.contains(&format!(
            "run `millectl --server {} --profile work login`",
            spy.url
        )),
        "{err}"
    );
}

#[test]
fn a_profile_server_changed_after_login_does_not_get_the_session() {
    // Arrange: logged in to the test server, then the profile is pointed elsewhere.
    let env = TestEnv::start();
    env.login_token_user(MILLEKOD, "anna", "default");
    let token = env.stored_token("default").expect("session");
    let spy = SpyServer::start();
    run(
        env.cmd_without_server()
            .args(["config", "set", "server", &spy.url]),
        0,
    );

    // Act
    let (_, err) = run(env.cmd_without_server().arg("whoami"), 4);

    // Assert
    assert!(!spy.saw(&token), "{:?}", spy.heads());
    assert!(err.contains("the stored session is for"), "{err}");
}

#[test]
fn the_same_server_spelled_differently_still_gets_the_session() {
    let env = TestEnv::start();
    env.login_token_user(MILLEKOD, "anna", "default");
    let spelled = format!("{}/", env.url.replacen("http://", "HTTP://", 1));

    let (out, _) = run(
        env.cmd_without_server()
            .args(["--server", &spelled, "whoami"]),
        0,
    );

    assert!(out.contains("anna of MilleKod 12345678"), "{out}");
}

#[test]
fn logout_with_another_server_ends_the_session_where_it_was_issued() {
    let env = TestEnv::start();
    env.login_token_user(MILLEKOD, "anna", "default");
    let token = env.stored_token("default").expect("session");
    let spy = SpyServer::start();

    let (_, said) = run(
        env.cmd_without_server()
            .args(["--server", &spy.url, "logout"]),
        0,
    );

    assert!(!spy.saw(&token), "{:?}", spy.heads());
    assert!(said.contains("Logged out"), "{said}");
    assert_eq!(env.stored_token("default"), None);
    let (status, _) = env.api("GET", "/v1/me", &token, None);
    assert_eq!(status, 401, "the issuing server still accepts the session");
}

#[test]
fn millectl_token_goes_to_the_server_given_and_the_stored_session_stays_home() {
    // The user chose both the token and the server; the stored session is not sent.
    let env = TestEnv::start();
    env.login_token_user(MILLEKOD, "anna", "default");
    let session = env.stored_token("default").expect("session");
    let spy = SpyServer::start();

    // The spy refuses every token; what it received is the point, not the exit code.
    env.cmd_without_server()
        .args(["--server", &spy.url, "whoami"])
        .env("MILLECTL_TOKEN", "mlt_chosen-for-the-spy")
        .output()
        .expect("run millectl");

    let heads = spy.heads();
    assert!(
        heads
            .iter()
            .any(|h| h.contains("Bearer mlt_chosen-for-the-spy")),
        "{heads:?}"
    );
    assert!(!heads.iter().any(|h| h.contains(&session)), "{heads:?}");
}
