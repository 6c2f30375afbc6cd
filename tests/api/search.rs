//! Finding users (issue 15): `GET /v1/users` by login prefix, accent-free name word,
//! phone suffix and MilleKod; who may search where; paging while users are added; bad
//! and hostile queries; and the filters and paging of a company's list.

use std::collections::BTreeSet;

use crate::helpers::*;
use millectl::api::{UserList, UserSearchPage};
use serde_json::json;

/// The `(millekod, login)` of every user a search page shows.
fn found(answer: &Answer) -> Vec<String> {
    answer.expect_ok();
    let page: UserSearchPage = answer.json();
    page.users
        .iter()
        .map(|u| format!("{}/{}", u.millekod, u.login))
        .collect()
}

/// `GET /v1/users` with `query` (already percent-encoded where it must be).
async fn search(api: &Api, query: &[(&str, &str)]) -> Answer {
    api.send_query(reqwest::Method::GET, "/v1/users", &query)
        .await
}

#[tokio::test]
async fn an_operator_finds_users_by_login_name_phone_or_millekod_in_every_company() {
    on_every_db(async |server| {
        let token = server.helpdesk_token();
        let cases: &[(&str, &[&str])] = &[
            // Login prefix, any case.
            ("OL", &["87654321/olga"]),
            ("mar", &["12345678/marek"]),
            // A word of the name, without its accents, whole or its beginning.
            ("wojcik", &["12345678/marek"]),
            ("WÓJCIK", &["12345678/marek"]),
            ("wisn", &["12345678/jan"]),
            ("lewandowska", &["87654321/olga"]),
            ("kaminski piotr", &["12345678/piotr"]),
            // The phone's last digits, as people write them.
            ("678", &["12345678/jan"]),
            ("…678", &["12345678/jan"]),
            ("...45678", &["12345678/jan"]),
            ("*567", &["12345678/ewa"]),
            // Nothing matches: no user, no error.
            ("zzzz", &[]),
            ("kowalskaq", &[]),
        ];
        for (q, expected) in cases {
            let answer = search(&token, &[("q", q)]).await;
            let got = found(&answer);
            assert_eq!(got, *expected, "q={q:?}: {}", answer.body);
        }
        // A whole MilleKod: every user of that company.
        let got = found(&search(&token, &[("q", "87654321")]).await);
        assert!(got.contains(&"87654321/olga".to_owned()), "{got:?}");
        assert!(got.iter().all(|u| u.starts_with("87654321/")), "{got:?}");
        // Filters: company, status, tool.
        let got = found(&search(&token, &[("q", "o"), ("millekod", "87654321")]).await);
        assert_eq!(got, ["87654321/olga"]);
        let got = found(&search(&token, &[("q", "wojcik"), ("tool", "token")]).await);
        assert!(got.is_empty(), "{got:?}");
        let got = found(&search(&token, &[("q", "wojcik"), ("status", "blocked,active")]).await);
        let marek = token.user_view("12345678", "marek").await;
        let expected: &[&str] = if ["blocked", "active"].contains(&marek.status.as_str()) {
            &["12345678/marek"]
        } else {
            &[]
        };
        assert_eq!(got, expected);
    })
    .await;
}

#[tokio::test]
async fn a_co_user_finds_only_in_their_own_company_and_learns_nothing_of_others() {
    on_every_db(async |server| {
        let anna = server.login_user("12345678", "anna").await;
        let got = found(&search(&anna, &[("q", "wojcik")]).await);
        assert_eq!(got, ["12345678/marek"]);
        // olga is in 87654321: not found, in the very words of a search that matched
        // nobody, with or without naming her company.
        let nothing = search(&anna, &[("q", "zzzz")]).await;
        for query in [
            vec![("q", "olga")],
            vec![("q", "lewandowska")],
            vec![("q", "87654321")],
            vec![("q", "olga"), ("millekod", "87654321")],
            vec![("q", "zzzz"), ("millekod", "87654321")],
        ] {
            let answer = search(&anna, &query).await;
            assert_eq!(
                (answer.status, &answer.body),
                (nothing.status, &nothing.body),
                "{query:?}"
            );
        }
        // The audit says what was asked.
        let records = server.audit_records("").await;
        let denied = records
            .iter()
            .filter(|r| r["action"] == "user.find" && r["outcome"] == "denied")
            .count();
        assert_eq!(denied, 2, "{records:#?}");
    })
    .await;
}

#[tokio::test]
async fn a_token_needs_users_read_and_anonymous_callers_nothing_at_all() {
    on_every_db(async |server| {
        let operator = server.login_operator().await;
        let request = json!({"name": "audit-only", "scopes": ["audit:read"], "expires_in_s": 3600});
        let answer = operator.post("/v1/api-tokens", request).await;
        assert_eq!(answer.status.as_u16(), 201, "{}", answer.body);
        let secret = answer.body["token"].as_str().expect("token").to_owned();
        let script = server.api().with_token(&secret);
        search(&script, &[("q", "olga")])
            .await
            .expect_problem(403, "forbidden");
        search(&server.api(), &[("q", "olga")])
            .await
            .expect_problem(401, "unauthenticated");
    })
    .await;
}

#[tokio::test]
async fn bad_and_hostile_queries_get_a_clear_400_or_match_nothing_and_change_nothing() {
    on_every_db(async |server| {
        let operator = server.login_operator().await;
        let token = server.helpdesk_token();
        let before = server.db_state(&operator).await;
        let long = "a".repeat(10_000);
        let refused: Vec<(Vec<(&str, &str)>, &str)> = vec![
            (vec![], "q"),
            (vec![("q", "")], "empty"),
            (vec![("q", "   ")], "empty"),
            (vec![("q", &long)], "10000 characters"),
            (vec![("q", "a\u{1}b")], "control"),
            (vec![("q", "olga"), ("status", "lockd")], "\"lockd\""),
            (vec![("q", "olga"), ("status", "blocked,")], "\"\""),
            (vec![("q", "olga"), ("tool", "fax")], "tool"),
            (vec![("q", "olga"), ("limit", "0")], "limit 0"),
            (vec![("q", "olga"), ("limit", "100000")], "limit 100000"),
            (vec![("q", "olga"), ("limit", "-1")], "limit"),
            (vec![("q", "olga"), ("cursor", "!!!")], "cursor"),
            (vec![("q", "olga"), ("cursor", "bDpqYW4")], "cursor"),
            (vec![("q", "olga"), ("millekod", "1234")], "millekod"),
            (vec![("q", "olga"), ("sort", "login")], "sort"),
        ];
        for (query, names) in &refused {
            let answer = search(&token, query).await;
            let problem = answer.expect_problem(400, "invalid_input");
            let detail = problem.detail;
            assert!(!detail.contains('\n') && detail.len() < 400, "{detail}");
            assert!(detail.contains(names), "{query:?}: {detail}");
        }
        // SQL and LIKE look-alikes are ordinary characters: they match nobody.
        for q in [
            "' OR 1=1 --",
            "%",
            "_",
            "%%",
            "zz%",
            "j_n",
            "\\",
            "'; DROP TABLE users; --",
            "Ż%ółć",
            "🙂",
            "\u{10FFFF}",
        ] {
            let got = found(&search(&token, &[("q", q)]).await);
            assert!(got.is_empty(), "q={q:?} found {got:?}");
        }
        assert_eq!(server.db_state(&operator).await, before);
    })
    .await;
}

#[tokio::test]
async fn a_search_is_one_audit_record_with_its_query_and_count() {
    on_every_db(async |server| {
        let token = server.helpdesk_token();
        found(&search(&token, &[("q", "wojcik")]).await);
        let records = server.audit_records("").await;
        let finds: Vec<_> = records
            .iter()
            .filter(|r| r["action"] == "user.find")
            .collect();
        assert_eq!(finds.len(), 1, "{finds:#?}");
        assert_eq!(finds[0]["outcome"], "success");
        assert_eq!(finds[0]["detail"], "query \"wojcik\", 1 users");
    })
    .await;
}

/// Every page of a search, following `next_cursor`.
async fn every_page(api: &Api, q: &str, limit: &str) -> Vec<String> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut query = vec![("q", q.to_owned()), ("limit", limit.to_owned())];
        if let Some(c) = &cursor {
            query.push(("cursor", c.clone()));
        }
        let answer = api
            .send_query(reqwest::Method::GET, "/v1/users", &query)
            .await;
        answer.expect_ok();
        let page: UserSearchPage = answer.json();
        all.extend(page.users.iter().map(|u| u.login.to_string()));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return all,
        }
    }
}

#[tokio::test]
async fn paging_returns_every_match_exactly_once_while_users_are_added() {
    on_every_db(async |server| {
        let operator = server.login_operator().await;
        let token = server.helpdesk_token();
        let create = |login: String| {
            let operator = operator.clone();
            async move {
                let user = json!({"login": login, "name": "Zenon Pągowski", "auth_tool": "token"});
                let answer = operator.post("/v1/companies/12345678/users", user).await;
                assert_eq!(answer.status.as_u16(), 201, "{}", answer.body);
            }
        };
        let before: Vec<String> = (0..25).map(|i| format!("zp{i:02}")).collect();
        futures_util::future::join_all(before.iter().cloned().map(create)).await;

        let added = (0..20).map(|i| create(format!("zq{i:02}")));
        let (pages, _) = tokio::join!(
            every_page(&token, "pagowski", "4"),
            futures_util::future::join_all(added)
        );
        let distinct: BTreeSet<&String> = pages.iter().collect();
        assert_eq!(distinct.len(), pages.len(), "a user twice: {pages:?}");
        for login in &before {
            assert!(pages.contains(login), "{login} missing from {pages:?}");
        }
        // Afterwards, everything, once.
        let all = every_page(&token, "PĄGOWSKI", "7").await;
        assert_eq!(all.len(), 45, "{all:?}");
    })
    .await;
}

#[tokio::test]
async fn a_company_list_filters_by_statuses_and_tool_and_pages_by_login() {
    on_every_db(async |server| {
        let token = server.helpdesk_token();
        let list = |query: Vec<(&'static str, String)>| {
            let token = token.clone();
            async move {
                token
                    .send_query(reqwest::Method::GET, "/v1/companies/12345678/users", &query)
                    .await
            }
        };
        let all: UserList = list(vec![]).await.json();
        assert_eq!(all.next_cursor, None);
        let logins =
            |l: &UserList| -> Vec<String> { l.users.iter().map(|u| u.login.to_string()).collect() };
        // Pages of two, by login, cover the list once.
        let mut paged = Vec::new();
        let mut cursor = None;
        loop {
            let mut query = vec![("limit", "2".to_owned())];
            if let Some(c) = cursor.take() {
                query.push(("cursor", c));
            }
            let page: UserList = list(query).await.json();
            assert!(page.users.len() <= 2);
            paged.extend(logins(&page));
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        assert_eq!(paged, logins(&all));
        // Filters agree with the whole list.
        let tokens: UserList = list(vec![("tool", "token".into())]).await.json();
        let expected: Vec<String> = all
            .users
            .iter()
            .filter(|u| u.auth_tool.as_str() == "token")
            .map(|u| u.login.to_string())
            .collect();
        assert_eq!(logins(&tokens), expected);
        let some: UserList = list(vec![("status", "blocked,awaiting_new_password".into())])
            .await
            .json();
        let expected: Vec<String> = all
            .users
            .iter()
            .filter(|u| ["blocked", "awaiting_new_password"].contains(&u.status.as_str()))
            .map(|u| u.login.to_string())
            .collect();
        assert_eq!(logins(&some), expected);
        // Bad filters are named.
        for (query, names) in [
            (vec![("status", "lockd".to_owned())], "\"lockd\""),
            (vec![("limit", "0".to_owned())], "limit 0"),
            (vec![("limit", "1001".to_owned())], "limit 1001"),
            (vec![("cursor", "aTox".to_owned())], "cursor"),
        ] {
            let problem = list(query).await.expect_problem(400, "invalid_input");
            assert!(problem.detail.contains(names), "{}", problem.detail);
        }
    })
    .await;
}
