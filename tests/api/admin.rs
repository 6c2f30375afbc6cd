//! Administration: provisioning, API tokens, mandatory reasons, the audit, health, the
//! OpenAPI document, and the `millectl server` command line (bootstrap of operators).

use std::collections::BTreeSet;

use crate::helpers::*;
use millectl::api::{
    ApiTokenCreated, ApiTokenList, AuditQuery, AuthTool, CompanyView, CreateUser, Flow,
    ListUsersQuery, Login, Me, MilleKod, PrincipalView, Scope, SessionCreated, UserCreated,
    UserView,
};
use serde_json::json;

/// The newest `n` audit records.
fn limit(n: u32) -> AuditQuery {
    AuditQuery {
        limit: Some(n),
        ..AuditQuery::default()
    }
}

#[tokio::test]
async fn operators_provision_companies_users_and_tokens() {
    on_every_db(async |server| {
        let operator = server.login_operator().await;
        let token = server.helpdesk_token();
        let api = server.api();

        let company = json!({"millekod": "11112222", "name": " Nowa Firma Sp. z o.o. "});
        let answer = operator.post("/v1/companies", company).await;
        assert_eq!(answer.status.as_u16(), 201, "{}", answer.body);
        let view: CompanyView = answer.json();
        assert_eq!(
            (view.millekod.as_str(), view.name.as_str()),
            ("11112222", "Nowa Firma Sp. z o.o.")
        );
        let again = json!({"millekod": "11112222", "name": "Other"});
        operator
            .post("/v1/companies", again)
            .await
            .expect_problem(409, "already_exists");
        let users = token
            .list_users("11112222", &ListUsersQuery::default())
            .await;
        assert_eq!(users.ok().users, vec![]);

        // An SMS user: the envelope's password is answered once, then a first login.
        let zofia = json!({"login": "Zofia", "name": "Zofia Nowak", "auth_tool": "sms", "phone": "605 111 222"});
        let answer = operator
            .post("/v1/companies/11112222/users", zofia.clone())
            .await;
        assert_eq!(answer.status.as_u16(), 201, "{}", answer.body);
        let created: UserCreated = answer.json();
        assert_eq!(created.user.login.as_str(), "zofia");
        assert_eq!(created.user.status.as_str(), "pending_activation");
        assert_eq!(created.user.phone.as_deref(), Some("+48******222"));
        assert!(created.temporary_password.expose().len() >= 8);
        let again = operator.post("/v1/companies/11112222/users", zofia).await;
        again.expect_problem(409, "already_exists");
        let challenge = api.start_login(Some("11112222"), "zofia").await;
        assert_eq!(
            (challenge.flow, challenge.password_positions.clone()),
            (Flow::FirstLogin, None)
        );
        let otp = api.sms_code(&challenge);
        let done = new_password_answer(otp, created.temporary_password.expose(), "Zofia1Nowe2");
        let answer = api.complete_login(&challenge.challenge_id, &done).await;
        answer.expect_ok();
        let principal = answer.json::<SessionCreated>().principal;
        assert_eq!(
            principal,
            PrincipalView::User {
                millekod: view.millekod.clone(),
                login: created.user.login
            }
        );
        let zofia: UserView = token.get("/v1/companies/11112222/users/zofia").await.json();
        assert_eq!(
            (zofia.status.as_str(), zofia.auth_tool.as_str()),
            ("active", "sms")
        );

        // A user given a hardware token: the tool becomes `token` and its codes count.
        let tomasz = CreateUser {
            login: Login::parse("tomasz").expect("login"),
            name: "Tomasz".into(),
            auth_tool: AuthTool::Sms,
            phone: None,
            reason: None,
        };
        let created: UserCreated = operator.create_user("11112222", &tomasz).await.ok();
        // A token from the inventory that back-office loaded, by serial.
        let stock = &server.creds.inventory[0];
        let seed = stock.totp_secret.clone();
        let assign = json!({"serial": stock.serial, "reason": "new token"});
        let answer = operator
            .put("/v1/companies/11112222/users/tomasz/token", assign.clone())
            .await;
        answer.expect_ok();
        assert_eq!(answer.json::<UserView>().auth_tool.as_str(), "token");
        let challenge = api.start_login(Some("11112222"), "tomasz").await;
        assert_eq!(challenge.otp_method.as_str(), "token");
        let done = new_password_answer(
            totp_code(&seed, 0),
            created.temporary_password.expose(),
            "Tomasz1Nowe2",
        );
        api.complete_login(&challenge.challenge_id, &done)
            .await
            .expect_ok();

        // Neither an API token (whatever its scopes) nor a co-user provisions.
        let anna = server.login_user("12345678", "anna").await;
        for (who, client) in [
            ("token:dev-helpdesk", &token),
            ("user:12345678/anna", &anna),
        ] {
            let company = json!({"millekod": "33334444", "name": "X"});
            client
                .post("/v1/companies", company)
                .await
                .expect_problem(403, "forbidden");
            let user = CreateUser {
                login: Login::parse("intruz").expect("login"),
                name: "X".into(),
                auth_tool: AuthTool::Sms,
                phone: None,
                reason: None,
            };
            let answer = client.create_user("12345678", &user).await;
            answer.expect_problem(403, "forbidden");
            let answer = client
                .put("/v1/companies/12345678/users/ewa/token", assign.clone())
                .await;
            answer.expect_problem(403, "forbidden");
            let denied = server.audit_records("&millekod=33334444").await;
            assert!(
                denied
                    .iter()
                    .any(|r| r["actor"] == who && r["outcome"] == "denied"),
                "{who}"
            );
        }
        token
            .get("/v1/companies/33334444/users")
            .await
            .expect_problem(404, "not_found");
        token
            .get("/v1/companies/12345678/users/intruz")
            .await
            .expect_problem(404, "not_found");
        let ewa: UserView = token.get("/v1/companies/12345678/users/ewa").await.json();
        assert_eq!(ewa.auth_tool.as_str(), "sms");
    })
    .await;
}

#[tokio::test]
async fn api_tokens_are_shown_once_listed_without_value_and_revocable() {
    on_every_db(async |server| {
        let operator = server.login_operator().await;
        let request = json!({"name": "nightly", "scopes": ["users:read", "users:read"], "expires_in_s": 3600});
        let answer = operator.post("/v1/api-tokens", request.clone()).await;
        assert_eq!(answer.status.as_u16(), 201, "{}", answer.body);
        let created: ApiTokenCreated = answer.json();
        let secret = created.token.expose().to_owned();
        assert!(secret.starts_with("mlt_") && secret.len() > 30, "{secret}");
        let view = &created.api_token;
        assert_eq!(
            (view.scopes.clone(), view.created_by.as_str()),
            (vec![Scope::UsersRead], "helpdesk")
        );
        assert_eq!((view.expires_at - view.created_at).whole_seconds(), 3600);
        assert_eq!(view.revoked_at, None);

        let script = server.api().with_token(&secret);
        let me: Me = script.get("/v1/me").await.json();
        let PrincipalView::ApiToken {
            name,
            scopes,
            owner,
            ..
        } = me.principal
        else {
            panic!("not an API token: {:?}", me.principal);
        };
        assert_eq!(
            (name.as_str(), scopes, owner.as_str()),
            ("nightly", vec![Scope::UsersRead], "helpdesk")
        );
        script.get("/v1/companies/12345678/users").await.expect_ok();
        let unblock = json!({"mode": "current_password"});
        let answer = script
            .post("/v1/companies/12345678/users/jan/unblock", unblock)
            .await;
        answer.expect_problem(403, "forbidden");

        // Only an operator's session manages tokens.
        let anna = server.login_user("12345678", "anna").await;
        for client in [&script, &server.helpdesk_token(), &anna] {
            client
                .post("/v1/api-tokens", request.clone())
                .await
                .expect_problem(403, "forbidden");
            client
                .get("/v1/api-tokens")
                .await
                .expect_problem(403, "forbidden");
            let path = format!("/v1/api-tokens/{}", view.id);
            client.delete(&path).await.expect_problem(403, "forbidden");
        }
        for (bad, code) in [
            (
                json!({"name": "x", "scopes": ["users:read"], "expires_in_s": 59}),
                "invalid_input",
            ),
            (json!({"name": "x", "scopes": []}), "invalid_input"),
            (
                json!({"name": "x", "scopes": ["users:admin"]}),
                "malformed_request",
            ),
        ] {
            operator
                .post("/v1/api-tokens", bad)
                .await
                .expect_problem(400, code);
        }

        let list = operator.get("/v1/api-tokens").await;
        list.expect_ok();
        let text = list.body.to_string();
        assert!(
            !text.contains(&secret) && !text.contains(&server.creds.api_token),
            "{text}"
        );
        assert!(!text.contains("mlt_"), "{text}");
        let tokens: ApiTokenList = list.json();
        let names: BTreeSet<_> = tokens.api_tokens.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, BTreeSet::from(["dev-helpdesk", "nightly"]));
        assert!(tokens.api_tokens.iter().any(|t| t == view));

        // A revocation holds at once on every replica of the database.
        let replica = server.replica().await;
        let elsewhere = script.on(&replica.url);
        elsewhere
            .get("/v1/companies/12345678/users")
            .await
            .expect_ok();
        let path = format!("/v1/api-tokens/{}", view.id);
        let answer = operator.delete(&path).await;
        assert_eq!(answer.status.as_u16(), 204, "{}", answer.body);
        elsewhere
            .get("/v1/me")
            .await
            .expect_problem(401, "unauthenticated");
        script
            .get("/v1/companies/12345678/users")
            .await
            .expect_problem(401, "unauthenticated");
        script
            .get("/v1/me")
            .await
            .expect_problem(401, "unauthenticated");
        operator
            .delete(&path)
            .await
            .expect_problem(404, "not_found");
        let tokens: ApiTokenList = operator.get("/v1/api-tokens").await.json();
        let revoked = tokens
            .api_tokens
            .iter()
            .find(|t| t.id == view.id)
            .expect("listed");
        assert!(revoked.revoked_at.is_some());
        // The dev token still works.
        server.helpdesk_token().get("/v1/me").await.expect_ok();
    })
    .await;
}

#[tokio::test]
async fn require_reason_binds_helpdesk_but_not_co_users() {
    on_every_db_with(&["--require-reason"], async |server| {
        let operator = server.login_operator().await;
        let jan = "/v1/companies/12345678/users/jan";
        for body in [
            json!({"mode": "current_password"}),
            json!({"mode": "current_password", "reason": "  "}),
        ] {
            let answer = operator.post(&format!("{jan}/unblock"), body).await;
            answer.expect_problem(422, "reason_required");
        }
        let answer = server
            .helpdesk_token()
            .set_phone("12345678", "jan", "601 234 567", None)
            .await;
        answer.expect_problem(422, "reason_required");
        let still: UserView = operator.get(jan).await.json();
        assert_eq!(
            (still.status.as_str(), still.phone.as_deref()),
            ("blocked", Some("+48******678"))
        );

        let body = json!({"mode": "current_password", "reason": "INC-42 jan remembers"});
        let answer = operator.post(&format!("{jan}/unblock"), body).await;
        answer.expect_ok();
        assert_eq!(answer.json::<UserView>().status.as_str(), "active");
        let records = server.audit_records("&login=jan").await;
        let unblocks: Vec<_> = records
            .iter()
            .filter(|r| r["action"] == "user.unblock")
            .collect();
        assert_eq!(unblocks.len(), 1, "{unblocks:?}");
        assert_eq!(unblocks[0]["reason"], "INC-42 jan remembers");
        assert_eq!(
            (&unblocks[0]["actor"], &unblocks[0]["outcome"]),
            (&json!("operator:helpdesk"), &json!("success"))
        );

        // A co-user restores attempts without a reason.
        let anna = server.login_user("12345678", "anna").await;
        let answer = anna
            .post(
                "/v1/companies/12345678/users/marek/unblock",
                json!({"mode": "current_password"}),
            )
            .await;
        answer.expect_ok();
        let records = server.audit_records("&login=marek").await;
        let unblock = records
            .iter()
            .find(|r| r["action"] == "user.unblock")
            .expect("audited");
        assert_eq!(
            (&unblock["actor"], &unblock["reason"]),
            (&json!("user:12345678/anna"), &json!(null))
        );
    })
    .await;
}

#[tokio::test]
async fn the_audit_filters_orders_newest_first_and_is_append_only() {
    on_every_db(async |server| {
        let token = server.helpdesk_token();
        token
            .get("/v1/companies/12345678/users/anna")
            .await
            .expect_ok();
        token
            .get("/v1/companies/87654321/users/olga")
            .await
            .expect_ok();
        // Apart by more than the audit's millisecond resolution.
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        token
            .get("/v1/companies/12345678/users/ewa")
            .await
            .expect_ok();

        let all = token.audit(&limit(1000)).await.ok().records;
        assert!(all.len() >= 10, "{} records", all.len());
        assert!(
            all.windows(2)
                .all(|w| w[0].id > w[1].id && w[0].at >= w[1].at),
            "not newest first"
        );
        let newest = &all[0];
        assert_eq!(
            (newest.action.as_str(), newest.login.as_deref()),
            ("user.show", Some("ewa"))
        );

        let since = AuditQuery {
            since: Some(newest.at),
            ..AuditQuery::default()
        };
        let recent = token.audit(&since).await.ok();
        assert!(recent.records.iter().all(|r| r.at >= newest.at));
        assert!(recent.records.iter().any(|r| r.id == newest.id));
        assert!(
            !recent
                .records
                .iter()
                .any(|r| r.login.as_deref() == Some("anna")),
            "{:?}",
            recent.records
        );

        for (millekod, login) in [
            (Some("87654321"), None),
            (None, Some("jan")),
            (Some("12345678"), Some("anna")),
        ] {
            let query = AuditQuery {
                millekod: millekod.map(|m| MilleKod::parse(m).expect("millekod")),
                login: login.map(|l| Login::parse(l).expect("login")),
                ..AuditQuery::default()
            };
            let list = token.audit(&query).await.ok();
            assert!(!list.records.is_empty(), "{query:?}");
            let wanted = all.iter().filter(|r| {
                millekod.is_none_or(|m| r.millekod.as_deref() == Some(m))
                    && login.is_none_or(|l| r.login.as_deref() == Some(l))
            });
            assert_eq!(
                list.records.iter().collect::<Vec<_>>(),
                wanted.collect::<Vec<_>>(),
                "{query:?}"
            );
        }
        let three = token.audit(&limit(3)).await.ok();
        assert_eq!(three.records, all[..3].to_vec());
        for limit in [0, 1001] {
            let answer = token.get(&format!("/v1/audit?limit={limit}")).await;
            answer.expect_problem(400, "invalid_input");
        }
        let anna = server.login_user("12345678", "anna").await;
        anna.get("/v1/audit").await.expect_problem(403, "forbidden");

        // Append-only below the API too.
        let rows = server.dump_table("audit").await;
        for sql in [
            "UPDATE audit SET outcome = 'forged'",
            "DELETE FROM audit",
            "DELETE FROM audit WHERE id = 1",
        ] {
            let err = server.execute_sql(sql).await.expect_err(sql);
            assert!(err.to_string().contains("append-only"), "{sql}: {err}");
        }
        let after = server.dump_table("audit").await;
        assert_eq!(after[..rows.len()], rows[..]);
        assert!(!after.iter().any(|row| row.contains("forged")));
    })
    .await;
}
