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
    // Piped: key and value; the time for scripts (RFC 3339 UTC, milliseconds).
    let expires = out
        .lines()
        .find_map(|l| l.strip_prefix("expires_at\t"))
        .expect("an expires_at line");
    assert_eq!((expires.len(), &expires[19..20]), (24, "."), "{expires}");
    assert!(expires.ends_with('Z'), "{expires}");
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

fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    format!(
        "http://127.0.0.1:{}",
        listener.local_addr().expect("addr").port()
    )
}

fn list_json(env: &TestEnv) -> Vec<Value> {
    let (out, _) = run(
        env.cmd_without_server()
            .args(["config", "list", "-o", "json"]),
        0,
    );
    serde_json::from_str(&out).expect("JSON")
}

#[test]
fn an_unknown_profile_is_refused_naming_the_known_ones_and_nothing_is_sent() {
    let env = TestEnv::start();
    run(
        env.cmd_without_server()
            .args(["--profile", "bank", "config", "set", "server", &env.url]),
        0,
    );
    let show = ["user", "show", "jan", "--millekod", MILLEKOD];
    let before = env.count("SELECT COUNT(*) FROM audit");

    let (out, flag) = run(env.helpdesk_cmd().args(["--profile", "bnak"]).args(show), 7);
    let (_, from_env) = run(
        env.helpdesk_cmd()
            .env("MILLECTL_PROFILE", "bnak")
            .args(show),
        7,
    );

    assert_eq!(out, "");
    for err in [&flag, &from_env] {
        assert!(
            err.starts_with("millectl: error: unknown profile \"bnak\""),
            "{err}"
        );
        assert!(err.contains("known profiles: default, bank"), "{err}");
        assert!(err.contains("`millectl --profile bnak login`"), "{err}");
    }
    assert_eq!(
        env.count("SELECT COUNT(*) FROM audit"),
        before,
        "a request went out"
    );
    // `default` is always known, and login creates a profile.
    run(
        env.helpdesk_cmd().args(["--profile", "default"]).args(show),
        0,
    );
    run(
        env.cmd()
            .args(["--profile", "p3", "login", "--with-token"])
            .write_stdin(format!("{}\n", env.creds.api_token)),
        0,
    );
    let names: Vec<Value> = list_json(&env)
        .iter()
        .map(|p| p["profile"].clone())
        .collect();
    assert_eq!(names, ["default", "bank", "p3"]);
}

#[test]
fn a_hostile_profile_name_is_refused_short_and_creates_nothing() {
    let env = TestEnv::start();
    let long = "p".repeat(10_000);

    for name in [long.as_str(), "../../etc/passwd", "a b", "x\u{202e}y"] {
        let (_, err) = run(
            env.cmd()
                .args(["--profile", name, "login", "--with-token"])
                .write_stdin(format!("{}\n", env.creds.api_token)),
            7,
        );
        assert!(
            err.starts_with("millectl: error: a profile name is"),
            "{err}"
        );
        assert!(err.len() < 300, "{} bytes: {err}", err.len());
        let (_, err) = run(env.cmd_without_server().args(["config", "use", name]), 7);
        assert!(err.starts_with("millectl: error: "), "{err}");
        assert!(err.len() < 600, "{} bytes: {err}", err.len());
    }
    assert!(!env.config_dir().join("config.toml").exists());
    assert!(!env.config_dir().join("credentials.toml").exists());
}

#[test]
fn hints_name_the_profile_and_its_server() {
    let env = TestEnv::start();
    run(
        env.cmd_without_server()
            .args(["--profile", "p3", "config", "set", "server", &env.url]),
        0,
    );

    let (_, never) = run(
        env.cmd_without_server().args(["--profile", "p3", "whoami"]),
        4,
    );
    env.login_token_user(MILLEKOD, "anna", "p3");
    let session = env.stored_token("p3").expect("session");
    let (status, _) = env.api("DELETE", "/v1/sessions/current", &session, None);
    assert_eq!(status, 204);
    let (_, ended) = run(
        env.cmd_without_server().args(["--profile", "p3", "whoami"]),
        4,
    );
    let (_, default) = run(env.cmd_without_server().arg("whoami"), 4);

    let named = format!("run `millectl --profile p3 login` (server {}/)", env.url);
    assert!(never.contains(&named), "{never}");
    assert!(ended.contains(&named), "{ended}");
    assert!(ended.contains("may have expired"), "{ended}");
    assert!(default.contains("run `millectl login`"), "{default}");
}

#[test]
fn config_use_switches_the_profile_later_commands_use() {
    let env = TestEnv::start();
    let dead = closed_port_url();
    env.login_token_user(MILLEKOD, "anna", "live");
    run(
        env.cmd_without_server()
            .args(["--profile", "live", "config", "set", "server", &env.url]),
        0,
    );
    run(
        env.cmd_without_server()
            .args(["--profile", "dead", "config", "set", "server", &dead]),
        0,
    );

    let (_, said) = run(env.cmd_without_server().args(["config", "use", "dead"]), 0);
    let (_, err) = run(env.cmd_without_server().arg("whoami"), 4);
    // A token of the user's own goes to the current profile's (dead) server.
    let (_, unreachable) = run(
        env.cmd_without_server()
            .env("MILLECTL_TOKEN", &env.creds.api_token)
            .arg("whoami"),
        8,
    );
    assert!(unreachable.contains(&dead), "{unreachable}");
    assert!(
        unreachable.contains("`millectl --profile dead config show`"),
        "{unreachable}"
    );
    run(env.cmd_without_server().args(["config", "use", "live"]), 0);
    let (out, _) = run(env.cmd_without_server().arg("whoami"), 0);

    assert!(said.contains(&dead), "{said}");
    assert!(err.contains("--profile dead login"), "{err}");
    assert!(out.contains("anna of MilleKod"), "{out}");
    assert!(out.contains(&env.url), "{out}");
    let current: Vec<Value> = list_json(&env)
        .into_iter()
        .filter(|p| p["current"] == true)
        .map(|p| p["profile"].clone())
        .collect();
    assert_eq!(current, ["live"]);
    let (piped, _) = run(env.cmd_without_server().args(["config", "list"]), 0);
    let (csv, _) = run(
        env.cmd_without_server()
            .args(["config", "list", "-o", "csv"]),
        0,
    );
    assert!(
        piped.contains(&format!("*\tlive\t{}/\t", env.url)),
        "{piped}"
    );
    assert!(csv.starts_with("current,profile,server,session\n"), "{csv}");
    assert!(csv.contains(&format!("true,live,{}/,", env.url)), "{csv}");
    assert!(csv.contains(&format!("false,dead,{dead}/,\n")), "{csv}");
    // --profile and MILLECTL_PROFILE still override the current profile.
    run(
        env.cmd_without_server()
            .args(["--profile", "dead", "whoami"]),
        4,
    );
    run(
        env.cmd_without_server()
            .env("MILLECTL_PROFILE", "dead")
            .arg("whoami"),
        4,
    );
    // An unknown name is refused, naming the known ones, and changes nothing.
    let (_, err) = run(env.cmd_without_server().args(["config", "use", "lvie"]), 7);
    assert!(err.contains("known profiles: default, dead, live"), "{err}");
    run(env.cmd_without_server().arg("whoami"), 0);
}

#[test]
fn config_delete_removes_the_settings_and_ends_the_session() {
    let env = TestEnv::start();
    env.login_token_user(MILLEKOD, "anna", "p3");
    env.login_token_user(MILLEKOD, "anna", "keep");
    let session = env.stored_token("p3").expect("session");
    run(env.cmd_without_server().args(["config", "use", "p3"]), 0);

    let (_, refused) = run(env.cmd_without_server().args(["config", "delete", "p3"]), 6);
    assert!(
        refused.contains("`millectl config use default`"),
        "{refused}"
    );
    assert!(
        env.stored_token("p3").is_some(),
        "the refusal deleted the session"
    );
    run(
        env.cmd_without_server().args(["config", "use", "default"]),
        0,
    );
    let (_, said) = run(env.cmd_without_server().args(["config", "delete", "p3"]), 0);

    assert!(said.contains("Deleted profile \"p3\""), "{said}");
    assert_eq!(env.stored_token("p3"), None);
    assert!(env.stored_token("keep").is_some());
    let (status, _) = env.api("GET", "/v1/me", &session, None);
    assert_eq!(
        status, 401,
        "the server still accepts the deleted profile's session"
    );
    let names: Vec<Value> = list_json(&env)
        .iter()
        .map(|p| p["profile"].clone())
        .collect();
    assert_eq!(names, ["default", "keep"]);
    let (_, err) = run(
        env.cmd_without_server().args(["--profile", "p3", "whoami"]),
        7,
    );
    assert!(err.contains("unknown profile \"p3\""), "{err}");
    run(env.cmd_without_server().args(["config", "delete", "p3"]), 7);
}

#[test]
fn config_show_asks_the_server_whether_the_session_still_holds() {
    let mut env = TestEnv::start();
    env.login_token_user(MILLEKOD, "anna", "p3");
    let show = |env: &TestEnv| {
        let (text, _) = run(
            env.cmd_without_server()
                .args(["--profile", "p3", "config", "show"]),
            0,
        );
        let (json, _) = run(
            env.cmd_without_server()
                .args(["--profile", "p3", "config", "show", "-o", "json"]),
            0,
        );
        (text, serde_json::from_str::<Value>(&json).expect("JSON"))
    };

    let (valid, valid_json) = show(&env);
    let session = env.stored_token("p3").expect("session");
    env.api("DELETE", "/v1/sessions/current", &session, None);
    let (expired, expired_json) = show(&env);
    env.kill_server();
    let (unreachable, unreachable_json) = show(&env);

    assert!(valid.contains("valid:       yes, until "), "{valid}");
    assert!(valid.contains(" min)"), "{valid}");
    assert_eq!(valid_json["session_state"], "valid");
    let expires = valid_json["session_expires_at"].as_str().expect("expiry");
    assert_eq!(expires.len(), "2026-11-30T02:50:30.920Z".len(), "{expires}");
    assert!(expires.ends_with('Z'), "{expires}");
    assert!(expired.contains("valid:       no: expired"), "{expired}");
    assert!(expired.contains("--profile p3 login"), "{expired}");
    assert_eq!(expired_json["session_state"], "expired");
    assert!(
        unreachable.contains("valid:       unknown: cannot reach the server"),
        "{unreachable}"
    );
    assert_eq!(unreachable_json["session_state"], "unreachable");
    assert_eq!(unreachable_json["session_expires_at"], Value::Null);
    let (csv, _) = run(
        env.cmd_without_server()
            .args(["--profile", "p3", "config", "show", "-o", "csv"]),
        0,
    );
    assert!(
        csv.starts_with("profile,server,session,session_state,session_expires_at,config_file\np3,"),
        "{csv}"
    );
    assert!(csv.contains(",unreachable,,"), "{csv}");
}
