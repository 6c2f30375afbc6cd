//! Health, the OpenAPI document, and the `millectl server` command line: transport
//! safety, option ranges, and the bootstrap of an operator who then logs in over the API.

use std::collections::BTreeSet;

use crate::helpers::*;
use millectl::api::{Flow, Health, Liveness, Me, PrincipalView, Readiness, SessionCreated};
use reqwest::Method;

/// Every route of `/v1` (besides the document itself), as (method, path).
const ROUTES: &[(&str, &str)] = &[
    ("get", "/v1/health"),
    ("get", "/v1/health/live"),
    ("get", "/v1/health/ready"),
    ("post", "/v1/sessions"),
    ("post", "/v1/sessions/{challenge_id}"),
    ("delete", "/v1/sessions/current"),
    ("get", "/v1/me"),
    ("post", "/v1/companies"),
    ("get", "/v1/companies/{millekod}/users"),
    ("post", "/v1/companies/{millekod}/users"),
    ("get", "/v1/companies/{millekod}/users/{login}"),
    ("get", "/v1/companies/{millekod}/users/{login}/history"),
    ("get", "/v1/users"),
    ("post", "/v1/companies/{millekod}/users/{login}/unblock"),
    (
        "post",
        "/v1/companies/{millekod}/users/{login}/password-reset",
    ),
    (
        "post",
        "/v1/companies/{millekod}/users/{login}/access-password",
    ),
    ("post", "/v1/operators/{login}/unblock"),
    ("get", "/v1/approvals"),
    ("post", "/v1/approvals/{id}/approve"),
    ("post", "/v1/companies/{millekod}/users/{login}/envelope"),
    ("put", "/v1/companies/{millekod}/users/{login}/phone"),
    (
        "put",
        "/v1/companies/{millekod}/users/{login}/password-masking",
    ),
    ("put", "/v1/companies/{millekod}/users/{login}/token"),
    (
        "post",
        "/v1/companies/{millekod}/users/{login}/token/withdraw",
    ),
    ("put", "/v1/companies/{millekod}/users/{login}/suspension"),
    (
        "delete",
        "/v1/companies/{millekod}/users/{login}/suspension",
    ),
    ("post", "/v1/token-inventory"),
    ("get", "/v1/token-inventory"),
    ("get", "/v1/api-tokens"),
    ("post", "/v1/api-tokens"),
    ("delete", "/v1/api-tokens/{id}"),
    ("get", "/v1/audit"),
    ("post", "/v1/phone-changes"),
];

#[tokio::test]
async fn health_names_the_database() {
    on_every_db(async |server| {
        let answer = server.api().get("/v1/health").await;
        assert_eq!(answer.status.as_u16(), 200, "{}", answer.body);
        let health: Health = answer.json();
        let expected = match server.db {
            Db::Sqlite => "sqlite",
            Db::Postgres(_) => "postgres",
        };
        assert_eq!(health.status, "ok");
        assert_eq!(health.database, expected);
        assert_eq!(health.version, env!("CARGO_PKG_VERSION"));
    })
    .await;
}

#[tokio::test]
async fn live_and_ready_answer_on_both_listeners_and_ready_needs_current_migrations() {
    on_every_db(async |server| {
        let management = server.api().on(&server.management());
        for api in [server.api(), management.clone()] {
            let live: Liveness = api.get("/v1/health/live").await.json();
            assert_eq!(live.status, "ok");
            let ready = api.get("/v1/health/ready").await;
            assert_eq!(ready.status.as_u16(), 200, "{}", ready.body);
            let ready: Readiness = ready.json();
            assert!(ready.schema_version > 0, "{ready:?}");
        }
        let newest: Readiness = server.api().get("/v1/health/ready").await.json();

        // A database behind this build's migrations: not ready, yet alive.
        server
            .execute_sql(&format!(
                "DELETE FROM schema_migrations WHERE version = {}",
                newest.schema_version
            ))
            .await
            .expect("forget the newest migration");
        for api in [server.api(), management] {
            // The database is looked at once a second at most: wait for the next look.
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
            let ready = loop {
                let ready = api.get("/v1/health/ready").await;
                if ready.status.as_u16() != 200 || std::time::Instant::now() > deadline {
                    break ready;
                }
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            };
            let problem = ready.expect_problem(503, "service_unavailable");
            assert!(
                problem.detail.contains("schema is older than this server"),
                "{:?}",
                problem.detail
            );
            // Which migration is the operator's business: the log's, not anyone's.
            let number = newest.schema_version.to_string();
            assert!(!problem.detail.contains(&number), "{:?}", problem.detail);
            assert_eq!(api.get("/v1/health/live").await.status.as_u16(), 200);
            assert_eq!(api.get("/v1/health").await.status.as_u16(), 200);
        }
    })
    .await;
}

#[tokio::test]
async fn a_flood_of_anonymous_health_checks_reads_the_database_about_once_a_second() {
    on_every_db(async |server| {
        let reads = r#"millectl_db_operation_duration_seconds_count{operation="schema_version"}"#;
        server.api().get("/v1/health/ready").await.expect_ok();
        let before = server.metric(reads).await;
        let started = std::time::Instant::now();

        // 32 at once (under the per-source connection cap), 384 in all.
        let mut probes = tokio::task::JoinSet::new();
        for i in 0..32 {
            let api = server.api();
            let path = if i % 2 == 0 {
                "/v1/health/ready"
            } else {
                "/v1/health"
            };
            probes.spawn(async move {
                for _ in 0..12 {
                    assert_eq!(api.get(path).await.status.as_u16(), 200);
                }
            });
        }
        while let Some(done) = probes.join_next().await {
            done.expect("probes");
        }

        // One read per second begun, and one more for the second it started in.
        let seconds = started.elapsed().as_secs_f64().ceil();
        let read = server.metric(reads).await - before;
        assert!(
            read <= seconds + 1.0,
            "384 probes in {seconds} s read the database {read} times"
        );
    })
    .await;
}

#[tokio::test]
async fn the_openapi_document_covers_every_route_and_nothing_else() {
    let server = TestServer::start().await;
    let answer = server.api().get("/v1/openapi.json").await;
    assert_eq!(answer.status.as_u16(), 200);
    assert_eq!(answer.content_type, "application/json");
    let doc = answer.body;
    assert!(
        doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")),
        "{}",
        doc["openapi"]
    );
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("path item").keys() {
            if ["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                documented.insert((method.clone(), path.clone()));
            }
        }
    }
    let expected: BTreeSet<_> = ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(documented, expected);
    assert!(doc["components"]["schemas"]["Problem"].is_object());

    // Each documented route is really served: no "no such route" 404, no 405.
    let api = server.api();
    for (method, path) in ROUTES {
        let concrete = path
            .replace("{millekod}", "12345678")
            .replace("{login}", "jan")
            .replace("{challenge_id}", "unknown")
            .replace("{id}", "unknown");
        let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
        let answer = api.send(method.clone(), &concrete, None).await;
        let status = answer.status.as_u16();
        let detail = answer.body["detail"].as_str().unwrap_or("");
        assert!(
            status != 405 && !detail.contains("no such route"),
            "{method} {concrete}: {status} {}",
            answer.body
        );
    }
}

#[test]
fn plain_http_off_loopback_is_refused_without_insecure_http() {
    let output = millectl()
        .args(["server", "--listen", "0.0.0.0:0"])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "it served: {stderr}");
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("--insecure-http"), "{stderr}");
    assert!(stderr.contains("0.0.0.0:0"), "{stderr}");
}

#[test]
fn a_lockout_limit_outside_one_to_five_is_invalid_input() {
    for limit in ["6", "0", "many"] {
        let output = millectl()
            .args(["server", "--dev", "--lockout-limit", limit])
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(7), "{limit}: {stderr}");
        assert!(stderr.contains("--lockout-limit"), "{stderr}");
    }
}

#[tokio::test]
async fn a_bootstrapped_operator_completes_a_first_login_over_the_api() {
    for_every_db(async |db| {
        let dir = tempfile::tempdir().expect("dir");
        let pepper = dir.path().join("pepper");
        let pepper_arg = pepper.display().to_string();
        millectl()
            .args(["server", "init-pepper", &pepper_arg])
            .assert()
            .success();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&pepper)
                .expect("pepper")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // A second init-pepper does not overwrite the key.
        millectl()
            .args(["server", "init-pepper", &pepper_arg])
            .assert()
            .failure();
        let database = match &db {
            Db::Sqlite => format!("sqlite://{}", dir.path().join("bank.db").display()),
            Db::Postgres(admin) => fresh_postgres_database(admin).await,
        };
        let added = millectl()
            .args([
                "server",
                "operator",
                "add",
                "alicja",
                "--database",
                &database,
            ])
            .args(["--pepper-file", &pepper_arg])
            .output()
            .expect("run");
        let stdout = String::from_utf8_lossy(&added.stdout).into_owned();
        assert!(
            added.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&added.stderr)
        );
        let temporary = printed(&stdout, "temporary password:");
        let seed = printed(&stdout, "token seed (base32):");
        let again = millectl()
            .args([
                "server",
                "operator",
                "add",
                "alicja",
                "--database",
                &database,
            ])
            .args(["--pepper-file", &pepper_arg])
            .output()
            .expect("run");
        assert_eq!(again.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&again.stderr).contains("exists already"));

        let args: Vec<String> = ["server", "--listen", "127.0.0.1:0", "--database", &database]
            .into_iter()
            .chain(["--pepper-file", &pepper_arg])
            .map(str::to_owned)
            .collect();
        let server = spawn_server(&args, dir.path()).await;
        let api = Api {
            base: server.url.clone(),
            client: reqwest::Client::new(),
            token: None,
            outbox: dir.path().join("no-outbox"),
        };
        let challenge = api.start_login(None, "alicja").await;
        assert_eq!(
            (challenge.flow, challenge.otp_method.as_str()),
            (Flow::FirstLogin, "token")
        );
        let new_password = "Alicja7Nowe3Haslo";
        let answer = new_password_answer(totp_code(&seed, 0), &temporary, new_password);
        let done = api.complete_login(&challenge.challenge_id, &answer).await;
        done.expect_ok();
        let session: SessionCreated = done.json();
        let operator = api.with_token(session.token.expose());
        let me: Me = operator.get("/v1/me").await.json();
        assert!(
            matches!(&me.principal, PrincipalView::Operator { login } if login.as_str() == "alicja")
        );
        let health: Health = api.get("/v1/health").await.json();
        assert_eq!(
            health.database,
            if matches!(db, Db::Sqlite) {
                "sqlite"
            } else {
                "postgres"
            }
        );

        // From now on a normal login: masked characters of the new password.
        let challenge = api.start_login(None, "alicja").await;
        assert_eq!(challenge.flow, Flow::Login);
        let answer = login_answer(&challenge, new_password, &totp_code(&seed, 1));
        api.complete_login(&challenge.challenge_id, &answer)
            .await
            .expect_ok();

        let log = std::fs::read_to_string(&server.log_path).expect("log");
        for secret in [&temporary, &seed, new_password] {
            assert!(!log.contains(secret), "a secret in the server log");
        }
    })
    .await;
}

#[tokio::test]
async fn a_client_request_id_is_kept_only_when_it_is_tame() {
    let server = TestServer::start().await;
    let client = reqwest::Client::new();
    let url = format!("{}/v1/health", server.url);

    let tame = client
        .get(&url)
        .header("x-request-id", "ticket-4711.a_b")
        .send()
        .await
        .expect("request");
    let hostile = client
        .get(&url)
        .header("x-request-id", "x'; DROP TABLE audit; --")
        .send()
        .await
        .expect("request");

    assert_eq!(tame.headers()["x-request-id"], "ticket-4711.a_b");
    let replaced = hostile.headers()["x-request-id"].to_str().expect("ascii");
    assert!(uuid::Uuid::parse_str(replaced).is_ok(), "{replaced}");
}

/// A pepper handed over in `MILLECTL_PEPPER` is taken out of the environment as the
/// server starts, and its bytes are overwritten where the kernel put them: neither a
/// child process nor a reader of `/proc/<pid>/environ` finds it.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn a_pepper_given_in_the_environment_leaves_it_at_start() {
    let server = TestServer::start().await;
    let pepper = std::fs::read_to_string(server.dir.path().join("pepper")).expect("pepper");
    let pepper = pepper.trim();
    let database = format!(
        "sqlite://{}",
        server.dir.path().join("millectl.db").display()
    );
    let args: Vec<String> = ["server", "--listen", "127.0.0.1:0", "--database", &database]
        .map(str::to_owned)
        .to_vec();
    let replica =
        spawn_server_with_env(&args, server.dir.path(), &[("MILLECTL_PEPPER", pepper)]).await;
    let health = reqwest::get(format!("{}/v1/health", replica.url))
        .await
        .expect("health");
    assert_eq!(health.status(), 200);
    let environ = std::fs::read(format!("/proc/{}/environ", replica.pid())).expect("environ");
    let environ = String::from_utf8_lossy(&environ);
    assert!(
        environ.contains("MILLECTL_LOG="),
        "not the server's environment"
    );
    assert!(
        !environ.contains(pepper),
        "the pepper is still in the environment"
    );
    let log = std::fs::read_to_string(&replica.log_path).expect("log");
    assert!(!log.contains(pepper), "the pepper in the log");

    // The variable was read: a malformed one is refused by name, and not echoed.
    let output = millectl()
        .args(&args)
        .env("MILLECTL_PEPPER", "not-a-pepper-0123")
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("MILLECTL_PEPPER is not a valid pepper"),
        "{stderr}"
    );
    assert!(!stderr.contains("not-a-pepper-0123"), "{stderr}");
}
