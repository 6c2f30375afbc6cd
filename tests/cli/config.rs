//! Profiles and the config file, `whoami`, and what happens when the server URL is
//! wrong or nobody listens there.

use serde_json::Value;

use crate::helpers::{run, TestEnv, MILLEKOD};

#[test]
fn config_set_server_is_per_profile_and_used_without_server() {
    let env = TestEnv::start();

    run(
        env.cmd_without_server()
            .args(["--profile", "bank", "config", "set", "server", &env.url]),
        0,
    );
    let (bank, _) = run(
        env.cmd_without_server()
            .args(["--profile", "bank", "config", "show", "-o", "json"]),
        0,
    );
    let (default, _) = run(
        env.cmd_without_server()
            .args(["config", "show", "-o", "json"]),
        0,
    );

    let bank: Value = serde_json::from_str(&bank).expect("JSON");
    let default: Value = serde_json::from_str(&default).expect("JSON");
    assert_eq!(bank["profile"], "bank");
    assert_eq!(bank["server"], format!("{}/", env.url));
    assert_eq!(bank["session"], "none (not logged in)");
    assert_eq!(default["server"], "http://127.0.0.1:7070/");
    let file = std::fs::read_to_string(env.config_dir().join("config.toml")).expect("config");
    assert!(file.contains(&env.url), "{file}");
    // The profile's server is the one a command without --server talks to.
    let (out, _) = run(
        env.cmd_without_server()
            .args([
                "--profile",
                "bank",
                "user",
                "show",
                "jan",
                "--millekod",
                MILLEKOD,
            ])
            .env("MILLECTL_TOKEN", &env.creds.api_token),
        0,
    );
    assert!(out.contains("login\tjan"), "{out}");
}

#[test]
fn config_show_in_a_table_names_the_session_file_after_login() {
    let env = TestEnv::start();
    env.login_token_user(MILLEKOD, "anna", "work");

    let (work, _) = run(env.cmd().args(["--profile", "work", "config", "show"]), 0);
    let (other, _) = run(env.cmd().args(["config", "show"]), 0);

    let file = env.config_dir().join("credentials.toml");
    assert!(work.contains("profile:     work\n"), "{work}");
    assert!(
        work.contains(&format!("session:     {}", file.display())),
        "{work}"
    );
    assert!(
        other.contains("session:     none (not logged in)"),
        "{other}"
    );
}

#[test]
fn whoami_of_an_operator() {
    let env = TestEnv::start();
    env.login_operator("default");

    let (out, _) = run(env.cmd().arg("whoami"), 0);
    let (json, _) = run(env.cmd().args(["whoami", "-o", "json"]), 0);

    assert!(out.contains("HelpDesk operator helpdesk"), "{out}");
    assert!(out.contains("expires at: "), "{out}");
    let json: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(json["principal"]["kind"], "operator");
    assert_eq!(json["principal"]["login"], "helpdesk");
}

#[test]
fn a_malformed_server_url_is_exit_7() {
    let env = TestEnv::start();

    for url in ["not a url", "ftp://127.0.0.1", "http://"] {
        let (_, err) = run(
            env.cmd_without_server().args(["--server", url, "whoami"]),
            7,
        );
        assert!(err.contains("--server"), "{err}");
    }
    let (_, err) = run(
        env.cmd_without_server()
            .args(["config", "set", "server", "ftp://x"]),
        7,
    );
    assert!(err.contains("http"), "{err}");
    assert!(!env.config_dir().join("config.toml").exists());
}

#[test]
fn a_closed_port_is_exit_8_with_a_clear_message() {
    let env = TestEnv::start();
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let url = format!("http://127.0.0.1:{port}");

    let (out, err) = run(
        env.cmd_without_server()
            .args([
                "--server",
                &url,
                "user",
                "show",
                "jan",
                "--millekod",
                MILLEKOD,
            ])
            .env("MILLECTL_TOKEN", &env.creds.api_token),
        8,
    );

    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains(&format!("cannot reach the server at {url}")),
        "{err}"
    );
    assert!(err.contains("is the server running?"), "{err}");
}
