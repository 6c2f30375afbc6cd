//! Rules no other test drove end to end: lockout limits below three (R7) and what
//! "three more attempts" (R9) means under them, a co-user's new-password unblock (R10),
//! and a user blocked during the first login (R6, R7) and unblocked.

use millectl::api::{Flow, SessionCreated, UnblockMode, UserStatus, UserView};

use crate::helpers::*;

const KOD: &str = "12345678";

/// ewa's status and (failed, left) counts, as HelpDesk sees them.
async fn counts(desk: &Api, login: &str) -> (UserStatus, u32, u32) {
    let view = desk.user_view(KOD, login).await;
    (view.status, view.failed_attempts, view.attempts_left)
}

/// With `--lockout-limit 1` one failure blocks, with 2 two do. "Unblock current password"
/// (R9) then grants three attempts all the same — more than the limit itself: R9 says
/// "exactly three more login attempts", and `domain::lockout::unblock` grants
/// `UNBLOCK_CURRENT_PASSWORD_ATTEMPTS` whatever the limit. The first success puts the
/// count back to the limit.
#[tokio::test]
async fn r7_limits_one_and_two_block_after_that_many_failures_and_r9_still_grants_three() {
    for_every_db(async |db| {
        for limit in [1u8, 2] {
            let server =
                TestServer::start_with_args(&db, &["--lockout-limit", &limit.to_string()]).await;
            let desk = server.helpdesk_token();
            let full = u32::from(limit);
            assert_eq!(counts(&desk, "ewa").await, (UserStatus::Active, 0, full));
            for failure in 1..=limit {
                let problem = server
                    .fail_sms_login(KOD, "ewa")
                    .await
                    .expect_problem(401, "invalid_credentials");
                assert_eq!(
                    problem.attempts_left,
                    Some(limit - failure),
                    "limit {limit}"
                );
                let status = if failure < limit {
                    UserStatus::Active
                } else {
                    UserStatus::Blocked
                };
                let expected = (status, u32::from(failure), full - u32::from(failure));
                assert_eq!(counts(&desk, "ewa").await, expected, "limit {limit}");
            }
            // Blocked: the right data is refused too.
            let api = server.api();
            let password = server.user(KOD, "ewa").password.unwrap();
            let challenge = api.start_login(Some(KOD), "ewa").await;
            api.complete_login(
                &challenge.challenge_id,
                &login_answer(&challenge, &password, "123456"),
            )
            .await
            .expect_problem(423, "user_blocked");

            // R9: three attempts, though the limit is below three.
            let view: UserView = desk
                .unblock(KOD, "ewa", UnblockMode::CurrentPassword, None)
                .await
                .json();
            assert_eq!(
                (view.status, view.failed_attempts, view.attempts_left),
                (UserStatus::Active, 0, 3),
                "limit {limit}"
            );
            for left in [2u8, 1, 0] {
                let problem = server
                    .fail_sms_login(KOD, "ewa")
                    .await
                    .expect_problem(401, "invalid_credentials");
                assert_eq!(problem.attempts_left, Some(left), "limit {limit}");
            }
            assert_eq!(
                counts(&desk, "ewa").await,
                (UserStatus::Blocked, 3, 0),
                "limit {limit}"
            );

            // Unblocked again, a success: the count is the limit again, not three.
            desk.unblock(KOD, "ewa", UnblockMode::CurrentPassword, None)
                .await
                .expect_ok();
            server.login_user(KOD, "ewa").await;
            assert_eq!(
                counts(&desk, "ewa").await,
                (UserStatus::Active, 0, full),
                "limit {limit}"
            );
        }
    })
    .await;
}

/// R10 by a co-user (not HelpDesk): anna unblocks jan with a new password; the access
/// password goes to jan's phone, never to anna; jan sets a new password and logs in.
#[tokio::test]
async fn r10_a_co_user_unblocks_a_colleague_with_a_new_password_end_to_end() {
    on_every_db(async |server| {
        let api = server.api();
        let desk = server.helpdesk_token();
        let jan = server.user(KOD, "jan");
        let phone = jan.phone.clone().unwrap();
        assert_eq!(counts(&desk, "jan").await.0, UserStatus::Blocked);

        let anna = server.login_user_at(KOD, "anna", 0).await;
        let answer = anna
            .unblock(KOD, "jan", UnblockMode::NewPassword, None)
            .await;
        answer.expect_ok();
        let view: UserView = answer.json();
        assert_eq!(
            (view.status, view.failed_attempts, view.attempts_left),
            (UserStatus::AwaitingNewPassword, 0, 3)
        );
        let access = api.access_password(&phone).expect("access password SMS");
        assert!(!answer.body.to_string().contains(&access));
        let record = desk
            .audit_of(KOD, "jan")
            .await
            .into_iter()
            .find(|r| r.action == "user.unblock")
            .expect("an unblock record");
        assert_eq!(
            (
                record.actor.as_str(),
                record.on_behalf_of.as_deref(),
                record.outcome.as_str(),
                record.detail.as_deref()
            ),
            ("user:12345678/anna", None, "success", Some("new_password"))
        );
        assert!(!serde_json::to_string(&record).unwrap().contains(&access));

        // Jan: SMS code, the access password, a new password.
        let new_password = "Jan3inne8has";
        let challenge = api.start_login(Some(KOD), "jan").await;
        assert_eq!(challenge.flow, Flow::NewPassword);
        let otp = api.sms_code(&challenge);
        let answer = api
            .complete_login(
                &challenge.challenge_id,
                &new_password_answer(otp, &access, new_password),
            )
            .await;
        answer.expect_ok();
        let _: SessionCreated = answer.json();
        assert_eq!(counts(&desk, "jan").await, (UserStatus::Active, 0, 3));

        // A normal masked login with the new password.
        let challenge = api.start_login(Some(KOD), "jan").await;
        assert_eq!(challenge.flow, Flow::Login);
        let otp = api.sms_code(&challenge);
        api.complete_login(
            &challenge.challenge_id,
            &login_answer(&challenge, new_password, &otp),
        )
        .await
        .expect_ok();
    })
    .await;
}

/// A first-login failure: the envelope's password wrong (or the one-time code).
async fn fail_first_login(server: &TestServer, wrong_code: bool) -> u8 {
    let api = server.api();
    let temporary = server.user(KOD, "piotr").temporary_password.unwrap();
    let challenge = api.start_login(Some(KOD), "piotr").await;
    assert_eq!(challenge.flow, Flow::FirstLogin);
    let otp = api.sms_code(&challenge);
    let answer = if wrong_code {
        let wrong = if otp == "000000" { "111111" } else { "000000" };
        new_password_answer(wrong, &temporary, "Piotr1nowe23")
    } else {
        new_password_answer(otp, &format!("{temporary}x"), "Piotr1nowe23")
    };
    let problem = api
        .complete_login(&challenge.challenge_id, &answer)
        .await
        .expect_problem(401, "invalid_credentials");
    problem.attempts_left.expect("attempts left")
}

/// piotr, never logged in, is blocked by wrong envelope passwords and a wrong code at
/// his first login; then unblocked both ways: "current password" gives him his first
/// login back with the envelope's password, "new password" an access password by SMS.
#[tokio::test]
async fn r6_a_user_blocked_at_the_first_login_is_unblocked_either_way() {
    for_every_db(async |db| {
        for mode in ["current_password", "new_password"] {
            let server = TestServer::start_on(&db).await;
            let api = server.api();
            let desk = server.helpdesk_token();
            let piotr = server.user(KOD, "piotr");
            let phone = piotr.phone.clone().unwrap();
            assert_eq!(
                counts(&desk, "piotr").await,
                (UserStatus::PendingActivation, 0, 3)
            );
            assert_eq!(fail_first_login(&server, false).await, 2);
            assert_eq!(fail_first_login(&server, true).await, 1);
            assert_eq!(
                counts(&desk, "piotr").await,
                (UserStatus::PendingActivation, 2, 1)
            );
            assert_eq!(fail_first_login(&server, false).await, 0);
            assert_eq!(counts(&desk, "piotr").await, (UserStatus::Blocked, 3, 0));

            // Blocked, the right envelope password and code do not help.
            let sent = api.outbox_entries().len();
            let challenge = api.start_login(Some(KOD), "piotr").await;
            assert_eq!(
                api.outbox_entries().len(),
                sent,
                "a blocked user gets no SMS"
            );
            api.complete_login(&challenge.challenge_id, &wrong_answer_for(&challenge))
                .await
                .expect_problem(423, "user_blocked");

            let view: UserView = desk
                .unblock(KOD, "piotr", unblock_mode(mode), None)
                .await
                .json();
            let new_password = "Piotr1nowe23";
            let temporary = if mode == "current_password" {
                // Never had a permanent password: back to the first login (R6).
                assert_eq!(
                    (view.status, view.failed_attempts, view.attempts_left),
                    (UserStatus::PendingActivation, 0, 3)
                );
                piotr.temporary_password.clone().unwrap()
            } else {
                assert_eq!(
                    (view.status, view.failed_attempts, view.attempts_left),
                    (UserStatus::AwaitingNewPassword, 0, 3)
                );
                api.access_password(&phone).expect("access password SMS")
            };
            let challenge = api.start_login(Some(KOD), "piotr").await;
            let flow = if mode == "current_password" {
                Flow::FirstLogin
            } else {
                Flow::NewPassword
            };
            assert_eq!(challenge.flow, flow, "{mode}");
            let otp = api.sms_code(&challenge);
            api.complete_login(
                &challenge.challenge_id,
                &new_password_answer(otp, &temporary, new_password),
            )
            .await
            .expect_ok();
            assert_eq!(
                counts(&desk, "piotr").await,
                (UserStatus::Active, 0, 3),
                "{mode}"
            );
            // From now on a normal masked login with the new password.
            let challenge = api.start_login(Some(KOD), "piotr").await;
            assert_eq!(challenge.flow, Flow::Login);
            let otp = api.sms_code(&challenge);
            api.complete_login(
                &challenge.challenge_id,
                &login_answer(&challenge, new_password, &otp),
            )
            .await
            .expect_ok();
        }
    })
    .await;
}

/// The mode a loop names as on the wire.
fn unblock_mode(mode: &str) -> UnblockMode {
    match mode {
        "current_password" => UnblockMode::CurrentPassword,
        "new_password" => UnblockMode::NewPassword,
        other => panic!("no unblock mode {other}"),
    }
}
