//! Unblocking (R9, R10) and who may do it (R11), with the audit of every refusal.

use millectl::api::{AuditRecord, Flow, Scope, SessionCreated, UnblockMode, UserStatus, UserView};

use crate::helpers::*;

const KOD: &str = "12345678";
const OTHER: &str = "87654321";

/// The newest audit record of `action` about a user.
async fn last_audit(desk: &Api, millekod: &str, login: &str, action: &str) -> AuditRecord {
    desk.audit_of(millekod, login)
        .await
        .into_iter()
        .find(|r| r.action == action)
        .unwrap_or_else(|| panic!("no {action} audit record for {millekod}/{login}"))
}

#[tokio::test]
async fn r9_unblock_current_password_by_helpdesk_api_token_and_co_user() {
    for_every_db(async |db| {
        for actor in ["operator", "api_token", "co_user"] {
            let server = TestServer::start_on(&db).await;
            let desk = server.helpdesk_token();
            let before = desk.user_view(KOD, "jan").await;
            assert_eq!(before.status, UserStatus::Blocked);
            assert_eq!((before.failed_attempts, before.attempts_left), (3, 0));
            let (api, name, on_behalf_of) = match actor {
                "operator" => (server.login_operator().await, "operator:helpdesk", None),
                "api_token" => (
                    server.helpdesk_token(),
                    "token:dev-helpdesk",
                    Some("operator:helpdesk"),
                ),
                _ => (
                    server.login_user_at(KOD, "anna", 0).await,
                    "user:12345678/anna",
                    None,
                ),
            };
            let answer = api
                .unblock(KOD, "jan", UnblockMode::CurrentPassword, None)
                .await;
            answer.expect_ok();
            let view: UserView = answer.json();
            assert_eq!(view.status, UserStatus::Active, "{actor}");
            assert_eq!(
                (view.failed_attempts, view.attempts_left),
                (0, 3),
                "{actor}"
            );
            assert_eq!(view.blocked_at, None, "{actor}");
            // `user show` adds its advice (issue 15); the user is the same.
            assert_eq!(desk.user_state(KOD, "jan").await, view, "{actor}");

            let record = last_audit(&desk, KOD, "jan", "user.unblock").await;
            assert_eq!(record.outcome, "success", "{actor}");
            assert_eq!(record.actor, name);
            assert_eq!(record.on_behalf_of.as_deref(), on_behalf_of);
            assert_eq!(record.detail.as_deref(), Some("current_password"));

            // Jan logs in with the password he remembers.
            server.login_user(KOD, "jan").await;
        }
    })
    .await;
}

#[tokio::test]
async fn r9_current_password_grants_exactly_three_attempts_whatever_the_limit() {
    on_every_db_with(&["--lockout-limit", "5"], async |server| {
        let desk = server.helpdesk_token();
        let view: UserView = desk
            .unblock(KOD, "jan", UnblockMode::CurrentPassword, None)
            .await
            .json();
        assert_eq!((view.status, view.attempts_left), (UserStatus::Active, 3));
        for left in [2u8, 1, 0] {
            let problem = server
                .fail_sms_login(KOD, "jan")
                .await
                .expect_problem(401, "invalid_credentials");
            assert_eq!(problem.attempts_left, Some(left));
        }
        let view = desk.user_view(KOD, "jan").await;
        assert_eq!(view.status, UserStatus::Blocked);
        assert_eq!(view.attempts_left, 0);
    })
    .await;
}

#[tokio::test]
async fn r10_unblock_new_password_then_the_user_sets_a_new_one() {
    on_every_db(async |server| {
        let api = server.api();
        let desk = server.helpdesk_token();
        let jan = server.user(KOD, "jan");
        let phone = jan.phone.clone().unwrap();
        assert_eq!(api.access_password(&phone), None);

        let answer = desk
            .unblock(KOD, "jan", UnblockMode::NewPassword, None)
            .await;
        answer.expect_ok();
        let view: UserView = answer.json();
        assert_eq!(view.status, UserStatus::AwaitingNewPassword);
        assert_eq!((view.failed_attempts, view.attempts_left), (0, 3));
        assert_eq!(view.blocked_at, None);
        let access = api.access_password(&phone).expect("access password SMS");
        // HelpDesk never sees it (R11).
        assert!(!answer.body.to_string().contains(&access));
        let record = last_audit(&desk, KOD, "jan", "user.unblock").await;
        assert_eq!(record.detail.as_deref(), Some("new_password"));
        assert!(!serde_json::to_string(&record).unwrap().contains(&access));

        let new_password = "Jan2nowe7has"; // 12 characters, like the old one
        let answer_with =
            |otp: String, temporary: &str| new_password_answer(otp, temporary, new_password);
        // The old password is not the access password: a counted failure.
        let challenge = api.start_login(Some(KOD), "jan").await;
        assert_eq!(challenge.flow, Flow::NewPassword);
        assert_eq!(challenge.password_positions, None);
        let otp = api.sms_code(&challenge);
        let problem = api
            .complete_login(
                &challenge.challenge_id,
                &answer_with(otp, jan.password.as_deref().unwrap()),
            )
            .await
            .expect_problem(401, "invalid_credentials");
        assert_eq!(problem.attempts_left, Some(2));

        let challenge = api.start_login(Some(KOD), "jan").await;
        assert_eq!(challenge.flow, Flow::NewPassword);
        let otp = api.sms_code(&challenge);
        let answer = api
            .complete_login(&challenge.challenge_id, &answer_with(otp, &access))
            .await;
        answer.expect_ok();
        let _: SessionCreated = answer.json();
        let view = desk.user_view(KOD, "jan").await;
        assert_eq!(view.status, UserStatus::Active);
        assert_eq!((view.failed_attempts, view.attempts_left), (0, 3));

        // The old password no longer works (unless the asked characters happen to be
        // the same in both); the new one does.
        let challenge = api.start_login(Some(KOD), "jan").await;
        assert_eq!(challenge.flow, Flow::Login);
        let old = jan.password.as_deref().unwrap();
        let positions = challenge.password_positions.clone().unwrap();
        let typed = |pw: &str| -> Vec<String> {
            let chars = chars_at(pw, &positions);
            chars.values().map(|c| c.expose().to_owned()).collect()
        };
        if typed(old) != typed(new_password) {
            let otp = api.sms_code(&challenge);
            let problem = api
                .complete_login(
                    &challenge.challenge_id,
                    &login_answer(&challenge, old, &otp),
                )
                .await
                .expect_problem(401, "invalid_credentials");
            assert_eq!(problem.attempts_left, Some(2));
        }
        let challenge = api.start_login(Some(KOD), "jan").await;
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

#[tokio::test]
async fn unblock_refusals_without_a_tool_or_without_a_block() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        // Marek has neither a phone nor a token.
        let marek = desk.user_view(KOD, "marek").await;
        assert_eq!(
            (marek.status, marek.phone.as_deref()),
            (UserStatus::Blocked, None)
        );
        desk.unblock(KOD, "marek", UnblockMode::NewPassword, None)
            .await
            .expect_problem(409, "no_authorization_tool");
        assert_eq!(desk.user_view(KOD, "marek").await, marek);
        let record = last_audit(&desk, KOD, "marek", "user.unblock").await;
        assert_eq!(record.outcome, "refused");
        // He still can be given three attempts with his current password.
        let view: UserView = desk
            .unblock(KOD, "marek", UnblockMode::CurrentPassword, None)
            .await
            .json();
        assert_eq!(view.status, UserStatus::Active);

        let ewa = desk.user_view(KOD, "ewa").await;
        assert_eq!(ewa.status, UserStatus::Active);
        for mode in [UnblockMode::CurrentPassword, UnblockMode::NewPassword] {
            desk.unblock(KOD, "ewa", mode, None)
                .await
                .expect_problem(409, "not_blocked");
        }
        assert_eq!(desk.user_view(KOD, "ewa").await, ewa);
        assert_eq!(api_outbox_access_count(&server), 0);
    })
    .await;
}

fn api_outbox_access_count(server: &TestServer) -> usize {
    server
        .api()
        .outbox_entries()
        .iter()
        .filter(|e| e["kind"] == "access_password")
        .count()
}

#[tokio::test]
async fn r11_nobody_unblocks_themselves_or_outside_their_company_and_denials_are_audited() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        let api = server.api();

        // Block olga (87654321) with wrong token codes.
        let olga = server.user(OTHER, "olga");
        let olga_secret = olga.totp_secret.unwrap();
        for _ in 0..3 {
            let c = api.start_login(Some(OTHER), "olga").await;
            let answer = login_answer(
                &c,
                olga.password.as_deref().unwrap(),
                &wrong_totp(&olga_secret),
            );
            api.complete_login(&c.challenge_id, &answer)
                .await
                .expect_problem(401, "invalid_credentials");
        }
        let olga_view = desk.user_view(OTHER, "olga").await;
        assert_eq!(olga_view.status, UserStatus::Blocked);

        let anna = server.login_user_at(KOD, "anna", 0).await;
        for mode in [UnblockMode::CurrentPassword, UnblockMode::NewPassword] {
            anna.unblock(KOD, "anna", mode, None)
                .await
                .expect_problem(403, "forbidden");
            anna.unblock(OTHER, "olga", mode, None)
                .await
                .expect_problem(403, "forbidden");
        }
        anna.get(&format!("/v1/companies/{OTHER}/users/olga"))
            .await
            .expect_problem(403, "forbidden");
        anna.get(&format!("/v1/companies/{KOD}/users/anna"))
            .await
            .expect_problem(403, "forbidden");
        assert_eq!(desk.user_view(OTHER, "olga").await, olga_view);

        let denied = |records: Vec<AuditRecord>, action: &str| -> Vec<AuditRecord> {
            records
                .into_iter()
                .filter(|r| r.action == action && r.outcome == "denied")
                .collect()
        };
        let self_denials = denied(desk.audit_of(KOD, "anna").await, "user.unblock");
        assert_eq!(self_denials.len(), 2);
        assert!(self_denials.iter().all(|r| r.actor == "user:12345678/anna"));
        let cross = desk.audit_of(OTHER, "olga").await;
        assert_eq!(denied(cross.clone(), "user.unblock").len(), 2);
        let shows = denied(cross, "user.show");
        assert_eq!(shows.len(), 1);
        assert_eq!(shows[0].actor, "user:12345678/anna");
        assert_eq!(
            shows[0].detail.as_deref(),
            Some("co-users act only inside their own MilleKod")
        );

        // An API token without users:unblock.
        let operator = server.login_operator().await;
        let reader = operator
            .api_token_client("reader", &[Scope::UsersRead])
            .await;
        assert_eq!(
            reader.user_view(KOD, "jan").await.status,
            UserStatus::Blocked
        );
        reader
            .unblock(KOD, "jan", UnblockMode::CurrentPassword, None)
            .await
            .expect_problem(403, "forbidden");
        assert_eq!(desk.user_view(KOD, "jan").await.status, UserStatus::Blocked);
        let record = last_audit(&desk, KOD, "jan", "user.unblock").await;
        assert_eq!(record.outcome, "denied");
        assert_eq!(record.actor, "token:reader");
        assert_eq!(record.on_behalf_of.as_deref(), Some("operator:helpdesk"));
        assert_eq!(
            record.detail.as_deref(),
            Some("the API token lacks the users:unblock scope")
        );

        // HelpDesk may do what the others may not.
        let view: UserView = desk
            .unblock(OTHER, "olga", UnblockMode::CurrentPassword, None)
            .await
            .json();
        assert_eq!(view.status, UserStatus::Active);
    })
    .await;
}
