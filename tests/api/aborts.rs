//! Step 2 dropped half-way (issue 11, item 1): a client that resets the connection
//! after sending its answer must not burn an attempt without a trace, nor leave a user
//! with no attempts and no block. Every aborted attempt is checked, recorded and
//! audited exactly as if it had been answered.

use std::time::Duration;

use millectl::api::{UnblockMode, UserStatus};

use crate::helpers::*;

const KOD: &str = "12345678";

/// Before the check, during the Argon2 verification (~15-20 ms), and after it.
fn abort_point(i: u64) -> Duration {
    Duration::from_millis((i % 5) * 8)
}

#[tokio::test]
async fn aborted_logins_count_exactly_as_answered_ones() {
    on_every_db(async |server| {
        let api = server.api();
        let desk = server.helpdesk_token();
        let password = server.user(KOD, "ewa").password.unwrap();

        // 20 right answers, each dropped at another point: 20 successes.
        for i in 0..20u64 {
            let challenge = api.start_login(Some(KOD), "ewa").await;
            let otp = api.sms_code(&challenge);
            let answer = login_answer(&challenge, &password, &otp);
            server
                .abort_complete_login(&challenge.challenge_id, &answer, abort_point(i))
                .await;
            server
                .wait_for_login_records(KOD, "ewa", "success", i as usize + 1)
                .await;
        }
        let view = desk.user_view(KOD, "ewa").await;
        assert_eq!(
            (view.status, view.failed_attempts, view.attempts_left),
            (UserStatus::Active, 0, 3),
            "20 aborted right answers leave the user as 20 answered ones would"
        );

        // Three wrong answers, dropped: blocked exactly as after three answered ones.
        for i in 0..3u64 {
            let challenge = api.start_login(Some(KOD), "ewa").await;
            let otp = api.sms_code(&challenge);
            let answer = wrong_password_answer(&challenge, &password, &otp);
            server
                .abort_complete_login(&challenge.challenge_id, &answer, abort_point(i + 1))
                .await;
            server
                .wait_for_login_records(KOD, "ewa", "failure", i as usize + 1)
                .await;
        }
        let view = desk.user_view(KOD, "ewa").await;
        assert_eq!(
            (view.status, view.failed_attempts, view.attempts_left),
            (UserStatus::Blocked, 3, 0),
        );

        // And an unblock lifts what the aborts left.
        desk.unblock(KOD, "ewa", UnblockMode::CurrentPassword, None)
            .await
            .expect_ok();
        server.login_user(KOD, "ewa").await;
    })
    .await;
}

#[tokio::test]
async fn a_user_left_with_no_attempts_and_no_block_can_be_unblocked() {
    // What a server that died between a reservation and its outcome leaves behind.
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        server
            .execute_sql("UPDATE users SET attempts_left = 0 WHERE login = 'ewa'")
            .await
            .expect("strand ewa");
        let api = server.api();
        let challenge = api.start_login(Some(KOD), "ewa").await;
        let otp = api.sms_code(&challenge);
        let password = server.user(KOD, "ewa").password.unwrap();
        // Not blocked, and nothing to check: "try again in a moment", not "blocked".
        api.complete_login(
            &challenge.challenge_id,
            &login_answer(&challenge, &password, &otp),
        )
        .await
        .expect_problem(429, "attempt_in_progress");
        desk.unblock(KOD, "ewa", UnblockMode::CurrentPassword, None)
            .await
            .expect_ok();
        let view = desk.user_view(KOD, "ewa").await;
        assert_eq!((view.status, view.attempts_left), (UserStatus::Active, 3));
        server.login_user(KOD, "ewa").await;
    })
    .await;
}
