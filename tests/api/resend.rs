//! Resending a one-time access password (issue 15): the new one works and the old one
//! no longer does, the per-user limit holds under parallel calls, only those who may
//! unblock may resend (never to themselves, R11), and every other status is refused.

use millectl::api::{
    AccessPasswordResent, AuditRecord, CreateApiToken, Flow, Scope, UnblockMode, UserStatus,
};
use serde_json::json;

use crate::helpers::*;

const KOD: &str = "12345678";
const OTHER: &str = "87654321";
const NEW_PASSWORD: &str = "Nowe7haslo9x";

impl Api {
    async fn resend(&self, millekod: &str, login: &str) -> Answer {
        self.post(
            &format!("/v1/companies/{millekod}/users/{login}/access-password"),
            json!({}),
        )
        .await
    }
}

/// The `user.resend` records about a user, newest first.
async fn resends(desk: &Api, millekod: &str, login: &str) -> Vec<AuditRecord> {
    desk.audit_of(millekod, login)
        .await
        .into_iter()
        .filter(|r| r.action == "user.resend")
        .collect()
}

fn access_passwords_sent(server: &TestServer, phone: &str) -> usize {
    server
        .api()
        .outbox_entries()
        .iter()
        .filter(|e| e["to"] == phone && e["kind"] == "access_password")
        .count()
}

#[tokio::test]
async fn the_new_access_password_works_and_the_old_one_does_not() {
    on_every_db(async |server| {
        let api = server.api();
        let desk = server.helpdesk_token();
        let phone = server.user(KOD, "jan").phone.clone().unwrap();
        desk.unblock(KOD, "jan", UnblockMode::NewPassword, None)
            .await
            .expect_ok();
        let old = api.access_password(&phone).expect("the unblock's SMS");
        // A challenge opened on the old password, before the resend.
        let open = api.start_login(Some(KOD), "jan").await;
        assert_eq!(open.flow, Flow::NewPassword);
        let open_otp = api.sms_code(&open);

        let answer = desk.resend(KOD, "jan").await;
        answer.expect_ok();
        let resent: AccessPasswordResent = answer.json();
        let new = api.access_password(&phone).expect("the resend's SMS");
        assert_ne!(new, old);
        assert_eq!(resent.channel, "sms");
        assert_eq!(resent.sent_to, "+48******678");
        assert_eq!(resent.user.status, UserStatus::AwaitingNewPassword);
        // Nobody but the phone sees it (R11): not the answer, not the audit.
        assert!(!answer.body.to_string().contains(&new));
        let record = &resends(&desk, KOD, "jan").await[0];
        assert_eq!(
            (record.outcome.as_str(), record.detail.as_deref()),
            ("success", Some("sms"))
        );
        assert_eq!(record.actor, "token:dev-helpdesk");
        let text = serde_json::to_string(record).unwrap();
        assert!(!text.contains(&new) && !text.contains(&old));

        // The challenge opened before ended with the old password.
        api.complete_login(
            &open.challenge_id,
            &new_password_answer(open_otp, &new, NEW_PASSWORD),
        )
        .await
        .expect_problem(401, "challenge_expired");
        // The old password is a counted failure; the new one logs in.
        let challenge = api.start_login(Some(KOD), "jan").await;
        let otp = api.sms_code(&challenge);
        api.complete_login(
            &challenge.challenge_id,
            &new_password_answer(otp, &old, NEW_PASSWORD),
        )
        .await
        .expect_problem(401, "invalid_credentials");
        let challenge = api.start_login(Some(KOD), "jan").await;
        let otp = api.sms_code(&challenge);
        api.complete_login(
            &challenge.challenge_id,
            &new_password_answer(otp, &new, NEW_PASSWORD),
        )
        .await
        .expect_ok();
        assert_eq!(desk.user_view(KOD, "jan").await.status, UserStatus::Active);
    })
    .await;
}

#[tokio::test]
async fn a_first_login_user_who_lost_the_envelope_gets_one_by_sms() {
    on_every_db(async |server| {
        let api = server.api();
        let desk = server.helpdesk_token();
        let piotr = server.user(KOD, "piotr");
        let phone = piotr.phone.clone().unwrap();
        // A co-user of the same MilleKod may do it (as they may unblock).
        let anna = server.login_user_at(KOD, "anna", 0).await;
        let resent: AccessPasswordResent = anna.resend(KOD, "piotr").await.json();
        assert_eq!(resent.user.status, UserStatus::PendingActivation);
        assert_eq!(resent.sent_to, "+48******789");
        assert_eq!(
            resends(&desk, KOD, "piotr").await[0].actor,
            "user:12345678/anna"
        );
        let access = api.access_password(&phone).expect("SMS");
        let envelope = piotr.temporary_password.clone().expect("envelope");
        assert_ne!(access, envelope);

        let challenge = api.start_login(Some(KOD), "piotr").await;
        assert_eq!(challenge.flow, Flow::FirstLogin);
        let otp = api.sms_code(&challenge);
        api.complete_login(
            &challenge.challenge_id,
            &new_password_answer(otp, &envelope, NEW_PASSWORD),
        )
        .await
        .expect_problem(401, "invalid_credentials");
        let challenge = api.start_login(Some(KOD), "piotr").await;
        let otp = api.sms_code(&challenge);
        api.complete_login(
            &challenge.challenge_id,
            &new_password_answer(otp, &access, NEW_PASSWORD),
        )
        .await
        .expect_ok();
    })
    .await;
}

#[tokio::test]
async fn twenty_parallel_resends_send_exactly_three() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        let phone = server.user(KOD, "piotr").phone.clone().unwrap();
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let desk = desk.clone();
            tasks.spawn(async move { desk.resend(KOD, "piotr").await });
        }
        let answers = tasks.join_all().await;
        let ok = answers.iter().filter(|a| a.status.is_success()).count();
        assert_eq!(ok, 3, "{answers:#?}");
        for answer in answers.iter().filter(|a| !a.status.is_success()) {
            let problem = answer.expect_problem(429, "too_many_requests");
            assert!(problem.detail.contains("retry in"), "{}", problem.detail);
            let seconds = answer.retry_after.expect("Retry-After");
            assert!((1..=3600).contains(&seconds), "{seconds}");
        }
        assert_eq!(access_passwords_sent(&server, &phone), 3);
        let records = resends(&desk, KOD, "piotr").await;
        let count = |outcome: &str| records.iter().filter(|r| r.outcome == outcome).count();
        assert_eq!((count("success"), count("refused")), (3, 17));
        // Still limited afterwards, and nothing more is sent.
        desk.resend(KOD, "piotr")
            .await
            .expect_problem(429, "too_many_requests");
        assert_eq!(access_passwords_sent(&server, &phone), 3);
    })
    .await;
}

#[tokio::test]
async fn only_those_who_may_unblock_may_resend_and_never_to_themselves() {
    on_every_db(async |server| {
        let api = server.api();
        let desk = server.helpdesk_token();
        let phone = server.user(KOD, "piotr").phone.clone().unwrap();
        let before = desk.user_view(KOD, "piotr").await;

        api.resend(KOD, "piotr")
            .await
            .expect_problem(401, "unauthenticated");
        let anna = server.login_user_at(KOD, "anna", 0).await;
        // A co-user on themselves (R11) and on another company's user.
        anna.resend(KOD, "anna")
            .await
            .expect_problem(403, "forbidden");
        anna.resend(OTHER, "olga")
            .await
            .expect_problem(403, "forbidden");
        let record = &resends(&desk, OTHER, "olga").await[0];
        assert_eq!(record.outcome, "denied");
        assert_eq!(resends(&desk, KOD, "anna").await[0].outcome, "denied");
        // An API token without users:unblock.
        let operator = server.login_operator().await;
        let created = operator
            .create_api_token(&CreateApiToken {
                name: "reader".into(),
                scopes: vec![Scope::UsersRead],
                expires_in_s: None,
                reason: None,
            })
            .await;
        let reader = api.with_token(created.ok().token.expose());
        reader
            .resend(KOD, "piotr")
            .await
            .expect_problem(403, "forbidden");
        // An unknown user, in a company or not.
        desk.resend(KOD, "nobody")
            .await
            .expect_problem(404, "not_found");
        desk.resend("99999999", "piotr")
            .await
            .expect_problem(404, "not_found");

        assert_eq!(desk.user_view(KOD, "piotr").await, before);
        assert_eq!(access_passwords_sent(&server, &phone), 0);
    })
    .await;
}

#[tokio::test]
async fn other_statuses_and_users_without_a_phone_are_refused_with_what_to_do() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        let operator = server.login_operator().await;
        // Olga: a token and no phone, made to await a new password.
        operator
            .post(
                &format!("/v1/companies/{OTHER}/users/olga/password-reset"),
                json!({}),
            )
            .await
            .expect_ok();
        for (millekod, login, code, says) in [
            (KOD, "jan", "conflict", "use `millectl unblock"),
            (KOD, "marek", "conflict", "is blocked"),
            (KOD, "ewa", "conflict", "is active"),
            (OTHER, "olga", "no_authorization_tool", "envelope issue"),
        ] {
            let before = desk.user_view(millekod, login).await;
            let problem = desk.resend(millekod, login).await.expect_problem(409, code);
            assert!(problem.detail.contains(says), "{login}: {}", problem.detail);
            assert!(!problem.detail.contains('\n'));
            assert_eq!(desk.user_view(millekod, login).await, before, "{login}");
            assert_eq!(resends(&desk, millekod, login).await[0].outcome, "refused");
        }
        assert!(api_outbox_has_no_access_password(&server));
    })
    .await;
}

fn api_outbox_has_no_access_password(server: &TestServer) -> bool {
    !server
        .api()
        .outbox_entries()
        .iter()
        .any(|e| e["kind"] == "access_password")
}

#[tokio::test]
async fn within_the_hold_after_a_phone_change_nothing_is_sent() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        let operator = server.login_operator().await;
        operator
            .set_phone(KOD, "piotr", "+48 724 413 926", None)
            .await
            .expect_ok();
        let problem = desk
            .resend(KOD, "piotr")
            .await
            .expect_problem(409, "conflict");
        assert!(problem.detail.contains("hold"), "{}", problem.detail);
        assert!(api_outbox_has_no_access_password(&server));
    })
    .await;
}

#[tokio::test]
async fn hostile_input_is_refused_and_changes_nothing() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        let before = desk.user_view(KOD, "piotr").await;
        let path = format!("/v1/companies/{KOD}/users/piotr/access-password");
        desk.post(&path, json!({"surprise": 1}))
            .await
            .expect_problem(400, "malformed_request");
        desk.post(&path, json!({"reason": 7}))
            .await
            .expect_problem(400, "malformed_request");
        let long = "a".repeat(10_000);
        for login in [long.as_str(), "x'%20OR%20'1'='1", "%C5%BC%C3%B3%C5%82w"] {
            let answer = desk
                .post(
                    &format!("/v1/companies/{KOD}/users/{login}/access-password"),
                    json!({}),
                )
                .await;
            assert!(
                [400, 404].contains(&answer.status.as_u16()),
                "{login}: {} {}",
                answer.status,
                answer.body
            );
        }
        desk.post("/v1/companies/1234/users/piotr/access-password", json!({}))
            .await
            .expect_problem(400, "invalid_input");
        assert_eq!(desk.user_view(KOD, "piotr").await, before);
        assert!(api_outbox_has_no_access_password(&server));
    })
    .await;
}

/// Issue 15, item 8: what the CLI shows before asking is a dry run of the unblock —
/// authorised and refused exactly like it, changing nothing, recorded as the unblock.
#[tokio::test]
async fn an_unblock_dry_run_changes_nothing_and_is_audited_as_the_unblock() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        let dry = |mode: &str| json!({"mode": mode, "dry_run": true});
        let path = |login: &str| format!("/v1/companies/{KOD}/users/{login}/unblock");
        let before = desk.user_state(KOD, "jan").await;
        let shows =
            |records: &[AuditRecord]| records.iter().filter(|r| r.action == "user.show").count();
        let shows_before = shows(&desk.audit_of(KOD, "jan").await);

        let answer = desk.post(&path("jan"), dry("new_password")).await;
        answer.expect_ok();
        let view: millectl::api::UserView = answer.json();
        assert_eq!(view, before);
        assert_eq!(desk.user_state(KOD, "jan").await, before);
        assert!(server.api().access_password("+48602345678").is_none());
        let records = desk.audit_of(KOD, "jan").await;
        let record = records
            .iter()
            .find(|r| r.action == "user.unblock")
            .expect("the dry run's record");
        assert_eq!(record.detail.as_deref(), Some("dry run: new_password"));
        // The only user.show records are the test's own read after it (user_view).
        assert_eq!(shows(&records), shows_before + 1);

        desk.post(&path("ewa"), dry("current_password"))
            .await
            .expect_problem(409, "not_blocked");
        let anna = server.login_user_at(KOD, "anna", 0).await;
        anna.post(&path("anna"), dry("current_password"))
            .await
            .expect_problem(403, "forbidden");
        anna.post(
            &format!("/v1/companies/{OTHER}/users/olga/unblock"),
            dry("current_password"),
        )
        .await
        .expect_problem(403, "forbidden");
        desk.post(
            &path("jan"),
            json!({"mode": "current_password", "dry_run": "yes"}),
        )
        .await
        .expect_problem(400, "malformed_request");
    })
    .await;
}
