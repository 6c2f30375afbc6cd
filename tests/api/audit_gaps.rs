//! R12's gaps (security issue 11, item 7): a logout on record, refusals on targets that
//! do not exist (or whose state says no) on record with the target as asked, API token
//! names that name one token only, and names and reasons that cannot hide or reorder
//! what a table or the audit shows.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::*;

/// The one audit record a request left, found by its request id.
async fn record_of(server: &TestServer, request_id: &str) -> Value {
    let records: Vec<Value> = server
        .audit_records("")
        .await
        .into_iter()
        .filter(|r| r["request_id"] == request_id)
        .collect();
    assert_eq!(records.len(), 1, "records of {request_id}: {records:?}");
    records[0].clone()
}

/// Send a request and return the request id of its answer, asserting its status.
async fn request_id_of(
    api: &Api,
    method: Method,
    path: &str,
    body: RawBody,
    status: u16,
) -> String {
    let traced = api.traced(method, path, body).await;
    assert_eq!(
        traced.answer.status.as_u16(),
        status,
        "{path}: {}",
        traced.answer.body
    );
    traced.request_id.expect("x-request-id")
}

#[tokio::test]
async fn a_logout_is_audited_with_the_sessions_principal() {
    for db in Db::all() {
        let server = TestServer::start_on(&db).await;
        let anna = server.login_user("12345678", "anna").await;
        let operator = server.login_operator().await;
        for (api, actor, millekod, login) in [
            (
                &anna,
                "user:12345678/anna",
                json!("12345678"),
                json!("anna"),
            ),
            (
                &operator,
                "operator:helpdesk",
                Value::Null,
                json!("helpdesk"),
            ),
        ] {
            let id = request_id_of(
                api,
                Method::DELETE,
                "/v1/sessions/current",
                RawBody::None,
                204,
            )
            .await;
            let record = record_of(&server, &id).await;
            assert_eq!(
                (
                    &record["action"],
                    &record["actor"],
                    &record["outcome"],
                    &record["millekod"],
                    &record["login"]
                ),
                (
                    &json!("logout"),
                    &json!(actor),
                    &json!("success"),
                    &millekod,
                    &login
                ),
                "{db:?}: {record}"
            );
            // The session is gone.
            api.get("/v1/me")
                .await
                .expect_problem(401, "unauthenticated");
        }
    }
}

/// Text that shows something other than what it holds: bidirectional overrides and
/// isolates, marks, zero-width and other format characters, controls, line breaks.
const HIDING: &[&str] = &[
    "abc\u{202e}dcba",
    "abc\u{202d}x",
    "abc\u{202a}x",
    "abc\u{2066}x\u{2069}",
    "abc\u{2067}x",
    "abc\u{2068}x",
    "abc\u{200e}x",
    "abc\u{200f}x",
    "abc\u{061c}x",
    "ab\u{200b}c",
    "ab\u{200c}c",
    "ab\u{200d}c",
    "ab\u{2060}c",
    "\u{feff}abc",
    "ab\u{00ad}c",
    "ab\u{fff9}c",
    "ab\u{e0041}c",
    "ab\u{2028}c",
    "ab\u{1b}[31mc",
    "ab\u{9b}31mc",
    "ab\tc",
];

#[tokio::test]
async fn names_and_reasons_that_hide_or_reorder_text_are_refused() {
    for db in Db::all() {
        let server = TestServer::start_on(&db).await;
        let operator = server.login_operator().await;
        let token = server.helpdesk_token();
        let before = server.db_state(&operator).await;
        for text in HIDING {
            let what = format!("{db:?} {text:?}");
            let company = json!({"millekod": "11112222", "name": text});
            operator
                .post("/v1/companies", company)
                .await
                .expect_problem(400, "invalid_input");
            let user = json!({"login": "zofia", "name": text, "auth_tool": "sms"});
            operator
                .post("/v1/companies/12345678/users", user)
                .await
                .expect_problem(400, "invalid_input");
            let api_token = json!({"name": text, "scopes": ["users:read"]});
            operator
                .post("/v1/api-tokens", api_token)
                .await
                .expect_problem(400, "invalid_input");
            let unblock = json!({"mode": "current_password", "reason": text});
            token
                .post("/v1/companies/12345678/users/jan/unblock", unblock)
                .await
                .expect_problem(400, "invalid_input");
            let company = json!({"millekod": "11112222", "name": "Firma", "reason": text});
            operator
                .post("/v1/companies", company)
                .await
                .expect_problem(400, "invalid_input");
            assert_eq!(server.db_state(&operator).await, before, "{what}");
        }
        // Ordinary names in any script still pass, right-to-left ones included.
        for (i, name) in [
            "Zażółć Gęślą Jaźń",
            "שלום עולם",
            "مرحبا",
            "株式会社",
            "Café",
        ]
        .iter()
        .enumerate()
        {
            let company = json!({"millekod": format!("1111222{i}"), "name": name, "reason": "T-1"});
            let answer = operator.post("/v1/companies", company).await;
            assert_eq!(answer.status.as_u16(), 201, "{name}: {}", answer.body);
            assert_eq!(answer.body["name"], *name);
        }
    }
}
