//! `GET /metrics` on the management listener (issue 17): the bank's day, counted —
//! requests by route and status, logins by outcome and wrong factor, blocks, unblocks
//! by mode and caller, SMS, phone-change rows, Argon2 and the database — and not one
//! label a client can fill.

use std::collections::BTreeSet;

use millectl::api::{PhoneChangeReport, RowOutcome, UnblockMode};
use serde_json::json;

use crate::helpers::*;

const KOD: &str = "12345678";

async fn scrape(server: &TestServer) -> String {
    let answer = reqwest::get(format!("{}/metrics", server.management()))
        .await
        .expect("scrape /metrics");
    assert_eq!(answer.status(), 200);
    let kind = answer.headers()["content-type"].to_str().expect("ascii");
    assert!(kind.starts_with("application/openmetrics-text"), "{kind}");
    answer.text().await.expect("metrics text")
}

/// The value of one series, exactly as written (name and labels); 0 if absent.
fn value(text: &str, series: &str) -> f64 {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .map(|v| v.trim().parse().expect("a number"))
        .unwrap_or(0.0)
}

/// Each series' name and labels, without its value.
fn series(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.rsplit_once(' ').map(|(series, _)| series.to_owned()))
        .collect()
}

#[tokio::test]
async fn a_days_events_each_show_in_their_family() {
    on_every_db(async |server| {
        // Arrange
        let api = server.api();
        let desk = server.helpdesk_token();
        let password = server.user(KOD, "ewa").password.expect("ewa's password");
        let before = scrape(&server).await;

        // Act: three wrong logins block ewa; an unknown login fails; HelpDesk (an API
        // token) unblocks her; anna logs in; a batch changes one phone and misses one.
        let mut challenges = Vec::new();
        for _ in 0..3 {
            challenges.push(api.start_login(Some(KOD), "ewa").await);
        }
        for challenge in challenges {
            let otp = api.sms_code(&challenge);
            let wrong = wrong_password_answer(&challenge, &password, &otp);
            api.complete_login(&challenge.challenge_id, &wrong)
                .await
                .expect_problem(401, "invalid_credentials");
        }
        let ghost = api.start_login(Some(KOD), "nobody-here").await;
        api.complete_login(&ghost.challenge_id, &wrong_answer_for(&ghost))
            .await
            .expect_problem(401, "invalid_credentials");
        desk.unblock(KOD, "ewa", UnblockMode::CurrentPassword, None)
            .await
            .ok();
        server.login_user(KOD, "anna").await;
        let batch = json!({"batch_id": "m1", "reason": "MIGR-1", "changes": [
            {"millekod": KOD, "login": "ewa", "phone": "+48601999001"},
            {"millekod": KOD, "login": "nosuchuser", "phone": "+48601999002"},
        ]});
        let answer = desk.phone_changes(Some("m1-0"), &batch).await;
        answer.expect_ok();
        let report: PhoneChangeReport = answer.json();
        let outcomes: Vec<RowOutcome> = report.results.iter().map(|r| r.outcome).collect();
        assert_eq!(outcomes, [RowOutcome::Updated, RowOutcome::NotFound]);
        let after = scrape(&server).await;

        // Assert
        let grew = |series: &str| value(&after, series) - value(&before, series);
        assert_eq!(grew(r#"millectl_logins_total{outcome="wrong_credentials"}"#), 4.0);
        assert_eq!(grew(r#"millectl_logins_total{outcome="success"}"#), 1.0);
        assert_eq!(grew("millectl_users_blocked_total"), 1.0);
        let wrong_password = grew(r#"millectl_login_failed_factors_total{factor="password_chars"}"#)
            + grew(r#"millectl_login_failed_factors_total{factor="password"}"#);
        assert_eq!(wrong_password, 3.0, "{after}");
        assert_eq!(
            grew(r#"millectl_login_failed_factors_total{factor="unknown_login"}"#),
            1.0
        );
        assert_eq!(
            grew(r#"millectl_unblocks_total{mode="current_password",actor="api_token"}"#),
            1.0
        );
        assert_eq!(
            grew(r#"millectl_phone_change_rows_total{outcome="updated"}"#),
            1.0
        );
        assert_eq!(
            grew(r#"millectl_phone_change_rows_total{outcome="not_found"}"#),
            1.0
        );
        // ewa's three starts share one live code (re-used, not re-sent).
        assert!(grew(r#"millectl_sms_sent_total{kind="login_code"}"#) >= 1.0);
        let failed_step_2 =
            r#"millectl_http_requests_total{method="POST",route="/v1/sessions/{challenge_id}",status="401"}"#;
        assert_eq!(grew(failed_step_2), 4.0, "{after}");
        let step_2_times = r#"millectl_http_request_duration_seconds_count{method="POST",route="/v1/sessions/{challenge_id}"}"#;
        assert!(grew(step_2_times) >= 5.0, "{after}");
        // One Argon2 run per login check, the unknown login's dummy included.
        assert!(grew("millectl_argon2_duration_seconds_count") >= 5.0);
        assert_eq!(value(&after, "millectl_argon2_in_flight"), 0.0);
        let reserve = r#"millectl_db_operation_duration_seconds_count{operation="reserve_attempt"}"#;
        assert!(grew(reserve) >= 4.0, "{after}");
        assert!(value(&after, r#"millectl_db_pool_max_connections{pool="writes"}"#) >= 1.0);
        assert!(after.ends_with("# EOF\n"));
    })
    .await;
}

/// What a flood of made-up logins, companies, paths and methods leaves in a scrape.
async fn flood(server: &TestServer, range: std::ops::Range<u32>) {
    let api = server.api();
    let desk = server.helpdesk_token();
    for i in range {
        let (kod, login) = (format!("{}", 90_000_000 + i), format!("ghost-{i}"));
        let challenge = api.start_login(Some(&kod), &login).await;
        api.complete_login(&challenge.challenge_id, &wrong_answer_for(&challenge))
            .await;
        api.send(reqwest::Method::GET, &format!("/v1/zz-made-up-{i}"), None)
            .await;
        let invented = reqwest::Method::from_bytes(format!("BREW{i}").as_bytes()).expect("token");
        api.send(invented, "/v1/health", None).await;
        desk.send(
            reqwest::Method::GET,
            &format!("/v1/companies/{KOD}/users/ghost-{i}"),
            None,
        )
        .await;
    }
}

#[tokio::test]
async fn made_up_logins_paths_and_methods_add_to_counts_never_to_series() {
    on_every_db(async |server| {
        flood(&server, 0..3).await;
        let first = scrape(&server).await;
        flood(&server, 3..40).await;
        let second = scrape(&server).await;

        for made_up in ["ghost-", "zz-made-up", "BREW", "127.0.0.1"] {
            assert!(!second.contains(made_up), "{made_up:?} in\n{second}");
        }
        // Store operations start to be counted as background tasks first run; the
        // operation label is a method's name either way.
        let stable = |text: &str| -> BTreeSet<String> {
            series(text)
                .into_iter()
                .filter(|s| !s.starts_with("millectl_db_operation_"))
                .collect()
        };
        let new: Vec<String> = stable(&second)
            .difference(&stable(&first))
            .cloned()
            .collect();
        assert!(
            new.is_empty(),
            "37 more made-up callers made new series: {new:?}"
        );
        assert_eq!(
            value(
                &second,
                r#"millectl_http_requests_total{method="other",route="unmatched",status="405"}"#
            ) + value(
                &second,
                r#"millectl_http_requests_total{method="other",route="/v1/health",status="405"}"#
            ),
            40.0,
            "{second}"
        );
        for line in second.lines().filter(|l| l.contains("operation=\"")) {
            let operation = line
                .split("operation=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .expect("a label value");
            assert!(
                operation
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_'),
                "{line}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn metrics_listen_with_a_bare_port_serves_the_scrape_on_loopback() {
    let server = TestServer::start_with_args(&Db::Sqlite, &["--metrics-listen", "0"]).await;
    let management = server.management();
    assert!(management.starts_with("http://127.0.0.1:"), "{management}");
    assert!(scrape(&server).await.contains("millectl_logins_total"));
}

#[tokio::test]
async fn readme_lists_every_metric_a_scrape_has_and_no_other() {
    let server = TestServer::start().await;
    // Families labelled by route appear with the first request.
    server.api().get("/v1/health/live").await.expect_ok();
    let text = scrape(&server).await;
    let scraped: BTreeSet<String> = text
        .lines()
        .filter_map(|line| line.strip_prefix("# TYPE "))
        .filter_map(|rest| rest.split(' ').next())
        .map(str::to_owned)
        .collect();

    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let section = readme
        .split("### Metrics\n")
        .nth(1)
        .and_then(|rest| rest.split("\n### ").next())
        .expect("README has a Metrics section");
    let table = section
        .lines()
        .filter(|line| line.starts_with("| `millectl_"));
    let listed: BTreeSet<String> = table
        .flat_map(|line| {
            let first_cell = line.split(" | ").next().unwrap_or_default();
            first_cell
                .split('`')
                .filter(|word| word.starts_with("millectl_"))
                .map(|name| name.strip_suffix("_total").unwrap_or(name).to_owned())
                .collect::<Vec<_>>()
        })
        .collect();

    let unlisted: Vec<_> = scraped.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "README's Metrics table lacks {unlisted:?}"
    );
    // Store errors are counted by operation, so that family appears with the first.
    let absent: Vec<_> = listed.difference(&scraped).collect();
    assert_eq!(
        absent,
        ["millectl_db_operation_errors"],
        "README lists metrics a scrape lacks"
    );
}
