//! Issue 17, logs: one line per request (request id, method, route template, status,
//! latency, kind of caller), JSON by default when stderr is not a terminal, text on
//! demand, and never a colour escape in a file. Read from the log file the server
//! writes, as an operator would.

use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::helpers::*;

/// The JSON objects of the log (stdout's lines are in the same file, and are not).
fn json_lines(log: &str) -> Vec<Value> {
    log.lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect()
}

/// The request line of `request_id`, waiting for it (it is written after the answer).
async fn request_line(server: &TestServer, request_id: &str) -> Value {
    let mut found = None;
    wait_for("the request's log line", Duration::from_secs(30), || {
        found = json_lines(&server.log())
            .into_iter()
            .find(|line| line["target"] == "millectl::access" && line["request_id"] == request_id);
        found.is_some()
    })
    .await;
    found.unwrap_or_default()
}

async fn get(server: &TestServer, path: &str, token: Option<&str>, request_id: &str) -> u16 {
    let mut request = server
        .client
        .get(format!("{}{path}", server.url))
        .header("x-request-id", request_id);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.expect("request").status().as_u16()
}

#[tokio::test]
async fn each_request_is_one_json_line_with_its_route_template_and_caller() {
    // Arrange: a company user's session, an operator's and the dev API token.
    let server = TestServer::start_with_args(&Db::Sqlite, &["--log-format", "json"]).await;
    let ewa = server.login_user("12345678", "ewa").await;
    let operator = server.login_operator().await;
    let user_path = "/v1/companies/12345678/users/jan";
    let cases = [
        (
            "logs-token",
            user_path,
            server.creds.api_token.clone(),
            200u16,
            "api_token",
        ),
        (
            "logs-operator",
            user_path,
            operator.token.clone().expect("token"),
            200,
            "operator",
        ),
        (
            "logs-user",
            "/v1/me",
            ewa.token.clone().expect("token"),
            200,
            "user",
        ),
        (
            "logs-anonymous",
            user_path,
            "mls_not-a-session".to_owned(),
            401,
            "anonymous",
        ),
    ];

    for (request_id, path, token, status, actor) in cases {
        // Act
        assert_eq!(get(&server, path, Some(&token), request_id).await, status);

        // Assert
        let line = request_line(&server, request_id).await;
        assert_eq!(line["level"], "INFO", "{line}");
        assert_eq!(line["method"], "GET", "{line}");
        assert_eq!(line["status"], status, "{line}");
        assert_eq!(line["actor"], actor, "{line}");
        assert!(
            line["latency_ms"].as_f64().is_some_and(|ms| ms >= 0.0),
            "{line}"
        );
        assert!(line["timestamp"].is_string(), "{line}");
        let expected = if path == user_path {
            "/v1/companies/{millekod}/users/{login}"
        } else {
            path
        };
        assert_eq!(line["route"], expected, "{line}");
    }

    // A path that matches no route is not logged as sent.
    assert_eq!(
        get(&server, "/v1/x/12345678/jan", None, "logs-nowhere").await,
        404
    );
    let line = request_line(&server, "logs-nowhere").await;
    assert_eq!(
        (line["route"].as_str(), line["status"].as_u64()),
        (Some("-"), Some(404))
    );

    // No request line names the company or the person asked about.
    let routes: Vec<String> = json_lines(&server.log())
        .iter()
        .filter(|line| line["target"] == "millectl::access")
        .map(|line| line["route"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert!(routes.len() >= 5, "{routes:?}");
    assert!(
        routes
            .iter()
            .all(|r| !r.contains("12345678") && !r.contains("jan")),
        "{routes:?}"
    );
}

#[tokio::test]
async fn text_on_demand_and_no_colour_escape_in_the_file() {
    // Arrange
    let server = TestServer::start_with_args(&Db::Sqlite, &["--log-format", "text"]).await;

    // Act
    assert_eq!(get(&server, "/v1/health", None, "logs-text").await, 200);

    // Assert
    // The request line, not the debug lines of the request's span.
    let line = server
        .wait_for_log_line("request request_id=logs-text")
        .await;
    assert!(line.contains("millectl::access"), "{line}");
    for field in [
        "route=/v1/health",
        "status=200",
        "actor=anonymous",
        "latency_ms=",
    ] {
        assert!(line.contains(field), "no {field} in {line}");
    }
    let log = server.log();
    assert!(json_lines(&log).is_empty(), "JSON in a text log:\n{log}");
    assert!(
        !log.contains('\u{1b}'),
        "a colour escape in the log file:\n{log}"
    );
}

/// With no `--log-format` (nor `MILLECTL_LOG_FORMAT`), a server whose stderr is a file
/// logs JSON, without a colour escape.
#[tokio::test]
async fn a_server_logging_to_a_file_logs_json_by_default() {
    // Arrange: a dev server started by hand, so no helper's choice of format applies.
    let dir = tempfile::tempdir().expect("dir");
    let log_path = dir.path().join("server.log");
    let log = std::fs::File::create(&log_path).expect("log");
    let mut child = Command::new(bin())
        .args(["server", "--dev", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path())
        .env_remove("MILLECTL_LOG_FORMAT")
        .env_remove("MILLECTL_CONFIG")
        .env_remove("MILLECTL_LOG")
        .env_remove("MILLECTL_PEPPER")
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("log"))
        .stderr(log)
        .spawn()
        .expect("spawn");
    let creds = dir.path().join("dev-credentials.json");
    wait_for("the dev server", Duration::from_secs(60), || {
        assert!(matches!(child.try_wait(), Ok(None)), "the server exited");
        creds.exists()
    })
    .await;
    let url = Credentials::read(&creds).server;

    // Act
    let health = reqwest::Client::new()
        .get(format!("{url}/v1/health"))
        .header("x-request-id", "logs-default")
        .send()
        .await
        .expect("health");
    assert_eq!(health.status(), 200);

    // Assert
    let mut text = String::new();
    wait_for("the request line", Duration::from_secs(30), || {
        text = std::fs::read_to_string(&log_path).unwrap_or_default();
        text.contains("logs-default")
    })
    .await;
    let _ = child.kill();
    let _ = child.wait();
    let lines = json_lines(&text);
    assert!(
        lines
            .iter()
            .any(|l| l["request_id"] == "logs-default" && l["route"] == "/v1/health"),
        "{text}"
    );
    assert!(
        !text.contains('\u{1b}'),
        "a colour escape in the log file:\n{text}"
    );
    // Every line is JSON but the dev server's greeting on stdout.
    let greeting = [
        "millectl dev server ready",
        "management:",
        "credentials:",
        "SMS outbox:",
    ];
    let not_json: Vec<&str> = text
        .lines()
        .filter(|l| serde_json::from_str::<Value>(l).is_err())
        .filter(|l| !greeting.iter().any(|g| l.starts_with(g)))
        .collect();
    assert!(not_json.is_empty(), "{not_json:?}");
}

/// A production server (no `--dev`) logging JSON writes nothing else to stderr: its
/// start says where it listens in a JSON event, not in a line of text.
#[tokio::test]
async fn a_server_logging_json_writes_only_json_from_its_start() {
    // Arrange
    let dir = tempfile::tempdir().expect("dir");
    let pepper = dir.path().join("pepper");
    let made = Command::new(bin())
        .args(["server", "init-pepper"])
        .arg(&pepper)
        .output()
        .expect("init-pepper");
    assert!(made.status.success(), "{made:?}");
    let log_path = dir.path().join("server.log");
    let log = std::fs::File::create(&log_path).expect("log");

    // Act
    let mut child = Command::new(bin())
        .args(["server", "--listen", "127.0.0.1:0", "--log-format", "json"])
        .arg("--database")
        .arg(format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("m.db").display()
        ))
        .arg("--pepper-file")
        .arg(&pepper)
        .env_remove("MILLECTL_LOG_FORMAT")
        .env_remove("MILLECTL_CONFIG")
        .env_remove("MILLECTL_LOG")
        .env_remove("MILLECTL_PEPPER")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("spawn");
    let mut text = String::new();
    wait_for("the listening event", Duration::from_secs(60), || {
        assert!(matches!(child.try_wait(), Ok(None)), "the server exited");
        text = std::fs::read_to_string(&log_path).unwrap_or_default();
        text.contains("listening")
    })
    .await;
    let _ = child.kill();
    let _ = child.wait();

    // Assert
    let not_json: Vec<&str> = text
        .lines()
        .filter(|l| serde_json::from_str::<Value>(l).is_err())
        .collect();
    assert!(not_json.is_empty(), "{not_json:?}");
    assert!(
        json_lines(&text).iter().any(|l| l["message"] == "listening"
            && l["url"]
                .as_str()
                .is_some_and(|u| u.starts_with("http://127.0.0.1:"))),
        "{text}"
    );
}
