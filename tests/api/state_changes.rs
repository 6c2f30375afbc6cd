//! What a change of a user's state ends (issue 11, items 3 and 4): a challenge is good
//! only for the flow of the user's current state, and a block, a password reset or a
//! phone or token change ends the user's open challenges and sessions; a session is
//! checked against its user's status on every request.

use millectl::api::{
    CompleteLogin, Flow, PhoneChangeBatch, PhoneChangeRow, RowOutcome, Secret, UnblockMode,
};

use crate::helpers::*;

const KOD: &str = "12345678";

/// An attacker's answer to a new-password challenge: the SMS code, a guessed access
/// password, and the password they want.
fn takeover_answer(otp: String) -> CompleteLogin {
    CompleteLogin {
        password_chars: None,
        password: None,
        otp: Secret::new(otp),
        temporary_password: Some(Secret::new("guessed-access-pw")),
        new_password: Some(Secret::new("Attacker-password-1")),
    }
}

#[tokio::test]
async fn a_stale_new_password_challenge_cannot_reset_an_active_users_password() {
    on_every_db(async |server| {
        let api = server.api();
        let desk = server.helpdesk_token();
        let jan = server.user(KOD, "jan");
        let phone = jan.phone.clone().expect("jan has a phone");
        desk.unblock(KOD, "jan", UnblockMode::NewPassword, None)
            .await
            .expect_ok();
        let access = api.access_password(&phone).expect("access password sent");

        // The attacker starts a new-password challenge and learns its SMS code.
        let stale = api.start_login(Some(KOD), "jan").await;
        assert_eq!(stale.flow, Flow::NewPassword);
        let stale_otp = api.sms_code(&stale);

        // Jan sets a new password himself.
        let own = api.start_login(Some(KOD), "jan").await;
        let otp = api.sms_code(&own);
        api.complete_login(
            &own.challenge_id,
            &new_password_answer(otp, &access, "Jan-own-password-1"),
        )
        .await
        .expect_ok();

        // The stale challenge ended with that success.
        api.complete_login(&stale.challenge_id, &takeover_answer(stale_otp))
            .await
            .expect_problem(401, "challenge_expired");
        let view = desk.user_view(KOD, "jan").await;
        assert_eq!(view.status, millectl::api::UserStatus::Active);
    })
    .await;
}

#[tokio::test]
async fn a_challenge_is_checked_against_the_users_current_state() {
    // The flow check alone, without the ending of challenges: the state changes
    // behind the store's back, and the old challenge still does not apply.
    on_every_db(async |server| {
        let api = server.api();
        let desk = server.helpdesk_token();
        desk.unblock(KOD, "jan", UnblockMode::NewPassword, None)
            .await
            .expect_ok();
        let stale = api.start_login(Some(KOD), "jan").await;
        let otp = api.sms_code(&stale);
        server
            .execute_sql(
                "UPDATE users SET status = 'active', temp_password_hash = NULL \
                 WHERE login = 'jan'",
            )
            .await
            .expect("activate jan");
        api.complete_login(&stale.challenge_id, &takeover_answer(otp))
            .await
            .expect_problem(401, "challenge_expired");
    })
    .await;
}

#[tokio::test]
async fn a_co_user_blocked_since_login_can_no_longer_act() {
    on_every_db(async |server| {
        let ewa = server.login_user(KOD, "ewa").await;
        ewa.get(&format!("/v1/companies/{KOD}/users"))
            .await
            .expect_ok();
        for _ in 0..3 {
            server.fail_sms_login(KOD, "ewa").await;
        }
        ewa.get(&format!("/v1/companies/{KOD}/users"))
            .await
            .expect_problem(401, "unauthenticated");
        ewa.unblock(KOD, "jan", UnblockMode::CurrentPassword, None)
            .await
            .expect_problem(401, "unauthenticated");
    })
    .await;
}

#[tokio::test]
async fn a_session_whose_user_is_no_longer_active_is_refused() {
    // Status checked on every request, even where a session row survived.
    on_every_db(async |server| {
        let ewa = server.login_user(KOD, "ewa").await;
        server
            .execute_sql("UPDATE users SET status = 'blocked' WHERE login = 'ewa'")
            .await
            .expect("block ewa behind the store's back");
        ewa.get("/v1/me")
            .await
            .expect_problem(401, "unauthenticated");
    })
    .await;
}

#[tokio::test]
async fn phone_and_token_changes_end_the_users_sessions() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        let ewa = server.login_user(KOD, "ewa").await;
        let anna = server.login_user(KOD, "anna").await;
        desk.set_phone(KOD, "ewa", "+48 605 111 222", None)
            .await
            .expect_ok();
        ewa.get("/v1/me")
            .await
            .expect_problem(401, "unauthenticated");
        anna.get("/v1/me").await.expect_ok();

        let operator = server.login_operator().await;
        operator
            .put(
                &format!("/v1/companies/{KOD}/users/anna/token"),
                serde_json::json!({ "serial": "DEV-T-0001" }),
            )
            .await
            .expect_ok();
        anna.get("/v1/me")
            .await
            .expect_problem(401, "unauthenticated");
    })
    .await;
}

#[tokio::test]
async fn a_password_reset_ends_the_users_other_challenges() {
    on_every_db(async |server| {
        let api = server.api();
        let desk = server.helpdesk_token();
        let ewa = server.user(KOD, "ewa");
        let phone = ewa.phone.clone().expect("phone");
        for _ in 0..3 {
            server.fail_sms_login(KOD, "ewa").await;
        }
        desk.unblock(KOD, "ewa", UnblockMode::NewPassword, None)
            .await
            .expect_ok();
        let access = api.access_password(&phone).expect("access password");
        // Two new-password challenges: the first one completes, the second must end.
        let first = api.start_login(Some(KOD), "ewa").await;
        let second = api.start_login(Some(KOD), "ewa").await;
        let otp = api.sms_code(&first);
        let answer = api
            .complete_login(
                &first.challenge_id,
                &new_password_answer(otp, &access, "Ewa-new-password-1"),
            )
            .await;
        answer.expect_ok();
        let otp = api.sms_code(&second);
        api.complete_login(
            &second.challenge_id,
            &new_password_answer(otp, &access, "Ewa-other-password-2"),
        )
        .await
        .expect_problem(401, "challenge_expired");
    })
    .await;
}

#[tokio::test]
async fn a_bulk_phone_change_ends_the_users_sessions_too() {
    on_every_db(async |server| {
        let ewa = server.login_user(KOD, "ewa").await;
        let anna = server.login_user(KOD, "anna").await;
        let batch = PhoneChangeBatch {
            batch_id: "migr-sessions".into(),
            reason: None,
            dry_run: false,
            notify_old: true,
            changes: vec![PhoneChangeRow {
                millekod: KOD.into(),
                login: "ewa".into(),
                phone: "+48 605 111 333".into(),
                expected_phone: None,
            }],
        };
        let answer = server
            .helpdesk_token()
            .change_phones(Some("key-sessions-1"), &batch)
            .await;
        let report = answer.ok();
        assert_eq!(
            report.results[0].outcome,
            RowOutcome::Updated,
            "{}",
            answer.body
        );
        ewa.get("/v1/me")
            .await
            .expect_problem(401, "unauthenticated");
        anna.get("/v1/me").await.expect_ok();
    })
    .await;
}
