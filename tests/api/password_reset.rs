//! HelpDesk (or a co-user) requires a new password of a user (issue 13): like "unblock
//! new password" (R10), for an active user too.

use millectl::api::{
    AuditRecord, CreateApiToken, Flow, Scope, SessionCreated, UserStatus, UserView,
};
use serde_json::json;

use crate::helpers::*;

const KOD: &str = "12345678";
const OTHER: &str = "87654321";
const ACTION: &str = "user.password_reset";

impl Api {
    /// `POST …/users/{login}/password-reset` with an optional reason.
    async fn require_password_change(
        &self,
        millekod: &str,
        login: &str,
        reason: Option<&str>,
    ) -> Answer {
        let body = match reason {
            Some(reason) => json!({ "reason": reason }),
            None => json!({}),
        };
        self.post(
            &format!("/v1/companies/{millekod}/users/{login}/password-reset"),
            body,
        )
        .await
    }
}

/// The audit records of the action about a user, newest first.
async fn records(desk: &Api, millekod: &str, login: &str) -> Vec<AuditRecord> {
    desk.audit_of(millekod, login)
        .await
        .into_iter()
        .filter(|r| r.action == ACTION)
        .collect()
}

fn access_passwords_sent(server: &TestServer) -> usize {
    server
        .api()
        .outbox_entries()
        .iter()
        .filter(|e| e["kind"] == "access_password")
        .count()
}

#[tokio::test]
async fn an_active_user_is_made_to_set_a_new_password() {
    on_every_db(async |server| {
        let api = server.api();
        let desk = server.helpdesk_token();
        let ewa = server.user(KOD, "ewa");
        let (phone, old) = (ewa.phone.clone().unwrap(), ewa.password.clone().unwrap());
        let session = server.login_user(KOD, "ewa").await;
        let operator = server.login_operator().await;

        let answer = operator
            .require_password_change(KOD, "ewa", Some("INC-4711 old scheme"))
            .await;
        answer.expect_ok();
        let view: UserView = answer.json();
        assert_eq!(view.status, UserStatus::AwaitingNewPassword);
        assert_eq!((view.failed_attempts, view.attempts_left), (0, 3));
        let access = api.access_password(&phone).expect("access password SMS");
        // Nobody but the phone sees it (R11): not the answer, not the audit.
        assert!(!answer.body.to_string().contains(&access));
        let record = &records(&desk, KOD, "ewa").await[0];
        assert_eq!(
            (record.outcome.as_str(), record.actor.as_str()),
            ("success", "operator:helpdesk")
        );
        assert_eq!(record.reason.as_deref(), Some("INC-4711 old scheme"));
        assert_eq!(record.detail.as_deref(), Some("access password by SMS"));
        let text = serde_json::to_string(&desk.audit_of(KOD, "ewa").await).unwrap();
        assert!(!text.contains(&access) && !text.contains(&old));
        // Her session ended with the change.
        session
            .get("/v1/me")
            .await
            .expect_problem(401, "unauthenticated");

        // The old password does not log in: the login now asks for the access password.
        let new_password = "Ewa-nowe-haslo-9";
        let challenge = api.start_login(Some(KOD), "ewa").await;
        assert_eq!(challenge.flow, Flow::NewPassword);
        let otp = api.sms_code(&challenge);
        let problem = api
            .complete_login(
                &challenge.challenge_id,
                &new_password_answer(otp, &old, new_password),
            )
            .await
            .expect_problem(401, "invalid_credentials");
        assert_eq!(problem.attempts_left, Some(2));

        // The new-password flow sets a new one, which then logs in.
        let challenge = api.start_login(Some(KOD), "ewa").await;
        let otp = api.sms_code(&challenge);
        let answer = api
            .complete_login(
                &challenge.challenge_id,
                &new_password_answer(otp, &access, new_password),
            )
            .await;
        answer.expect_ok();
        let _: SessionCreated = answer.json();
        let challenge = api.start_login(Some(KOD), "ewa").await;
        assert_eq!(challenge.flow, Flow::Login);
        let otp = api.sms_code(&challenge);
        api.complete_login(
            &challenge.challenge_id,
            &login_answer(&challenge, new_password, &otp),
        )
        .await
        .expect_ok();
        assert_eq!(desk.user_view(KOD, "ewa").await.status, UserStatus::Active);
    })
    .await;
}

#[tokio::test]
async fn a_co_user_requires_it_of_a_blocked_colleague_and_the_state_decides_the_rest() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        let anna = server.login_user_at(KOD, "anna", 0).await;

        // Jan is blocked, with a phone: a co-user may do it (no reason asked of users).
        let answer = anna.require_password_change(KOD, "jan", None).await;
        answer.expect_ok();
        let view: UserView = answer.json();
        assert_eq!(view.status, UserStatus::AwaitingNewPassword);
        assert_eq!((view.blocked_at, view.attempts_left), (None, 3));
        assert_eq!(
            records(&desk, KOD, "jan").await[0].actor,
            "user:12345678/anna"
        );
        assert_eq!(access_passwords_sent(&server), 1);

        // Refused, audited, nothing sent: already awaiting one, never activated, no
        // phone nor token.
        let refusals = [
            ("jan", "conflict", "already awaits a new password"),
            ("piotr", "conflict", "first time"),
            (
                "marek",
                "no_authorization_tool",
                "neither a registered mobile",
            ),
        ];
        for (login, code, says) in refusals {
            let before = desk.user_view(KOD, login).await;
            let problem = desk
                .require_password_change(KOD, login, None)
                .await
                .expect_problem(409, code);
            assert!(problem.detail.contains(says), "{login}: {}", problem.detail);
            assert_eq!(desk.user_view(KOD, login).await, before, "{login}");
            let record = &records(&desk, KOD, login).await[0];
            assert_eq!(record.outcome, "refused", "{login}");
        }
        assert_eq!(access_passwords_sent(&server), 1);
    })
    .await;
}

#[tokio::test]
async fn only_those_who_may_unblock_may_require_it_and_denials_are_audited() {
    on_every_db_with(&["--require-reason"], async |server| {
        let api = server.api();
        let desk = server.helpdesk_token();
        let before = desk.user_view(OTHER, "olga").await;

        api.require_password_change(KOD, "ewa", None)
            .await
            .expect_problem(401, "unauthenticated");
        let anna = server.login_user_at(KOD, "anna", 0).await;
        anna.require_password_change(OTHER, "olga", None)
            .await
            .expect_problem(403, "forbidden");
        anna.require_password_change(KOD, "anna", None)
            .await
            .expect_problem(403, "forbidden");
        let record = &records(&desk, OTHER, "olga").await[0];
        assert_eq!(record.outcome, "denied");
        assert_eq!(
            record.detail.as_deref(),
            Some("co-users act only inside their own MilleKod")
        );
        assert_eq!(records(&desk, KOD, "anna").await[0].outcome, "denied");

        // A token without users:unblock; HelpDesk without the reason this server asks.
        let operator = server.login_operator().await;
        let created = operator
            .create_api_token(&CreateApiToken {
                name: "reader".into(),
                scopes: vec![Scope::UsersRead],
                expires_in_s: None,
                reason: Some("test".into()),
            })
            .await;
        assert_eq!(created.status.as_u16(), 201, "{}", created.body);
        let reader = api.with_token(created.ok().token.expose());
        reader
            .require_password_change(OTHER, "olga", Some("INC-1"))
            .await
            .expect_problem(403, "forbidden");
        operator
            .require_password_change(OTHER, "olga", None)
            .await
            .expect_problem(422, "reason_required");
        api.on(&server.url)
            .with_token(&server.creds.api_token)
            .post(
                &format!("/v1/companies/{OTHER}/users/olga/password-reset"),
                json!({"reason": "INC-1", "mode": "new_password"}),
            )
            .await
            .expect_problem(400, "malformed_request");
        assert_eq!(desk.user_view(OTHER, "olga").await, before);

        // Olga has a token and no phone: her access password comes by envelope.
        let answer = operator
            .require_password_change(OTHER, "olga", Some("INC-1"))
            .await;
        answer.expect_ok();
        assert_eq!(
            answer.json::<UserView>().status,
            UserStatus::AwaitingNewPassword
        );
        let record = &records(&desk, OTHER, "olga").await[0];
        assert_eq!(
            record.detail.as_deref(),
            Some("no phone: access password by back-office envelope")
        );
        assert_eq!(access_passwords_sent(&server), 0);
    })
    .await;
}

#[tokio::test]
async fn within_the_hold_after_a_phone_change_a_second_operator_approves() {
    on_every_db(async |server| {
        let api = server.api();
        let operator = server.login_operator().await;
        let new_phone = "+48605999888";
        operator
            .set_phone(KOD, "ewa", new_phone, None)
            .await
            .expect_ok();
        let answer = operator.require_password_change(KOD, "ewa", None).await;
        assert_eq!(answer.status.as_u16(), 202, "{}", answer.body);
        assert_eq!(answer.body["action"], "password_reset");
        let id = answer.body["id"].as_str().expect("approval id").to_owned();
        let desk = server.helpdesk_token();
        assert_eq!(desk.user_view(KOD, "ewa").await.status, UserStatus::Active);
        assert_eq!(api.access_password(new_phone), None);

        let approve = format!("/v1/approvals/{id}/approve");
        operator
            .post(&approve, json!({}))
            .await
            .expect_problem(403, "forbidden");
        let second = server.second_operator("second").await;
        let answer = second.post(&approve, json!({})).await;
        answer.expect_ok();
        assert_eq!(
            answer.json::<UserView>().status,
            UserStatus::AwaitingNewPassword
        );
        assert!(api.access_password(new_phone).is_some());
        let record = &records(&desk, KOD, "ewa").await[0];
        let detail = record.detail.as_deref().unwrap_or("");
        assert!(
            detail.contains("access password by SMS")
                && detail.contains("approved by operator:second"),
            "{detail}"
        );
    })
    .await;
}
