//! The new-password flow always takes two factors (issue 11, item 2): a token code
//! alone once set a new password for a token user after a new-password unblock. Now
//! the one-time access password comes by SMS to a number on file or, for users without
//! one, in an envelope that back-office issues — a role HelpDesk does not hold.

use millectl::api::{CompleteLogin, Flow, Secret, UnblockMode, UserStatus};
use serde_json::json;

use crate::helpers::*;

const KOD: &str = "12345678";

/// A new-password answer: the token code, a temporary password (or none), a new password.
fn answer(otp: String, temporary: Option<&str>) -> CompleteLogin {
    CompleteLogin {
        password_chars: None,
        password: None,
        otp: Secret::new(otp),
        temporary_password: temporary.map(Secret::new),
        new_password: Some(Secret::new("Anna-new-password-7")),
    }
}

/// Block anna (token user, no phone) with three wrong codes.
async fn block_anna(server: &TestServer) {
    let api = server.api();
    let anna = server.user(KOD, "anna");
    let (secret, password) = (anna.totp_secret.unwrap(), anna.password.unwrap());
    for _ in 0..3 {
        let challenge = api.start_login(Some(KOD), "anna").await;
        let answer = login_answer(&challenge, &password, &wrong_totp(&secret));
        api.complete_login(&challenge.challenge_id, &answer).await;
    }
}

#[tokio::test]
async fn a_token_code_alone_never_sets_a_new_password() {
    on_every_db(async |server| {
        let api = server.api();
        let secret = server.user(KOD, "anna").totp_secret.unwrap();
        block_anna(&server).await;
        server
            .helpdesk_token()
            .unblock(KOD, "anna", UnblockMode::NewPassword, None)
            .await
            .expect_ok();

        // The token code and a new password, without an access password: refused.
        let challenge = api.start_login(Some(KOD), "anna").await;
        assert_eq!(challenge.flow, Flow::NewPassword);
        api.complete_login(
            &challenge.challenge_id,
            &answer(totp_code(&secret, 0), None),
        )
        .await
        .expect_problem(400, "invalid_input");
        let challenge = api.start_login(Some(KOD), "anna").await;
        api.complete_login(
            &challenge.challenge_id,
            &answer(totp_code(&secret, 0), Some("guessed-password")),
        )
        .await
        .expect_problem(401, "invalid_credentials");

        // Back-office issues the envelope; with it and the code, anna sets a password.
        let envelope = server
            .login_back_office()
            .await
            .post(
                &format!("/v1/companies/{KOD}/users/anna/envelope"),
                json!({"reason": "ENV-1"}),
            )
            .await;
        assert_eq!(envelope.status.as_u16(), 201, "{}", envelope.body);
        let temporary = envelope.body["temporary_password"]
            .as_str()
            .expect("the password, once")
            .to_owned();
        let challenge = api.start_login(Some(KOD), "anna").await;
        api.complete_login(
            &challenge.challenge_id,
            &answer(totp_code(&secret, 1), Some(&temporary)),
        )
        .await
        .expect_ok();
        let view = server.helpdesk_token().user_view(KOD, "anna").await;
        assert_eq!(view.status, UserStatus::Active);
    })
    .await;
}

#[tokio::test]
async fn only_back_office_issues_envelopes_and_back_office_does_no_helpdesk_work() {
    on_every_db(async |server| {
        let path = format!("/v1/companies/{KOD}/users/piotr/envelope");
        // HelpDesk, its token and a co-user cannot.
        for who in [
            server.login_operator().await,
            server.helpdesk_token(),
            server.login_user(KOD, "ewa").await,
        ] {
            who.post(&path, json!({}))
                .await
                .expect_problem(403, "forbidden");
        }
        let back_office = server.login_back_office().await;
        // Not for an active user; not for someone who does not exist.
        back_office
            .post(
                &format!("/v1/companies/{KOD}/users/ewa/envelope"),
                json!({}),
            )
            .await
            .expect_problem(409, "conflict");
        back_office
            .post(
                &format!("/v1/companies/{KOD}/users/nobody/envelope"),
                json!({}),
            )
            .await
            .expect_problem(404, "not_found");
        // Back-office cannot unblock, set phones or approve.
        back_office
            .unblock(KOD, "jan", UnblockMode::CurrentPassword, None)
            .await
            .expect_problem(403, "forbidden");
        back_office
            .set_phone(KOD, "jan", "+48605111444", None)
            .await
            .expect_problem(403, "forbidden");

        // piotr lost his first envelope: a new one replaces it.
        let old = server
            .user(KOD, "piotr")
            .temporary_password
            .expect("envelope");
        let envelope = back_office.post(&path, json!({})).await;
        assert_eq!(envelope.status.as_u16(), 201, "{}", envelope.body);
        let new = envelope.body["temporary_password"]
            .as_str()
            .expect("password");
        let api = server.api();
        let first = |temporary: &str| {
            let api = api.clone();
            let temporary = temporary.to_owned();
            async move {
                let challenge = api.start_login(Some(KOD), "piotr").await;
                assert_eq!(challenge.flow, Flow::FirstLogin);
                let otp = api.sms_code(&challenge);
                api.complete_login(
                    &challenge.challenge_id,
                    &new_password_answer(otp, &temporary, "Piotr-first-password-3"),
                )
                .await
            }
        };
        first(&old).await.expect_problem(401, "invalid_credentials");
        first(new).await.expect_ok();
        let audit = server.audit_records("&login=piotr").await;
        assert!(audit
            .iter()
            .any(|r| r["action"] == "envelope.issue" && r["actor"] == "back_office:backoffice"));
    })
    .await;
}
