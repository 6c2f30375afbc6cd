//! Lockout (R7): consecutive failures block, a block holds against right data, a
//! success resets the count, and the limit is configurable.

use millectl::api::{Challenge, UserStatus};
use time::OffsetDateTime;

use crate::helpers::*;

const KOD: &str = "12345678";

#[tokio::test]
async fn r7_three_wrong_attempts_block_and_then_right_data_is_refused() {
    on_every_db(async |server| {
        let api = server.api();
        let desk = server.helpdesk_token();
        let password = server.user(KOD, "ewa").password.unwrap();
        // Four challenges started while ewa is active: each has its own SMS code.
        let mut challenges: Vec<Challenge> = Vec::new();
        for _ in 0..4 {
            challenges.push(api.start_login(Some(KOD), "ewa").await);
        }
        let before = OffsetDateTime::now_utc();
        for (i, challenge) in challenges[..3].iter().enumerate() {
            let otp = api.sms_code(challenge);
            let problem = api
                .complete_login(
                    &challenge.challenge_id,
                    &wrong_password_answer(challenge, &password, &otp),
                )
                .await
                .expect_problem(401, "invalid_credentials");
            assert_eq!(problem.attempts_left, Some(2 - i as u8));
            let view = desk.user_view(KOD, "ewa").await;
            let expected = if i < 2 {
                UserStatus::Active
            } else {
                UserStatus::Blocked
            };
            assert_eq!(view.status, expected, "after failure {}", i + 1);
        }
        let view = desk.user_view(KOD, "ewa").await;
        assert_eq!(view.status, UserStatus::Blocked);
        assert_eq!((view.failed_attempts, view.attempts_left), (3, 0));
        let blocked_at = view.blocked_at.expect("blocked_at is set");
        // Milliseconds are kept; allow for the truncation.
        assert!(
            blocked_at >= before - time::Duration::seconds(1),
            "{blocked_at}"
        );
        assert!(blocked_at <= OffsetDateTime::now_utc(), "{blocked_at}");

        // The fourth challenge, right password and its right SMS code: the block ended
        // it, as every change of the user's state ends their open challenges.
        let last = &challenges[3];
        let otp = api.sms_code(last);
        api.complete_login(&last.challenge_id, &login_answer(last, &password, &otp))
            .await
            .expect_problem(401, "challenge_expired");
        let after = desk.user_view(KOD, "ewa").await;
        assert_eq!(after, view, "a refused login changes nothing");

        // A new login still answers with a challenge (no enumeration), but no SMS.
        let sent = api.outbox_entries().len();
        let challenge = api.start_login(Some(KOD), "ewa").await;
        assert_eq!(
            api.outbox_entries().len(),
            sent,
            "a blocked user gets no SMS"
        );
        api.complete_login(
            &challenge.challenge_id,
            &login_answer(&challenge, &password, "123456"),
        )
        .await
        .expect_problem(423, "user_blocked");

        let audit = desk.audit_of(KOD, "ewa").await;
        let logins: Vec<&str> = audit
            .iter()
            .filter(|r| r.action == "login")
            .map(|r| r.outcome.as_str())
            .collect();
        // The challenge the block ended was never taken: no attempt, no record.
        assert_eq!(logins, ["blocked", "failure", "failure", "failure"]);
    })
    .await;
}

#[tokio::test]
async fn r7_a_token_user_is_blocked_by_wrong_codes_and_right_data_then_fails() {
    on_every_db(async |server| {
        let api = server.api();
        let anna = server.user(KOD, "anna");
        let (secret, password) = (anna.totp_secret.unwrap(), anna.password.unwrap());
        // Right password characters, wrong token code: a failure too.
        for left in [2u8, 1, 0] {
            let challenge = api.start_login(Some(KOD), "anna").await;
            let problem = api
                .complete_login(
                    &challenge.challenge_id,
                    &login_answer(&challenge, &password, &wrong_totp(&secret)),
                )
                .await
                .expect_problem(401, "invalid_credentials");
            assert_eq!(problem.attempts_left, Some(left));
        }
        let challenge = api.start_login(Some(KOD), "anna").await;
        api.complete_login(
            &challenge.challenge_id,
            &login_answer(&challenge, &password, &totp_code(&secret, 0)),
        )
        .await
        .expect_problem(423, "user_blocked");
        let view = server.helpdesk_token().user_view(KOD, "anna").await;
        assert_eq!(view.status, UserStatus::Blocked);
        assert_eq!((view.failed_attempts, view.attempts_left), (3, 0));
        assert!(view.blocked_at.is_some());
    })
    .await;
}

#[tokio::test]
async fn r7_a_success_resets_the_count() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        for expected_left in [2u8, 1] {
            let problem = server
                .fail_sms_login(KOD, "ewa")
                .await
                .expect_problem(401, "invalid_credentials");
            assert_eq!(problem.attempts_left, Some(expected_left));
        }
        let view = desk.user_view(KOD, "ewa").await;
        assert_eq!((view.failed_attempts, view.attempts_left), (2, 1));

        server.login_user(KOD, "ewa").await;
        let view = desk.user_view(KOD, "ewa").await;
        assert_eq!(view.status, UserStatus::Active);
        assert_eq!((view.failed_attempts, view.attempts_left), (0, 3));

        // Two more failures: four in all, but not consecutive, so no block.
        for _ in 0..2 {
            server
                .fail_sms_login(KOD, "ewa")
                .await
                .expect_problem(401, "invalid_credentials");
        }
        let view = desk.user_view(KOD, "ewa").await;
        assert_eq!(view.status, UserStatus::Active);
        assert_eq!((view.failed_attempts, view.attempts_left), (2, 1));
        assert_eq!(view.blocked_at, None);
        server.login_user(KOD, "ewa").await;
    })
    .await;
}

#[tokio::test]
async fn r7_lockout_limit_five_allows_five_attempts() {
    on_every_db_with(&["--lockout-limit", "5"], async |server| {
        let desk = server.helpdesk_token();
        let view = desk.user_view(KOD, "ewa").await;
        assert_eq!((view.failed_attempts, view.attempts_left), (0, 5));
        for expected_left in [4u8, 3, 2, 1] {
            let problem = server
                .fail_sms_login(KOD, "ewa")
                .await
                .expect_problem(401, "invalid_credentials");
            assert_eq!(problem.attempts_left, Some(expected_left));
        }
        let view = desk.user_view(KOD, "ewa").await;
        assert_eq!(view.status, UserStatus::Active);
        assert_eq!((view.failed_attempts, view.attempts_left), (4, 1));

        let problem = server
            .fail_sms_login(KOD, "ewa")
            .await
            .expect_problem(401, "invalid_credentials");
        assert_eq!(problem.attempts_left, Some(0));
        let view = desk.user_view(KOD, "ewa").await;
        assert_eq!(view.status, UserStatus::Blocked);
        assert_eq!((view.failed_attempts, view.attempts_left), (5, 0));

        // A success after four failures restores all five.
        let more = TestServer::start_with_args(&server.db, &["--lockout-limit", "5"]).await;
        for _ in 0..4 {
            more.fail_sms_login(KOD, "ewa")
                .await
                .expect_problem(401, "invalid_credentials");
        }
        more.login_user(KOD, "ewa").await;
        let view = more.helpdesk_token().user_view(KOD, "ewa").await;
        assert_eq!((view.failed_attempts, view.attempts_left), (0, 5));
    })
    .await;
}
