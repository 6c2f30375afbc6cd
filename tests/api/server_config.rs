//! Issue 17, configuration: `millectl server --config FILE` (or `MILLECTL_CONFIG`) with
//! flag > environment > file > default, a file refused whole and at once (the key
//! named, the server not started) when a key is unknown, a value bad or a secret
//! inline, `server config check`, and a `server --help` without the client's flags.

use std::path::{Path, PathBuf};

use crate::helpers::*;

/// A free port on 127.0.0.1 (free when asked; the test binds it a moment later).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// A pepper and the path of an SQLite database in `dir`, for servers without `--dev`.
fn bootstrap(dir: &Path) -> (PathBuf, String) {
    let pepper = dir.join("pepper");
    millectl()
        .args(["server", "init-pepper"])
        .arg(&pepper)
        .assert()
        .success();
    let database = format!("sqlite://{}", dir.join("bank.db").display());
    (pepper, database)
}

fn write_config(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("server.toml");
    std::fs::write(&path, text).expect("write config");
    path
}

fn port_of(url: &str) -> u16 {
    url.trim_end_matches('/')
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {url}"))
}

#[tokio::test]
async fn a_flag_beats_its_variable_which_beats_the_file() {
    // Arrange: a file that names every setting the server needs, and its own port.
    let dir = tempfile::tempdir().expect("dir");
    let (pepper, database) = bootstrap(dir.path());
    let [from_file, from_env, from_flag] = [free_port(), free_port(), free_port()];
    let config = write_config(
        dir.path(),
        &format!(
            "listen = \"127.0.0.1:{from_file}\"\ndatabase = \"{database}\"\n\
             pepper-file = \"{}\"\nlockout-limit = 5\n",
            pepper.display()
        ),
    );
    let config = config.display().to_string();
    let env_listen = format!("127.0.0.1:{from_env}");
    let flag_listen = format!("127.0.0.1:{from_flag}");

    // Act and assert: the file alone (found through MILLECTL_CONFIG) …
    let server = spawn_server_with_env(
        &["server".to_owned()],
        dir.path(),
        &[("MILLECTL_CONFIG", config.as_str())],
    )
    .await;
    assert_eq!(port_of(&server.url), from_file);
    drop(server);

    // … its variable over the file …
    let args = ["server", "--config", &config].map(str::to_owned);
    let server = spawn_server_with_env(
        &args,
        dir.path(),
        &[("MILLECTL_LISTEN", env_listen.as_str())],
    )
    .await;
    assert_eq!(port_of(&server.url), from_env);
    drop(server);

    // … and the flag over both.
    let args = ["server", "--config", &config, "--listen", &flag_listen].map(str::to_owned);
    let server = spawn_server_with_env(
        &args,
        dir.path(),
        &[("MILLECTL_LISTEN", env_listen.as_str())],
    )
    .await;
    assert_eq!(port_of(&server.url), from_flag);
}

/// `millectl server --config FILE --dev …` that must be refused: (exit code, stderr),
/// and whether the dev server got as far as writing its credentials.
fn refused_start(text: &str) -> (Option<i32>, String, String, bool) {
    let dir = tempfile::tempdir().expect("dir");
    let config = write_config(dir.path(), text);
    let data = dir.path().join("data");
    let output = millectl()
        .args(["server", "--dev", "--listen", "127.0.0.1:0", "--config"])
        .arg(&config)
        .arg("--data-dir")
        .arg(&data)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let started = data.join("dev-credentials.json").exists();
    (
        output.status.code(),
        stderr,
        config.display().to_string(),
        started,
    )
}

#[test]
fn an_unknown_key_is_refused_by_name_and_nothing_starts() {
    let (code, stderr, config, started) = refused_start("lisen = \"127.0.0.1:0\"\n");
    assert_eq!(code, Some(7), "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "millectl: error: config {config}: unknown key \"lisen\" (known: "
        )),
        "{stderr}"
    );
    assert!(stderr.contains("listen, lockout-limit"), "{stderr}");
    assert!(!started, "the server started");
}

#[test]
fn a_bad_value_is_refused_by_key_even_when_a_flag_overrides_it() {
    let (code, stderr, config, started) = refused_start("max-connections = \"x\"\n");
    assert_eq!(code, Some(7), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "config {config}: key \"max-connections\": invalid value \"x\""
        )),
        "{stderr}"
    );
    assert!(!started, "the server started");

    // `--listen` on the command line does not hide a bad `listen` in the file.
    let (code, stderr, _, started) = refused_start("listen = \"nowhere\"\n");
    assert_eq!(code, Some(7), "{stderr}");
    assert!(
        stderr.contains("key \"listen\": invalid value \"nowhere\""),
        "{stderr}"
    );
    assert!(!started, "the server started");
}

#[test]
fn a_secret_in_the_file_is_refused_and_not_echoed() {
    let pepper = "a1".repeat(32);
    for (text, key) in [
        (format!("pepper = \"{pepper}\"\n"), "pepper"),
        (
            format!("database = \"postgres://bank:{pepper}@db.example/auth\"\n"),
            "database",
        ),
    ] {
        let (code, stderr, _, started) = refused_start(&text);
        assert_eq!(code, Some(7), "{stderr}");
        assert!(stderr.contains(&format!("key \"{key}\"")), "{stderr}");
        assert!(
            stderr.contains("secrets are never read from a config file"),
            "{stderr}"
        );
        assert!(!stderr.contains(&pepper), "the secret echoed: {stderr}");
        assert!(!started, "the server started");
    }
}

#[test]
fn config_check_says_ok_or_what_is_wrong_without_starting() {
    let dir = tempfile::tempdir().expect("dir");
    let good = write_config(
        dir.path(),
        "listen = \"0.0.0.0:8443\"\ninsecure-http = true\nmax-connections = 4096\n\
         trusted-proxy = [\"10.0.0.0/8\"]\nlog-format = \"json\"\n\
         pepper-file = \"/etc/millectl/pepper\"\n",
    );
    let output = millectl()
        .args(["server", "config", "check"])
        .arg(&good)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("{}: ok\n", good.display())
    );

    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "tls-cert = \"/etc/tls/cert.pem\"\n").expect("write");
    let output = millectl()
        .args(["server", "config", "check"])
        .arg(&bad)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(7), "{stderr}");
    assert!(
        stderr.starts_with(&format!("millectl: error: config {}: ", bad.display())),
        "{stderr}"
    );
    assert!(stderr.contains("--tls-key"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn server_help_shows_the_servers_flags_not_the_clients() {
    let help = millectl().args(["server", "--help"]).output().expect("run");
    let help = String::from_utf8_lossy(&help.stdout);
    for flag in [
        "--config <FILE>",
        "--log-format <FORMAT>",
        "--listen",
        "--verbose",
    ] {
        assert!(help.contains(flag), "no {flag} in\n{help}");
    }
    for flag in [
        "--profile",
        "--server <",
        "--output",
        "--columns",
        "--jq",
        "--no-pager",
    ] {
        assert!(!help.contains(flag), "{flag} in\n{help}");
    }
    // The client keeps them.
    let help = millectl()
        .args(["user", "list", "--help"])
        .output()
        .expect("run");
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("--profile"), "{help}");
}
