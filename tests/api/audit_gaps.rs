//! R12's gaps (security issue 11, item 7): a logout on record, refusals on targets that
//! do not exist (or whose state says no) on record with the target as asked, API token
//! names that name one token only, and names and reasons that cannot hide or reorder
//! what a table or the audit shows.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn a_logout_is_audited_with_the_sessions_principal() {
    on_every_db(async |server| {
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
                "{record}"
            );
            // The session is gone.
            api.get("/v1/me")
                .await
                .expect_problem(401, "unauthenticated");
        }
    })
    .await;
}

/// A refused request — who, method, path, body, status — and the record it must
/// leave: action, outcome, MilleKod and login as asked.
type RefusalCase<'a> = (
    &'a Api,
    Method,
    &'a str,
    RawBody,
    u16,
    &'a str,
    &'a str,
    Value,
    Value,
);

#[tokio::test]
async fn refusals_on_unknown_targets_and_conflicts_are_audited_as_asked() {
    on_every_db(async |server| {
        let token = server.helpdesk_token();
        let operator = server.login_operator().await;
        let j = RawBody::Json;
        #[rustfmt::skip]
        let cases: Vec<RefusalCase> = vec![
            // (who, method, path, body, status, action, outcome, millekod, login)
            (&token, Method::GET, "/v1/companies/99999999/users", RawBody::None, 404, "user.list", "not_found", json!("99999999"), Value::Null),
            (&token, Method::GET, "/v1/companies/12345678/users/nobody", RawBody::None, 404, "user.show", "not_found", json!("12345678"), json!("nobody")),
            (&token, Method::GET, "/v1/companies/99999999/users/jan", RawBody::None, 404, "user.show", "not_found", json!("99999999"), json!("jan")),
            (&token, Method::POST, "/v1/companies/12345678/users/nobody/unblock", j(json!({"mode": "current_password", "reason": "T-1"})), 404, "user.unblock", "not_found", json!("12345678"), json!("nobody")),
            (&token, Method::POST, "/v1/companies/12345678/users/ewa/unblock", j(json!({"mode": "current_password", "reason": "T-2"})), 409, "user.unblock", "refused", json!("12345678"), json!("ewa")),
            (&token, Method::PUT, "/v1/companies/12345678/users/nobody/phone", j(json!({"phone": "601 234 567", "reason": "T-3"})), 404, "phone.set", "not_found", json!("12345678"), json!("nobody")),
            (&operator, Method::PUT, "/v1/companies/99999999/users/jan/token", j(json!({"serial": "DEV-T-0001", "reason": "T-4"})), 404, "token.assign", "not_found", json!("99999999"), json!("jan")),
            (&operator, Method::POST, "/v1/companies/99999999/users", j(json!({"login": "zofia", "name": "Z", "auth_tool": "sms", "reason": "T-5"})), 404, "user.create", "not_found", json!("99999999"), json!("zofia")),
            (&operator, Method::POST, "/v1/companies/12345678/users", j(json!({"login": "ewa", "name": "Ewa", "auth_tool": "sms", "reason": "T-6"})), 409, "user.create", "refused", json!("12345678"), json!("ewa")),
            (&operator, Method::POST, "/v1/companies", j(json!({"millekod": "12345678", "name": "Again", "reason": "T-7"})), 409, "company.create", "refused", json!("12345678"), Value::Null),
            (&operator, Method::DELETE, "/v1/api-tokens/00000000-0000-4000-8000-000000000000", j(json!({"reason": "T-8"})), 404, "api_token.revoke", "not_found", Value::Null, Value::Null),
        ];
        for (api, method, path, body, status, action, outcome, millekod, login) in cases {
            let reason = match &body {
                RawBody::Json(v) => v["reason"].clone(),
                _ => Value::Null,
            };
            let id = request_id_of(api, method, path, body, status).await;
            let record = record_of(&server, &id).await;
            assert_eq!(
                (
                    &record["action"],
                    &record["outcome"],
                    &record["millekod"],
                    &record["login"],
                    &record["reason"]
                ),
                (&json!(action), &json!(outcome), &millekod, &login, &reason),
                "{path}: {record}"
            );
            assert!(
                record["detail"].as_str().is_some_and(|d| !d.is_empty()),
                "{path}: a refusal says why: {record}"
            );
        }
        // The unknown token id is on record as asked.
        let records = server.audit_records("").await;
        assert!(records.iter().any(|r| r["action"] == "api_token.revoke"
            && r["outcome"] == "not_found"
            && r["detail"]
                .as_str()
                .is_some_and(|d| d.contains("00000000-0000-4000-8000-000000000000"))));

        // An idempotency key sent again with another chunk is a conflict, on record.
        let chunk = |phone: &str| {
            json!({"batch_id": "b-1", "reason": "MIGR-1",
                   "changes": [{"millekod": "12345678", "login": "jan", "phone": phone}]})
        };
        token
            .phone_changes(Some("key-1"), &chunk("+48601234567"))
            .await
            .expect_ok();
        token
            .phone_changes(Some("key-1"), &chunk("+48601234568"))
            .await
            .expect_problem(409, "conflict");
        let records = server.audit_records("").await;
        let reused: Vec<&Value> = records
            .iter()
            .filter(|r| r["action"] == "phone.batch" && r["outcome"] == "refused")
            .collect();
        assert_eq!(reused.len(), 1, "{reused:?}");
        assert_eq!(reused[0]["reason"], "MIGR-1");
    })
    .await;
}

#[tokio::test]
async fn api_token_names_are_unique_even_after_a_revoke() {
    on_every_db(async |server| {
        let operator = server.login_operator().await;
        let create = |name: &str| json!({"name": name, "scopes": ["users:read"]});
        let first = operator.post("/v1/api-tokens", create("nightly")).await;
        assert_eq!(first.status.as_u16(), 201, "{}", first.body);
        let traced = operator
            .traced(
                Method::POST,
                "/v1/api-tokens",
                RawBody::Json(create(" nightly ")),
            )
            .await;
        let problem = traced.expect_problem(409, "already_exists");
        assert!(problem.detail.contains("nightly"), "{}", problem.detail);
        let record = record_of(&server, &problem.instance.expect("instance")).await;
        assert_eq!(
            (&record["action"], &record["outcome"]),
            (&json!("api_token.create"), &json!("refused")),
            "{record}"
        );

        // A revoked token keeps its name: old audit records still name one token.
        let id = first.body["api_token"]["id"]
            .as_str()
            .expect("id")
            .to_owned();
        operator
            .delete(&format!("/v1/api-tokens/{id}"))
            .await
            .expect_ok();
        operator
            .post("/v1/api-tokens", create("nightly"))
            .await
            .expect_problem(409, "already_exists");

        // Racing creates of one name: exactly one wins, on every backend.
        let answers = futures_util::future::join_all(
            (0..4).map(|_| operator.post("/v1/api-tokens", create("racer"))),
        )
        .await;
        let mut statuses: Vec<u16> = answers.iter().map(|a| a.status.as_u16()).collect();
        statuses.sort_unstable();
        assert_eq!(statuses, [201, 409, 409, 409]);

        let list = operator.get("/v1/api-tokens").await;
        let names: Vec<&str> = list.body["api_tokens"]
            .as_array()
            .expect("list")
            .iter()
            .filter_map(|t| t["name"].as_str())
            .collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{names:?}");
    })
    .await;
}

#[tokio::test]
async fn a_database_with_duplicate_token_names_keeps_the_oldest_name_and_renames_the_rest() {
    on_every_db(async |server| {
        let operator = server.login_operator().await;
        let mut ids = Vec::new();
        for name in ["batch", "batch-2", "batch-3"] {
            let answer = operator
                .post(
                    "/v1/api-tokens",
                    json!({"name": name, "scopes": ["users:read"]}),
                )
                .await;
            assert_eq!(answer.status.as_u16(), 201, "{}", answer.body);
            ids.push(
                answer.body["api_token"]["id"]
                    .as_str()
                    .expect("id")
                    .to_owned(),
            );
        }
        // The database as an older release left it: no unique index, repeated names
        // (one of them revoked), and the migration not yet applied.
        server
            .execute_sql("DROP INDEX IF EXISTS api_tokens_by_name")
            .await
            .expect("drop the index");
        server
            .execute_sql("DELETE FROM schema_migrations WHERE version = 5")
            .await
            .expect("forget the migration");
        server
            .execute_sql("UPDATE api_tokens SET name = 'batch' WHERE name LIKE 'batch-%'")
            .await
            .expect("repeat the names");
        server
            .execute_sql(&format!(
                "UPDATE api_tokens SET revoked_at = created_at WHERE id = '{}'",
                ids[1]
            ))
            .await
            .expect("revoke one");

        // A server of this release migrates it on start.
        let replica = server.replica().await;
        let list = operator.on(&replica.url).get("/v1/api-tokens").await;
        list.expect_ok();
        let name_of = |id: &str| -> String {
            list.body["api_tokens"]
                .as_array()
                .expect("list")
                .iter()
                .find(|t| t["id"] == id)
                .and_then(|t| t["name"].as_str())
                .expect("listed")
                .to_owned()
        };
        assert_eq!(name_of(&ids[0]), "batch", "the oldest keeps its name");
        for id in &ids[1..] {
            assert_eq!(name_of(id), format!("batch [{id}]"));
        }
        // And from now on the name is taken.
        operator
            .on(&replica.url)
            .post(
                "/v1/api-tokens",
                json!({"name": "batch", "scopes": ["users:read"]}),
            )
            .await
            .expect_problem(409, "already_exists");
    })
    .await;
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
    on_every_db(async |server| {
        let operator = server.login_operator().await;
        let token = server.helpdesk_token();
        let before = server.db_state(&operator).await;
        for text in HIDING {
            let what = format!("{text:?}");
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
    })
    .await;
}
