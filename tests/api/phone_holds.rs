//! HelpDesk alone cannot take over an account through its phone (issue 11, item 2).
//!
//! The attack: set the victim's phone to your own, block the victim with three
//! anonymous wrong logins, unblock with a new password — the access password and the
//! login code would both come to you. Now a phone change tells the old number (no
//! code in it), and within the hold an access password goes to the new number only
//! after a second, different operator approves; as an operator and as a batch token.

use std::time::Duration;

use millectl::api::{UnblockMode, UserStatus, UserView};
use serde_json::{json, Value};

use crate::helpers::*;

const KOD: &str = "12345678";
const ATTACKER: &str = "+48605999888";

/// Wait for an SMS to `to` of `kind` in the outbox (sent in the background).
async fn wait_for_sms(api: &Api, to: &str, kind: &str) -> Value {
    let mut found = None;
    wait_for("the SMS in the outbox", Duration::from_secs(30), || {
        found = api
            .outbox_entries()
            .into_iter()
            .find(|e| e["to"] == to && e["kind"] == kind);
        found.is_some()
    })
    .await;
    found.unwrap_or_default()
}

/// The takeover, by `actor`: the phone set to the attacker's, the victim blocked, an
/// unblock with a new password. Returns the unblock's answer.
async fn attempt_takeover(server: &TestServer, actor: &Api) -> Reply<UserView> {
    actor
        .set_phone(KOD, "ewa", ATTACKER, None)
        .await
        .expect_ok();
    for _ in 0..3 {
        server.fail_sms_login(KOD, "ewa").await;
    }
    actor
        .unblock(KOD, "ewa", UnblockMode::NewPassword, None)
        .await
}

#[tokio::test]
async fn a_phone_change_tells_the_old_number_and_holds_the_access_password() {
    on_every_db(async |server| {
        let api = server.api();
        let operator = server.login_operator().await;
        let old = server.user(KOD, "ewa").phone.expect("phone");

        let answer = attempt_takeover(&server, &operator).await;
        assert_eq!(answer.status.as_u16(), 202, "{}", answer.body);
        let id = answer.body["id"].as_str().expect("approval id").to_owned();
        assert!(
            answer.body["detail"]
                .as_str()
                .unwrap_or("")
                .contains("second operator"),
            "{}",
            answer.body
        );
        // The old number was told, with no code; nothing went to the new one.
        let notice = wait_for_sms(&api, &old, "phone_changed").await;
        assert!(notice["code"].is_null(), "{notice}");
        assert_eq!(api.access_password(ATTACKER), None);
        assert_eq!(
            server.helpdesk_token().user_view(KOD, "ewa").await.status,
            UserStatus::Blocked
        );

        // Neither the operator who asked nor their token may approve.
        let approve = format!("/v1/approvals/{id}/approve");
        operator
            .post(&approve, json!({}))
            .await
            .expect_problem(403, "forbidden");
        server
            .helpdesk_token()
            .post(&approve, json!({}))
            .await
            .expect_problem(403, "forbidden");
        assert_eq!(api.access_password(ATTACKER), None);

        // A second operator can; then the access password goes out, once.
        let second = server.second_operator("second").await;
        let listed = second.get("/v1/approvals").await;
        listed.expect_ok();
        assert_eq!(listed.body["approvals"][0]["id"], id.as_str());
        let approved = second.post(&approve, json!({"reason": "CALL-77"})).await;
        approved.expect_ok();
        assert_eq!(approved.body["status"], "awaiting_new_password");
        assert!(api.access_password(ATTACKER).is_some());
        second
            .post(&approve, json!({}))
            .await
            .expect_problem(404, "not_found");

        let audit = server.audit_records("&login=ewa").await;
        let unblock = audit
            .iter()
            .find(|r| r["action"] == "user.unblock" && r["outcome"] == "success")
            .expect("the unblock is audited");
        let detail = unblock["detail"].as_str().unwrap_or("");
        assert_eq!(unblock["actor"], "operator:second");
        assert!(detail.contains("operator:helpdesk"), "{detail}");
        assert!(
            audit
                .iter()
                .any(|r| r["action"] == "approval.request" && r["outcome"] == "pending"),
            "the request is audited"
        );
    })
    .await;
}

#[tokio::test]
async fn a_batch_token_cannot_take_over_an_account_through_its_phone() {
    on_every_db(async |server| {
        let token = server.helpdesk_token();
        let answer = attempt_takeover(&server, &token).await;
        assert_eq!(answer.status.as_u16(), 202, "{}", answer.body);
        assert_eq!(token.access_password(ATTACKER), None);
        let id = answer.body["id"].as_str().expect("id").to_owned();
        // The token's owner (the dev operator) cannot approve what their token asked.
        server
            .login_operator()
            .await
            .post(&format!("/v1/approvals/{id}/approve"), json!({}))
            .await
            .expect_problem(403, "forbidden");
        let second = server.second_operator("second").await;
        second
            .post(&format!("/v1/approvals/{id}/approve"), json!({}))
            .await
            .expect_ok();
        assert!(token.access_password(ATTACKER).is_some());
    })
    .await;
}

#[tokio::test]
async fn with_no_hold_or_an_old_number_the_unblock_goes_through_at_once() {
    on_every_db(async |server| {
        // jan's number has been on file since he was provisioned.
        let desk = server.helpdesk_token();
        desk.unblock(KOD, "jan", UnblockMode::NewPassword, None)
            .await
            .expect_ok();
        // With --phone-change-hold-hours 0, a changed number is not held.
        let server =
            TestServer::start_with_args(&server.db, &["--phone-change-hold-hours", "0"]).await;
        let answer = attempt_takeover(&server, &server.helpdesk_token()).await;
        answer.expect_ok();
    })
    .await;
}

#[tokio::test]
async fn a_phone_import_tells_old_numbers_and_holds_too() {
    on_every_db(async |server| {
        let token = server.helpdesk_token();
        let old = server.user(KOD, "ewa").phone.expect("phone");
        let batch = |notify_old: bool, reason: Option<&str>| {
            json!({
                "batch_id": "migr-hold",
                "reason": reason,
                "notify_old": notify_old,
                "changes": [{"millekod": KOD, "login": "ewa", "phone": ATTACKER}],
            })
        };
        // Not telling the old numbers needs a reason.
        token
            .phone_changes(Some("k-hold-0"), &batch(false, None))
            .await
            .expect_problem(422, "reason_required");
        token
            .phone_changes(Some("k-hold-1"), &batch(true, None))
            .await
            .expect_ok();
        wait_for_sms(&token, &old, "phone_changed").await;
        for _ in 0..3 {
            server.fail_sms_login(KOD, "ewa").await;
        }
        let answer = token
            .unblock(KOD, "ewa", UnblockMode::NewPassword, None)
            .await;
        assert_eq!(answer.status.as_u16(), 202, "{}", answer.body);

        // With a reason, the old number is not told, and each row's audit says so.
        let answer = token
            .phone_changes(
                Some("k-hold-2"),
                &json!({
                    "batch_id": "migr-quiet",
                    "reason": "MIGR-9 numbers ported by the operator",
                    "notify_old": false,
                    "changes": [{"millekod": KOD, "login": "jan", "phone": "+48605999777"}],
                }),
            )
            .await;
        answer.expect_ok();
        let jan_old = server.user(KOD, "jan").phone.expect("phone");
        let audit = server.audit_records("&login=jan").await;
        assert!(
            audit.iter().any(|r| r["action"] == "phone.set"
                && r["detail"]
                    .as_str()
                    .unwrap_or("")
                    .contains("old number not notified")),
            "{audit:?}"
        );
        // No notice was queued for jan's old number (ewa's was).
        let queued =
            |phone: &str| format!("SELECT COUNT(*) FROM sms_notices WHERE phone = '{phone}'");
        assert_eq!(server.count_sql(&queued(&jan_old)).await, 0);
        assert_eq!(server.count_sql(&queued(&old)).await, 1);
    })
    .await;
}

#[tokio::test]
async fn the_hold_and_the_notices_are_shared_by_replicas_on_postgres() {
    let Some(admin) = postgres_admin_url() else {
        println!("skipped: TEST_DATABASE_URL is unset, so there is no PostgreSQL for replicas");
        return;
    };
    let server = TestServer::start_on(&Db::Postgres(admin)).await;
    let replica = server.replica().await;
    let other = server.helpdesk_token().on(&replica.url);
    // The phone changes through the replica; the unblock asked there is held too.
    let answer = attempt_takeover(&server, &other).await;
    assert_eq!(answer.status.as_u16(), 202, "{}", answer.body);
    let id = answer.body["id"].as_str().expect("id").to_owned();
    // Both servers drain the notices; each is claimed by one of them only.
    let claimed = "SELECT COUNT(*) FROM sms_notices WHERE sent_at IS NOT NULL";
    let start = std::time::Instant::now();
    while server.count_sql(claimed).await < 1 {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no notice claimed"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        server.count_sql("SELECT COUNT(*) FROM sms_notices").await,
        1
    );
    // The request is approved on the main server, which has the SMS outbox.
    let second = server.second_operator("second").await;
    second
        .post(&format!("/v1/approvals/{id}/approve"), json!({}))
        .await
        .expect_ok();
    assert!(other.access_password(ATTACKER).is_some());
}

#[tokio::test]
async fn asking_again_does_not_pile_up_requests() {
    // Each repeated unblock once stored a new request: rows without bound, and a list
    // for the approvers an attacker could flood.
    on_every_db(async |server| {
        let token = server.helpdesk_token();
        let first = attempt_takeover(&server, &token).await;
        assert_eq!(first.status.as_u16(), 202, "{}", first.body);
        for _ in 0..20 {
            let again = token
                .unblock(KOD, "ewa", UnblockMode::NewPassword, None)
                .await;
            assert_eq!(again.status.as_u16(), 202, "{}", again.body);
            assert_eq!(again.body["id"], first.body["id"]);
        }
        assert_eq!(server.count_sql("SELECT COUNT(*) FROM approvals").await, 1);
    })
    .await;
}
