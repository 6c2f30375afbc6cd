//! The deployment files under `deploy/` are code the tests never run otherwise: a typo
//! in the unit is a warning systemd prints once and ignores, and a hardening line lost
//! in an edit fails nothing. So check them here: systemd's own verifier on the unit,
//! the hardening directives by name, the sample config through the real binary's
//! `server config check`, and the Containerfile's few promises (multi-stage, `--locked`,
//! not root, SIGTERM). Building the image is too slow for a test; CI may do it.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_millectl");

fn deploy_file(name: &str) -> (PathBuf, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("deploy")
        .join(name);
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    (path, text)
}

/// The `Key=value` lines of a unit or the instructions of a Containerfile, comments
/// and blank lines left out.
fn directives(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with(';'))
        .collect()
}

fn find_on_path(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

#[test]
fn unit_passes_systemd_analyze_verify() {
    // Arrange: `verify` checks that ExecStart's binary exists, so verify a copy that
    // starts the binary just built instead of /usr/local/bin/millectl.
    let Some(analyze) = find_on_path("systemd-analyze") else {
        if std::env::var_os("CI").is_some() {
            eprintln!("skipped: systemd-analyze is not on PATH on this CI machine");
            return;
        }
        panic!("systemd-analyze is not on PATH (install systemd, or run with CI set to skip)");
    };
    let (_, unit) = deploy_file("millectl.service");
    let exec_start = "ExecStart=/usr/local/bin/millectl ";
    assert!(
        unit.contains(exec_start),
        "the unit starts /usr/local/bin/millectl"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("millectl.service");
    std::fs::write(
        &copy,
        unit.replace(exec_start, &format!("ExecStart={BIN} ")),
    )
    .unwrap();

    // Act
    let output = Command::new(analyze)
        .arg("verify")
        .arg(&copy)
        .env("SYSTEMD_LOG_COLOR", "0")
        .output()
        .expect("run systemd-analyze verify");

    // Assert: an unknown or misspelt key is only a warning (exit 0), so any line
    // about the unit fails the test too.
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let about_unit: Vec<&str> = stderr
        .lines()
        .chain(stdout.lines())
        .filter(|l| l.contains("millectl.service"))
        .collect();
    assert!(
        output.status.success() && about_unit.is_empty(),
        "systemd-analyze verify deploy/millectl.service ({}):\n{stderr}{stdout}",
        output.status
    );
}

#[test]
fn unit_is_hardened() {
    let (_, unit) = deploy_file("millectl.service");
    let lines = directives(&unit);
    let expected = [
        "Type=exec",
        "User=millectl",
        "StateDirectory=millectl",
        "UMask=0077",
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "ProtectHome=yes",
        "PrivateTmp=yes",
        "PrivateDevices=yes",
        "ProtectKernelTunables=yes",
        "ProtectKernelModules=yes",
        "ProtectKernelLogs=yes",
        "ProtectControlGroups=yes",
        "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
        "RestrictNamespaces=yes",
        "LockPersonality=yes",
        "MemoryDenyWriteExecute=yes",
        "SystemCallArchitectures=native",
        "SystemCallFilter=@system-service",
        "CapabilityBoundingSet=",
        "KillSignal=SIGTERM",
        "Restart=on-failure",
        "ExecStart=/usr/local/bin/millectl server --config /etc/millectl/server.toml",
    ];
    let missing: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|d| !lines.contains(d))
        .collect();
    assert!(missing.is_empty(), "missing from the unit: {missing:?}");

    // The stop and descriptor limits follow the server's defaults: SIGKILL only after
    // --shutdown-timeout (30s) has run out, and room for --max-connections (4096) plus
    // the descriptors the server keeps aside (144).
    let value = |key: &str| {
        lines
            .iter()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
            .unwrap_or_else(|| panic!("no {key}= in the unit"))
    };
    let stop: u64 = value("TimeoutStopSec")
        .trim_end_matches('s')
        .parse()
        .expect("TimeoutStopSec in seconds");
    assert!(
        (31..=90).contains(&stop),
        "TimeoutStopSec={stop}s should be a little above the 30s shutdown timeout"
    );
    let nofile: u64 = value("LimitNOFILE").parse().expect("LimitNOFILE a number");
    assert!(
        nofile >= 4096 + 144,
        "LimitNOFILE={nofile} below 4096 connections + 144"
    );
}

#[cfg(feature = "server")]
#[test]
fn sample_config_passes_config_check() {
    let (path, _) = deploy_file("server.toml");

    let output = Command::new(BIN)
        .args(["server", "config", "check"])
        .arg(&path)
        .env_remove("MILLECTL_CONFIG")
        .output()
        .expect("run millectl");

    assert!(
        output.status.success(),
        "millectl server config check deploy/server.toml ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout)
        .trim_end()
        .ends_with(": ok"));
}

#[test]
fn containerfile_builds_locked_and_runs_unprivileged() {
    let (_, containerfile) = deploy_file("Containerfile");
    let lines = directives(&containerfile);
    let instruction = |name: &str| -> Vec<&str> {
        lines
            .iter()
            .filter_map(|l| {
                let (word, rest) = l.split_once(char::is_whitespace)?;
                word.eq_ignore_ascii_case(name).then(|| rest.trim())
            })
            .collect()
    };

    let froms = instruction("FROM");
    assert!(
        froms.len() >= 2,
        "a build stage and a runtime stage: {froms:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("cargo build --release --locked")),
        "the build stage builds with --locked"
    );
    let users = instruction("USER");
    let user = users.last().expect("a USER instruction");
    let name = user.split(':').next().unwrap_or_default();
    assert!(
        !name.is_empty() && name != "root" && name.parse::<u32>().is_ok_and(|uid| uid != 0),
        "the runtime user is a numeric, non-root UID: USER {user}"
    );
    assert_eq!(instruction("STOPSIGNAL"), ["SIGTERM"]);
    assert_eq!(instruction("ENTRYPOINT"), [r#"["millectl", "server"]"#]);
}
