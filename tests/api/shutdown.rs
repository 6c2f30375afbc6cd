//! Graceful shutdown (issue 17): SIGTERM in the middle of 16 parallel streams of
//! logins, unblocks and phone-change chunks. Every request answered 2xx is in the
//! database and the audit exactly once; every other one failed cleanly (refused,
//! reset, 503) and left nothing behind; the server exits 0 within its deadline; the
//! database opens cleanly afterwards. Figures go to stderr for the record.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use millectl::api::{Challenge, CompleteLogin, UnblockMode, UnblockRequest};
use serde_json::{json, Value};

use crate::helpers::*;

const STREAMS: usize = 16;
/// Requests answered before the signal is sent.
const ANSWERED_BEFORE_SIGNAL: usize = 60;
/// Synthetic users: logins take them from 1, unblocks from 1001, phone chunks from 2001.
const USERS: u64 = 3_000;
const CHUNK_ROWS: u64 = 20;
const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    LoginStart,
    LoginComplete,
    Unblock,
    PhoneChunk,
}

/// One request and how it ended.
#[derive(Debug, Clone)]
struct Sent {
    kind: Kind,
    /// Our `x-request-id`, which the audit keeps.
    request_id: String,
    /// The synthetic users it is about.
    users: Vec<u64>,
    /// The status, or `None` when no answer came (refused, reset).
    status: Option<u16>,
    error: Option<String>,
    /// Sent after the signal.
    after_signal: bool,
    /// Its answer (or error) came after the signal.
    ended_after_signal: bool,
}

/// What every stream shares: the record of requests, and the signal's moment.
#[derive(Default)]
struct Log {
    sent: Mutex<Vec<Sent>>,
    answered: AtomicUsize,
    signalled: std::sync::OnceLock<Instant>,
    next_login: AtomicUsize,
    next_unblock: AtomicUsize,
    next_chunk: AtomicUsize,
}

impl Log {
    fn record(&self, mut sent: Sent) {
        sent.ended_after_signal = self.signalled();
        if sent.status.is_some() {
            self.answered.fetch_add(1, Ordering::SeqCst);
        }
        self.sent.lock().expect("log").push(sent);
    }

    fn signalled(&self) -> bool {
        self.signalled.get().is_some()
    }
}

fn login_of(n: u64) -> String {
    format!("u{n:06}")
}

fn millekod_of(n: u64) -> String {
    (20_000_000 + (n - 1) / 100).to_string()
}

/// A POST with our request id; the answer's status and JSON body, or the error.
async fn post(
    client: &reqwest::Client,
    url: String,
    token: Option<&str>,
    request_id: &str,
    idempotency_key: Option<&str>,
    body: Value,
) -> Result<(u16, Value), String> {
    let mut request = client
        .post(url)
        .header("x-request-id", request_id)
        .json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(key) = idempotency_key {
        request = request.header("idempotency-key", key);
    }
    let response = request.send().await.map_err(|e| error_kind(&e))?;
    let status = response.status().as_u16();
    let body = response.json().await.unwrap_or(Value::Null);
    Ok((status, body))
}

/// How a request without an answer failed, in a word or two.
fn error_kind(err: &reqwest::Error) -> String {
    let mut text = format!("{err:?}").to_lowercase();
    for (needle, kind) in [
        ("connectionrefused", "refused"),
        ("connection refused", "refused"),
        ("connectionreset", "reset"),
        ("connection reset", "reset"),
        ("incompletemessage", "closed mid-answer"),
        ("connection closed", "closed"),
        ("broken pipe", "broken pipe"),
    ] {
        if text.contains(needle) {
            return kind.to_owned();
        }
    }
    text.truncate(200);
    text
}

/// The SMS code of a challenge from the dev outbox, waited for without blocking the
/// runtime; `None` if it never comes (the server stopped first).
async fn sms_code(api: &Api, challenge: &Challenge) -> Option<String> {
    let reference = challenge.sms_reference.clone()?;
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        let code = api
            .outbox_entries()
            .into_iter()
            .rev()
            .find(|e| e["reference"] == reference.as_str())
            .and_then(|e| e["code"].as_str().map(str::to_owned));
        if code.is_some() {
            return code;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    None
}

/// Is the server gone (nothing listens any more)?
fn gone(result: &Result<(u16, Value), String>) -> bool {
    matches!(result, Err(kind) if kind == "refused")
}

/// One POST of a stream: what it is, whom it is about, where it goes.
struct Post<'a> {
    kind: Kind,
    /// Our `x-request-id` (and, for a phone chunk, its idempotency key).
    request_id: String,
    users: Vec<u64>,
    url: String,
    token: Option<&'a str>,
    idempotency_key: bool,
    body: Value,
}

/// How a POST ended, for the stream that sent it.
struct Ended {
    /// The answer's body, when it was 2xx.
    ok_body: Option<Value>,
    /// Nothing listens any more: the stream stops.
    gone: bool,
}

impl Log {
    /// Send `post` and record how it ended, whether the signal came before or during.
    async fn send(&self, client: &reqwest::Client, post: Post<'_>) -> Ended {
        let after_signal = self.signalled();
        let key = post.idempotency_key.then_some(post.request_id.as_str());
        let result = self::post(
            client,
            post.url,
            post.token,
            &post.request_id,
            key,
            post.body,
        )
        .await;
        let ended = Ended {
            ok_body: match &result {
                Ok((200..=299, body)) => Some(body.clone()),
                _ => None,
            },
            gone: gone(&result),
        };
        self.record(Sent {
            kind: post.kind,
            request_id: post.request_id,
            users: post.users,
            status: result.as_ref().ok().map(|(s, _)| *s),
            error: result.err(),
            after_signal,
            ended_after_signal: false,
        });
        ended
    }
}

/// Logins of new synthetic users, start then complete, until the server is gone.
async fn login_stream(api: Api, log: Arc<Log>) {
    let client = reqwest::Client::new();
    loop {
        let n = log.next_login.fetch_add(1, Ordering::SeqCst) as u64 + 1;
        if n > 1_000 {
            return;
        }
        let (kod, login) = (millekod_of(n), login_of(n));
        let started = log
            .send(
                &client,
                Post {
                    kind: Kind::LoginStart,
                    request_id: format!("sd-start-{n}"),
                    users: vec![n],
                    url: format!("{}/v1/sessions", api.base),
                    token: None,
                    idempotency_key: false,
                    body: json!({"millekod": kod, "login": login}),
                },
            )
            .await;
        if started.gone {
            return;
        }
        let challenge: Option<Challenge> = started
            .ok_body
            .and_then(|body| serde_json::from_value(body).ok());
        let Some(challenge) = challenge else { continue };
        let Some(otp) = sms_code(&api, &challenge).await else {
            continue;
        };
        let answer: CompleteLogin = login_answer(&challenge, &format!("{login}Pass1"), &otp);
        let completed = log
            .send(
                &client,
                Post {
                    kind: Kind::LoginComplete,
                    request_id: format!("sd-login-{n}"),
                    users: vec![n],
                    url: format!("{}/v1/sessions/{}", api.base, challenge.challenge_id),
                    token: None,
                    idempotency_key: false,
                    body: serde_json::to_value(&answer).expect("json"),
                },
            )
            .await;
        if completed.gone {
            return;
        }
    }
}

/// HelpDesk unblocks (current password) of blocked synthetic users.
async fn unblock_stream(api: Api, token: String, log: Arc<Log>) {
    let client = reqwest::Client::new();
    loop {
        let n = 1_000 + log.next_unblock.fetch_add(1, Ordering::SeqCst) as u64 + 1;
        if n > 2_000 {
            return;
        }
        let request = UnblockRequest {
            mode: UnblockMode::CurrentPassword,
            reason: Some("SD-17".into()),
            dry_run: false,
        };
        let (kod, login) = (millekod_of(n), login_of(n));
        let unblocked = log
            .send(
                &client,
                Post {
                    kind: Kind::Unblock,
                    request_id: format!("sd-unblock-{n}"),
                    users: vec![n],
                    url: format!("{}/v1/companies/{kod}/users/{login}/unblock", api.base),
                    token: Some(&token),
                    idempotency_key: false,
                    body: serde_json::to_value(&request).expect("json"),
                },
            )
            .await;
        if unblocked.gone {
            return;
        }
    }
}

/// Chunks of phone changes, each moving its own users to +48 600 000 000 + n.
async fn phone_stream(api: Api, token: String, log: Arc<Log>) {
    let client = reqwest::Client::new();
    loop {
        let chunk = log.next_chunk.fetch_add(1, Ordering::SeqCst) as u64;
        let first = 2_001 + chunk * CHUNK_ROWS;
        if first + CHUNK_ROWS - 1 > USERS {
            return;
        }
        let users: Vec<u64> = (first..first + CHUNK_ROWS).collect();
        let rows: Vec<Value> = users
            .iter()
            .map(|&n| {
                json!({"millekod": millekod_of(n), "login": login_of(n),
                       "phone": format!("+48{}", 600_000_000 + n)})
            })
            .collect();
        let id = format!("sd-chunk-{chunk}");
        let sent = log
            .send(
                &client,
                Post {
                    kind: Kind::PhoneChunk,
                    request_id: id.clone(),
                    users,
                    url: format!("{}/v1/phone-changes", api.base),
                    token: Some(&token),
                    idempotency_key: true,
                    body: json!({"batch_id": id, "reason": "SD-17", "changes": rows}),
                },
            )
            .await;
        if sent.gone {
            return;
        }
    }
}

/// Audit records left by one request id.
async fn audited(server: &TestServer, request_id: &str) -> i64 {
    server
        .count_sql(&format!(
            "SELECT COUNT(*) FROM audit WHERE request_id = '{request_id}'"
        ))
        .await
}

/// Check one request against the database: applied once if answered 2xx, not at all
/// otherwise. Runs with the server stopped.
async fn check(server: &TestServer, sent: &Sent) {
    let ok = sent.status.is_some_and(|s| (200..300).contains(&s));
    if !ok {
        // Refusals of our own making would be a bug of the test, not of the shutdown.
        if let Some(status) = sent.status {
            assert!(
                status == 503 || status == 429,
                "{} answered {status}: {sent:?}",
                sent.request_id
            );
        }
    }
    match sent.kind {
        // A start writes a challenge, not an audit record: nothing to count.
        Kind::LoginStart => {}
        Kind::LoginComplete => {
            let records = server
                .count_sql(&format!(
                    "SELECT COUNT(*) FROM audit WHERE request_id = '{}' \
                     AND action = 'login' AND outcome = 'success'",
                    sent.request_id
                ))
                .await;
            let expected = i64::from(ok);
            assert_eq!(records, expected, "{sent:?}");
            if !ok {
                assert_eq!(audited(server, &sent.request_id).await, 0, "{sent:?}");
            }
        }
        Kind::Unblock => {
            let n = sent.users[0];
            let unblocked = server
                .count_sql(&format!(
                    "SELECT COUNT(*) FROM users WHERE login = '{}' AND status = 'active'",
                    login_of(n)
                ))
                .await;
            let records = server
                .count_sql(&format!(
                    "SELECT COUNT(*) FROM audit WHERE request_id = '{}' \
                     AND action = 'user.unblock'",
                    sent.request_id
                ))
                .await;
            assert_eq!(
                (unblocked, records),
                (i64::from(ok), i64::from(ok)),
                "{sent:?}"
            );
        }
        Kind::PhoneChunk => {
            let logins: Vec<String> = sent
                .users
                .iter()
                .map(|&n| format!("'{}'", login_of(n)))
                .collect();
            let moved = server
                .count_sql(&format!(
                    "SELECT COUNT(*) FROM users WHERE login IN ({}) AND phone LIKE '+486%'",
                    logins.join(",")
                ))
                .await;
            let records = server
                .count_sql(&format!(
                    "SELECT COUNT(*) FROM audit WHERE action = 'phone.set' \
                     AND detail LIKE 'batch {}:%'",
                    sent.request_id
                ))
                .await;
            let expected = if ok { CHUNK_ROWS as i64 } else { 0 };
            assert_eq!((moved, records), (expected, expected), "{sent:?}");
        }
    }
}

/// Counts by (kind, before/after the signal, outcome) for the note.
fn figures(sent: &[Sent]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for s in sent {
        let when = match (s.after_signal, s.ended_after_signal) {
            (true, _) => "sent after",
            (false, true) => "in flight at",
            (false, false) => "ended before",
        };
        let outcome = match (s.status, &s.error) {
            (Some(status), _) => status.to_string(),
            (None, Some(kind)) => kind.clone(),
            (None, None) => "?".into(),
        };
        *counts
            .entry(format!("{when} signal {:?} {outcome}", s.kind))
            .or_insert(0) += 1;
    }
    counts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigterm_mid_traffic_loses_nothing_answered_and_applies_nothing_unanswered() {
    let limits = [
        "--seed-users",
        "3000",
        "--shutdown-timeout",
        "20s",
        "--bulk-concurrency",
        "16",
        "--login-starts-per-source-per-minute",
        "100000",
        "--login-starts-burst",
        "100000",
        "--login-checks-per-source-per-minute",
        "100000",
        "--login-checks-burst",
        "100000",
        "--argon2-queue",
        "64",
        "--argon2-queue-timeout-ms",
        "30000",
    ];
    for_every_db(async |db| {
        let mut server = TestServer::start_with_args(&db, &limits).await;
        server
            .execute_sql(
                "UPDATE users SET status = 'blocked', attempts_left = 0, failed_attempts = 3 \
                 WHERE login BETWEEN 'u001001' AND 'u002000'",
            )
            .await
            .expect("block the users to unblock");

        let log = Arc::new(Log::default());
        let api = server.api();
        let token = server.creds.api_token.clone();
        let mut streams = tokio::task::JoinSet::new();
        for i in 0..STREAMS {
            let (api, log, token) = (api.clone(), log.clone(), token.clone());
            match i % 3 {
                0 => streams.spawn(login_stream(api, log)),
                1 => streams.spawn(unblock_stream(api, token, log)),
                _ => streams.spawn(phone_stream(api, token, log)),
            };
        }

        wait_for(
            "requests answered before the signal",
            Duration::from_secs(120),
            || log.answered.load(Ordering::SeqCst) >= ANSWERED_BEFORE_SIGNAL,
        )
        .await;
        let answered_before = log.answered.load(Ordering::SeqCst);
        let signalled = Instant::now();
        let _ = log.signalled.set(signalled);
        let pid = libc::pid_t::try_from(server.pid()).expect("pid");
        // SAFETY: kill(2) on our own child's pid, with a valid signal number.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0, "kill -TERM");

        let status = server
            .wait_for_exit(SHUTDOWN_TIMEOUT + Duration::from_secs(10))
            .await
            .expect("the server did not exit after SIGTERM");
        let exited_after = signalled.elapsed();
        streams.join_all().await;

        let log_text = server.plain_log();
        assert!(status.success(), "exit status {status}:\n{log_text}");
        assert!(
            exited_after < SHUTDOWN_TIMEOUT,
            "exited {exited_after:?} after SIGTERM"
        );
        assert!(log_text.contains("database closed"), "{log_text}");

        let sent = log.sent.lock().expect("log").clone();
        let answered_after = sent
            .iter()
            .filter(|s| s.ended_after_signal && s.status.is_some())
            .count();
        let server_shutdown_ms = log_text
            .lines()
            .find(|l| l.contains("stopped"))
            .and_then(|l| l.split("shutdown_ms=").nth(1))
            .and_then(|v| v.split_whitespace().next())
            .unwrap_or("?")
            .to_owned();
        eprintln!(
            "---- shutdown on {db}: {} requests, {answered_before} answered before SIGTERM, \
             {answered_after} answered after it; exit 0 {exited_after:?} after SIGTERM \
             (server's own count: {server_shutdown_ms} ms)",
            sent.len()
        );
        for (what, count) in figures(&sent) {
            eprintln!("     {count:5}  {what}");
        }
        for line in log_text.lines().filter(|l| {
            l.contains("requests in flight finished")
                || l.contains("WAL copied")
                || l.contains("stopped")
        }) {
            eprintln!("     server: {}", line.trim());
        }

        // With the server stopped: each request against the database.
        for s in &sent {
            check(&server, s).await;
        }
        let applied = |kind: Kind| {
            sent.iter()
                .filter(|s| s.kind == kind && s.status.is_some_and(|c| (200..300).contains(&c)))
                .count()
        };
        assert!(applied(Kind::LoginComplete) > 0, "no login got through");
        assert!(applied(Kind::Unblock) > 0, "no unblock got through");
        assert!(applied(Kind::PhoneChunk) > 0, "no phone chunk got through");
        if server.database_url.is_none() {
            // The last checkpoint emptied the WAL: the database file alone is whole.
            let wal = server.sqlite_path().with_extension("db-wal");
            let wal_bytes = std::fs::metadata(&wal).map_or(0, |m| m.len());
            assert_eq!(wal_bytes, 0, "{} left behind", wal.display());
        }

        // The database opens cleanly: the same server again, and a login.
        server.restart().await;
        let ready = server.api().get("/v1/health/ready").await;
        assert_eq!(ready.status.as_u16(), 200, "{}", ready.body);
        server.login_user("12345678", "ewa").await;
    })
    .await;
}
