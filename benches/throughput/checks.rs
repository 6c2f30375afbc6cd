//! What `benches/throughput.rs` checks its counts against: the server's own record
//! (the audit, read with the dev API token) and its user list.

use std::time::{Duration, Instant};

use serde_json::Value;

/// Now, as `since` of `GET /v1/audit` takes it (RFC 3339).
pub fn audit_now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .expect("RFC 3339")
}

/// The server's audit, read with the dev API token (`audit:read`).
pub struct Audit {
    pub client: reqwest::Client,
    pub base: String,
    pub token: String,
}

impl Audit {
    /// Records of `action` with `outcome` since `since` (`query` narrows them).
    async fn count(&self, action: &str, outcome: &str, query: &str, since: &str) -> usize {
        let response = self
            .client
            .get(format!("{}/v1/audit", self.base))
            .query(&[("since", since), ("limit", "1000")])
            .bearer_auth(&self.token)
            .send()
            .await
            .expect("GET /v1/audit");
        assert!(
            response.status().is_success(),
            "{:?}",
            response.text().await
        );
        let list: Value = response.json().await.expect("audit list");
        let (key, value) = query.split_once('=').expect("key=value");
        list["records"]
            .as_array()
            .expect("records")
            .iter()
            .filter(|r| r["action"] == action && r["outcome"] == outcome && r[key] == value)
            .count()
    }

    /// Wait until exactly `expected` such records are on record (login records are
    /// written as the check ends, next to the answer); fail if more, or too few after
    /// 60 s.
    pub async fn expect(
        &self,
        action: &str,
        outcome: &str,
        query: &str,
        since: &str,
        expected: usize,
    ) {
        let waited = Instant::now();
        loop {
            let seen = self.count(action, outcome, query, since).await;
            assert!(
                seen <= expected,
                "{seen} {action} {outcome} records, {expected} done"
            );
            if seen == expected {
                return;
            }
            assert!(
                waited.elapsed() < Duration::from_secs(60),
                "{seen} {action} {outcome} records after 60 s, {expected} done"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// The `bench…` users of 12345678 in `status`, as the server lists them.
pub async fn bench_users(
    client: &reqwest::Client,
    base: &str,
    token: &str,
    status: &str,
) -> Vec<Value> {
    let response = client
        .get(format!("{base}/v1/companies/12345678/users"))
        .query(&[("status", status)])
        .bearer_auth(token)
        .send()
        .await
        .expect("GET users");
    assert!(
        response.status().is_success(),
        "{:?}",
        response.text().await
    );
    let list: Value = response.json().await.expect("user list");
    list["users"]
        .as_array()
        .expect("users")
        .iter()
        .filter(|u| u["login"].as_str().is_some_and(|l| l.starts_with("bench")))
        .cloned()
        .collect()
}
