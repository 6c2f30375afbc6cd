//! The masked-password key in a PKCS#11 token (issue 13): `server mask-key generate`,
//! and a server started with `--mask-key-pkcs11-*` on a real SoftHSM2 token, one
//! fresh token per test (its own `softhsm2.conf` and token directory, handed to every
//! process through `SOFTHSM2_CONF`).
//!
//! The module is `MILLECTL_TEST_PKCS11_MODULE` or SoftHSM2's Debian path. Without it
//! these tests fail under CI (`.ci/run` installs SoftHSM2) and are skipped elsewhere,
//! with a line saying so.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::helpers::*;
use millectl::api::{Flow, SessionCreated};

const PIN: &str = "pin-4711-of-the-token";
const SO_PIN: &str = "so-pin-0815";

/// A fresh SoftHSM2 token in `dir`.
struct Token {
    module: String,
    conf: String,
    label: &'static str,
}

impl Token {
    /// `None`: no SoftHSM2 here and not under CI.
    fn init(dir: &Path, label: &'static str, test: &str) -> Option<Self> {
        let module = std::env::var_os("MILLECTL_TEST_PKCS11_MODULE")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("/usr/lib/softhsm/libsofthsm2.so"));
        if !module.is_file() {
            assert!(
                std::env::var_os("CI").is_none(),
                "no PKCS#11 module at {} (CI must install softhsm2; see .ci/run)",
                module.display()
            );
            eprintln!("skipped {test}: no SoftHSM2 (set MILLECTL_TEST_PKCS11_MODULE)");
            return None;
        }
        let tokens = dir.join("tokens");
        std::fs::create_dir_all(&tokens).expect("token dir");
        let conf = dir.join("softhsm2.conf");
        std::fs::write(
            &conf,
            format!(
                "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
                tokens.display()
            ),
        )
        .expect("softhsm2.conf");
        let token = Self {
            module: module.display().to_string(),
            conf: conf.display().to_string(),
            label,
        };
        let output = Command::new("softhsm2-util")
            .env("SOFTHSM2_CONF", &token.conf)
            .args(["--init-token", "--free", "--label", label])
            .args(["--pin", PIN, "--so-pin", SO_PIN])
            .output()
            .expect("softhsm2-util runs");
        assert!(
            output.status.success(),
            "softhsm2-util: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        Some(token)
    }

    /// `millectl server mask-key generate` for `key`, the PIN from `pin_file`.
    fn generate(&self, key: &str, pin_file: &Path) -> std::process::Output {
        millectl()
            .env("SOFTHSM2_CONF", &self.conf)
            .args(["server", "mask-key", "generate"])
            .args(["--pkcs11-module", &self.module])
            .args(["--pkcs11-token", self.label, "--key", key])
            .arg("--pkcs11-pin-file")
            .arg(pin_file)
            .output()
            .expect("run")
    }

    /// The server's flags for `key` (the PIN comes separately).
    fn server_args(&self, key: &str) -> Vec<String> {
        [
            "--mask-key-pkcs11-module",
            &self.module,
            "--mask-key-pkcs11-token",
            self.label,
            "--mask-key-pkcs11-key",
            key,
        ]
        .map(str::to_owned)
        .to_vec()
    }
}

fn write_secret(path: &Path, text: &str) -> PathBuf {
    std::fs::write(path, format!("{text}\n")).expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    }
    path.to_owned()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A pepper file and an operator in a fresh database; (database URL, pepper file,
/// temporary password, token seed).
async fn bootstrap(db: &Db, dir: &Path) -> (String, String, String, String) {
    let pepper = dir.join("pepper").display().to_string();
    millectl()
        .args(["server", "init-pepper", &pepper])
        .assert()
        .success();
    let database = match db {
        Db::Sqlite => format!("sqlite://{}", dir.join("bank.db").display()),
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
        .args(["--pepper-file", &pepper])
        .output()
        .expect("run");
    let stdout = text(&added.stdout);
    assert!(added.status.success(), "{stdout}{}", text(&added.stderr));
    let temporary = printed(&stdout, "temporary password:");
    let seed = printed(&stdout, "token seed (base32):");
    (database, pepper, temporary, seed)
}

/// Every row of `users` as text, straight from the database.
async fn users_rows(db: &Db, database: &str) -> String {
    use sqlx::Connection;
    match db {
        Db::Sqlite => {
            // The whole file (and its journal) rather than rows: nothing anywhere in it.
            let path = database.trim_start_matches("sqlite://");
            let mut all = std::fs::read(path).expect("database file");
            for suffix in ["-wal", "-journal"] {
                all.extend(std::fs::read(format!("{path}{suffix}")).unwrap_or_default());
            }
            text(&all)
        }
        Db::Postgres(_) => {
            let mut conn = sqlx::PgConnection::connect(database)
                .await
                .expect("postgres");
            sqlx::query_scalar::<_, Option<String>>(
                "SELECT string_agg(u::text, E'\\n') FROM users u",
            )
            .fetch_one(&mut conn)
            .await
            .expect("rows")
            .unwrap_or_default()
        }
    }
}

#[tokio::test]
async fn logins_go_through_a_key_that_stays_in_the_token() {
    for_every_db(async |db| {
        let dir = tempfile::tempdir().expect("dir");
        let Some(token) = Token::init(dir.path(), "millectl-mask", "logins_go_through_a_key")
        else {
            return;
        };
        let pin_file = write_secret(&dir.path().join("pin"), PIN);

        // Arrange: a key made in the token, an operator in the database.
        let generated = token.generate("mask-2026", &pin_file);
        assert!(generated.status.success(), "{}", text(&generated.stderr));
        assert_eq!(text(&generated.stdout).trim(), "pkcs11:mask-2026");
        let (database, pepper, temporary, seed) = bootstrap(&db, dir.path()).await;

        // Act: the server with the token's key, the PIN in the environment.
        let args: Vec<String> = ["server", "--listen", "127.0.0.1:0", "--database", &database]
            .into_iter()
            .chain(["--pepper-file", &pepper])
            .map(str::to_owned)
            .chain(token.server_args("mask-2026"))
            .collect();
        let server = spawn_server_with_env(
            &args,
            dir.path(),
            &[("MILLECTL_PKCS11_PIN", PIN), ("SOFTHSM2_CONF", &token.conf)],
        )
        .await;
        let api = Api {
            base: server.url.clone(),
            client: reqwest::Client::new(),
            token: None,
            outbox: dir.path().join("no-outbox"),
        };
        let challenge = api.start_login(None, "alicja").await;
        assert_eq!(challenge.flow, Flow::FirstLogin);
        let new_password = "Alicja7Nowe3Haslo";
        let answer = new_password_answer(totp_code(&seed, 0), &temporary, new_password);
        let done = api.complete_login(&challenge.challenge_id, &answer).await;
        done.expect_ok();
        let session: SessionCreated = done.json();
        let challenge = api.start_login(None, "alicja").await;
        assert_eq!(challenge.flow, Flow::Login);
        let answer = login_answer(&challenge, new_password, &totp_code(&seed, 1));
        api.complete_login(&challenge.challenge_id, &answer)
            .await
            .expect_ok();

        // Assert: the server names the key it uses, and the PIN is nowhere.
        let log = strip_ansi(&std::fs::read_to_string(&server.log_path).expect("log"));
        assert!(
            log.lines()
                .any(|l| l.contains("INFO") && l.contains("mask_key=pkcs11:mask-2026")),
            "{log}"
        );
        for secret in [PIN, &temporary, &seed, new_password, session.token.expose()] {
            assert!(!log.contains(secret), "a secret in the server log");
        }
        let environ = std::fs::read(format!("/proc/{}/environ", server.pid())).expect("environ");
        let environ = text(&environ);
        assert!(
            environ.contains("SOFTHSM2_CONF="),
            "not the server's environment"
        );
        assert!(
            !environ.contains(PIN),
            "the PIN is still in the environment"
        );
        let cmdline = std::fs::read(format!("/proc/{}/cmdline", server.pid())).expect("cmdline");
        assert!(!text(&cmdline).contains(PIN), "the PIN in argv");
        let rows = users_rows(&db, &database).await;
        assert!(rows.contains("alicja"), "not the users' rows");
        assert!(!rows.contains(PIN), "the PIN in the database");
        // The record names the token's key (issue 13's new scheme), and holds only
        // tags it made: nothing in the row checks a guess without the token.
        assert!(
            rows.contains("pkcs11:mask-2026"),
            "the record's key id: {rows}"
        );

        // Without the token, the same database and pepper check nothing: the record
        // names a key this server lacks. The login is refused as unavailable (503),
        // not as wrong, and gives its attempt back.
        drop(server);
        let pepper_only: Vec<String> =
            ["server", "--listen", "127.0.0.1:0", "--database", &database]
                .into_iter()
                .chain(["--pepper-file", &pepper])
                .map(str::to_owned)
                .collect();
        let bare = spawn_server_with_env(&pepper_only, dir.path(), &[]).await;
        let api = Api {
            base: bare.url.clone(),
            ..api
        };
        let before = attempts_left(&database, "alicja").await;
        let challenge = api.start_login(None, "alicja").await;
        let answer = login_answer(&challenge, new_password, &totp_code(&seed, 2));
        api.complete_login(&challenge.challenge_id, &answer)
            .await
            .expect_problem(503, "service_unavailable");
        assert_eq!(attempts_left(&database, "alicja").await, before);
        let log = strip_ansi(&std::fs::read_to_string(&bare.log_path).expect("log"));
        assert!(log.contains("no mask key \"pkcs11:mask-2026\""), "{log}");
    })
    .await;
}

/// `users.attempts_left` of a login, straight from the database.
async fn attempts_left(database: &str, login: &str) -> i64 {
    use sqlx::Connection;
    let sql = format!("SELECT attempts_left FROM users WHERE login = '{login}'");
    if database.starts_with("sqlite:") {
        let mut conn = sqlx::SqliteConnection::connect(database)
            .await
            .expect("sqlite");
        sqlx::query_scalar(&sql)
            .fetch_one(&mut conn)
            .await
            .expect("row")
    } else {
        let mut conn = sqlx::PgConnection::connect(database)
            .await
            .expect("postgres");
        sqlx::query_scalar(&sql)
            .fetch_one(&mut conn)
            .await
            .expect("row")
    }
}

#[tokio::test]
async fn a_wrong_pin_a_missing_token_or_key_refuse_to_start() {
    let dir = tempfile::tempdir().expect("dir");
    let Some(token) = Token::init(dir.path(), "millectl-refuse", "a_wrong_pin") else {
        return;
    };
    let pin_file = write_secret(&dir.path().join("pin"), PIN);
    assert!(token.generate("k", &pin_file).status.success());
    let pepper = dir.path().join("pepper").display().to_string();
    millectl()
        .args(["server", "init-pepper", &pepper])
        .assert()
        .success();
    let database = format!("sqlite://{}", dir.path().join("bank.db").display());
    let start = |key: &str, token_label: &str, pin: &str| {
        let mut args = token.server_args(key);
        args[3] = token_label.to_owned();
        millectl()
            .env("SOFTHSM2_CONF", &token.conf)
            .env("MILLECTL_PKCS11_PIN", pin)
            .args(["server", "--listen", "127.0.0.1:0", "--database", &database])
            .args(["--pepper-file", &pepper])
            .args(args)
            .output()
            .expect("run")
    };

    let wrong = "0000-not-the-pin";
    let output = start("k", token.label, wrong);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains("refused the user PIN"), "{stderr}");
    assert!(!stderr.contains(wrong) && !stderr.contains(PIN), "{stderr}");
    assert_eq!(
        stderr.lines().filter(|l| l.contains("error")).count(),
        1,
        "{stderr}"
    );

    let output = start("k", "no-such-token", PIN);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("no PKCS#11 token labelled \"no-such-token\""),
        "{stderr}"
    );

    let output = start("no-such-key", token.label, PIN);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("no HMAC key labelled \"no-such-key\""),
        "{stderr}"
    );
    assert!(!stderr.contains(PIN), "{stderr}");

    // The three flags go together.
    let output = millectl()
        .args(["server", "--database", &database, "--pepper-file", &pepper])
        .args(["--mask-key-pkcs11-key", "k"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
}

#[tokio::test]
async fn a_key_label_is_generated_once_and_a_rotation_keeps_the_old_key() {
    let dir = tempfile::tempdir().expect("dir");
    let Some(token) = Token::init(dir.path(), "millectl-rotate", "a_key_label_is_generated") else {
        return;
    };
    let pin_file = write_secret(&dir.path().join("pin"), PIN);
    assert!(token.generate("mask-2025", &pin_file).status.success());

    let again = token.generate("mask-2025", &pin_file);
    let stderr = text(&again.stderr);
    assert_eq!(again.status.code(), Some(6), "{stderr}");
    assert!(stderr.contains("exists already"), "{stderr}");
    assert!(!stderr.contains(PIN), "{stderr}");

    let wrong_pin = write_secret(&dir.path().join("wrong"), "0000-wrong");
    let refused = token.generate("mask-2026", &wrong_pin);
    assert_eq!(refused.status.code(), Some(4), "{}", text(&refused.stderr));

    // Rotation: a new label; the server makes records with it and still has the old.
    let rotated = token.generate("mask-2026", &pin_file);
    assert_eq!(text(&rotated.stdout).trim(), "pkcs11:mask-2026");
    let pepper = dir.path().join("pepper").display().to_string();
    millectl()
        .args(["server", "init-pepper", &pepper])
        .assert()
        .success();
    let database = format!("sqlite://{}", dir.path().join("bank.db").display());
    let args: Vec<String> = ["server", "--listen", "127.0.0.1:0", "--database", &database]
        .into_iter()
        .chain(["--pepper-file", &pepper])
        .map(str::to_owned)
        .chain(token.server_args("mask-2026"))
        .chain([
            "--mask-key-pkcs11-pin-file".to_owned(),
            pin_file.display().to_string(),
        ])
        .collect();
    let server = spawn_server_with_env(&args, dir.path(), &[("SOFTHSM2_CONF", &token.conf)]).await;
    let health = reqwest::get(format!("{}/v1/health", server.url))
        .await
        .expect("health");
    assert_eq!(health.status(), 200);
    let log = strip_ansi(&std::fs::read_to_string(&server.log_path).expect("log"));
    assert!(log.contains("mask_key=pkcs11:mask-2026"), "{log}");
}
