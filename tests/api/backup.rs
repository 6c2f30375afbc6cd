//! `millectl server backup|restore` (issue 17): an online copy of an SQLite database
//! taken under load restores to a server that logs people in, and so does PostgreSQL's
//! `pg_dump`/`pg_restore`, which README points to; a restore refuses a
//! database in use and a file that is not a millectl database; bad arguments exit 7
//! (a state that forbids it, 6) with one line and change nothing.

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use millectl::api::{SessionCreated, UnblockMode};

use crate::helpers::*;

/// `millectl server ARGS…`: (exit code, stdout, stderr).
fn server_command(args: &[&str]) -> (i32, String, String) {
    let output = millectl()
        .arg("server")
        .args(args)
        .output()
        .expect("run millectl");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn sqlite_url_of(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

/// Exactly one line on stderr, naming `needle`.
fn one_line_error(stderr: &str, needle: &str) {
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains(needle), "{stderr}");
}

/// Block the 400 synthetic users, then run `backup` (a command: exit code and stderr)
/// while HelpDesk unblocks them one after another and ewa starts logins. Returns how
/// much of the load was done by the backup's end.
async fn backup_under_load(
    server: &TestServer,
    backup: impl FnOnce() -> (i32, String) + Send + 'static,
) -> usize {
    server
        .execute_sql(
            "UPDATE users SET status = 'blocked', attempts_left = 0, failed_attempts = 3 \
             WHERE login LIKE 'u%'",
        )
        .await
        .expect("block the synthetic users");
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicUsize::new(0));
    let load = {
        let (desk, api, stop, done) = (
            server.helpdesk_token(),
            server.api(),
            stop.clone(),
            done.clone(),
        );
        tokio::spawn(async move {
            for n in 1..=400u64 {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let kod = (20_000_000 + (n - 1) / 100).to_string();
                desk.unblock(
                    &kod,
                    &format!("u{n:06}"),
                    UnblockMode::CurrentPassword,
                    None,
                )
                .await
                .ok();
                api.start_login(Some("12345678"), "ewa").await;
                done.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    wait_for("load before the backup", Duration::from_secs(60), || {
        done.load(Ordering::SeqCst) >= 20
    })
    .await;
    let (code, stderr) = tokio::task::spawn_blocking(backup).await.expect("backup");
    let during = done.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    load.await.expect("load");
    assert_eq!(code, 0, "{stderr}");
    during
}

/// A server on the restored `database`, with `server`'s pepper.
async fn serve_restored(server: &TestServer, database: String, dir: &Path) -> Replica {
    spawn_server(
        &[
            "server".into(),
            "--listen".into(),
            "127.0.0.1:0".into(),
            "--database".into(),
            database,
            "--pepper-file".into(),
            server.pepper_path().display().to_string(),
        ],
        dir,
    )
    .await
}

/// The restored copy is one moment (every unblocked user has their audit record, and
/// no record lacks its unblock), holds some of the load, and logs the operator in.
async fn restored_is_one_moment_and_logs_in(server: &TestServer, replica: &Replica) {
    let api = server.api().on(&replica.url);
    let desk = server.helpdesk_token().on(&replica.url);
    let records = desk
        .get("/v1/audit?limit=1000&action=user.unblock")
        .await
        .body["records"]
        .as_array()
        .map_or(0, Vec::len);
    let mut active = 0;
    for n in 1..=400u64 {
        let kod = (20_000_000 + (n - 1) / 100).to_string();
        if desk.user_view(&kod, &format!("u{n:06}")).await.status
            == millectl::api::UserStatus::Active
        {
            active += 1;
        }
    }
    assert_eq!(records, active, "unblocks and their audit records agree");
    assert!(active > 0, "the backup holds none of the load");

    // The operator logs in on the restored database (password characters, token).
    let op = &server.creds.operator;
    let challenge = api.start_login(None, &op.login).await;
    let answer = login_answer(&challenge, &op.password, &totp_code(&op.totp_secret, 0));
    let answer = api.complete_login(&challenge.challenge_id, &answer).await;
    answer.expect_ok();
    let _: SessionCreated = answer.json();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_load_restores_to_a_server_that_logs_in() {
    let server = TestServer::start_with_args(&Db::Sqlite, &["--seed-users", "400"]).await;
    let backups = tempfile::tempdir().expect("dir");
    let copy = backups.path().join("millectl-backup.db");

    let (database, out) = (server.database_arg(), copy.display().to_string());
    let during = backup_under_load(&server, move || {
        let (code, _, stderr) = server_command(&["backup", "--database", &database, &out]);
        assert!(stderr.contains("pepper"), "{stderr}");
        (code, stderr)
    })
    .await;
    eprintln!("---- backup under load: {during} unblocks and login starts done by its end");

    // Restore into a new place, and serve it with the same pepper.
    let restored_dir = tempfile::tempdir().expect("dir");
    let restored = restored_dir.path().join("millectl.db");
    let (code, _, stderr) = server_command(&[
        "restore",
        "--database",
        &sqlite_url_of(&restored),
        &copy.display().to_string(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let replica = serve_restored(&server, sqlite_url_of(&restored), restored_dir.path()).await;
    restored_is_one_moment_and_logs_in(&server, &replica).await;
}

/// A PostgreSQL client tool of the same version as the test cluster's server, which
/// `scripts/test-postgres.sh` starts from the newest `/usr/lib/postgresql/*/bin`; from
/// `PATH` where there is none.
fn pg_tool(name: &str) -> std::path::PathBuf {
    let mut dirs: Vec<_> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path().join("bin").join(name))
        .filter(|tool| tool.exists())
        .collect();
    dirs.sort_by_key(|tool| {
        let version = tool.components().nth(4).map(|c| c.as_os_str().to_owned());
        version.and_then(|v| v.to_str()?.parse::<u32>().ok())
    });
    dirs.pop().unwrap_or_else(|| name.into())
}

/// PostgreSQL's own tools, as README says: `pg_dump -Fc` while the server runs (one
/// snapshot), `pg_restore` into a new database, a server on it with the same pepper.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pg_dump_taken_under_load_restores_to_a_server_that_logs_in() {
    let Some(admin) = postgres_admin_url() else {
        eprintln!("TEST_DATABASE_URL is not set: no PostgreSQL to dump");
        return;
    };
    let server =
        TestServer::start_with_args(&Db::Postgres(admin.clone()), &["--seed-users", "400"]).await;
    let backups = tempfile::tempdir().expect("dir");
    let dump = backups.path().join("millectl.dump");

    let (database, out) = (server.database_arg(), dump.display().to_string());
    let during = backup_under_load(&server, move || {
        let output = std::process::Command::new(pg_tool("pg_dump"))
            .args(["--format=custom", "--file", &out, &database])
            .output()
            .expect("run pg_dump");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        (output.status.code().unwrap_or(-1), stderr)
    })
    .await;
    eprintln!("---- pg_dump under load: {during} unblocks and login starts done by its end");

    let restored = fresh_postgres_database(&admin).await;
    let output = std::process::Command::new(pg_tool("pg_restore"))
        .args(["--no-owner", "--exit-on-error", "--dbname", &restored])
        .arg(&dump)
        .output()
        .expect("run pg_restore");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let restored_dir = tempfile::tempdir().expect("dir");
    let replica = serve_restored(&server, restored, restored_dir.path()).await;
    restored_is_one_moment_and_logs_in(&server, &replica).await;
}

#[tokio::test]
async fn a_restore_refuses_a_database_in_use_and_changes_nothing() {
    let server = TestServer::start().await;
    let dir = tempfile::tempdir().expect("dir");
    let copy = dir.path().join("copy.db");
    let (code, _, stderr) = server_command(&[
        "backup",
        "--database",
        &server.database_arg(),
        &copy.display().to_string(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let before = server.audit_records("").await.len();

    let (code, _, stderr) = server_command(&[
        "restore",
        "--database",
        &server.database_arg(),
        &copy.display().to_string(),
    ]);
    assert_eq!(code, 6, "{stderr}");
    one_line_error(&stderr, "in use");
    assert!(server.sqlite_path().with_extension("db-wal").exists());
    server.api().get("/v1/health/ready").await.expect_ok();
    assert_eq!(server.audit_records("").await.len(), before);
}

#[tokio::test]
async fn a_restore_refuses_what_is_not_a_millectl_database() {
    let dir = tempfile::tempdir().expect("dir");
    let target = dir.path().join("millectl.db");
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database\n").expect("write");
    let plain = dir.path().join("plain.db");
    let (_, _, stderr) = server_command(&["backup", "--database", &sqlite_url_of(&plain), "x"]);
    assert!(stderr.contains("does not exist"), "{stderr}");
    {
        let conn = rusqlite::Connection::open(&plain).expect("sqlite");
        conn.execute_batch("CREATE TABLE users (id INTEGER)")
            .expect("table");
    }
    for backup in [&text, &plain] {
        let (code, _, stderr) = server_command(&[
            "restore",
            "--database",
            &sqlite_url_of(&target),
            &backup.display().to_string(),
        ]);
        assert_eq!(code, 7, "{stderr}");
        one_line_error(&stderr, "is not a millectl database");
        assert!(!target.exists(), "a target was written");
    }
}

#[tokio::test]
async fn bad_arguments_exit_7_with_one_line_and_change_nothing() {
    let server = TestServer::start().await;
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("out.db");
    let missing = dir.path().join("missing.db");
    let postgres = "postgres://millectl:secret@db.example/millectl";
    let out_arg = out.display().to_string();

    let cases: [(&[&str], i32, &str); 5] = [
        (&["backup", "--database", postgres, &out_arg], 7, "pg_dump"),
        (
            &["backup", "--database", &sqlite_url_of(&missing), &out_arg],
            7,
            "does not exist",
        ),
        (
            &["backup", "--database", "mysql://h/db", &out_arg],
            7,
            "unsupported",
        ),
        (
            &["restore", "--database", postgres, &out_arg],
            7,
            "pg_restore",
        ),
        (
            &[
                "restore",
                "--database",
                &server.database_arg(),
                &missing.display().to_string(),
            ],
            7,
            "does not exist",
        ),
    ];
    for (args, expected, needle) in cases {
        let (code, stdout, stderr) = server_command(args);
        assert_eq!(code, expected, "{args:?}: {stderr}");
        one_line_error(&stderr, needle);
        assert!(!stderr.contains("secret"), "{stderr}");
        assert!(stdout.is_empty(), "{stdout}");
        assert!(!out.exists() && !missing.exists(), "{args:?} wrote a file");
    }

    // An existing OUT is kept unless --force.
    std::fs::write(&out, "keep me").expect("write");
    let (code, _, stderr) =
        server_command(&["backup", "--database", &server.database_arg(), &out_arg]);
    assert_eq!(code, 6, "{stderr}");
    one_line_error(&stderr, "--force");
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "keep me");
    let (code, _, stderr) = server_command(&[
        "backup",
        "--force",
        "--database",
        &server.database_arg(),
        &out_arg,
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_ne!(std::fs::read(&out).expect("read"), b"keep me");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "temporary files left: {leftovers:?}");
}
