//! Logging in (R3, R5, R6).

use millectl::api::{
    AuthTool, CompleteLogin, Flow, Login, Me, MilleKod, PrincipalView, Secret, SessionCreated,
    UnblockMode, UserStatus,
};
use serde_json::json;
use time::OffsetDateTime;

use crate::helpers::*;

const KOD: &str = "12345678";

fn user_principal(login: &str) -> PrincipalView {
    PrincipalView::User {
        millekod: MilleKod::parse(KOD).unwrap(),
        login: Login::parse(login).unwrap(),
    }
}

pub fn assert_positions_shape(positions: &[u8]) {
    assert!(positions.len() >= 2, "too few positions: {positions:?}");
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(
        positions.iter().all(|p| (1..=32).contains(p)),
        "{positions:?}"
    );
}

#[tokio::test]
async fn r5_masked_login_for_sms_and_token_users_then_me_and_logout() {
    on_every_db(async |server| {
        let api = server.api();
        for (login, tool) in [("ewa", AuthTool::Sms), ("anna", AuthTool::Token)] {
            let user = server.user(KOD, login);
            let challenge = api.start_login(Some(KOD), login).await;
            assert_eq!(challenge.flow, Flow::Login);
            assert_eq!(challenge.otp_method, tool);
            let positions = challenge.password_positions.clone().expect("masked");
            assert_positions_shape(&positions);
            let password = user.password.clone().unwrap();
            assert!(usize::from(*positions.last().unwrap()) <= password.chars().count());
            let otp = match tool {
                AuthTool::Sms => {
                    assert_eq!(challenge.sms_sent_to.as_deref(), Some("+48******567"));
                    api.sms_code(&challenge)
                }
                AuthTool::Token => {
                    assert_eq!(challenge.sms_sent_to, None);
                    totp_code(user.totp_secret.as_deref().unwrap(), 0)
                }
            };
            let answer = api
                .complete_login(
                    &challenge.challenge_id,
                    &login_answer(&challenge, &password, &otp),
                )
                .await;
            answer.expect_ok();
            let session: SessionCreated = answer.json();
            assert!(session.token.expose().starts_with("mls_"));
            let expected = user_principal(login);
            assert_eq!(session.principal, expected);

            let me_api = api.with_token(session.token.expose());
            let me: Me = me_api.get("/v1/me").await.json();
            assert_eq!(me.principal, expected);
            // Company users' sessions end after 5 minutes without activity.
            let left = me.expires_at.expect("session expiry") - OffsetDateTime::now_utc();
            assert!(
                left > time::Duration::minutes(4) && left <= time::Duration::minutes(5),
                "{left}"
            );
            let view = server.helpdesk_token().user_view(KOD, login).await;
            assert!(view.last_login_at.is_some());
            assert_eq!((view.failed_attempts, view.attempts_left), (0, 3));

            let logout = me_api.delete("/v1/sessions/current").await;
            assert_eq!(logout.status.as_u16(), 204, "{}", logout.body);
            me_api
                .get("/v1/me")
                .await
                .expect_problem(401, "unauthenticated");
        }
    })
    .await;
}

#[tokio::test]
async fn r5_operator_logs_in_without_millekod() {
    on_every_db(async |server| {
        let api = server.api();
        let challenge = api.start_login(None, "helpdesk").await;
        assert_eq!(challenge.flow, Flow::Login);
        assert_eq!(challenge.otp_method, AuthTool::Token);
        assert_positions_shape(challenge.password_positions.as_deref().expect("masked"));
        let op = &server.creds.operator;
        let answer = api
            .complete_login(
                &challenge.challenge_id,
                &login_answer(&challenge, &op.password, &totp_code(&op.totp_secret, 0)),
            )
            .await;
        answer.expect_ok();
        let session: SessionCreated = answer.json();
        let expected = PrincipalView::Operator {
            login: Login::parse("helpdesk").unwrap(),
        };
        assert_eq!(session.principal, expected);
        let me: Me = api
            .with_token(session.token.expose())
            .get("/v1/me")
            .await
            .json();
        assert_eq!(me.principal, expected);
        // The operator is no company user: the same login under a MilleKod is unknown.
        let decoy = api.start_login(Some(KOD), "helpdesk").await;
        // Padded, so the decoy's positions (up to 16) fall inside the typed password. A
        // decoy is drawn like a real user's challenge, so it may be another flow; then
        // the operator's credentials do not even fit it.
        let padded = format!("{}{}", op.password, "a".repeat(20));
        let sent = match decoy.flow {
            Flow::Login => login_answer(&decoy, &padded, &totp_code(&op.totp_secret, 1)),
            Flow::FirstLogin | Flow::NewPassword => wrong_answer_for(&decoy),
        };
        let answer = api.complete_login(&decoy.challenge_id, &sent).await;
        answer.expect_problem(401, "invalid_credentials");
    })
    .await;
}

#[tokio::test]
async fn r3_masking_switched_off_by_the_user_asks_the_whole_password() {
    on_every_db(async |server| {
        let api = server.api();
        let path = format!("/v1/companies/{KOD}/users/ewa/password-masking");
        // A co-user cannot switch someone else's masking.
        let anna = server.login_user_at(KOD, "anna", 0).await;
        anna.put(&path, json!({"enabled": false}))
            .await
            .expect_problem(403, "forbidden");
        assert!(
            server
                .helpdesk_token()
                .user_view(KOD, "ewa")
                .await
                .password_masking
        );
        // Nor can HelpDesk.
        server
            .helpdesk_token()
            .put(&path, json!({"enabled": false}))
            .await
            .expect_problem(403, "forbidden");

        let ewa = server.login_user(KOD, "ewa").await;
        let answer = ewa.put(&path, json!({"enabled": false})).await;
        answer.expect_ok();
        assert_eq!(answer.body["password_masking"], false);

        let challenge = api.start_login(Some(KOD), "ewa").await;
        assert_eq!(challenge.flow, Flow::Login);
        assert_eq!(challenge.password_positions, None);
        let password = server.user(KOD, "ewa").password.unwrap();
        let otp = api.sms_code(&challenge);
        // Characters are not what this login asks for: refused before any check.
        let chars = CompleteLogin {
            password_chars: Some(chars_at(&password, &[1, 2, 3])),
            password: None,
            otp: Secret::new(otp.clone()),
            temporary_password: None,
            new_password: None,
        };
        api.complete_login(&challenge.challenge_id, &chars)
            .await
            .expect_problem(400, "invalid_input");
        let answer = api
            .complete_login(
                &challenge.challenge_id,
                &login_answer(&challenge, &password, &otp),
            )
            .await;
        answer.expect_ok();
        let view = server.helpdesk_token().user_view(KOD, "ewa").await;
        assert!(!view.password_masking);
        assert_eq!(view.failed_attempts, 0);

        // Switched on again, the positions come back.
        let ewa = api.with_token(answer.json::<SessionCreated>().token.expose());
        ewa.put(&path, json!({"enabled": true})).await.expect_ok();
        let challenge = api.start_login(Some(KOD), "ewa").await;
        assert!(challenge.password_positions.is_some());
    })
    .await;
}

#[tokio::test]
async fn r3_positions_stay_until_a_success_and_wrong_data_counts() {
    // Positions are pinned until a success: the same set after failures, after a
    // block and an unblock; another set only once a login succeeded.
    on_every_db(async |server| {
        let api = server.api();
        let desk = server.helpdesk_token();
        let password = server.user(KOD, "ewa").password.unwrap();
        let first = api.start_login(Some(KOD), "ewa").await;
        let asked = first.password_positions.clone().unwrap();
        for _ in 0..3 {
            let again = api.start_login(Some(KOD), "ewa").await;
            assert_ne!(again.challenge_id, first.challenge_id);
            assert_eq!(again.password_positions.as_ref(), Some(&asked));
        }

        // Positions other than the asked ones: 400, no attempt consumed.
        let otp = api.sms_code(&first);
        let mut others: Vec<u8> = (1..=password.chars().count() as u8)
            .filter(|p| !asked.contains(p))
            .take(asked.len())
            .collect();
        others.sort_unstable();
        let mut answer = login_answer(&first, &password, &otp);
        for chars in [
            chars_at(&password, &others),
            chars_at(&password, &asked[1..]),
            chars_at(&password, &[asked.clone(), others.clone()].concat()),
        ] {
            answer.password_chars = Some(chars);
            api.complete_login(&first.challenge_id, &answer)
                .await
                .expect_problem(400, "invalid_input");
        }
        assert_eq!(desk.user_view(KOD, "ewa").await.failed_attempts, 0);

        // Any one wrong character: 401 with the attempts left; positions still pinned.
        for (i, position) in asked.iter().enumerate().take(2) {
            let challenge = api.start_login(Some(KOD), "ewa").await;
            assert_eq!(challenge.password_positions.as_ref(), Some(&asked));
            let otp = api.sms_code(&challenge);
            let mut answer = login_answer(&challenge, &password, &otp);
            let chars = answer.password_chars.as_mut().unwrap();
            let right = chars[&position.to_string()].expose().to_owned();
            let wrong = if right == "Q" { "q" } else { "Q" };
            chars.insert(position.to_string(), Secret::new(wrong));
            let problem = api
                .complete_login(&challenge.challenge_id, &answer)
                .await
                .expect_problem(401, "invalid_credentials");
            assert_eq!(problem.attempts_left, Some(2 - i as u8));
        }
        let view = desk.user_view(KOD, "ewa").await;
        assert_eq!((view.failed_attempts, view.attempts_left), (2, 1));
        let after_failures = api.start_login(Some(KOD), "ewa").await;
        assert_eq!(
            after_failures.password_positions.as_ref(),
            Some(&asked),
            "the positions changed after failures"
        );

        // A third failure blocks; an unblock with the current password keeps them too.
        let otp = api.sms_code(&after_failures);
        let answer = wrong_password_answer(&after_failures, &password, &otp);
        api.complete_login(&after_failures.challenge_id, &answer)
            .await
            .expect_problem(401, "invalid_credentials");
        assert_eq!(desk.user_view(KOD, "ewa").await.status, UserStatus::Blocked);
        desk.unblock(KOD, "ewa", UnblockMode::CurrentPassword, None)
            .await
            .ok();
        let after_unblock = api.start_login(Some(KOD), "ewa").await;
        assert_eq!(
            after_unblock.password_positions.as_ref(),
            Some(&asked),
            "the positions changed across a block and an unblock"
        );

        // A success resets the counter and frees the positions: a later set differs.
        let mut changed = false;
        for _ in 0..12 {
            let challenge = api.start_login(Some(KOD), "ewa").await;
            let now_asked = challenge.password_positions.clone().unwrap();
            if now_asked != asked {
                changed = true;
                break;
            }
            let otp = api.sms_code(&challenge);
            api.complete_login(
                &challenge.challenge_id,
                &login_answer(&challenge, &password, &otp),
            )
            .await
            .expect_ok();
            let view = desk.user_view(KOD, "ewa").await;
            assert_eq!((view.failed_attempts, view.attempts_left), (0, 3));
        }
        assert!(
            changed,
            "the positions never changed after 12 successful logins"
        );
    })
    .await;
}

#[tokio::test]
async fn r6_first_login_sets_a_permanent_password() {
    on_every_db(async |server| {
        let api = server.api();
        let desk = server.helpdesk_token();
        let piotr = server.user(KOD, "piotr");
        assert_eq!(piotr.password, None);
        let temporary = piotr.temporary_password.clone().unwrap();
        let new_password = "Nowe2haslo9x";
        let first_login = new_password_answer;

        // A wrong temporary password counts as a failure.
        let challenge = api.start_login(Some(KOD), "piotr").await;
        assert_eq!(challenge.flow, Flow::FirstLogin);
        assert_eq!(challenge.password_positions, None);
        assert_eq!(challenge.otp_method, AuthTool::Sms);
        let otp = api.sms_code(&challenge);
        let problem = api
            .complete_login(
                &challenge.challenge_id,
                &first_login(otp, &format!("{temporary}x"), new_password),
            )
            .await
            .expect_problem(401, "invalid_credentials");
        assert_eq!(problem.attempts_left, Some(2));
        let view = desk.user_view(KOD, "piotr").await;
        assert_eq!(view.status, UserStatus::PendingActivation);
        assert_eq!(view.failed_attempts, 1);

        // A new password breaking the policy: 422, no attempt consumed, challenge kept.
        let challenge = api.start_login(Some(KOD), "piotr").await;
        let otp = api.sms_code(&challenge);
        for weak in ["short1", "nodigitsatall", "12345678901", "has space 123"] {
            api.complete_login(
                &challenge.challenge_id,
                &first_login(otp.clone(), &temporary, weak),
            )
            .await
            .expect_problem(422, "password_policy");
        }
        assert_eq!(desk.user_view(KOD, "piotr").await.failed_attempts, 1);

        let answer = api
            .complete_login(
                &challenge.challenge_id,
                &first_login(otp, &temporary, new_password),
            )
            .await;
        answer.expect_ok();
        let session: SessionCreated = answer.json();
        assert_eq!(session.principal, user_principal("piotr"));
        let view = desk.user_view(KOD, "piotr").await;
        assert_eq!(view.status, UserStatus::Active);
        assert_eq!((view.failed_attempts, view.attempts_left), (0, 3));

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
    })
    .await;
}
