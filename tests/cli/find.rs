//! `user find` and `user list`'s filters (issue 15) as HelpDesk and a co-user type them:
//! by accent-free name, login prefix and phone suffix across companies for HelpDesk,
//! never beyond their own company for a co-user, and bad input refused with exit 7.

use serde_json::Value;

use crate::helpers::{run, TestEnv, MILLEKOD, OTHER_MILLEKOD};

/// The (millekod, login) pairs of a JSON list of users.
fn logins(json: &str) -> Vec<(String, String)> {
    let users: Value = serde_json::from_str(json).expect("JSON");
    users
        .as_array()
        .expect("an array of users")
        .iter()
        .map(|u| {
            (
                u["millekod"].as_str().unwrap_or("").to_owned(),
                u["login"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

fn pair(millekod: &str, login: &str) -> (String, String) {
    (millekod.to_owned(), login.to_owned())
}

#[test]
fn helpdesk_finds_by_accent_free_name_login_prefix_and_phone_suffix_across_companies() {
    let env = TestEnv::start();
    let find = |query: &str| {
        run(
            env.helpdesk_cmd()
                .args(["user", "find", query, "-o", "json"]),
            0,
        )
        .0
    };

    // "wojcik" finds Marek Wójcik; "lewandowska" finds olga in the other company.
    assert_eq!(logins(&find("wojcik")), [pair(MILLEKOD, "marek")]);
    assert_eq!(logins(&find("lewandowska")), [pair(OTHER_MILLEKOD, "olga")]);
    assert_eq!(logins(&find("OL")), [pair(OTHER_MILLEKOD, "olga")]);
    // jan's phone ends in 678 (+48******678).
    assert!(logins(&find("…678")).contains(&pair(MILLEKOD, "jan")));

    // Filters narrow it: only the blocked users of the company.
    let (out, _) = run(
        env.helpdesk_cmd().args([
            "user", "find", MILLEKOD, "--status", "blocked", "-o", "json",
        ]),
        0,
    );
    let mut found = logins(&out);
    found.sort();
    assert_eq!(found, [pair(MILLEKOD, "jan"), pair(MILLEKOD, "marek")]);

    // The piped table has a header and one line per user.
    let (table, _) = run(env.helpdesk_cmd().args(["user", "find", "wojcik"]), 0);
    assert_eq!(table.lines().count(), 2, "{table}");
    assert!(table.contains("\tmarek\tMarek Wójcik\tblocked"), "{table}");
}

#[test]
fn a_co_user_finds_only_in_their_own_company() {
    let env = TestEnv::start();
    env.login_token_user(MILLEKOD, "anna", "default");
    let (own, _) = run(env.cmd().args(["user", "find", "wojcik", "-o", "json"]), 0);
    assert_eq!(logins(&own), [pair(MILLEKOD, "marek")]);
    // olga exists in 87654321: anna learns nothing, by name or by naming the company.
    let (other, _) = run(env.cmd().args(["user", "find", "olga", "-o", "json"]), 0);
    assert_eq!(logins(&other), []);
    let (named, _) = run(
        env.cmd().args([
            "user",
            "find",
            "olga",
            "--millekod",
            OTHER_MILLEKOD,
            "-o",
            "json",
        ]),
        0,
    );
    assert_eq!(named, other, "the same answer as no match");
}

#[test]
fn user_list_filters_by_status_and_tool_and_pages_with_limit() {
    let env = TestEnv::start();
    let list = |extra: &[&str]| {
        let mut cmd = env.helpdesk_cmd();
        cmd.args(["user", "list", "--millekod", MILLEKOD, "-o", "json"])
            .args(extra);
        run(&mut cmd, 0)
    };
    let (out, _) = list(&["--status", "blocked", "--status", "pending_activation"]);
    let mut found = logins(&out);
    found.sort();
    assert_eq!(
        found,
        [
            pair(MILLEKOD, "jan"),
            pair(MILLEKOD, "marek"),
            pair(MILLEKOD, "piotr")
        ]
    );
    let (out, _) = list(&["--tool", "token"]);
    assert_eq!(logins(&out), [pair(MILLEKOD, "anna")]);
    // --limit prints at most N and says on stderr that more exist.
    let (out, err) = list(&["--limit", "2"]);
    assert_eq!(logins(&out).len(), 2, "{out}");
    assert!(err.contains("users; more match"), "{err}");
    // Without --limit every page is followed: all five users of the company.
    let (out, _) = list(&[]);
    assert_eq!(logins(&out).len(), 5, "{out}");
}

#[test]
fn bad_queries_and_filters_are_refused_with_exit_7_and_change_nothing() {
    let env = TestEnv::start();
    let audit_before = env.count("SELECT COUNT(*) FROM audit WHERE action <> 'user.find'");
    let blocked_before = env.count("SELECT COUNT(*) FROM users WHERE status = 'blocked'");
    let long = "x".repeat(10_000);
    for args in [
        vec!["user", "find", ""],
        vec!["user", "find", "   "],
        vec!["user", "find", long.as_str()],
    ] {
        let (_, err) = run(env.helpdesk_cmd().args(&args), 7);
        assert!(err.lines().count() <= 2, "one line (and a hint): {err}");
    }
    for args in [
        vec!["user", "find", "jan", "--status", "sleeping"],
        vec!["user", "find", "jan", "--tool", "pigeon"],
        vec!["user", "list", "--millekod", MILLEKOD, "--limit", "0"],
    ] {
        let (_, err) = run(env.helpdesk_cmd().args(&args), 7);
        assert!(
            err.contains("sleeping") || err.contains("pigeon") || err.contains('0'),
            "{err}"
        );
    }
    // SQL- and LIKE-looking queries are ordinary text: nothing matches, nothing changes.
    for query in ["' OR 1=1 --", "%", "_", "Łódź 🙂"] {
        let (out, _) = run(
            env.helpdesk_cmd()
                .args(["user", "find", query, "-o", "json"]),
            0,
        );
        assert_eq!(logins(&out), [], "{query}");
    }
    assert_eq!(
        env.count("SELECT COUNT(*) FROM audit WHERE action <> 'user.find'"),
        audit_before
    );
    assert_eq!(
        env.count("SELECT COUNT(*) FROM users WHERE status = 'blocked'"),
        blocked_before
    );
}
