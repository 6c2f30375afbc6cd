//! `phone import` asks before it changes anything, and writes nothing before the
//! answer: "no" leaves no journal and no change, exits 0 and says so; the next run
//! starts afresh rather than "resuming". On a pseudo-terminal (expectrl), as a person
//! would answer.

use std::path::Path;

use crate::helpers::*;
use crate::terminal::spawn;

/// Users u000001…u0000NN moved to +48 6nn nnn nnn.
fn moves(rows: u64) -> String {
    let mut csv = String::from("millekod,login,phone\n");
    for n in 1..=rows {
        csv.push_str(&format!(
            "{},u{n:06},+48 6{n:08}\n",
            20_000_000 + (n - 1) / 100
        ));
    }
    csv
}

const MOVED: &str = "SELECT COUNT(*) FROM users WHERE login LIKE 'u%' AND phone LIKE '+486%'";
const PHONE_AUDITS: &str = "SELECT COUNT(*) FROM audit WHERE action = 'phone.set'";

/// `phone import FILE ARGS…` on a pseudo-terminal, answering the question with `key`.
fn answer(env: &TestEnv, file: &Path, args: &[&str], question: &str, key: &str) -> (String, i32) {
    let mut cmd = env.std_cmd();
    cmd.env("MILLECTL_TOKEN", &env.creds.api_token)
        .args(["phone", "import"])
        .arg(file)
        .args(args);
    let mut session = spawn(cmd);
    let before = session.expect(question, "the question");
    session.send(key);
    let (rest, code) = session.finish();
    (
        format!("{}{rest}", String::from_utf8_lossy(before.before())),
        code,
    )
}

/// Files under the default journals' directory.
fn default_journals(env: &TestEnv) -> usize {
    std::fs::read_dir(env.config_dir().join("imports"))
        .map(|d| d.count())
        .unwrap_or(0)
}

#[test]
fn answering_no_writes_no_journal_changes_nothing_and_the_next_run_starts_afresh() {
    // Arrange
    let env = TestEnv::start_with(&["--seed-users", "100"]);
    let file = env.write_file("moves.csv", moves(100));

    // Act
    let (text, code) = answer(
        &env,
        &file,
        &[],
        "Change the mobile numbers of 100 users",
        "n",
    );

    // Assert
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("nothing changed"), "{text}");
    assert!(!text.contains("error"), "{text}");
    assert_eq!(
        default_journals(&env),
        0,
        "a journal was written before the answer"
    );
    assert!(
        !env.config_dir().join("imports").exists(),
        "not even its directory"
    );
    assert_eq!(env.count(MOVED), 0);
    assert_eq!(env.count(PHONE_AUDITS), 0);

    // The next run is a new import, not the resumption of one never started.
    let mut cmd = env.helpdesk_cmd();
    cmd.args(["phone", "import"]).arg(&file).arg("--yes");
    let (_, err) = run(&mut cmd, 0);
    assert!(!err.contains("Resuming"), "{err}");
    assert!(err.contains("100 updated"), "{err}");
    assert_eq!(env.count(MOVED), 100);
    assert_eq!(
        default_journals(&env),
        0,
        "a finished default journal is removed"
    );
}

#[test]
fn answering_yes_changes_the_numbers() {
    let env = TestEnv::start_with(&["--seed-users", "100"]);
    let file = env.write_file("moves.csv", moves(100));

    let (text, code) = answer(
        &env,
        &file,
        &[],
        "Change the mobile numbers of 100 users",
        "y",
    );

    assert_eq!(code, 0, "{text}");
    assert!(text.contains("100 updated"), "{text}");
    assert_eq!(env.count(MOVED), 100);
}

#[test]
fn answering_no_to_resuming_keeps_the_journal_as_it_was() {
    // Arrange: an import whose journal lost its `finished` line, as if interrupted.
    let env = TestEnv::start_with(&["--seed-users", "100"]);
    let file = env.write_file("moves.csv", moves(100));
    let journal = env.home.path().join("moves.journal");
    let mut cmd = env.helpdesk_cmd();
    cmd.args(["phone", "import"])
        .arg(&file)
        .args(["--yes", "--chunk-size", "50", "--journal"])
        .arg(&journal);
    run(&mut cmd, 0);
    let unfinished = std::fs::read_to_string(&journal)
        .expect("journal")
        .replace("{\"type\":\"finished\"}\n", "");
    std::fs::write(&journal, &unfinished).expect("rewrite the journal");
    let audits = env.count(PHONE_AUDITS);

    // Act
    let journal_arg = journal.to_str().expect("utf-8 path");
    let (text, code) = answer(
        &env,
        &file,
        &["--chunk-size", "50", "--journal", journal_arg],
        "Go on changing",
        "n",
    );

    // Assert
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Resuming batch"), "{text}");
    assert!(text.contains("nothing changed"), "{text}");
    assert_eq!(
        std::fs::read_to_string(&journal).expect("journal"),
        unfinished,
        "the journal changed before the answer"
    );
    assert_eq!(env.count(PHONE_AUDITS), audits);
}

#[test]
fn without_a_terminal_or_yes_the_import_is_refused_and_writes_nothing() {
    let env = TestEnv::start_with(&["--seed-users", "100"]);
    let file = env.write_file("moves.csv", moves(100));
    let mut cmd = env.helpdesk_cmd();
    cmd.args(["phone", "import"]).arg(&file);

    let (_, err) = run(&mut cmd, 2);

    assert!(err.contains("--yes"), "{err}");
    assert!(!env.config_dir().join("imports").exists());
    assert_eq!(env.count(MOVED), 0);
}
