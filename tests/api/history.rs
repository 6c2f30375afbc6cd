//! Issue 15: a user's timeline (`GET …/users/{login}/history`) and what `user show`
//! adds to answer the next question. Login attempts are written just after the answer
//! (off its path), so the tests wait for them as a condition, never for a fixed time.

use std::time::{Duration, Instant};

use millectl::api::{HistoryEntry, HistoryKind, UnblockMode, UserHistory, UserView};

use crate::helpers::*;

const KOD: &str = "12345678";
const OTHER: &str = "87654321";

fn history_path(millekod: &str, login: &str) -> String {
    format!("/v1/companies/{millekod}/users/{login}/history")
}

/// The history once it holds `logins` login attempts (they are written just after
/// each answer).
async fn history_with(desk: &Api, millekod: &str, login: &str, logins: usize) -> UserHistory {
    let start = Instant::now();
    loop {
        let answer = desk.get(&history_path(millekod, login)).await;
        answer.expect_ok();
        let history: UserHistory = answer.json();
        let seen = history
            .entries
            .iter()
            .filter(|e| e.kind == HistoryKind::Login)
            .count();
        if seen >= logins {
            return history;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{seen} of {logins} login attempts after 20 s: {:?}",
            history.entries
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

fn summary(e: &HistoryEntry) -> String {
    match e.kind {
        HistoryKind::Login => format!(
            "login {} {} {} {}",
            e.what,
            e.outcome,
            e.factor.as_deref().unwrap_or("-"),
            e.attempts_left.map_or("-".to_owned(), |n| n.to_string())
        ),
        HistoryKind::Admin => format!(
            "admin {} {} {}",
            e.what,
            e.outcome,
            e.reason.as_deref().unwrap_or("-")
        ),
    }
}

#[tokio::test]
async fn the_timeline_shows_each_attempt_and_action_newest_first_with_its_factor() {
    on_every_db(async |server| {
        let api = server.api();
        let desk = server.helpdesk_token();
        let password = server.user(KOD, "ewa").password.unwrap();

        // 1. Wrong characters, right code.
        let c = api.start_login(Some(KOD), "ewa").await;
        let otp = api.sms_code(&c);
        api.complete_login(&c.challenge_id, &wrong_password_answer(&c, &password, &otp))
            .await
            .expect_problem(401, "invalid_credentials");
        // 2. Right characters, wrong code.
        let c = api.start_login(Some(KOD), "ewa").await;
        let otp = api.sms_code(&c);
        let wrong_otp = if otp == "000000" { "111111" } else { "000000" };
        api.complete_login(&c.challenge_id, &login_answer(&c, &password, wrong_otp))
            .await
            .expect_problem(401, "invalid_credentials");
        // 3. An expired challenge.
        let c = api.start_login(Some(KOD), "ewa").await;
        let otp = api.sms_code(&c);
        server
            .execute_sql(&format!(
                "UPDATE challenges SET expires_at = 1 WHERE id = '{}'",
                c.challenge_id
            ))
            .await
            .expect("expire the challenge");
        api.complete_login(&c.challenge_id, &login_answer(&c, &password, &otp))
            .await
            .expect_problem(401, "challenge_expired");
        // 4. Wrong characters again: the last attempt, and the block.
        let c = api.start_login(Some(KOD), "ewa").await;
        let otp = api.sms_code(&c);
        api.complete_login(&c.challenge_id, &wrong_password_answer(&c, &password, &otp))
            .await
            .expect_problem(401, "invalid_credentials");
        // 5. An attempt while blocked.
        let c = api.start_login(Some(KOD), "ewa").await;
        api.complete_login(&c.challenge_id, &login_answer(&c, &password, "123456"))
            .await
            .expect_problem(423, "user_blocked");
        history_with(&desk, KOD, "ewa", 5).await;
        // 6. Unblocked with a reason; 7. a successful login.
        desk.unblock(KOD, "ewa", UnblockMode::CurrentPassword, Some("HD-42"))
            .await
            .ok();
        server.login_user(KOD, "ewa").await;

        let history = history_with(&desk, KOD, "ewa", 6).await;
        let lines: Vec<String> = history.entries.iter().map(summary).collect();
        assert_eq!(
            lines,
            [
                "login login success - -",
                "admin user.unblock success HD-42",
                "login login blocked - 0",
                "login login failure password_chars 0",
                "login login expired - -",
                "login login failure sms_code 1",
                "login login failure password_chars 2",
                "admin user.create success -",
            ],
            "{:#?}",
            history.entries
        );
        assert!(history.entries.windows(2).all(|w| w[0].at >= w[1].at));
        let login = &history.entries[0];
        assert!(login.source.is_some(), "{login:?}");
        let actor = history.entries[1].actor.as_deref().unwrap_or("");
        assert!(actor.starts_with("token:dev-helpdesk"), "{actor}");

        // limit and the history's own audit record.
        let two: UserHistory = desk
            .get(&format!("{}?limit=2", history_path(KOD, "ewa")))
            .await
            .json();
        assert_eq!(two.entries, history.entries[..2]);
        let audit = desk.audit_of(KOD, "ewa").await;
        assert!(audit.iter().any(|r| r.action == "user.history"));
    })
    .await;
}

#[tokio::test]
async fn history_refuses_bad_limits_and_times_and_strangers() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        let path = history_path(KOD, "jan");
        for query in [
            "limit=0",
            "limit=1001",
            "limit=abc",
            "limit=-1",
            "since=yesterday",
            "since=2025-13-01T00:00:00Z",
            "since=%27%20OR%201%3D1--",
            "unknown=1",
        ] {
            let answer = desk.get(&format!("{path}?{query}")).await;
            assert_eq!(answer.status.as_u16(), 400, "{query}: {answer:?}");
        }
        let long = "x".repeat(10_000);
        let answer = desk.get(&format!("{path}?since={long}")).await;
        assert!(
            answer.status.as_u16() == 400
                || answer.status.as_u16() == 414
                || answer.status.as_u16() == 431,
            "{answer:?}"
        );
        desk.get(&history_path(KOD, "nobody"))
            .await
            .expect_problem(404, "not_found");
        server
            .api()
            .get(&path)
            .await
            .expect_problem(401, "unauthenticated");

        // A co-user of another company learns nothing: an existing login and a
        // made-up one are answered alike.
        let anna = server.login_user_at(KOD, "anna", 0).await;
        let olga = anna.get(&history_path(OTHER, "olga")).await;
        let nobody = anna.get(&history_path(OTHER, "nobody")).await;
        assert_eq!(olga.status.as_u16(), nobody.status.as_u16());
        assert!(
            olga.status.as_u16() == 403 || olga.status.as_u16() == 404,
            "{olga:?}"
        );
        assert_eq!(olga.problem().code, nobody.problem().code);
        // Within their own company a co-user may read a colleague's history.
        anna.get(&path).await.expect_ok();
    })
    .await;
}

fn action<'a>(view: &'a UserView, name: &str) -> &'a millectl::api::ActionAdvice {
    view.actions
        .iter()
        .find(|a| a.action == name)
        .unwrap_or_else(|| panic!("no action {name} in {:?}", view.actions))
}

fn allowed(view: &UserView) -> Vec<&str> {
    view.actions
        .iter()
        .filter(|a| a.allowed)
        .map(|a| a.action.as_str())
        .collect()
}

#[tokio::test]
async fn user_show_says_what_can_be_done_and_who_can_help() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();

        let jan = desk.user_view(KOD, "jan").await;
        assert_eq!(
            allowed(&jan),
            [
                "unblock current-password",
                "unblock new-password",
                "require-password-change"
            ]
        );
        assert!(!action(&jan, "resend").allowed);
        let blocked_by = jan.blocked_by.as_ref().expect("jan is blocked");
        assert_eq!(blocked_by.cause, "failed attempts");
        let co = jan.co_users_who_can_help.as_ref().expect("co-users");
        let logins: Vec<&str> = co.users.iter().map(|u| u.login.as_str()).collect();
        assert_eq!(
            logins,
            ["anna", "ewa"],
            "active, not jan, not blocked or pending"
        );
        assert_eq!(co.more, 0);

        let marek = desk.user_view(KOD, "marek").await;
        assert_eq!(allowed(&marek), ["unblock current-password"]);
        assert_eq!(
            action(&marek, "unblock new-password").why,
            "no phone and no token — set a phone first: \
             `millectl phone set marek PHONE --millekod 12345678`"
        );

        let piotr = desk.user_view(KOD, "piotr").await;
        assert_eq!(allowed(&piotr), ["resend"]);
        assert!(action(&piotr, "unblock current-password")
            .why
            .contains("`millectl user resend piotr --millekod 12345678`"));

        let ewa = desk.user_view(KOD, "ewa").await;
        assert_eq!(allowed(&ewa), ["require-password-change"]);
        assert!(ewa.blocked_by.is_none() && ewa.last_failure.is_none());
        let co = ewa.co_users_who_can_help.as_ref().expect("co-users");
        let logins: Vec<&str> = co.users.iter().map(|u| u.login.as_str()).collect();
        assert_eq!(logins, ["anna"]);

        // A failed login shows as her last failure, with its factor.
        server.fail_sms_login(KOD, "ewa").await;
        let start = Instant::now();
        let ewa = loop {
            let ewa = desk.user_view(KOD, "ewa").await;
            if ewa.last_failure.is_some() {
                break ewa;
            }
            assert!(start.elapsed() < Duration::from_secs(20), "no last failure");
            tokio::time::sleep(Duration::from_millis(25)).await;
        };
        let failure = ewa.last_failure.unwrap();
        assert!(!failure.factor.is_empty());
        assert!(failure.source.is_some());

        // The list stays as it was: the advice is for `user show` only.
        let list = desk.get(&format!("/v1/companies/{KOD}/users")).await;
        list.expect_ok();
        let body: serde_json::Value = list.json();
        assert!(body["users"][0].get("actions").is_none(), "{body}");
    })
    .await;
}

#[tokio::test]
async fn old_login_attempts_leave_after_the_retention() {
    on_every_db_with(
        &[
            "--login-attempts-retention",
            "1h",
            "--sweep-interval-secs",
            "1",
        ],
        async |server| {
            server.fail_sms_login(KOD, "ewa").await;
            let count = "SELECT COUNT(*) FROM login_attempts";
            let start = Instant::now();
            while server.count_sql(count).await < 1 {
                assert!(
                    start.elapsed() < Duration::from_secs(20),
                    "no attempt written"
                );
                tokio::time::sleep(Duration::from_millis(25)).await;
            }
            server
                .execute_sql(
                    "INSERT INTO login_attempts (at, user_id, flow, outcome) \
                     VALUES (1000, 1, 'login', 'blocked')",
                )
                .await
                .expect("an old row");
            let start = Instant::now();
            while server
                .count_sql("SELECT COUNT(*) FROM login_attempts WHERE at = 1000")
                .await
                > 0
            {
                assert!(
                    start.elapsed() < Duration::from_secs(30),
                    "the old row stays"
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            assert_eq!(server.count_sql(count).await, 1, "the recent attempt stays");
        },
    )
    .await;
}
