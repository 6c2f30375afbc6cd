//! SMS through the webhook gateway, and session timeouts.

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use serde_json::{json, Value};

use millectl::api::UnblockMode;

use crate::helpers::*;

/// What the gateway saw: the Authorization header and the JSON body of each request.
type Received = Arc<Mutex<Vec<(Option<String>, Value)>>>;

/// A stand-in SMS gateway: records what it gets, answers with `status` (which a test
/// may change with `answer_with`).
struct Gateway {
    url: String,
    received: Received,
    status: Arc<AtomicU16>,
}

impl Gateway {
    fn answer_with(&self, status: StatusCode) {
        self.status.store(status.as_u16(), Ordering::SeqCst);
    }
}

async fn gateway(status: StatusCode) -> Gateway {
    let received: Received = Arc::default();
    let sink = received.clone();
    let status = Arc::new(AtomicU16::new(status.as_u16()));
    let answer = status.clone();
    let app = axum::Router::new().route(
        "/sms",
        post(move |headers: HeaderMap, body: axum::Json<Value>| {
            let sink = sink.clone();
            let status = StatusCode::from_u16(answer.load(Ordering::SeqCst))
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            async move {
                let auth = headers
                    .get("authorization")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                sink.lock().expect("lock").push((auth, body.0));
                status
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/sms", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await });
    Gateway {
        url,
        received,
        status,
    }
}

async fn server_with_gateway(gateway: &Gateway) -> TestServer {
    server_with_gateway_on(gateway, Db::Sqlite).await
}

async fn server_with_gateway_on(gateway: &Gateway, db: Db) -> TestServer {
    let secret_file = tempfile::NamedTempFile::new().expect("temp");
    std::fs::write(secret_file.path(), "gateway-secret-1234\n").expect("write");
    let server = TestServer::start_with(ServerOptions {
        extra_args: vec![
            "--sms-webhook-url".into(),
            gateway.url.clone(),
            "--sms-webhook-token-file".into(),
            secret_file.path().display().to_string(),
        ],
        db,
    })
    .await;
    drop(secret_file);
    server
}

#[tokio::test]
async fn sms_codes_go_to_the_gateway_with_its_bearer_secret() {
    let gateway = gateway(StatusCode::OK).await;
    let server = server_with_gateway(&gateway).await;

    let challenge = server.api().start_login(Some("12345678"), "ewa").await;

    // Sent after the answer: wait for it.
    wait_for("the SMS at the gateway", Duration::from_secs(30), || {
        !gateway.received.lock().expect("lock").is_empty()
    })
    .await;
    let received = gateway.received.lock().expect("lock").clone();
    assert_eq!(received.len(), 1, "{received:?}");
    let (auth, body) = &received[0];
    assert_eq!(auth.as_deref(), Some("Bearer gateway-secret-1234"));
    assert_eq!(body["to"], "+48601234567");
    let text = body["text"].as_str().expect("text");
    // "… H@slo SMS nr <number> do logowania: <code>": the number the screen shows too.
    let code = text.rsplit(": ").next().unwrap_or("");
    assert!(
        code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()),
        "{text}"
    );
    let number = challenge.sms_reference.as_deref().expect("an SMS number");
    assert!(text.contains(&format!("nr {number} ")), "{text}");
    assert_eq!(challenge.sms_sent_to.as_deref(), Some("+48******567"));
    assert!(
        !server.dir.path().join("sms-outbox.jsonl").exists(),
        "with a gateway nothing goes to the outbox"
    );
    // The code from the gateway logs ewa in.
    let ewa = server.user("12345678", "ewa");
    let answer = server
        .api()
        .complete_login(
            &challenge.challenge_id,
            &login_answer(&challenge, ewa.password.as_deref().expect("pw"), code),
        )
        .await;
    answer.expect_ok();
}

#[tokio::test]
async fn a_failing_gateway_does_not_show_in_the_answer_to_step_one() {
    // Before, step 1 waited for the gateway and answered 502 for SMS users alone: who
    // exists and logs in by SMS showed in the status (and the time) of the answer.
    let gateway = gateway(StatusCode::SERVICE_UNAVAILABLE).await;
    let server = server_with_gateway(&gateway).await;

    let answer = server
        .api()
        .post(
            "/v1/sessions",
            json!({"millekod": "12345678", "login": "ewa"}),
        )
        .await;

    answer.expect_ok();
    assert_eq!(answer.body["otp_method"], "sms");
    assert_eq!(answer.body["sms_sent_to"], "+48******567");
    // Still tried three times, after the answer, and logged with the masked number.
    wait_for(
        "three tries at the gateway",
        Duration::from_secs(30),
        || gateway.received.lock().expect("lock").len() == 3,
    )
    .await;
    wait_for("the failure in the log", Duration::from_secs(30), || {
        server.log().contains("queued SMS dropped")
    })
    .await;
    assert!(server.log().contains("+48******567"), "{}", server.log());
}

#[tokio::test]
async fn an_unblock_whose_access_password_is_not_delivered_is_undone_and_can_be_retried() {
    for_every_db(async |db| {
        let gateway = gateway(StatusCode::SERVICE_UNAVAILABLE).await;
        let server = server_with_gateway_on(&gateway, db).await;
        unblock_with_a_failing_gateway(&gateway, &server).await;
    })
    .await;
}

async fn unblock_with_a_failing_gateway(gateway: &Gateway, server: &TestServer) {
    let desk = server.helpdesk_token();
    let before = desk.user_view("12345678", "jan").await;
    assert_eq!(before.status.as_str(), "blocked");

    let problem = desk
        .unblock("12345678", "jan", UnblockMode::NewPassword, None)
        .await
        .expect_problem(502, "sms_delivery_failed");
    assert!(
        problem
            .detail
            .contains("nothing changed, the user is still blocked"),
        "{}",
        problem.detail
    );
    assert_eq!(
        gateway.received.lock().expect("lock").len(),
        3,
        "three tries"
    );
    let after = desk.user_view("12345678", "jan").await;
    assert_eq!(
        (
            after.status.as_str(),
            after.failed_attempts,
            after.attempts_left,
            after.blocked_at
        ),
        (
            before.status.as_str(),
            before.failed_attempts,
            before.attempts_left,
            before.blocked_at
        ),
        "the user is exactly as before"
    );
    // Both steps are on record, newest first: the unblock, then its undoing.
    let outcomes: Vec<(String, Option<String>)> = desk
        .audit_of("12345678", "jan")
        .await
        .into_iter()
        .filter(|r| r.action == "user.unblock")
        .map(|r| (r.outcome, r.detail))
        .collect();
    assert_eq!(
        outcomes,
        [
            (
                "failure".to_owned(),
                Some(
                    "new_password: the one-time access password was not delivered; \
                     unblock undone"
                        .to_owned()
                )
            ),
            ("success".to_owned(), Some("new_password".to_owned())),
        ]
    );

    // Once the gateway works again, the same unblock goes through.
    gateway.answer_with(StatusCode::OK);
    let answer = desk
        .unblock("12345678", "jan", UnblockMode::NewPassword, None)
        .await;
    answer.expect_ok();
    let view = desk.user_view("12345678", "jan").await;
    assert_eq!(view.status.as_str(), "awaiting_new_password");
    assert_eq!(gateway.received.lock().expect("lock").len(), 4);
}

#[tokio::test]
async fn a_required_password_change_whose_access_password_is_not_delivered_is_undone() {
    for_every_db(async |db| {
        let gateway = gateway(StatusCode::SERVICE_UNAVAILABLE).await;
        let server = server_with_gateway_on(&gateway, db).await;
        let desk = server.helpdesk_token();
        let path = "/v1/companies/12345678/users/ewa/password-reset";
        let before = desk.user_view("12345678", "ewa").await;
        assert_eq!(before.status.as_str(), "active");

        let problem = desk
            .post(path, json!({}))
            .await
            .expect_problem(502, "sms_delivery_failed");
        assert!(
            problem.detail.contains("back as they were"),
            "{}",
            problem.detail
        );
        assert_eq!(desk.user_view("12345678", "ewa").await, before);
        let outcomes: Vec<String> = desk
            .audit_of("12345678", "ewa")
            .await
            .into_iter()
            .filter(|r| r.action == "user.password_reset")
            .map(|r| r.outcome)
            .collect();
        assert_eq!(outcomes, ["failure", "success"]);

        gateway.answer_with(StatusCode::OK);
        desk.post(path, json!({})).await.expect_ok();
        let after = desk.user_view("12345678", "ewa").await;
        assert_eq!(after.status.as_str(), "awaiting_new_password");
    })
    .await;
}

#[tokio::test]
async fn a_company_users_session_ends_after_idle_time() {
    let server = TestServer::start_with(ServerOptions {
        extra_args: vec!["--user-idle-seconds".into(), "1".into()],
        ..ServerOptions::default()
    })
    .await;
    let ewa = server.login_user("12345678", "ewa").await;
    ewa.get("/v1/me").await.expect_ok();

    // Idle expiry is about time passing, so this one test waits past the deadline.
    tokio::time::sleep(Duration::from_millis(1500)).await;

    ewa.get("/v1/me")
        .await
        .expect_problem(401, "unauthenticated");
}

#[tokio::test]
async fn tls_serves_https_with_the_given_certificate() {
    let certs = tempfile::tempdir().expect("temp");
    let (cert, key) = (certs.path().join("cert.pem"), certs.path().join("key.pem"));
    let made = std::process::Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        ])
        .args([
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ])
        .args(["-addext", "basicConstraints=critical,CA:FALSE"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let server = TestServer::start_with(ServerOptions {
        extra_args: vec![
            "--tls-cert".into(),
            cert.display().to_string(),
            "--tls-key".into(),
            key.display().to_string(),
        ],
        ..ServerOptions::default()
    })
    .await;
    assert!(server.url.starts_with("https://"), "{}", server.url);

    let pem = std::fs::read(&cert).expect("cert");
    let client = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(&pem).expect("pem"))
        .build()
        .expect("client");
    let health: Value = client
        .get(format!("{}/v1/health", server.url))
        .send()
        .await
        .expect("https request")
        .json()
        .await
        .expect("json");
    assert_eq!(health["status"], "ok");
    // Plain HTTP on the TLS port gets no API answer.
    let plain = reqwest::get(format!("{}/v1/health", server.url.replace("https", "http"))).await;
    assert!(plain.map_or(true, |r| !r.status().is_success()));
}
