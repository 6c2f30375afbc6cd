//! `GET /v1/audit`'s filters (issue 15, item 8): `action` (several), `outcome`, `actor`
//! and `until` besides `millekod`, `login` and `since` — each alone and combined giving
//! exactly the records of the unfiltered list that match, on every database; and wrong
//! or hostile filters refused with a 400 naming the problem.

use std::time::{Duration, Instant};

use millectl::api::{AuditAction, AuditOutcome, AuditQuery, AuditRecord, UnblockMode};

use crate::helpers::*;

const KOD: &str = "12345678";

/// Records of several actors, actions and outcomes: anna (a co-user) unblocks jan,
/// the operator fails to unblock marek (no phone, no token) and ewa (not blocked),
/// ewa fails a login. Returns every record so far, newest first.
async fn history(server: &TestServer) -> Vec<AuditRecord> {
    let anna = server.login_user(KOD, "anna").await;
    anna.unblock(KOD, "jan", UnblockMode::CurrentPassword, None)
        .await
        .ok();
    let operator = server.login_operator().await;
    let refused = operator
        .unblock(KOD, "marek", UnblockMode::NewPassword, None)
        .await;
    assert_eq!(refused.status.as_u16(), 409, "{}", refused.body);
    let refused = operator
        .unblock(KOD, "ewa", UnblockMode::CurrentPassword, None)
        .await;
    assert_eq!(refused.status.as_u16(), 409, "{}", refused.body);
    let failed = server.fail_sms_login(KOD, "ewa").await;
    assert_eq!(failed.status.as_u16(), 401, "{}", failed.body);
    // Login records may be written after the answer; wait for the three logins'.
    server
        .wait_for_login_records(KOD, "anna", "success", 1)
        .await;
    server
        .wait_for_login_records(KOD, "ewa", "failure", 1)
        .await;
    let start = Instant::now();
    while server
        .audit_records("&action=login&actor=operator:helpdesk")
        .await
        .is_empty()
    {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no operator login record"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    server
        .helpdesk_token()
        .audit(&AuditQuery {
            limit: Some(1000),
            ..AuditQuery::default()
        })
        .await
        .ok()
        .records
}

/// The records `query` lists, leaving out those newer than `all` (each read of the
/// audit is itself audited).
async fn listed(desk: &Api, all: &[AuditRecord], query: AuditQuery) -> Vec<AuditRecord> {
    let newest = all.first().map_or(0, |r| r.id);
    desk.audit(&AuditQuery {
        limit: Some(1000),
        ..query
    })
    .await
    .ok()
    .records
    .into_iter()
    .filter(|r| r.id <= newest)
    .collect()
}

fn matching(all: &[AuditRecord], keep: impl Fn(&AuditRecord) -> bool) -> Vec<AuditRecord> {
    all.iter().filter(|r| keep(r)).cloned().collect()
}

#[tokio::test]
async fn each_filter_alone_lists_exactly_the_matching_records() {
    on_every_db(async |server| {
        let all = history(&server).await;
        let desk = server.helpdesk_token();

        let unblocks = AuditQuery {
            action: vec![AuditAction::UserUnblock],
            ..AuditQuery::default()
        };
        let got = listed(&desk, &all, unblocks).await;
        assert_eq!(got.len(), 3, "{got:#?}");
        assert_eq!(got, matching(&all, |r| r.action == "user.unblock"));

        let two = AuditQuery {
            action: vec![AuditAction::UserUnblock, AuditAction::Login],
            ..AuditQuery::default()
        };
        let got = listed(&desk, &all, two).await;
        assert!(got.iter().any(|r| r.action == "login"), "{got:#?}");
        assert_eq!(
            got,
            matching(&all, |r| r.action == "user.unblock" || r.action == "login")
        );

        for outcome in [AuditOutcome::Refused, AuditOutcome::Failure] {
            let query = AuditQuery {
                outcome: Some(outcome),
                ..AuditQuery::default()
            };
            let got = listed(&desk, &all, query).await;
            assert!(!got.is_empty(), "{outcome}");
            assert_eq!(got, matching(&all, |r| r.outcome == outcome.as_str()));
        }

        for (actor, wanted) in [
            ("helpdesk", "operator:helpdesk"),
            ("operator:helpdesk", "operator:helpdesk"),
            ("anna", "user:12345678/anna"),
            ("user:12345678/anna", "user:12345678/anna"),
            ("anonymous", "anonymous"),
        ] {
            let query = AuditQuery {
                actor: Some(actor.to_owned()),
                ..AuditQuery::default()
            };
            let got = listed(&desk, &all, query).await;
            assert!(!got.is_empty() || actor == "anonymous", "{actor}");
            assert_eq!(got, matching(&all, |r| r.actor == wanted), "{actor}");
        }
        // A login that is also the tail of another's (`nna` of `anna`) matches nothing.
        for nobody in [
            "nna",
            "user:12345678/ann",
            "' OR '1'='1",
            "zażółć",
            "%",
            "_",
        ] {
            let query = AuditQuery {
                actor: Some(nobody.to_owned()),
                ..AuditQuery::default()
            };
            assert_eq!(listed(&desk, &all, query).await, vec![], "{nobody}");
        }

        // `until` is inclusive: the record at that very time is listed.
        let middle = &all[all.len() / 2];
        let until = AuditQuery {
            until: Some(middle.at),
            ..AuditQuery::default()
        };
        let got = listed(&desk, &all, until).await;
        assert!(got.iter().any(|r| r.id == middle.id));
        assert_eq!(got, matching(&all, |r| r.at <= middle.at));
    })
    .await;
}

#[tokio::test]
async fn filters_combine_and_all_must_hold() {
    on_every_db(async |server| {
        let all = history(&server).await;
        let desk = server.helpdesk_token();
        let anna_unblocked = AuditQuery {
            action: vec![AuditAction::UserUnblock],
            outcome: Some(AuditOutcome::Success),
            actor: Some("anna".to_owned()),
            ..AuditQuery::default()
        };
        let got = listed(&desk, &all, anna_unblocked).await;
        assert_eq!(got.len(), 1, "{got:#?}");
        assert_eq!(
            (got[0].login.as_deref(), got[0].actor.as_str()),
            (Some("jan"), "user:12345678/anna")
        );

        let operator_refusals = AuditQuery {
            millekod: Some(millectl::api::MilleKod::parse(KOD).expect("millekod")),
            action: vec![AuditAction::UserUnblock],
            outcome: Some(AuditOutcome::Refused),
            actor: Some("helpdesk".to_owned()),
            since: Some(all.last().expect("records").at),
            until: Some(all[0].at),
            ..AuditQuery::default()
        };
        let got = listed(&desk, &all, operator_refusals).await;
        let logins: Vec<_> = got.iter().map(|r| r.login.as_deref()).collect();
        assert_eq!(logins, [Some("ewa"), Some("marek")]);

        // since == until: the records of that one instant.
        let instant = AuditQuery {
            since: Some(all[0].at),
            until: Some(all[0].at),
            ..AuditQuery::default()
        };
        let got = listed(&desk, &all, instant).await;
        assert_eq!(got, matching(&all, |r| r.at == all[0].at));

        let none = AuditQuery {
            action: vec![AuditAction::Login],
            outcome: Some(AuditOutcome::Refused),
            ..AuditQuery::default()
        };
        assert_eq!(listed(&desk, &all, none).await, vec![]);
    })
    .await;
}

#[tokio::test]
async fn wrong_and_hostile_filters_are_refused_naming_the_problem() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        let long = "a".repeat(10_000);
        let many = vec!["login"; 65].join(",");
        for (query, names) in [
            ("action=user.unblok", "user.unblok"),
            ("action=login,nope", "nope"),
            ("action=unblock", "unblock"),
            ("action=", "empty"),
            ("action=login,,logout", "empty"),
            ("action=%27%20OR%201%3D1", "' OR 1=1"),
            (&format!("action={many}"), "more than 64"),
            ("action=login&action=logout", "action"),
            ("outcome=failed", "failed"),
            ("outcome=", "unknown variant"),
            (
                "since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z",
                "until is before since",
            ),
            ("until=yesterday", ""),
            ("actor=", "actor is empty"),
            (&format!("actor={long}"), "longer than 128"),
            ("actor=hel%0Apdesk", "'\\n'"),
            ("acter=helpdesk", "acter"),
        ] {
            let answer = desk.get(&format!("/v1/audit?{query}")).await;
            let problem = answer.expect_problem(400, "invalid_input");
            let detail = problem.detail;
            assert!(detail.contains(names), "{query}: {detail}");
            assert!(!detail.contains('\n') && detail.len() <= 300, "{detail}");
        }
        // Without audit:read, the filters do not matter.
        let anna = server.login_user(KOD, "anna").await;
        anna.get("/v1/audit?action=login&outcome=failure")
            .await
            .expect_problem(403, "forbidden");
        server
            .api()
            .get("/v1/audit?action=login")
            .await
            .expect_problem(401, "unauthenticated");
    })
    .await;
}

#[tokio::test]
async fn the_openapi_document_declares_the_audit_filters_in_the_query() {
    let server = TestServer::start().await;
    let doc = server.api().get("/v1/openapi.json").await;
    let params = doc.body["paths"]["/v1/audit"]["get"]["parameters"]
        .as_array()
        .cloned()
        .expect("parameters");
    let mut names: Vec<&str> = params.iter().filter_map(|p| p["name"].as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        ["action", "actor", "cursor", "limit", "login", "millekod", "outcome", "since", "until"]
    );
    for param in &params {
        assert_eq!(param["in"], "query", "{param}");
    }
}
