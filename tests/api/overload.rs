//! Logins under load (issue 12, item 2): the hash gate answers 503 with Retry-After
//! beyond its queue, never runs more Argon2 at once than its permits, and a 503
//! consumes nothing; health and admin reads answer meanwhile; per-source limits on
//! both login steps answer 429 with Retry-After, the same for every kind of login.
//! Each test asserts limits and answers, never timings.

use std::collections::BTreeMap;
use std::time::Duration;

use millectl::api::{Challenge, Flow, UserStatus};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tokio::task::JoinSet;

use crate::helpers::*;

const KOD: &str = "12345678";

/// Per-source limits out of the way, for tests about the hash gate that drive it hard
/// from one address.
const NO_SOURCE_LIMITS: [&str; 8] = [
    "--login-starts-per-source-per-minute",
    "1000000",
    "--login-starts-burst",
    "1000000",
    "--login-checks-per-source-per-minute",
    "1000000",
    "--login-checks-burst",
    "1000000",
];

/// A login nobody has: its challenge is a decoy, its failures are counted per login.
fn unknown_login(n: usize) -> String {
    format!(
        "ghost{n}-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    )
}

/// A wrong answer of the right shape for any challenge (decoys come in every flow).
fn wrong_answer(challenge: &Challenge) -> Value {
    match (&challenge.password_positions, challenge.flow) {
        (Some(positions), _) => {
            let chars: BTreeMap<String, &str> =
                positions.iter().map(|p| (p.to_string(), "#")).collect();
            json!({"password_chars": chars, "otp": "000000"})
        }
        (None, Flow::Login) => json!({"password": "Wrong-password-1", "otp": "000000"}),
        (None, _) => json!({
            "otp": "000000",
            "temporary_password": "wrong-temporary",
            "new_password": "Never-used-password-1",
        }),
    }
}

/// What came back for one request.
#[derive(Debug, Clone)]
struct Reply {
    status: StatusCode,
    body: Value,
    retry_after: Option<String>,
}

impl Reply {
    /// The body without its `instance` (the request id, different every time).
    fn shape(&self) -> Value {
        let mut body = self.body.clone();
        if let Some(object) = body.as_object_mut() {
            object.remove("instance");
        }
        body
    }
}

/// POST with our own request id, so the audit can be searched for it.
async fn post(server: &TestServer, path: &str, body: &Value, request_id: &str) -> Reply {
    let response = server
        .client
        .post(format!("{}{path}", server.url))
        .header("x-request-id", request_id)
        .json(body)
        .send()
        .await
        .expect("an answer");
    let status = response.status();
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = response.json().await.unwrap_or(Value::Null);
    Reply {
        status,
        body,
        retry_after,
    }
}

async fn check(server: &TestServer, challenge_id: &str, answer: &Value, request_id: &str) -> Reply {
    post(
        server,
        &format!("/v1/sessions/{challenge_id}"),
        answer,
        request_id,
    )
    .await
}

/// The `in_flight` of every "argon2 run" line of the server's log.
fn argon2_runs(server: &TestServer) -> Vec<usize> {
    without_colours(&server.log())
        .lines()
        .filter(|l| l.contains("argon2 run"))
        .map(|l| {
            l.split_whitespace()
                .find_map(|w| w.strip_prefix("in_flight="))
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("no in_flight in {l}"))
        })
        .collect()
}

/// The log without its colour escapes (`ESC [ … m`).
fn without_colours(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut escape = false;
    for c in text.chars() {
        match (escape, c) {
            (false, '\u{1b}') => escape = true,
            (false, c) => out.push(c),
            (true, 'm') => escape = false,
            (true, _) => {}
        }
    }
    out
}

fn assert_service_unavailable(reply: &Reply) {
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE, "{reply:?}");
    assert_eq!(reply.body["code"], "service_unavailable", "{reply:?}");
    assert_eq!(reply.retry_after.as_deref(), Some("1"), "{reply:?}");
}

/// The Retry-After of a 429, in seconds: at least 1, at most the minute of the quota.
fn assert_too_many(reply: &Reply) -> u64 {
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS, "{reply:?}");
    assert_eq!(reply.body["code"], "too_many_requests", "{reply:?}");
    let seconds: u64 = reply
        .retry_after
        .as_deref()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no Retry-After in seconds: {reply:?}"));
    assert!((1..=60).contains(&seconds), "{reply:?}");
    seconds
}

/// One permit, a queue of one, a 200 ms deadline; 32 checks at once. Some are answered
/// 503 with Retry-After: 1, none hangs, no more than one Argon2 runs at a time, health
/// and a user's details answer meanwhile, and every 503 consumed nothing: no audit
/// record has its request id, and its challenge, sent again, is checked as a first
/// failure.
#[tokio::test]
async fn a_saturated_hash_gate_answers_503_and_consumes_nothing() {
    let mut args = vec![
        "--argon2-concurrency",
        "1",
        "--argon2-queue",
        "1",
        "--argon2-queue-timeout-ms",
        "200",
    ];
    args.extend(NO_SOURCE_LIMITS);
    on_every_db_with(&args, async |server| {
        let server = std::sync::Arc::new(server);
        let api = server.api();
        let mut challenges = Vec::new();
        for n in 0..32 {
            challenges.push(api.start_login(Some(KOD), &unknown_login(n)).await);
        }

        let mut checks = JoinSet::new();
        for (n, challenge) in challenges.iter().cloned().enumerate() {
            let server = server.clone();
            checks.spawn(async move {
                let request_id = format!("overload-{n}");
                let answer = wrong_answer(&challenge);
                let reply = check(&server, &challenge.challenge_id, &answer, &request_id).await;
                (challenge, answer, request_id, reply)
            });
        }
        // While the gate is full: health and an operator's read still answer.
        let health = api.get("/v1/health").await;
        assert_eq!(health.status, StatusCode::OK, "{health:?}");
        let shown = server.helpdesk_token().user_view(KOD, "ewa").await;
        assert_eq!(shown.status, UserStatus::Active);
        let replies = tokio::time::timeout(Duration::from_secs(120), checks.join_all())
            .await
            .expect("no check hangs");

        let (refused, checked): (Vec<_>, Vec<_>) = replies
            .into_iter()
            .partition(|(_, _, _, reply)| reply.status == StatusCode::SERVICE_UNAVAILABLE);
        assert!(!refused.is_empty(), "32 checks, 1 permit, a queue of 1");
        assert!(!checked.is_empty());
        for (_, _, _, reply) in &refused {
            assert_service_unavailable(reply);
        }
        for (_, _, _, reply) in &checked {
            reply_is_a_first_failure(reply);
        }
        let runs = argon2_runs(&server);
        assert_eq!(runs.len(), checked.len(), "one Argon2 run per check");
        assert_eq!(runs.iter().max(), Some(&1), "at most one at once: {runs:?}");

        let audited: Vec<String> = server
            .audit_records("")
            .await
            .iter()
            .filter_map(|r| r["request_id"].as_str().map(str::to_owned))
            .collect();
        for (_, _, request_id, _) in &checked {
            assert!(audited.contains(request_id), "{request_id} not audited");
        }
        for (challenge, answer, request_id, _) in &refused {
            assert!(!audited.contains(request_id), "{request_id} was audited");
            // The same challenge and answer again: checked, as the login's first failure.
            let again = check(&server, &challenge.challenge_id, answer, "retry").await;
            reply_is_a_first_failure(&again);
        }
    })
    .await;
}

fn reply_is_a_first_failure(reply: &Reply) {
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{reply:?}");
    assert_eq!(reply.body["code"], "invalid_credentials", "{reply:?}");
    assert_eq!(reply.body["attempts_left"], 2, "{reply:?}");
}

/// While other checks keep the one permit busy (no queue), a check for an unknown
/// login, a blocked user, a token user and an SMS user all get the same 503 — decided
/// before the challenge is even read, so it consumes nothing.
#[tokio::test]
async fn the_503_is_the_same_for_every_kind_of_login() {
    let mut args = vec!["--argon2-concurrency", "1", "--argon2-queue", "0"];
    args.extend(NO_SOURCE_LIMITS);
    on_every_db_with(&args, async |server| {
        let server = std::sync::Arc::new(server);
        let api = server.api();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let mut flood = JoinSet::new();
        for worker in 0..4 {
            let (server, stop) = (server.clone(), stop.clone());
            flood.spawn(async move {
                let api = server.api();
                let mut n = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    n += 1;
                    let login = unknown_login(1000 * worker + n);
                    let c = api.start_login(Some(KOD), &login).await;
                    check(&server, &c.challenge_id, &wrong_answer(&c), "flood").await;
                }
            });
        }
        // An answer missing its password: had it been admitted, the check would refuse
        // it (400) before any attempt, so the probes change nobody's state.
        let incomplete = json!({"otp": "000000"});
        let mut shapes = BTreeMap::new();
        for login in ["ghost-probe", "jan", "anna", "ewa"] {
            let challenge = api.start_login(Some(KOD), login).await;
            let mut tries = 0;
            let reply = loop {
                tries += 1;
                assert!(tries <= 500, "{login}: never a 503 while the gate was busy");
                let reply = check(&server, &challenge.challenge_id, &incomplete, "probe").await;
                if reply.status == StatusCode::SERVICE_UNAVAILABLE {
                    break reply;
                }
                assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{login}: {reply:?}");
            };
            assert_service_unavailable(&reply);
            shapes.insert(login, reply.shape());
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        flood.join_all().await;
        let first = shapes["ghost-probe"].clone();
        for (login, shape) in &shapes {
            assert_eq!(shape, &first, "{login}");
        }
        let desk = server.helpdesk_token();
        for login in ["anna", "ewa"] {
            let view = desk.user_view(KOD, login).await;
            assert_eq!((view.status, view.attempts_left), (UserStatus::Active, 3));
        }
        assert_eq!(desk.user_view(KOD, "jan").await.status, UserStatus::Blocked);
    })
    .await;
}

/// Three starts a minute's burst from one address, then 429 with Retry-After — the
/// same status and body for an unknown login, a token user, an SMS user and a blocked
/// one, and no SMS goes out for the refused start.
#[tokio::test]
async fn starts_beyond_the_per_source_limit_get_the_same_429() {
    let args = [
        "--login-starts-per-source-per-minute",
        "1",
        "--login-starts-burst",
        "3",
    ];
    on_every_db_with(&args, async |server| {
        let api = server.api();
        for n in 0..3 {
            api.start_login(Some(KOD), &unknown_login(n)).await;
        }
        let sms_before = api.outbox_entries().len();
        let mut shapes = BTreeMap::new();
        for login in ["ghost-late", "anna", "ewa", "jan"] {
            let reply = post(
                &server,
                "/v1/sessions",
                &json!({"millekod": KOD, "login": login}),
                "late-start",
            )
            .await;
            assert_too_many(&reply);
            shapes.insert(login, reply.shape());
        }
        let first = shapes["ghost-late"].clone();
        for (login, shape) in &shapes {
            assert_eq!(shape, &first, "{login}");
        }
        assert_eq!(
            api.outbox_entries().len(),
            sms_before,
            "no SMS for a refusal"
        );
        // The other step has a limit of its own, and health none.
        assert_eq!(api.get("/v1/health").await.status, StatusCode::OK);
    })
    .await;
}

/// Two checks of a burst from one address, then 429 with Retry-After for the answers
/// of every kind of login, before anything is looked up: no attempt is counted and
/// nothing is audited.
#[tokio::test]
async fn checks_beyond_the_per_source_limit_get_the_same_429() {
    let args = [
        "--login-checks-per-source-per-minute",
        "1",
        "--login-checks-burst",
        "2",
    ];
    on_every_db_with(&args, async |server| {
        let api = server.api();
        let spent = api.start_login(Some(KOD), &unknown_login(0)).await;
        for _ in 0..2 {
            let reply = check(&server, &spent.challenge_id, &json!({"otp": "1"}), "spend").await;
            assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{reply:?}");
        }
        let mut shapes = BTreeMap::new();
        for login in ["ghost-late", "anna", "ewa", "jan"] {
            let challenge = api.start_login(Some(KOD), login).await;
            let request_id = format!("late-check-{login}");
            let reply = check(
                &server,
                &challenge.challenge_id,
                &wrong_answer(&challenge),
                &request_id,
            )
            .await;
            assert_too_many(&reply);
            shapes.insert(login, reply.shape());
        }
        let first = shapes["ghost-late"].clone();
        for (login, shape) in &shapes {
            assert_eq!(shape, &first, "{login}");
        }
        let desk = server.helpdesk_token();
        for login in ["anna", "ewa"] {
            let view = desk.user_view(KOD, login).await;
            assert_eq!((view.status, view.attempts_left), (UserStatus::Active, 3));
        }
        let logins = server
            .audit_records("")
            .await
            .into_iter()
            .filter(|r| r["action"] == "login")
            .count();
        assert_eq!(
            logins, 0,
            "a refused check is never looked at, so never audited"
        );
    })
    .await;
}
