//! `POST /v1/phone-changes`: bulk phone migrations, per-row outcomes, idempotency.

use millectl::api::{PhoneChangeReport, RowOutcome, Scope};
use serde_json::{json, Value};

use crate::helpers::*;

/// Rows moving synthetic users `from..=to` to +48 600 000 000 + n.
fn rows(from: u64, to: u64) -> Vec<Value> {
    (from..=to)
        .map(|n| {
            json!({
                "millekod": (20_000_000 + (n - 1) / 100).to_string(),
                "login": format!("u{n:06}"),
                "phone": format!("+48{}", 600_000_000 + n),
            })
        })
        .collect()
}

fn chunk(batch: &str, changes: Vec<Value>) -> Value {
    json!({"batch_id": batch, "reason": "MIGR-1", "changes": changes})
}

/// Audit records of phone changes, single and bulk.
async fn phone_set_audits(server: &TestServer) -> i64 {
    server
        .count_sql("SELECT COUNT(*) FROM audit WHERE action = 'phone.set'")
        .await
}

fn outcomes(report: &PhoneChangeReport) -> Vec<RowOutcome> {
    report.results.iter().map(|r| r.outcome).collect()
}

#[tokio::test]
async fn ten_thousand_rows_change_once_and_a_rerun_changes_nothing() {
    on_every_db_with(&["--seed-users", "10000"], async |server| {
        let api = server.helpdesk_token();
        let audit_before = phone_set_audits(&server).await;

        for (i, from) in (1..=10_000).step_by(2_000).enumerate() {
            let body = chunk("b1", rows(from, from + 1_999));
            let answer = api.phone_changes(Some(&format!("b1-{i}")), &body).await;
            answer.expect_ok();
            let report: PhoneChangeReport = answer.json();
            assert_eq!(report.results.len(), 2_000);
            assert!(outcomes(&report).iter().all(|o| *o == RowOutcome::Updated),);
            assert!(!report.replayed);
        }

        let changed = server
            .count_sql("SELECT COUNT(*) FROM users WHERE login LIKE 'u%' AND phone LIKE '+486%'")
            .await;
        assert_eq!(changed, 10_000);
        let audit_after = phone_set_audits(&server).await;
        assert_eq!(
            audit_after - audit_before,
            10_000,
            "one audit record per changed row"
        );
        let with_batch = server
            .count_sql(
                "SELECT COUNT(*) FROM audit WHERE detail LIKE 'batch b1:%' AND reason = 'MIGR-1'",
            )
            .await;
        assert_eq!(with_batch, 10_000);

        // The same file again, with new keys: every row unchanged, no new audit.
        for (i, from) in (1..=10_000).step_by(2_000).enumerate() {
            let body = chunk("b2", rows(from, from + 1_999));
            let answer = api.phone_changes(Some(&format!("b2-{i}")), &body).await;
            answer.expect_ok();
            let report: PhoneChangeReport = answer.json();
            // Every row answered, each one unchanged (an empty list would pass `all`).
            assert_eq!(report.results.len(), 2_000);
            assert!(outcomes(&report)
                .iter()
                .all(|o| *o == RowOutcome::Unchanged));
            assert!(!report.replayed);
        }
        let audit_rerun = phone_set_audits(&server).await;
        assert_eq!(audit_rerun, audit_after);
    })
    .await;
}

#[tokio::test]
async fn a_retried_chunk_is_applied_once_and_answered_the_same() {
    on_every_db_with(&["--seed-users", "300"], async |server| {
        let api = server.helpdesk_token();
        let body = chunk("retry", rows(1, 300));

        // Ten copies at once, as a client retrying lost answers would send them.
        let answers = futures_join(&api, &body, 10).await;

        let reports: Vec<PhoneChangeReport> = answers.iter().map(|a| a.json()).collect();
        assert_eq!(reports.iter().filter(|r| !r.replayed).count(), 1);
        assert_eq!(reports[0].results.len(), 300);
        for report in &reports {
            assert_eq!(report.results, reports[0].results);
            assert!(outcomes(report).iter().all(|o| *o == RowOutcome::Updated));
        }
        let audited = server
            .count_sql("SELECT COUNT(*) FROM audit WHERE detail LIKE 'batch retry:%'")
            .await;
        assert_eq!(audited, 300, "applied exactly once");

        // The same key with another body is refused.
        let other = chunk("retry", rows(1, 299));
        api.phone_changes(Some("same-key"), &body).await.expect_ok();
        api.phone_changes(Some("same-key"), &other)
            .await
            .expect_problem(409, "conflict");
    })
    .await;
}

#[tokio::test]
async fn chunks_and_single_changes_of_the_same_users_interleave_safely() {
    // 104 requests at once from one address, each on its own connection:
    // over the default cap of 64 per source, which would close the rest.
    let args = [
        "--seed-users",
        "1000",
        "--bulk-concurrency",
        "4",
        "--max-connections-per-source",
        "256",
    ];
    on_every_db_with(&args, async |server| {
        let api = server.helpdesk_token();
        let audit_before = phone_set_audits(&server).await;

        // Four chunks of 250 users, and at the same time one user in ten moved by a
        // single request to a number of another range: every write meets a number it
        // changes, whichever comes first.
        let chunks: Vec<(String, Value)> = (0..4u64)
            .map(|i| {
                let body = chunk("mix", rows(i * 250 + 1, i * 250 + 250));
                (format!("mix-{i}"), body)
            })
            .collect();
        let singles: Vec<(String, Value)> = (10..=1000u64)
            .step_by(10)
            .map(|n| {
                let path = format!(
                    "/v1/companies/{}/users/u{n:06}/phone",
                    20_000_000 + (n - 1) / 100
                );
                (path, json!({ "phone": format!("+48{}", 510_000_000 + n) }))
            })
            .collect();
        let (chunked, single) = tokio::join!(
            futures_util::future::join_all(
                chunks
                    .iter()
                    .map(|(key, body)| api.phone_changes(Some(key), body))
            ),
            futures_util::future::join_all(
                singles
                    .iter()
                    .map(|(path, body)| api.put(path, body.clone()))
            ),
        );
        for answer in chunked.iter().chain(&single) {
            answer.expect_ok();
        }

        let moved = server
            .count_sql(
                "SELECT COUNT(*) FROM users WHERE login LIKE 'u%' \
             AND (phone LIKE '+48600%' OR phone LIKE '+48510%')",
            )
            .await;
        assert_eq!(moved, 1000);
        let audit_after = phone_set_audits(&server).await;
        assert_eq!(
            audit_after - audit_before,
            1000 + 100,
            "one audit record per write, none lost"
        );
    })
    .await;
}

/// `copies` requests of one chunk under one key, at once; the answers the server did
/// not shed (429). At least two must be answered, or "applied once, answered the same"
/// would hold of a single answer.
async fn futures_join(api: &Api, body: &Value, copies: usize) -> Vec<Answer> {
    let sent = futures_util::future::join_all(
        (0..copies).map(|_| api.phone_changes(Some("retry-key-1"), body)),
    )
    .await;
    let mut answers = Vec::new();
    for answer in sent {
        if answer.status.as_u16() == 429 {
            continue; // the server sheds load; a real client waits and retries
        }
        answer.expect_ok();
        answers.push(answer);
    }
    assert!(
        answers.len() >= 2,
        "only {} of {copies} copies were answered: no retry of the key was",
        answers.len()
    );
    answers
}

#[tokio::test]
async fn each_row_is_reported_on_its_own() {
    let server = TestServer::start().await;
    let api = server.helpdesk_token();
    let body = chunk(
        "mixed",
        vec![
            json!({"millekod": "12345678", "login": "ewa", "phone": "+48 609 000 001"}),
            json!({"millekod": "12345678", "login": "jan", "phone": "+48 22 123 45 67"}),
            json!({"millekod": "12345678", "login": "nobody", "phone": "+48609000002"}),
            json!({"millekod": "1234", "login": "ewa", "phone": "+48609000003"}),
            json!({"millekod": "12345678", "login": "piotr", "phone": "+48609000004",
                   "expected_phone": "+48600000000"}),
            json!({"millekod": "12345678", "login": "jan", "phone": "+48602345678"}),
            json!({"millekod": "12345678", "login": "ewa", "phone": "+48609000005"}),
            json!({"millekod": "12345678", "login": "marek", "phone": "+48609000006",
                   "expected_phone": null}),
        ],
    );

    let report: PhoneChangeReport = api.phone_changes(Some("mixed-1"), &body).await.json();

    assert_eq!(
        outcomes(&report),
        vec![
            RowOutcome::Updated,
            RowOutcome::Invalid,
            RowOutcome::NotFound,
            RowOutcome::Invalid,
            RowOutcome::Conflict,
            RowOutcome::Unchanged,
            RowOutcome::Conflict,
            RowOutcome::Updated,
        ]
    );
    assert!(report.results[6]
        .message
        .as_deref()
        .unwrap_or("")
        .contains("row 0"));
    let ewa = api.user_view("12345678", "ewa").await;
    assert_eq!(ewa.phone.as_deref(), Some("+48******001"));
    let piotr = api.user_view("12345678", "piotr").await;
    assert_eq!(
        piotr.phone.as_deref(),
        Some("+48******789"),
        "conflict left it alone"
    );
}

#[tokio::test]
async fn a_dry_run_reports_and_changes_nothing() {
    let server = TestServer::start().await;
    let api = server.helpdesk_token();
    let mut body = chunk(
        "dry",
        vec![json!({"millekod": "12345678", "login": "ewa", "phone": "+48609000001"})],
    );
    body["dry_run"] = json!(true);

    let report: PhoneChangeReport = api.phone_changes(None, &body).await.json();

    assert!(report.dry_run);
    assert_eq!(outcomes(&report), vec![RowOutcome::Updated]);
    let ewa = api.user_view("12345678", "ewa").await;
    assert_eq!(ewa.phone.as_deref(), Some("+48******567"));
}

#[tokio::test]
async fn who_may_send_chunks_and_what_a_chunk_must_be() {
    let server = TestServer::start().await;
    let api = server.helpdesk_token();
    let one = chunk(
        "auth",
        vec![json!({"millekod": "12345678", "login": "ewa", "phone": "+48609000001"})],
    );

    api.phone_changes(None, &one)
        .await
        .expect_problem(400, "invalid_input");
    let mut bad_id = one.clone();
    bad_id["batch_id"] = json!("x'; DROP TABLE users; --");
    api.phone_changes(Some("k1"), &bad_id)
        .await
        .expect_problem(400, "invalid_input");
    api.phone_changes(Some("k2"), &chunk("empty", vec![]))
        .await
        .expect_problem(400, "invalid_input");
    api.phone_changes(Some("k3"), &json!({"batch_id": "x"}))
        .await
        .expect_problem(400, "malformed_request");

    let anna = server.login_user("12345678", "anna").await;
    anna.phone_changes(Some("k4"), &one)
        .await
        .expect_problem(403, "forbidden");

    let operator = server.login_operator().await;
    let reader = operator
        .api_token_client("reader", &[Scope::UsersRead])
        .await;
    reader
        .phone_changes(Some("k5"), &one)
        .await
        .expect_problem(403, "forbidden");

    let ewa = api.user_view("12345678", "ewa").await;
    assert_eq!(
        ewa.phone.as_deref(),
        Some("+48******567"),
        "nothing changed"
    );
}

#[tokio::test]
async fn synthetic_users_follow_the_documented_pattern_and_can_log_in() {
    let server = TestServer::start_with(ServerOptions {
        extra_args: vec!["--seed-users".into(), "250".into()],
        ..ServerOptions::default()
    })
    .await;
    let api = server.helpdesk_token();

    let u101 = api.user_view("20000001", "u000101").await;
    assert_eq!(u101.phone.as_deref(), Some("+48******101"));
    assert_eq!(u101.status.as_str(), "active");
    let list: Value = api.get("/v1/companies/20000002/users").await.json();
    assert_eq!(list["users"].as_array().map(Vec::len), Some(50));

    // The password is derived from the login; the code comes from the outbox.
    let challenge = server.api().start_login(Some("20000002"), "u000250").await;
    let code = server.api().sms_code(&challenge);
    let answer = server
        .api()
        .complete_login(
            &challenge.challenge_id,
            &login_answer(&challenge, "u000250Pass1", &code),
        )
        .await;
    answer.expect_ok();
}
