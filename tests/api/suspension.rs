//! Suspension (issue 15, item 5): HelpDesk blocks a user on purpose and releases them.
//! Only operators may; a login is refused with `user_suspended` on every replica; no
//! unblock lifts it; a release restores the status it was placed on; bad input and
//! races leave the user consistent with exactly one audit record per change.

use millectl::api::{Scope, UnblockMode, UserStatus, UserView};
use reqwest::Method;
use serde_json::json;

use crate::helpers::*;

const KOD: &str = "12345678";

fn path(login: &str) -> String {
    format!("/v1/companies/{KOD}/users/{login}/suspension")
}

async fn suspend(api: &Api, login: &str, reason: &str) -> Answer {
    api.put(&path(login), json!({ "reason": reason })).await
}

async fn release(api: &Api, login: &str) -> Answer {
    api.send(Method::DELETE, &path(login), Some(json!({})))
        .await
}

/// Audit records of `action` about a user with `outcome`.
async fn records(desk: &Api, login: &str, action: &str, outcome: &str) -> usize {
    desk.audit_of(KOD, login)
        .await
        .iter()
        .filter(|r| r.action == action && r.outcome == outcome)
        .count()
}

#[tokio::test]
async fn only_helpdesk_suspends_and_releases() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        let before = desk.user_view(KOD, "ewa").await;
        let anna = server.login_user_at(KOD, "anna", 0).await;
        let operator = server.login_operator().await;
        let every_scope = operator.api_token_client("every-scope", &Scope::ALL).await;

        // A co-user, on a colleague or on themselves, and a token with every scope.
        for (who, api, login) in [
            ("co-user", &anna, "ewa"),
            ("co-user on self", &anna, "anna"),
            ("token", &every_scope, "ewa"),
        ] {
            let problem = suspend(api, login, "lost token")
                .await
                .expect_problem(403, "forbidden");
            assert!(
                problem.detail.contains("only HelpDesk operators"),
                "{who}: {problem:?}"
            );
        }
        assert_eq!(desk.user_view(KOD, "ewa").await, before, "nothing changed");
        assert_eq!(records(&desk, "ewa", "user.suspend", "denied").await, 2);

        let answer = suspend(&operator, "ewa", "lost phone, ticket 4411").await;
        answer.expect_ok();
        let view: UserView = answer.json();
        assert_eq!(view.status, UserStatus::Suspended);
        let suspension = view.suspension.clone().expect("suspension shown");
        assert_eq!(suspension.suspended_by, "operator:helpdesk");
        assert_eq!(suspension.reason, "lost phone, ticket 4411");
        assert_eq!(suspension.returns_to, UserStatus::Active);
        assert_eq!(desk.user_state(KOD, "ewa").await, view);
        // A co-user sees it too, and cannot lift it; neither can a token.
        assert_eq!(
            anna.user_view(KOD, "ewa").await.status,
            UserStatus::Suspended
        );
        release(&anna, "ewa").await.expect_problem(403, "forbidden");
        release(&every_scope, "ewa")
            .await
            .expect_problem(403, "forbidden");
        assert_eq!(desk.user_state(KOD, "ewa").await, view, "still suspended");

        let record = desk
            .audit_of(KOD, "ewa")
            .await
            .into_iter()
            .find(|r| r.action == "user.suspend" && r.outcome == "success")
            .expect("user.suspend recorded");
        assert_eq!(record.actor, "operator:helpdesk");
        assert_eq!(record.reason.as_deref(), Some("lost phone, ticket 4411"));

        let released: UserView = release(&operator, "ewa").await.json();
        assert_eq!(released.status, UserStatus::Active);
        assert_eq!(released.suspension, None);
        assert_eq!(records(&desk, "ewa", "user.release", "success").await, 1);
        assert_eq!(records(&desk, "ewa", "user.release", "denied").await, 2);
    })
    .await;
}

#[tokio::test]
async fn a_suspended_user_cannot_log_in_and_their_sessions_end() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        let operator = server.login_operator().await;
        let anna = server.login_user_at(KOD, "anna", 0).await;
        anna.get("/v1/me").await.expect_ok();
        suspend(&operator, "anna", "suspected fraud")
            .await
            .expect_ok();
        anna.get("/v1/me")
            .await
            .expect_problem(401, "unauthenticated");

        // Step 1 looks like any login; step 2 refuses, right answer or wrong, and
        // counts nothing.
        let api = server.api();
        let user = server.user(KOD, "anna");
        let password = user.password.clone().expect("password");
        let secret = user.totp_secret.clone().expect("totp");
        let challenge = api.start_login(Some(KOD), "anna").await;
        let right = login_answer(&challenge, &password, &totp_code(&secret, 1));
        let problem = api
            .complete_login(&challenge.challenge_id, &right)
            .await
            .expect_problem(423, "user_suspended");
        assert!(problem.detail.contains("HelpDesk"), "{problem:?}");
        for _ in 0..4 {
            let challenge = api.start_login(Some(KOD), "anna").await;
            api.complete_login(&challenge.challenge_id, &wrong_answer_for(&challenge))
                .await
                .expect_problem(423, "user_suspended");
        }
        let view = desk.user_view(KOD, "anna").await;
        assert_eq!(
            (view.failed_attempts, view.attempts_left),
            (0, 3),
            "nothing counted"
        );
        assert_eq!(records(&desk, "anna", "login", "suspended").await, 5);

        // An SMS user is sent no code while suspended.
        suspend(&operator, "ewa", "left the company")
            .await
            .expect_ok();
        let sent = api.outbox_entries().len();
        api.start_login(Some(KOD), "ewa").await;
        assert_eq!(
            api.outbox_entries().len(),
            sent,
            "no SMS to a suspended user"
        );

        release(&operator, "anna").await.expect_ok();
        let again = server.login_user_at(KOD, "anna", 1).await;
        again.get("/v1/me").await.expect_ok();
    })
    .await;
}

#[tokio::test]
async fn a_suspension_holds_across_two_replicas() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        let operator = server.login_operator().await;
        let anna = server.login_user_at(KOD, "anna", 0).await;
        let replica = server.replica().await;
        let elsewhere = server.api().on(&replica.url);

        suspend(&operator, "anna", "lost token").await.expect_ok();
        // Her session is refused on the other replica too, and so is a login.
        anna.on(&replica.url)
            .get("/v1/me")
            .await
            .expect_problem(401, "unauthenticated");
        let challenge = elsewhere.start_login(Some(KOD), "anna").await;
        elsewhere
            .complete_login(&challenge.challenge_id, &wrong_answer_for(&challenge))
            .await
            .expect_problem(423, "user_suspended");

        // Released through the other replica: she logs in through the first.
        let released: UserView = release(&operator.on(&replica.url), "anna").await.json();
        assert_eq!(released.status, UserStatus::Active);
        server
            .login_user_at(KOD, "anna", 1)
            .await
            .get("/v1/me")
            .await
            .expect_ok();
        assert_eq!(desk.user_view(KOD, "anna").await.status, UserStatus::Active);
    })
    .await;
}

#[tokio::test]
async fn no_unblock_lifts_a_suspension_and_a_release_restores_the_block() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        let operator = server.login_operator().await;
        let blocked = desk.user_view(KOD, "jan").await;
        assert_eq!(blocked.status, UserStatus::Blocked);
        suspend(&operator, "jan", "suspected fraud")
            .await
            .expect_ok();
        let suspended = desk.user_view(KOD, "jan").await;

        let anna = server.login_user_at(KOD, "anna", 0).await;
        for api in [&operator, &desk, &anna] {
            for mode in [UnblockMode::CurrentPassword, UnblockMode::NewPassword] {
                let problem = api
                    .unblock(KOD, "jan", mode, None)
                    .await
                    .expect_problem(409, "suspended");
                assert!(
                    problem.detail.contains("does not lift a suspension"),
                    "{problem:?}"
                );
            }
        }
        desk.post(
            &format!("/v1/companies/{KOD}/users/jan/password-reset"),
            json!({}),
        )
        .await
        .expect_problem(409, "suspended");
        assert_eq!(
            desk.user_view(KOD, "jan").await,
            suspended,
            "nothing changed"
        );

        // A release is not an unblock: jan is blocked as before, counts and all.
        let released: UserView = release(&operator, "jan").await.json();
        assert_eq!(
            (
                released.status,
                released.failed_attempts,
                released.attempts_left
            ),
            (
                blocked.status,
                blocked.failed_attempts,
                blocked.attempts_left
            )
        );
        assert_eq!(released.blocked_at, blocked.blocked_at);
        desk.unblock(KOD, "jan", UnblockMode::CurrentPassword, None)
            .await
            .expect_ok();
    })
    .await;
}

#[tokio::test]
async fn suspending_twice_or_releasing_nobody_is_a_conflict() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        let operator = server.login_operator().await;
        let problem = release(&operator, "ewa")
            .await
            .expect_problem(409, "not_suspended");
        assert!(problem.detail.contains("'ewa'"), "{problem:?}");
        let first: UserView = suspend(&operator, "ewa", "lost phone").await.json();
        let problem = suspend(&operator, "ewa", "another reason")
            .await
            .expect_problem(409, "suspended");
        assert!(problem.detail.contains("suspended already"), "{problem:?}");
        assert_eq!(
            desk.user_state(KOD, "ewa").await,
            first,
            "first reason kept"
        );
        assert_eq!(records(&desk, "ewa", "user.suspend", "refused").await, 1);
        assert_eq!(records(&desk, "ewa", "user.release", "refused").await, 1);
    })
    .await;
}

#[tokio::test]
async fn bad_input_is_refused_and_changes_nothing() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        let operator = server.login_operator().await;
        let before = desk.user_view(KOD, "ewa").await;
        let cases: Vec<(serde_json::Value, &str)> = vec![
            (json!({}), "malformed_request"),
            (json!({ "reason": "" }), "invalid_input"),
            (json!({ "reason": "   " }), "invalid_input"),
            (json!({ "reason": "x".repeat(10 * 1024) }), "invalid_input"),
            (json!({ "reason": "line\nbreak" }), "invalid_input"),
            (json!({ "reason": "abc\u{202e}cba" }), "invalid_input"),
            (json!({ "reason": 42 }), "malformed_request"),
            (
                json!({ "reason": "ok", "until": "never" }),
                "malformed_request",
            ),
        ];
        for (body, code) in cases {
            let problem = operator
                .put(&path("ewa"), body.clone())
                .await
                .expect_problem(400, code);
            assert!(!problem.detail.contains('\n'), "one line: {problem:?}");
            assert!(problem.detail.len() < 300, "short: {problem:?}");
        }
        operator
            .send(Method::POST, &path("ewa"), Some(json!({ "reason": "x" })))
            .await
            .expect_problem(405, "method_not_allowed");
        suspend(&operator, "nobody", "x")
            .await
            .expect_problem(404, "not_found");
        operator
            .put(
                "/v1/companies/1234/users/ewa/suspension",
                json!({ "reason": "x" }),
            )
            .await
            .expect_problem(400, "invalid_input");
        operator
            .send(
                Method::DELETE,
                &path("ewa"),
                Some(json!({ "reason": "y".repeat(10 * 1024) })),
            )
            .await
            .expect_problem(400, "invalid_input");
        assert_eq!(desk.user_view(KOD, "ewa").await, before, "nothing changed");
        assert_eq!(records(&desk, "ewa", "user.suspend", "success").await, 0);

        // SQL-looking text is a reason like any other, kept as typed.
        let reason = "'); DROP TABLE users; --";
        let view: UserView = suspend(&operator, "ewa", reason).await.json();
        assert_eq!(view.suspension.expect("suspended").reason, reason);
        assert_eq!(desk.user_view(KOD, "anna").await.status, UserStatus::Active);
    })
    .await;
}

#[tokio::test]
async fn twenty_parallel_suspends_and_releases_leave_one_record_per_change() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        let operator = server.login_operator().await;
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..20 {
            let operator = operator.clone();
            tasks.spawn(async move {
                let answer = if i % 2 == 0 {
                    suspend(&operator, "ewa", &format!("race {i}")).await
                } else {
                    release(&operator, "ewa").await
                };
                (i % 2 == 0, answer.status.as_u16(), answer.body)
            });
        }
        let answers = tasks.join_all().await;
        let mut applied = (0, 0);
        for (suspending, status, body) in &answers {
            match (suspending, status) {
                (true, 200) => applied.0 += 1,
                (false, 200) => applied.1 += 1,
                (_, 409) => {}
                other => panic!("{other:?}: {body}"),
            }
        }
        // Starting active, the applied changes alternate: suspends lead by 0 or 1.
        assert!(applied.0 >= 1, "{answers:?}");
        assert!(
            applied.0 - applied.1 <= 1 && applied.0 >= applied.1,
            "{applied:?}"
        );
        let view = desk.user_view(KOD, "ewa").await;
        let suspended = applied.0 > applied.1;
        assert_eq!(view.status == UserStatus::Suspended, suspended, "{view:?}");
        assert_eq!(view.suspension.is_some(), suspended, "{view:?}");
        if !suspended {
            assert_eq!(view.status, UserStatus::Active);
        }
        assert_eq!(
            records(&desk, "ewa", "user.suspend", "success").await,
            applied.0
        );
        assert_eq!(
            records(&desk, "ewa", "user.release", "success").await,
            applied.1
        );
        let refused = records(&desk, "ewa", "user.suspend", "refused").await
            + records(&desk, "ewa", "user.release", "refused").await;
        assert_eq!(refused, 20 - applied.0 - applied.1);
    })
    .await;
}
