//! Housekeeping of the audit (issue 17): the background sweep deletes audit records
//! past their retention — anonymous callers' records (unknown logins' failures, which
//! anyone can add) with the login attempts, every record after `--audit-retention` —
//! and nothing else: a newer record stays append-only even to SQL, and the horizon
//! never moves back.

use std::time::{Duration, Instant};

use crate::helpers::*;

const KOD: &str = "12345678";

async fn count(server: &TestServer, filter: &str) -> i64 {
    server
        .count_sql(&format!("SELECT COUNT(*) FROM audit WHERE {filter}"))
        .await
}

/// Wait until the audit holds no record matching `filter`.
async fn until_gone(server: &TestServer, filter: &str) {
    let start = Instant::now();
    while count(server, filter).await > 0 {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "audit records where {filter} are still there after 60 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// An unknown login fails once: one anonymous audit record.
async fn unknown_login_fails(server: &TestServer) {
    let api = server.api();
    let challenge = api.start_login(Some(KOD), "nobody-at-all").await;
    api.complete_login(&challenge.challenge_id, &wrong_answer_for(&challenge))
        .await
        .expect_problem(401, "invalid_credentials");
}

#[tokio::test]
async fn anonymous_records_leave_with_the_login_attempts_and_the_rest_stays_append_only() {
    let args = [
        "--login-attempts-retention",
        "1s",
        "--sweep-interval-secs",
        "1",
    ];
    on_every_db_with(&args, async |server| {
        // Arrange: one anonymous record, and HelpDesk's named ones.
        unknown_login_fails(&server).await;
        server.helpdesk_token().user_view(KOD, "ewa").await;
        let named = count(&server, "actor <> 'anonymous'").await;
        assert!(named > 0);

        // Act: the sweep runs every second.
        until_gone(&server, "actor = 'anonymous'").await;

        // Assert: the named records are kept for good without --audit-retention, and
        // stay append-only with the horizon moved: not deleted, not changed, and the
        // horizon does not move back to let anything go.
        assert!(count(&server, "actor <> 'anonymous'").await >= named);
        let refused = [
            "DELETE FROM audit WHERE actor <> 'anonymous'",
            "DELETE FROM audit",
            "UPDATE audit SET outcome = 'forged'",
            "UPDATE audit_horizon SET anonymous_before = 0",
            "UPDATE audit_horizon SET all_before = all_before - 1",
            "DELETE FROM audit_horizon",
        ];
        for sql in refused {
            let err = server.execute_sql(sql).await.expect_err(sql);
            let text = err.to_string();
            assert!(
                text.contains("append-only") || text.contains("only moves forward"),
                "{sql}: {text}"
            );
        }
        assert!(count(&server, "actor <> 'anonymous'").await >= named);
    })
    .await;
}

#[tokio::test]
async fn past_the_audit_retention_every_record_goes() {
    let args = ["--audit-retention", "1s", "--sweep-interval-secs", "1"];
    on_every_db_with(&args, async |server| {
        // Arrange
        server.helpdesk_token().user_view(KOD, "ewa").await;
        let first = server
            .count_sql("SELECT MIN(id) FROM audit WHERE action = 'user.show'")
            .await;

        // Act and assert: the sweep runs every second.
        until_gone(&server, &format!("id = {first}")).await;
    })
    .await;
}
