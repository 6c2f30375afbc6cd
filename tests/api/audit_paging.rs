//! `GET /v1/audit` a page at a time (issue 16): `next_cursor` walks every matching
//! record exactly once, newest first, however many records are appended meanwhile; a
//! cursor this server did not give is a 400; a cursor opens nothing the caller could
//! not read without it. And every time in an answer has exactly three fractional
//! digits, as the OpenAPI document says.

use std::collections::BTreeSet;

use millectl::api::{AuditList, AuditQuery, AuditRecord, MilleKod, Scope};

use crate::helpers::*;

/// A MilleKod no dev company has: only the seeded records are about it.
const SEEDED: &str = "99990000";

/// Append `n` records about [`SEEDED`] straight into the log (the API has no way to
/// write thousands of records quickly), each a `user.show` of login `s<i>`, `first`
/// the first `i`.
async fn seed(server: &TestServer, first: u32, n: u32) {
    let last = first + n - 1;
    let sql = format!(
        "WITH RECURSIVE seq(i) AS (SELECT {first} UNION ALL SELECT i + 1 FROM seq WHERE i < {last}) \
         INSERT INTO audit (at, request_id, actor, action, millekod, login, outcome) \
         SELECT 1764470000000 + i, 'seed-' || i, 'operator:seed', 'user.show', '{SEEDED}', \
         's' || i, 'success' FROM seq"
    );
    let added = server.execute_sql(&sql).await.expect("seed the audit");
    assert_eq!(added, u64::from(n));
}

fn seeded(limit: u32, cursor: Option<String>) -> AuditQuery {
    AuditQuery {
        millekod: Some(MilleKod::parse(SEEDED).expect("millekod")),
        limit: Some(limit),
        cursor,
        ..AuditQuery::default()
    }
}

/// Every page of `query` from its first, with `between` run after each page.
async fn walk(
    desk: &Api,
    query: AuditQuery,
    mut between: impl AsyncFnMut(usize),
) -> Vec<Vec<AuditRecord>> {
    let mut pages = Vec::new();
    let mut cursor = None;
    loop {
        let page: AuditList = desk
            .audit(&AuditQuery {
                cursor,
                ..query.clone()
            })
            .await
            .ok();
        between(pages.len()).await;
        let next = page.next_cursor.clone();
        pages.push(page.records);
        match next {
            Some(next) => cursor = Some(next),
            None => return pages,
        }
        assert!(pages.len() < 10_000, "the walk does not end");
    }
}

#[tokio::test]
async fn a_cursor_walk_lists_every_record_once_newest_first() {
    on_every_db(async |server| {
        seed(&server, 1, 25).await;
        let desk = server.helpdesk_token();
        let whole = desk.audit(&seeded(1000, None)).await.ok();
        assert_eq!(whole.records.len(), 25);
        assert_eq!(whole.next_cursor, None, "one page held them all");

        // Records appended between pages, about the same company and others, are
        // newer than the first page: the walk neither repeats nor shows them.
        let pages = walk(&desk, seeded(7, None), async |page| {
            seed(&server, 1000 + 10 * page as u32, 3).await;
            desk.get("/v1/companies/12345678/users/jan")
                .await
                .expect_ok();
        })
        .await;
        assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [7, 7, 7, 4]);
        assert_eq!(pages.concat(), whole.records);

        // Exactly a page's worth: no cursor to an empty page.
        let after = seeded(1000, None);
        let now = desk.audit(&after).await.ok().records.len() as u32;
        let exact = desk.audit(&seeded(now, None)).await.ok();
        assert_eq!((exact.records.len() as u32, exact.next_cursor), (now, None));
    })
    .await;
}

#[tokio::test]
async fn more_than_a_thousand_records_page_in_thousands() {
    on_every_db(async |server| {
        seed(&server, 1, 1_234).await;
        let desk = server.helpdesk_token();
        // The unfiltered log (the dev data's records and the reads' own too).
        let query = AuditQuery {
            limit: Some(1000),
            ..AuditQuery::default()
        };
        let pages = walk(&desk, query, async |_| {}).await;
        assert!(pages.len() >= 2, "{} pages", pages.len());
        assert!(pages[..pages.len() - 1].iter().all(|p| p.len() == 1000));
        let ids: Vec<i64> = pages.concat().iter().map(|r| r.id).collect();
        assert!(ids.windows(2).all(|w| w[0] > w[1]), "not newest first");
        let seeds = pages
            .concat()
            .into_iter()
            .filter(|r| r.millekod.as_deref() == Some(SEEDED))
            .count();
        assert_eq!(seeds, 1_234);

        // The default page is still 100, with a cursor to the rest.
        let first = desk.audit(&AuditQuery::default()).await.ok();
        assert_eq!(first.records.len(), 100);
        assert!(first.next_cursor.is_some());
    })
    .await;
}

#[tokio::test]
async fn a_cursor_this_server_did_not_give_is_a_400_and_changes_nothing() {
    on_every_db(async |server| {
        seed(&server, 1, 5).await;
        let desk = server.helpdesk_token();
        let list_cursor = millectl::api::list_cursor(&millectl::api::Login::parse("jan").unwrap());
        let long = "A".repeat(10_000);
        for bad in [
            "",
            "!!!",
            "aTotMQ",                             // `i:-1`
            "aTow",                               // `i:0`
            "aTphYmM",                            // `i:abc`
            list_cursor.as_str(),                 // a company list's cursor, by login
            "JyBPUiAnMSc9JzE",                    // `' OR '1'='1`
            "aTo5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ", // beyond i64
            "%27%20OR%201%3D1",
            long.as_str(),
        ] {
            let path = format!("/v1/audit?millekod={SEEDED}&cursor={bad}");
            let problem = desk.get(&path).await.expect_problem(400, "invalid_input");
            assert!(problem.detail.contains("cursor"), "{bad}: {problem:?}");
            assert!(problem.detail.len() < 200, "{problem:?}");
        }
        // The limit per page stays 1..=1000: larger lists page.
        for limit in ["0", "1001", "-1", "ten"] {
            desk.get(&format!("/v1/audit?limit={limit}"))
                .await
                .expect_problem(400, "invalid_input");
        }
        // A valid cursor for an id beyond the log is simply an empty page.
        let far = millectl::api::search_cursor(1);
        let page = desk.audit(&seeded(10, Some(far))).await.ok();
        assert_eq!((page.records.len(), page.next_cursor), (0, None));
        assert_eq!(
            server
                .count_sql(&format!(
                    "SELECT COUNT(*) FROM audit WHERE millekod = '{SEEDED}'"
                ))
                .await,
            5
        );
    })
    .await;
}

#[tokio::test]
async fn a_cursor_opens_nothing_the_caller_could_not_read_without_it() {
    on_every_db(async |server| {
        seed(&server, 1, 5).await;
        let desk = server.helpdesk_token();
        let first = desk.audit(&seeded(2, None)).await.ok();
        let cursor = first.next_cursor.expect("a second page");
        let path = format!("/v1/audit?limit=2&cursor={cursor}");

        let anna = server.login_user("12345678", "anna").await;
        anna.get(&path).await.expect_problem(403, "forbidden");
        let own = format!("/v1/audit?millekod=12345678&cursor={cursor}");
        anna.get(&own).await.expect_problem(403, "forbidden");
        server
            .api()
            .get(&path)
            .await
            .expect_problem(401, "unauthenticated");
        let no_scope = server
            .login_operator()
            .await
            .api_token_client("pager", &[Scope::UsersRead])
            .await;
        no_scope.get(&path).await.expect_problem(403, "forbidden");

        // With the cursor, a filter still holds: the next page of another company's
        // records is empty, not the seeded ones.
        let other = format!("/v1/audit?millekod=87654321&action=user.show&cursor={cursor}");
        let page: AuditList = desk.get(&other).await.json();
        assert!(
            page.records
                .iter()
                .all(|r| r.millekod.as_deref() == Some("87654321")),
            "{:?}",
            page.records
        );
    })
    .await;
}

/// `2026-11-30T02:50:30.920Z`: 24 characters, a `.` and three digits before the `Z`.
fn is_wire_time(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 24
        && b[10] == b'T'
        && b[19] == b'.'
        && b[20..23].iter().all(u8::is_ascii_digit)
        && b[23] == b'Z'
}

#[tokio::test]
async fn every_time_in_an_answer_has_exactly_three_fractional_digits() {
    on_every_db(async |server| {
        let desk = server.helpdesk_token();
        // Times whose milliseconds end in zeros are where digits used to go missing.
        for ms in [0, 900, 920, 334] {
            seed(&server, 5000 + ms, 1).await;
        }
        let answer = desk.get(&format!("/v1/audit?millekod={SEEDED}")).await;
        let body: serde_json::Value = answer.json();
        let times: Vec<&str> = body["records"]
            .as_array()
            .expect("records")
            .iter()
            .map(|r| r["at"].as_str().expect("at"))
            .collect();
        assert_eq!(times.len(), 4);
        assert!(times.iter().all(|t| is_wire_time(t)), "{times:?}");
        assert!(times.contains(&"2025-11-30T02:33:25.000Z"), "{times:?}");

        // Users, tokens and the session: every time field, set or not.
        let user: serde_json::Value = desk.get("/v1/companies/12345678/users/anna").await.json();
        let tokens: serde_json::Value = server
            .login_operator()
            .await
            .get("/v1/api-tokens")
            .await
            .json();
        let mut seen = BTreeSet::new();
        collect_times(&user, &mut seen);
        collect_times(&tokens, &mut seen);
        assert!(!seen.is_empty());
        assert!(seen.iter().all(|t| is_wire_time(t)), "{seen:?}");

        // The OpenAPI document: the new parameter and field, times as date-times.
        let doc: serde_json::Value = server.api().get("/v1/openapi.json").await.json();
        let params = &doc["paths"]["/v1/audit"]["get"]["parameters"];
        assert!(
            params
                .as_array()
                .expect("parameters")
                .iter()
                .any(|p| p["name"] == "cursor"),
            "{params}"
        );
        let list = &doc["components"]["schemas"]["AuditList"];
        assert!(list["properties"]["next_cursor"].is_object(), "{list}");
        let at = &doc["components"]["schemas"]["AuditRecord"]["properties"]["at"];
        assert_eq!(at["format"], "date-time", "{at}");
    })
    .await;
}

/// Every string value of a field named `…_at` or `at`, anywhere in `value`.
fn collect_times(value: &serde_json::Value, seen: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                if key == "at" || key.ends_with("_at") {
                    if let Some(text) = v.as_str() {
                        seen.insert(text.to_owned());
                    }
                }
                collect_times(v, seen);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_times(v, seen)),
        _ => {}
    }
}
