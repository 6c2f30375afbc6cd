//! `millectl demo` walks through the whole job against its own in-process server and
//! leaves the user's config, keyring and credentials alone. How long it takes is
//! measured by `cargo bench --bench demo`, not asserted here (no timed assertion in a
//! test: a loaded CI machine would fail it for nothing).
#![cfg(feature = "server")]

use std::time::Duration;

use assert_cmd::Command;

/// The position of `needle` in `text` at or after `from`, or a failure showing both.
fn find_after(text: &str, from: usize, needle: &str) -> usize {
    match text[from..].find(needle) {
        Some(at) => from + at,
        None => panic!("{needle:?} not found after byte {from} of:\n{text}"),
    }
}

#[test]
fn demo_finds_a_locked_out_caller_says_why_unblocks_her_and_reads_her_timeline() {
    // Arrange: a home and config dir of our own, and a token and server in the
    // environment that the demo must ignore.
    let home = tempfile::tempdir().expect("temp dir");
    let config = home.path().join("config");

    // Act
    let output = Command::cargo_bin("millectl")
        .expect("binary")
        .arg("demo")
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .env("MILLECTL_CONFIG_DIR", &config)
        .env("MILLECTL_CREDENTIAL_STORE", "file")
        .env("MILLECTL_TOKEN", "mlt_not-a-real-token")
        .env("MILLECTL_SERVER", "http://127.0.0.1:1")
        .env_remove("NO_COLOR")
        .timeout(Duration::from_secs(60))
        .output()
        .expect("run millectl demo");

    // Assert
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "demo failed: {stderr}\n{stdout}");

    let at = find_after(&stdout, 0, "$ millectl login");
    let at = find_after(&stdout, at, "as HelpDesk operator helpdesk");
    let at = find_after(&stdout, at, "A caller");
    // find: by a word of the name, across companies.
    let at = find_after(&stdout, at, "$ millectl user find nowak");
    let at = find_after(&stdout, at, "12345678\tewa\tEwa Nowak\tblocked");
    // show: why she is blocked (her own wrong characters, from the timeline table) and
    // what can be done.
    let at = find_after(&stdout, at, "$ millectl user show ewa --millekod 12345678");
    let at = find_after(&stdout, at, "status\tblocked");
    let at = find_after(
        &stdout,
        at,
        "password characters and SMS code from 127.0.0.1",
    );
    let at = find_after(&stdout, at, "(last: password characters and SMS code)");
    let at = find_after(&stdout, at, "unblock current-password\tyes");
    let at = find_after(&stdout, at, "$ millectl unblock current-password ewa");
    let at = find_after(&stdout, at, "status\tactive");
    // history: the unblock on top of her three failed attempts.
    let at = find_after(
        &stdout,
        at,
        "$ millectl user history ewa --millekod 12345678",
    );
    let at = find_after(&stdout, at, "\tadmin\tuser.unblock\tsuccess\t");
    let history_end = find_after(&stdout, at, "$ millectl phone set marek");
    let failures = stdout[at..history_end]
        .matches("\tlogin\tlogin\tfailure\tpassword_chars+sms_code\t")
        .count();
    assert_eq!(
        failures,
        3,
        "three failed attempts:\n{}",
        &stdout[at..history_end]
    );
    let at = find_after(&stdout, history_end, "phone\t+48601234999");
    let at = find_after(&stdout, at, "$ millectl audit --millekod 12345678");
    let audit = &stdout[at..];
    for action in [
        "\tphone.set\t12345678\tmarek\tsuccess\tDEMO-2",
        "\tuser.unblock\t12345678\tewa\tsuccess\tDEMO-1",
    ] {
        assert!(
            audit.contains(action),
            "no {action:?} in the audit:\n{audit}"
        );
    }
    assert!(stdout.contains("the server is stopped"), "{stdout}");

    // Nothing of the user's was touched.
    assert!(!config.exists(), "the demo wrote to the config dir");
}
