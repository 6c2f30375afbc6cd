//! R12 for the actions no other test read back from the audit: the masking switch,
//! token assignment, API-token create and revoke, provisioning of a company and a user —
//! each record with its actor, target and outcome; and the audit's `request_id` is the
//! `x-request-id` header of the answer to the request that made it.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::*;

const KOD: &str = "12345678";

/// Send a request (a JSON body or none); its answer's status must be `status`. The
/// `x-request-id` header.
async fn traced_id(
    api: &Api,
    method: Method,
    path: &str,
    body: Option<Value>,
    status: u16,
) -> String {
    let body = body.map_or(RawBody::None, RawBody::Json);
    request_id_of(api, method, path, body, status).await
}

/// (actor, action, millekod, login, outcome) of a record.
fn who_what(record: &Value) -> (Value, Value, Value, Value, Value) {
    (
        record["actor"].clone(),
        record["action"].clone(),
        record["millekod"].clone(),
        record["login"].clone(),
        record["outcome"].clone(),
    )
}

fn expected(
    actor: &str,
    action: &str,
    millekod: Value,
    login: Value,
    outcome: &str,
) -> (Value, Value, Value, Value, Value) {
    (json!(actor), json!(action), millekod, login, json!(outcome))
}

#[tokio::test]
async fn the_masking_switch_is_audited_for_the_user_and_refused_for_others() {
    on_every_db(async |server| {
        let path = format!("/v1/companies/{KOD}/users/ewa/password-masking");
        let ewa = server.login_user(KOD, "ewa").await;
        let id = traced_id(
            &ewa,
            Method::PUT,
            &path,
            Some(json!({"enabled": false})),
            200,
        )
        .await;
        let record = record_of(&server, &id).await;
        assert_eq!(
            who_what(&record),
            expected(
                "user:12345678/ewa",
                "password_masking.set",
                json!(KOD),
                json!("ewa"),
                "success"
            )
        );
        assert_eq!(record["detail"], "off");
        let id = traced_id(
            &ewa,
            Method::PUT,
            &path,
            Some(json!({"enabled": true})),
            200,
        )
        .await;
        assert_eq!(record_of(&server, &id).await["detail"], "on");

        // A co-user may not switch it for her: on record as denied, ewa as the target.
        let anna = server.login_user_at(KOD, "anna", 0).await;
        let id = traced_id(
            &anna,
            Method::PUT,
            &path,
            Some(json!({"enabled": false})),
            403,
        )
        .await;
        assert_eq!(
            who_what(&record_of(&server, &id).await),
            expected(
                "user:12345678/anna",
                "password_masking.set",
                json!(KOD),
                json!("ewa"),
                "denied"
            )
        );
    })
    .await;
}

#[tokio::test]
async fn a_token_assignment_is_audited_with_its_serial_and_a_second_one_as_refused() {
    on_every_db(async |server| {
        let operator = server.login_operator().await;
        let serial = server.creds.inventory[0].serial.clone();
        let body = json!({"serial": serial, "reason": "TICKET-1"});
        let id = traced_id(
            &operator,
            Method::PUT,
            &format!("/v1/companies/{KOD}/users/ewa/token"),
            Some(body.clone()),
            200,
        )
        .await;
        let record = record_of(&server, &id).await;
        assert_eq!(
            who_what(&record),
            expected(
                "operator:helpdesk",
                "token.assign",
                json!(KOD),
                json!("ewa"),
                "success"
            )
        );
        assert_eq!(record["detail"], format!("serial {serial}"));
        assert_eq!(record["reason"], "TICKET-1");
        // The same serial for jan: refused, and on record so.
        let id = traced_id(
            &operator,
            Method::PUT,
            &format!("/v1/companies/{KOD}/users/jan/token"),
            Some(body),
            409,
        )
        .await;
        assert_eq!(
            who_what(&record_of(&server, &id).await),
            expected(
                "operator:helpdesk",
                "token.assign",
                json!(KOD),
                json!("jan"),
                "refused"
            )
        );
    })
    .await;
}

#[tokio::test]
async fn api_token_create_and_revoke_are_audited_by_name_and_id() {
    on_every_db(async |server| {
        let operator = server.login_operator().await;
        let traced = operator
            .traced(
                Method::POST,
                "/v1/api-tokens",
                RawBody::Json(
                    json!({"name": "nightly-sync", "scopes": ["users:read"], "reason": "T-11"}),
                ),
            )
            .await;
        assert_eq!(traced.answer.status.as_u16(), 201, "{}", traced.answer.body);
        let token_id = traced.answer.body["api_token"]["id"]
            .as_str()
            .expect("token id")
            .to_owned();
        let secret = traced.answer.body["token"]
            .as_str()
            .expect("token")
            .to_owned();
        let record = record_of(&server, &traced.request_id.expect("x-request-id")).await;
        assert_eq!(
            who_what(&record),
            expected(
                "operator:helpdesk",
                "api_token.create",
                Value::Null,
                Value::Null,
                "success"
            )
        );
        assert_eq!(
            record["detail"],
            format!("nightly-sync ({token_id}) [users:read]")
        );
        assert_eq!(record["reason"], "T-11");
        assert!(
            !record.to_string().contains(&secret),
            "the token is in the audit"
        );

        let id = traced_id(
            &operator,
            Method::DELETE,
            &format!("/v1/api-tokens/{token_id}"),
            Some(json!({"reason": "T-12"})),
            204,
        )
        .await;
        let record = record_of(&server, &id).await;
        assert_eq!(
            who_what(&record),
            expected(
                "operator:helpdesk",
                "api_token.revoke",
                Value::Null,
                Value::Null,
                "success"
            )
        );
        assert_eq!(record["detail"], token_id.as_str());
        assert_eq!(record["reason"], "T-12");

        // An API token may not make tokens: denied, on behalf of its owner.
        let id = traced_id(
            &server.helpdesk_token(),
            Method::POST,
            "/v1/api-tokens",
            Some(json!({"name": "sneaky", "scopes": ["users:read"]})),
            403,
        )
        .await;
        let record = record_of(&server, &id).await;
        assert_eq!(
            who_what(&record),
            expected(
                "token:dev-helpdesk",
                "api_token.create",
                Value::Null,
                Value::Null,
                "denied"
            )
        );
        assert_eq!(record["on_behalf_of"], "operator:helpdesk");
    })
    .await;
}

#[tokio::test]
async fn provisioning_a_company_and_a_user_is_audited() {
    on_every_db(async |server| {
        let back_office = server.login_back_office().await;
        let id = traced_id(
            &back_office,
            Method::POST,
            "/v1/companies",
            Some(json!({"millekod": "55556666", "name": "Audyt Sp. z o.o.", "reason": "K-1"})),
            201,
        )
        .await;
        let record = record_of(&server, &id).await;
        assert_eq!(
            who_what(&record),
            expected(
                "back_office:backoffice",
                "company.create",
                json!("55556666"),
                Value::Null,
                "success"
            )
        );
        assert_eq!(record["reason"], "K-1");

        let traced = back_office
            .traced(
                Method::POST,
                "/v1/companies/55556666/users",
                RawBody::Json(json!({"login": "zenon", "name": "Zenon Audytowy", "auth_tool": "sms", "phone": "605 111 333", "reason": "K-2"})),
            )
            .await;
        assert_eq!(traced.answer.status.as_u16(), 201, "{}", traced.answer.body);
        let temporary = traced.answer.body["temporary_password"]
            .as_str()
            .expect("the envelope's password")
            .to_owned();
        let record = record_of(&server, &traced.request_id.expect("x-request-id")).await;
        assert_eq!(
            who_what(&record),
            expected(
                "back_office:backoffice",
                "user.create",
                json!("55556666"),
                json!("zenon"),
                "success"
            )
        );
        assert_eq!(record["detail"], "auth_tool sms");
        assert_eq!(record["reason"], "K-2");
        assert!(
            !record.to_string().contains(&temporary),
            "the envelope is in the audit"
        );

        // A co-user may not provision: denied, with the target as asked.
        let anna = server.login_user_at(KOD, "anna", 0).await;
        let id = traced_id(
            &anna,
            Method::POST,
            "/v1/companies/55556666/users",
            Some(json!({"login": "intruz", "name": "Intruz", "auth_tool": "sms"})),
            403,
        )
        .await;
        assert_eq!(
            who_what(&record_of(&server, &id).await),
            expected(
                "user:12345678/anna",
                "user.create",
                json!("55556666"),
                json!("intruz"),
                "denied"
            )
        );
    })
    .await;
}

/// Every record a request leaves carries the `x-request-id` its answer carried: a
/// success, a refusal, a denial, a login's steps, an id the client chose, and one the
/// server replaced. No record holds an id that no answer carried.
#[tokio::test]
async fn the_audits_request_id_is_the_answers_x_request_id() {
    on_every_db(async |server| {
        let before: BTreeSet<String> = ids_in_audit(&server).await;
        let desk = server.helpdesk_token();
        // Ids that must each have made a record, and every id an answer carried.
        let mut answered = BTreeSet::new();
        let mut carried = BTreeSet::new();

        let unblock = json!({"mode": "current_password"});
        let path = format!("/v1/companies/{KOD}/users/jan/unblock");
        let id = traced_id(&desk, Method::POST, &path, Some(unblock.clone()), 200).await;
        assert_eq!(record_of(&server, &id).await["action"], "user.unblock");
        answered.insert(id);
        // Again: jan is not blocked now, refused.
        let id = traced_id(&desk, Method::POST, &path, Some(unblock), 409).await;
        assert_eq!(record_of(&server, &id).await["outcome"], "refused");
        answered.insert(id);

        // A login: step 2's answer names the login's record.
        let api = server.api();
        let start = api
            .traced(
                Method::POST,
                "/v1/sessions",
                RawBody::Json(json!({"millekod": KOD, "login": "ewa"})),
            )
            .await;
        start.answer.expect_ok();
        carried.insert(start.request_id.expect("x-request-id"));
        let challenge: millectl::api::Challenge = start.answer.json();
        let otp = api.sms_code(&challenge);
        let password = server.user(KOD, "ewa").password.unwrap();
        let answer = serde_json::to_value(login_answer(&challenge, &password, &otp)).unwrap();
        let id = traced_id(
            &api,
            Method::POST,
            &format!("/v1/sessions/{}", challenge.challenge_id),
            Some(answer),
            200,
        )
        .await;
        server
            .wait_for_login_records(KOD, "ewa", "success", 1)
            .await;
        let record = record_of(&server, &id).await;
        assert_eq!(
            (&record["action"], &record["outcome"]),
            (&json!("login"), &json!("success"))
        );
        answered.insert(id);

        // An id the client chose is kept and audited; an unusable one is replaced, and
        // the replacement is what the audit holds.
        for (sent, kept) in [("ticket-4711.audit", true), ("no spaces; please", false)] {
            let response = server
                .client
                .get(format!("{}/v1/companies/{KOD}/users/jan", server.url))
                .bearer_auth(&server.creds.api_token)
                .header("x-request-id", sent)
                .send()
                .await
                .expect("request");
            assert_eq!(response.status(), 200);
            let id = response.headers()["x-request-id"]
                .to_str()
                .expect("ascii")
                .to_owned();
            assert_eq!(id == sent, kept, "{sent:?} answered as {id:?}");
            let record = record_of(&server, &id).await;
            assert_eq!(record["action"], "user.show");
            answered.insert(id);
        }

        // Every new record but the audit reads of this test's own checks came from one
        // of the answers above.
        carried.extend(answered.iter().cloned());
        let new: BTreeSet<String> = ids_in_audit(&server)
            .await
            .difference(&before)
            .cloned()
            .collect();
        let reads = server.audit_records("").await;
        for id in new.iter().filter(|id| !carried.contains(*id)) {
            let record = reads
                .iter()
                .find(|r| r["request_id"] == id.as_str())
                .expect("the record");
            assert_eq!(
                record["action"], "audit.read",
                "a record no answer named: {record}"
            );
        }
        assert!(answered.is_subset(&new), "{answered:?} not all in {new:?}");
    })
    .await;
}

async fn ids_in_audit(server: &TestServer) -> BTreeSet<String> {
    server
        .audit_records("")
        .await
        .iter()
        .filter_map(|r| r["request_id"].as_str().map(str::to_owned))
        .collect()
}
