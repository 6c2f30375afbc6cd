//! Several users at once (issue 15): `unblock … LOGIN… | --from FILE|-` and
//! `user resend`: one confirmation, a line per user, a summary, exit 9 when some were
//! not done, and exactly the right users changed, each with one audit record.

use serde_json::Value;

use crate::helpers::{run, TestEnv, MILLEKOD};

/// Run SQL on the dev server's SQLite database (to put provisioned users in the
/// state a test needs: the API has no "block" of its own).
fn execute(env: &TestEnv, sql: &str) {
    use sqlx::Connection;
    let url = format!(
        "sqlite://{}",
        env.data_dir.path().join("millectl.db").display()
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let mut conn = sqlx::SqliteConnection::connect(&url).await.expect("sqlite");
        sqlx::query(sql).execute(&mut conn).await.expect("sql");
    });
}

/// `n` new blocked SMS users `bulk01…` of MILLEKOD, made by back-office.
fn provision_blocked(env: &TestEnv, n: usize) -> Vec<String> {
    env.login_back_office("bo");
    let token = env.stored_token("bo").expect("back-office session");
    let logins: Vec<String> = (1..=n).map(|i| format!("bulk{i:02}")).collect();
    for (i, login) in logins.iter().enumerate() {
        let body = serde_json::json!({
            "login": login, "name": format!("Bulk {i}"), "auth_tool": "sms",
            "phone": format!("+4860{:07}", 1_000_000 + i),
        });
        let (status, answer) = env.api(
            "POST",
            &format!("/v1/companies/{MILLEKOD}/users"),
            &token,
            Some(body),
        );
        assert_eq!(status, 201, "{answer}");
    }
    execute(
        env,
        "UPDATE users SET status = 'blocked', attempts_left = 0, failed_attempts = 3, \
         password_masking = 0 WHERE login LIKE 'bulk%'",
    );
    logins
}

fn count(env: &TestEnv, sql: &str) -> i64 {
    env.count(sql)
}

#[test]
fn fifty_logins_each_get_their_outcome_and_only_the_blocked_ones_change() {
    let env = TestEnv::start();
    let mut logins = provision_blocked(&env, 44);
    env.login_token_user(MILLEKOD, "anna", "anna");
    logins.extend(["jan", "ewa", "piotr", "nikt1", "nikt2"].map(String::from));
    let mut list: String = logins.iter().map(|l| format!("{l}\n")).collect();
    list.push_str("87654321;olga\n");
    let file = env.write_file("call.txt", format!("# a company called\n\n{list}"));
    let shows_before = count(
        &env,
        "SELECT COUNT(*) FROM audit WHERE action = 'user.show'",
    );

    let (out, err) = run(
        env.cmd()
            .args(["--profile", "anna", "unblock", "current-password", "--from"])
            .arg(&file)
            .args(["--yes", "-o", "json"]),
        9,
    );

    let lines: Vec<Value> = serde_json::from_str(&out).expect("one JSON array");
    assert_eq!(lines.len(), 50);
    let outcome = |login: &str| {
        lines
            .iter()
            .find(|l| l["login"] == login)
            .map(|l| l["outcome"].as_str().unwrap_or("").to_owned())
            .unwrap_or_else(|| panic!("no line for {login}"))
    };
    for login in &logins[..45] {
        assert_eq!(outcome(login), "ok", "{login}");
    }
    assert_eq!(
        ["ewa", "piotr", "nikt1", "nikt2", "olga"].map(outcome),
        [
            "not_blocked",
            "not_blocked",
            "not_found",
            "not_found",
            "refused"
        ]
    );
    assert!(
        err.contains("45 unblocked, 2 not found, 2 not blocked, 1 refused (of 50)"),
        "{err}"
    );
    let jan = lines.iter().find(|l| l["login"] == "jan").unwrap();
    assert_eq!(
        jan["detail"],
        "jan can log in with the current password: 3 attempts"
    );

    // The database: exactly the 45 blocked users have three attempts again (the
    // provisioned ones never logged in, so they are back to their first login).
    assert_eq!(
        count(
            &env,
            "SELECT COUNT(*) FROM users WHERE login LIKE 'bulk%' \
             AND status = 'pending_activation' AND attempts_left = 3 AND failed_attempts = 0"
        ),
        44
    );
    assert_eq!(
        count(
            &env,
            "SELECT COUNT(*) FROM users WHERE login = 'jan' \
             AND status = 'active' AND attempts_left = 3 AND failed_attempts = 0"
        ),
        1
    );
    assert_eq!(
        count(&env, "SELECT COUNT(*) FROM users WHERE status = 'blocked'"),
        1,
        "only marek, who was not on the list, is still blocked"
    );
    assert_eq!(
        count(
            &env,
            "SELECT COUNT(*) FROM users WHERE login IN ('ewa', 'olga') AND status = 'active'"
        ),
        2
    );
    // One audit record per change, none for a read.
    assert_eq!(
        count(
            &env,
            "SELECT COUNT(*) FROM audit WHERE action = 'user.unblock' AND outcome = 'success'"
        ),
        45
    );
    assert_eq!(
        count(
            &env,
            "SELECT COUNT(DISTINCT login) FROM audit WHERE action = 'user.unblock' \
             AND outcome = 'success'"
        ),
        45
    );
    assert_eq!(
        count(
            &env,
            "SELECT COUNT(*) FROM audit WHERE action = 'user.show'"
        ),
        shows_before
    );
}

#[test]
fn a_list_on_stdin_with_comments_and_both_forms() {
    let env = TestEnv::start();

    let (out, err) = run(
        env.helpdesk_cmd()
            .args(["unblock", "current-password", "--from", "-", "--yes"])
            .args(["--millekod", MILLEKOD])
            .write_stdin("# INC-7\njan\n\n12345678;marek\n"),
        0,
    );

    assert!(out.contains("12345678\tjan\tok\tjan can log in"), "{out}");
    assert!(out.contains("12345678\tmarek\tok\t"), "{out}");
    assert!(err.contains("2 unblocked"), "{err}");
    assert_eq!(env.show_json(MILLEKOD, "marek")["status"], "active");
}

#[test]
fn a_malformed_line_is_named_and_nothing_is_done() {
    let env = TestEnv::start();
    let file = env.write_file("bad.txt", "jan\n1234;marek\n");

    let (_, err) = run(
        env.helpdesk_cmd()
            .args([
                "unblock",
                "new-password",
                "--millekod",
                MILLEKOD,
                "--yes",
                "--from",
            ])
            .arg(&file),
        7,
    );

    assert!(err.contains("line 2"), "{err}");
    assert!(err.contains("nothing was done"), "{err}");
    assert_eq!(env.show_json(MILLEKOD, "jan")["status"], "blocked");
    assert_eq!(
        env.count("SELECT COUNT(*) FROM audit WHERE action = 'user.unblock'"),
        0
    );

    let (_, err) = run(
        env.helpdesk_cmd()
            .args(["unblock", "new-password", "jan", "--millekod", MILLEKOD])
            .args(["--yes", "--from", "-"])
            .write_stdin("marek\n"),
        2,
    );
    assert!(err.contains("not both"), "{err}");
}

#[test]
fn resend_says_where_the_access_password_went_and_refuses_the_others() {
    let env = TestEnv::start();
    run(
        env.helpdesk_cmd().args([
            "unblock",
            "new-password",
            "jan",
            "--millekod",
            MILLEKOD,
            "--yes",
        ]),
        0,
    );
    let first = env.access_password("+48602345678").expect("unblock SMS");

    let (out, err) = run(
        env.helpdesk_cmd().args([
            "user",
            "resend",
            "jan",
            "ewa",
            "--millekod",
            MILLEKOD,
            "--yes",
        ]),
        9,
    );

    assert!(
        out.contains("jan\tok\tan access password was sent to +48******678; jan logs in"),
        "{out}"
    );
    assert!(out.contains("ewa\trefused\t"), "{out}");
    assert!(err.contains("1 sent, 1 refused (of 2)"), "{err}");
    let second = env.access_password("+48602345678").expect("resend SMS");
    assert_ne!(first, second);
    assert!(!out.contains(&second) && !err.contains(&second));
}

#[test]
fn a_single_unblock_says_what_next() {
    let env = TestEnv::start();

    let (_, err) = run(
        env.helpdesk_cmd().args([
            "unblock",
            "new-password",
            "jan",
            "--millekod",
            MILLEKOD,
            "--yes",
        ]),
        0,
    );

    assert!(
        err.contains(
            "Next: an access password was sent to +48******678; jan logs in with it and \
             the SMS code and sets a new password"
        ),
        "{err}"
    );
}
