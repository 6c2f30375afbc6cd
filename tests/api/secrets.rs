//! R12: no secret used in a run reaches the server log (text or JSON, request lines
//! included) or the audit (through the API or read straight from the database), nor
//! the raw SQLite file; the files of secrets the dev server writes are private to
//! their owner.

use millectl::api::{
    ApiTokenCreated, AuthTool, Challenge, CompleteLogin, CreateApiToken, Flow, Scope,
    SessionCreated, UserView,
};

use crate::helpers::*;
use serde_json::json;

/// Every secret of the run, with what it is, for the failure message.
#[derive(Default)]
struct Secrets(Vec<(String, String)>);

impl Secrets {
    fn add(&mut self, what: impl Into<String>, secret: impl Into<String>) {
        let secret = secret.into();
        assert!(secret.len() >= 6, "too short to scan for: {secret:?}");
        self.0.push((what.into(), secret));
    }

    /// The secrets found in `text`. A 6-digit code counts only where it stands alone
    /// (not inside a longer run of letters and digits such as a timestamp or an id).
    fn found_in(&self, text: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(_, secret)| {
                text.match_indices(secret.as_str()).any(|(at, _)| {
                    if secret.len() >= 12 {
                        return true;
                    }
                    let before = text[..at].chars().next_back();
                    let after = text[at + secret.len()..].chars().next();
                    !before.is_some_and(|c| c.is_ascii_alphanumeric())
                        && !after.is_some_and(|c| c.is_ascii_alphanumeric())
                })
            })
            .map(|(what, _)| what.clone())
            .collect()
    }
}

/// Step 2 of a login; the session token is a secret of the run too.
async fn complete(api: &Api, secrets: &mut Secrets, id: &str, answer: &CompleteLogin) -> Api {
    secrets.add(format!("otp of challenge {id}"), answer.otp.expose());
    let answer = api.complete_login(id, answer).await;
    answer.expect_ok();
    let session: SessionCreated = answer.json();
    secrets.add("session token", session.token.expose());
    api.with_token(session.token.expose())
}

/// A normal login (masked characters or the whole password, SMS or token code).
async fn login(
    server: &TestServer,
    secrets: &mut Secrets,
    millekod: Option<&str>,
    login: &str,
    password: &str,
    totp: Option<&str>,
) -> Api {
    let api = server.api();
    let challenge: Challenge = api.start_login(millekod, login).await;
    let otp = match challenge.otp_method {
        AuthTool::Sms => api.sms_code(&challenge),
        AuthTool::Token => totp_code(totp.expect("a token user"), 0),
    };
    let answer = login_answer(&challenge, password, &otp);
    complete(&api, secrets, &challenge.challenge_id, &answer).await
}

/// First login or new-password login: SMS code, temporary password, new password.
async fn set_password(
    server: &TestServer,
    secrets: &mut Secrets,
    login: &str,
    flow: Flow,
    temporary: &str,
) -> Api {
    let api = server.api();
    let challenge = api.start_login(Some("12345678"), login).await;
    assert_eq!(challenge.flow, flow, "{login}");
    let new_password = format!("Nowe{}9", &uuid::Uuid::new_v4().simple().to_string()[..12]);
    secrets.add(format!("new password of {login}"), new_password.clone());
    let otp = api.sms_code(&challenge);
    let answer = new_password_answer(otp, temporary, &new_password);
    complete(&api, secrets, &challenge.challenge_id, &answer).await
}

#[tokio::test]
async fn no_secret_of_a_full_run_reaches_the_text_log_or_the_audit() {
    full_run_keeps_every_secret_out("text").await;
}

/// The same run logged as JSON (`--log-format json`, production's default): scanned as
/// written, and with every string in it unescaped, so a secret with a `"` or `\` in it
/// cannot hide behind JSON's escapes.
#[tokio::test]
async fn no_secret_of_a_full_run_reaches_the_json_log() {
    full_run_keeps_every_secret_out("json").await;
}

/// Every string of every JSON line of `log`, one per line; lines that are not JSON
/// (what the dev server prints on stdout) are left out.
fn json_strings(log: &str) -> String {
    fn walk(value: &serde_json::Value, out: &mut String) {
        match value {
            serde_json::Value::String(text) => {
                out.push_str(text);
                out.push('\n');
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| {
                out.push_str(k);
                out.push('\n');
                walk(v, out);
            }),
            _ => {}
        }
    }
    let mut out = String::new();
    for line in log.lines() {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(line) {
            walk(&value, &mut out);
        }
    }
    out
}

async fn full_run_keeps_every_secret_out(log_format: &str) {
    on_every_db_with(&["--log-format", log_format], async |server| {
        let mut secrets = Secrets::default();
        let pepper = std::fs::read_to_string(server.dir.path().join("pepper")).expect("pepper");
        secrets.add("pepper", pepper.trim());
        let creds = server.creds.clone();
        secrets.add("dev API token", creds.api_token.clone());
        secrets.add("operator password", creds.operator.password.clone());
        secrets.add("operator TOTP seed", creds.operator.totp_secret.clone());
        for user in &creds.users {
            let name = format!("{}/{}", user.millekod, user.login);
            if let Some(p) = &user.password {
                secrets.add(format!("password of {name}"), p.clone());
            }
            if let Some(p) = &user.temporary_password {
                secrets.add(format!("temporary password of {name}"), p.clone());
            }
            if let Some(s) = &user.totp_secret {
                secrets.add(format!("TOTP seed of {name}"), s.clone());
            }
        }
        assert!(secrets.0.len() >= 12, "{} demo secrets", secrets.0.len());

        // Normal logins: SMS (ewa), token (anna), the operator.
        let ewa = server.user("12345678", "ewa");
        let ewa_api = login(
            &server,
            &mut secrets,
            Some("12345678"),
            "ewa",
            &ewa.password.expect("pw"),
            None,
        )
        .await;
        let anna = server.user("12345678", "anna");
        let anna_api = login(
            &server,
            &mut secrets,
            Some("12345678"),
            "anna",
            &anna.password.expect("pw"),
            anna.totp_secret.as_deref(),
        )
        .await;
        let operator = login(
            &server,
            &mut secrets,
            None,
            &creds.operator.login,
            &creds.operator.password,
            Some(&creds.operator.totp_secret),
        )
        .await;

        // piotr's first login with the envelope's password and a new password.
        let piotr = server.user("12345678", "piotr");
        let temporary = piotr.temporary_password.expect("envelope");
        set_password(&server, &mut secrets, "piotr", Flow::FirstLogin, &temporary).await;

        // jan forgot his password: unblock new_password, then the new-password login.
        let unblocked = operator
            .post(
                "/v1/companies/12345678/users/jan/unblock",
                json!({"mode": "new_password", "reason": "ticket 7"}),
            )
            .await;
        unblocked.expect_ok();
        assert_eq!(
            unblocked.json::<UserView>().status.as_str(),
            "awaiting_new_password"
        );
        let jan_phone = server.user("12345678", "jan").phone.expect("phone");
        let access = server
            .api()
            .access_password(&jan_phone)
            .expect("access password SMS");
        secrets.add("jan's one-time access password", access.clone());
        set_password(&server, &mut secrets, "jan", Flow::NewPassword, &access).await;

        // An API token for a script, used once.
        let created = operator
            .create_api_token(&CreateApiToken {
                name: "migration".into(),
                scopes: vec![Scope::UsersRead, Scope::PhonesWrite],
                expires_in_s: None,
                reason: None,
            })
            .await;
        assert_eq!(created.status.as_u16(), 201, "{}", created.body);
        let created: ApiTokenCreated = created.ok();
        secrets.add("new API token", created.token.expose());
        let script = server.api().with_token(created.token.expose());
        script.get("/v1/companies/12345678/users").await.expect_ok();
        ewa_api.get("/v1/me").await.expect_ok();
        anna_api.delete("/v1/sessions/current").await.expect_ok();

        // Every code the SMS outbox saw is a secret of the run too.
        let outbox = server.api().outbox_entries();
        assert!(outbox.len() >= 4, "{} SMS", outbox.len());
        for sms in &outbox {
            let what = format!("SMS {}", sms["kind"].as_str().unwrap_or("?"));
            secrets.add(what, sms["code"].as_str().expect("code"));
        }

        // The scan finds secrets where they are meant to be: the credentials file and
        // the SMS outbox (standing in for phones) hold them by design.
        let dir = server.dir.path();
        let files = std::fs::read_to_string(dir.join("dev-credentials.json")).expect("creds")
            + &std::fs::read_to_string(dir.join("sms-outbox.jsonl")).expect("outbox");
        let found = secrets.found_in(&files);
        for what in [
            "dev API token",
            "operator TOTP seed",
            "SMS login_code",
            "SMS access_password",
        ] {
            assert!(
                found.iter().any(|f| f == what),
                "the scan misses {what}: {found:?}"
            );
        }
        assert!(secrets.found_in(&format!("pepper={}.", pepper.trim())) == ["pepper"]);

        let log = server.log();
        assert!(
            log.contains("/v1/sessions"),
            "the log shows requests: {log}"
        );
        assert_eq!(
            secrets.found_in(&log),
            Vec::<String>::new(),
            "secrets in the server log"
        );
        if log_format == "json" {
            let strings = json_strings(&log);
            assert!(
                strings.contains("/v1/companies/{millekod}/users/{login}/unblock"),
                "request lines in the JSON log: {log}"
            );
            assert_eq!(
                secrets.found_in(&strings),
                Vec::<String>::new(),
                "secrets in the JSON log's strings"
            );
        }

        let audit = server.audit_records("").await;
        assert!(audit
            .iter()
            .any(|r| r["action"] == "login" && r["login"] == "jan"));
        let audit_text = serde_json::to_string(&audit).expect("json");
        assert_eq!(
            secrets.found_in(&audit_text),
            Vec::<String>::new(),
            "secrets in GET /v1/audit"
        );

        let table = server.dump_table("audit").await;
        assert_eq!(table.len(), audit.len(), "the API shows every audit row");
        assert!(
            table.iter().any(|row| row.contains("reason=ticket 7")),
            "{table:?}"
        );
        let table_text = table.join("\n");
        assert_eq!(
            secrets.found_in(&table_text),
            Vec::<String>::new(),
            "secrets in the audit table"
        );

        // The login attempts of the timeline (issue 15): written just after each
        // answer, and never with what was typed.
        let start = std::time::Instant::now();
        while server
            .count_sql("SELECT COUNT(*) FROM login_attempts")
            .await
            < 1
        {
            assert!(
                start.elapsed() < std::time::Duration::from_secs(20),
                "no attempts"
            );
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        let attempts = server.dump_table("login_attempts").await.join("\n");
        assert_eq!(
            secrets.found_in(&attempts),
            Vec::<String>::new(),
            "secrets in the login attempts table"
        );

        if matches!(server.db, Db::Sqlite) {
            // The whole database file: passwords, seeds, tokens and the pepper are
            // stored only hashed, sealed or not at all (R3).
            let mut bytes = Vec::new();
            for suffix in ["", "-wal"] {
                let path = format!("{}{suffix}", server.sqlite_path().display());
                bytes.extend(std::fs::read(path).unwrap_or_default());
            }
            assert!(bytes.len() > 4096, "the database file was read");
            let text = String::from_utf8_lossy(&bytes);
            let long: Vec<String> = secrets
                .found_in(&text)
                .into_iter()
                .filter(|what| !what.starts_with("otp") && !what.starts_with("SMS login_code"))
                .collect();
            assert_eq!(long, Vec::<String>::new(), "secrets in the SQLite file");
        }
    })
    .await;
}

#[cfg(unix)]
#[tokio::test]
async fn the_dev_secret_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    // Arrange: an SMS login, so the outbox exists; the database is in WAL mode, so
    // its -wal and -shm companions exist while the server runs.
    let server = TestServer::start().await;
    server.login_user("12345678", "ewa").await;

    // Assert: readable by the owner only, under any umask of whoever started it.
    let files = [
        "dev-credentials.json",
        "pepper",
        "sms-outbox.jsonl",
        "millectl.db",
        "millectl.db-wal",
        "millectl.db-shm",
    ];
    let open: Vec<String> = files
        .iter()
        .filter_map(|name| {
            let mode = std::fs::metadata(server.dir.path().join(name))
                .expect(name)
                .permissions()
                .mode()
                & 0o777;
            (mode != 0o600).then(|| format!("{name} {mode:o}"))
        })
        .collect();
    assert!(open.is_empty(), "not 0600: {open:?}");
}
