//! Operators locked out by anyone have a way back (issue 11, item 5): another operator
//! unblocks them over the API (never themselves, never a token or a co-user), and
//! whoever runs the server can unblock or reset one on the database host.

use crate::helpers::*;

fn operator_command(server: &TestServer, action: &str, login: &str) -> std::process::Output {
    let mut cmd = millectl();
    cmd.args(["server", "operator", action, login, "--database"])
        .arg(server.database_arg());
    if action == "reset" {
        cmd.arg("--pepper-file").arg(server.pepper_path());
    }
    cmd.output().expect("run")
}

#[tokio::test]
async fn operators_unblock_each_other_over_the_api_and_nobody_else_can() {
    on_every_db(async |server| {
        let (temporary, seed) = server.add_operator("second");
        let second = server
            .first_login_operator("second", &temporary, &seed, "Second-operator-9")
            .await;

        // Anyone can block the dev operator with three wrong answers.
        server.block_operator("helpdesk").await;
        let api = server.api();
        let challenge = api.start_login(None, "helpdesk").await;
        let op = &server.creds.operator;
        api.complete_login(
            &challenge.challenge_id,
            &login_answer(&challenge, &op.password, &totp_code(&op.totp_secret, 0)),
        )
        .await
        .expect_problem(423, "user_blocked");

        // Neither the batch token nor a co-user may unblock an operator.
        let body = serde_json::json!({ "mode": "current_password" });
        server
            .helpdesk_token()
            .post("/v1/operators/helpdesk/unblock", body.clone())
            .await
            .expect_problem(403, "forbidden");
        let anna = server.login_user("12345678", "anna").await;
        anna.post("/v1/operators/helpdesk/unblock", body.clone())
            .await
            .expect_problem(403, "forbidden");
        // Nor an operator themself, nor with a new password.
        second
            .post("/v1/operators/second/unblock", body.clone())
            .await
            .expect_problem(403, "forbidden");
        second
            .post(
                "/v1/operators/helpdesk/unblock",
                serde_json::json!({ "mode": "new_password" }),
            )
            .await
            .expect_problem(409, "conflict");
        second
            .post("/v1/operators/nobody/unblock", body.clone())
            .await
            .expect_problem(404, "not_found");

        // Another operator can.
        let answer = second
            .post("/v1/operators/helpdesk/unblock", body.clone())
            .await;
        answer.expect_ok();
        assert_eq!(answer.body["status"], "active");
        assert_eq!(answer.body["attempts_left"], 3);
        server.login_operator().await;
        second
            .post("/v1/operators/helpdesk/unblock", body)
            .await
            .expect_problem(409, "not_blocked");

        let audit = server.audit_records("&login=helpdesk").await;
        let outcomes: Vec<(&str, &str)> = audit
            .iter()
            .filter(|r| r["action"] == "operator.unblock")
            .map(|r| {
                (
                    r["actor"].as_str().unwrap_or(""),
                    r["outcome"].as_str().unwrap_or(""),
                )
            })
            .collect();
        assert!(
            outcomes.contains(&("operator:second", "success")),
            "{outcomes:?}"
        );
        assert!(
            outcomes.contains(&("operator:second", "refused")),
            "{outcomes:?}"
        );
        assert!(
            outcomes.iter().filter(|o| o.1 == "denied").count() >= 2,
            "{outcomes:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn the_server_host_unblocks_or_resets_a_locked_out_operator() {
    on_every_db(async |server| {
        // Unblock: three more attempts with the current password.
        server.block_operator("helpdesk").await;
        let output = operator_command(&server, "unblock", "helpdesk");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        server.login_operator().await;
        // Not blocked any more: nothing to unblock, exit 1 with the reason.
        let again = operator_command(&server, "unblock", "helpdesk");
        assert_eq!(again.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&again.stderr).contains("not blocked"));
        let unknown = operator_command(&server, "unblock", "nobody");
        assert!(String::from_utf8_lossy(&unknown.stderr).contains("no operator"));

        // Reset (blocked or not): the old password and sessions end; a first login
        // with what is printed.
        let session = server.login_operator_at(1).await;
        let output = operator_command(&server, "reset", "helpdesk");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(output.status.success(), "{stdout}");
        session
            .get("/v1/me")
            .await
            .expect_problem(401, "unauthenticated");
        let temporary = printed(&stdout, "temporary password:");
        let seed = printed(&stdout, "token seed (base32):");
        let renewed = server
            .first_login_operator("helpdesk", &temporary, &seed, "Renewed-operator-7")
            .await;
        let me = renewed.get("/v1/me").await;
        me.expect_ok();
        let audit = server.audit_records("&login=helpdesk").await;
        for action in ["operator.unblock", "operator.reset"] {
            assert!(
                audit
                    .iter()
                    .any(|r| r["action"] == action && r["actor"] == "bootstrap"),
                "{action} is audited"
            );
        }
    })
    .await;
}
