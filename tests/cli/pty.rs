//! What a person sees: the real binary on a pseudo-terminal, prompts answered key by
//! key (expectrl).

use expectrl::Regex;
use serde_json::json;

use crate::helpers::{TestEnv, MILLEKOD};
use crate::terminal::spawn;

#[test]
fn interactive_login_asks_for_the_characters_the_server_chose() {
    // Arrange: the positions asked stay the same until a login succeeds (R3), so a
    // challenge started through the API shows which ones the CLI must ask for.
    let env = TestEnv::start();
    let (status, challenge) = env.api(
        "POST",
        "/v1/sessions",
        "",
        Some(json!({ "millekod": MILLEKOD, "login": "anna" })),
    );
    assert_eq!(status, 200, "{challenge}");
    let positions: Vec<u64> = challenge["password_positions"]
        .as_array()
        .expect("positions")
        .iter()
        .map(|p| p.as_u64().expect("position"))
        .collect();
    let password: Vec<char> = env.password("anna").chars().collect();
    let seed = env.user(MILLEKOD, "anna").totp_secret.expect("seed");
    let mut cmd = env.std_cmd();
    cmd.arg("login");

    // Act
    let mut session = spawn(cmd);
    session.expect("MilleKod", "MilleKod prompt");
    session.send_line(MILLEKOD);
    session.expect("Login", "login prompt");
    session.send_line("anna");
    let shown = session.expect(
        Regex(r"Enter characters ([0-9, ]+) of your password"),
        "the masked-password line",
    );
    for position in &positions {
        session.expect(
            format!("Character {position}").as_str(),
            "a character prompt",
        );
        // Typed as soon as the prompt shows, as a quick person would: a hidden prompt
        // is printed only once echo is off (src/cli/hidden.rs), so no key typed after
        // it can be flushed. (The pty starts with echo off, so waiting for "echo off"
        // proved nothing; dialoguer's prompts lost this key now and then.)
        let typed = password[*position as usize - 1].to_string();
        session.send_line(&typed);
    }
    session.expect("Code from your token", "token prompt");
    session.send_line(&env.fresh_token_code(&seed));
    let (rest, code) = session.finish();

    // Assert
    let expected = positions
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    assert_eq!(
        String::from_utf8_lossy(shown.get(1).expect("positions")),
        expected
    );
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Logged in"), "{rest}");
    assert!(env.stored_token("default").is_some());
}

#[test]
fn unblock_on_a_terminal_asks_and_a_y_confirms() {
    let env = TestEnv::start();
    let mut cmd = env.std_cmd();
    cmd.env("MILLECTL_TOKEN", &env.creds.api_token).args([
        "unblock",
        "current-password",
        "jan",
        "--millekod",
        MILLEKOD,
    ]);

    let mut session = spawn(cmd);
    let before = session.expect(
        "three more attempts with the current password?",
        "the confirmation prompt",
    );
    session.send("y");
    let (after, code) = session.finish();

    let before = String::from_utf8_lossy(before.before()).into_owned();
    assert_eq!(code, 0, "{after}");
    assert!(before.contains("blocked"), "{before}");
    // Issue 16: a terminal gets the view for people, labels in words (no box).
    assert!(
        after.contains("Attempts left"),
        "a terminal gets a table: {after}"
    );
    assert!(after.contains("active"), "{after}");
    // Issue 15: the preview is a dry run of the unblock, not a separate read.
    let records =
        env.count("SELECT COUNT(*) FROM audit WHERE login = 'jan' AND action = 'user.show'");
    assert_eq!(records, 0);
    assert_eq!(
        env.count(
            "SELECT COUNT(*) FROM audit WHERE login = 'jan' AND action = 'user.unblock' \
             AND detail = 'dry run: current_password'"
        ),
        1
    );
    assert_eq!(env.show_json(MILLEKOD, "jan")["status"], "active");
}

#[test]
fn require_password_change_on_a_terminal_previews_with_a_dry_run_and_a_n_changes_nothing() {
    let env = TestEnv::start();
    let mut cmd = env.std_cmd();
    cmd.env("MILLECTL_TOKEN", &env.creds.api_token).args([
        "user",
        "require-password-change",
        "ewa",
        "--millekod",
        MILLEKOD,
    ]);

    let mut session = spawn(cmd);
    let before = session.expect(
        "set a new password at the next login",
        "the confirmation prompt",
    );
    session.send("n");
    let (_, code) = session.finish();

    let before = String::from_utf8_lossy(before.before()).into_owned();
    assert_ne!(code, 0, "a 'no' is not a success");
    assert!(before.contains("active"), "the preview shows ewa: {before}");
    // Issue 15: the preview is a dry run of the change, not a separate read, and a
    // "no" leaves her as she was.
    let count = |sql: &str| env.count(sql);
    assert_eq!(
        count("SELECT COUNT(*) FROM audit WHERE login = 'ewa' AND action = 'user.show'"),
        0
    );
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM audit WHERE login = 'ewa' AND action = 'user.password_reset' \
             AND detail = 'dry run'"
        ),
        1
    );
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM audit WHERE login = 'ewa' AND action = 'user.password_reset' \
             AND (detail IS NULL OR detail <> 'dry run')"
        ),
        0
    );
    assert_eq!(env.show_json(MILLEKOD, "ewa")["status"], "active");
}

#[test]
fn a_table_on_a_terminal_is_colored_unless_no_color() {
    let env = TestEnv::start();
    let show = |no_color: bool| {
        let mut cmd = env.std_cmd();
        cmd.env("MILLECTL_TOKEN", &env.creds.api_token).args([
            "user",
            "show",
            "jan",
            "--millekod",
            MILLEKOD,
        ]);
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let mut session = spawn(cmd);
        session.finish()
    };

    let (colored, colored_code) = show(false);
    let (plain, plain_code) = show(true);

    assert_eq!((colored_code, plain_code), (0, 0));
    assert!(colored.contains("Attempts left") && plain.contains("Attempts left"));
    assert!(colored.contains('\x1b'), "{colored}");
    assert!(!plain.contains('\x1b'), "{plain:?}");
}

#[test]
fn phone_import_on_a_terminal_draws_a_progress_bar_and_a_summary_table() {
    let env = TestEnv::start_with(&["--seed-users", "3000"]);
    let mut csv = String::from("millekod,login,phone\n");
    for n in 1..=3000u64 {
        csv.push_str(&format!(
            "{},u{n:06},+48 6{n:08}\n",
            20_000_000 + (n - 1) / 100
        ));
    }
    let file = env.write_file("moves.csv", csv);
    let mut cmd = env.std_cmd();
    cmd.env("MILLECTL_TOKEN", &env.creds.api_token)
        .args(["phone", "import"])
        .arg(&file)
        .args(["--yes", "--chunk-size", "100", "--concurrency", "1"]);

    let mut session = spawn(cmd);
    session.expect(
        Regex(r"\d+/3000 rows"),
        "a progress bar with rows done of all",
    );
    let (rest, code) = session.finish();

    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Updated"), "{rest}");
    assert!(rest.contains("Total"), "a table on a terminal: {rest}");
}
