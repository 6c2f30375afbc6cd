//! Token seeds are sealed to the user's immutable uid (issue 13), not to their
//! (MilleKod, login): a login given again, or a user renamed, no longer decides whose
//! seed opens. Seeds sealed to the login before the change are re-sealed at start-up.

use millectl::api::{AuthTool, SessionCreated};
use millectl::domain::otp::TotpSecret;
use millectl::domain::pepper::Pepper;
use millectl::domain::secret_box;

use crate::helpers::*;

const KOD: &str = "12345678";

/// A demo token user's login: password characters and the token's code at `offset`.
async fn token_login(server: &TestServer, base: &str, login: &str, offset: i64) -> Answer {
    let anna = server.user(KOD, "anna");
    let api = server.api().on(base);
    let challenge = api.start_login(Some(KOD), login).await;
    assert_eq!(challenge.otp_method, AuthTool::Token);
    let otp = totp_code(anna.totp_secret.as_deref().expect("totp"), offset);
    let answer = login_answer(&challenge, &anna.password.expect("password"), &otp);
    api.complete_login(&challenge.challenge_id, &answer).await
}

/// A blob literal for the server's database.
fn blob(server: &TestServer, bytes: &[u8]) -> String {
    let hex = hex::encode(bytes);
    match server.database_url {
        None => format!("X'{hex}'"),
        Some(_) => format!("decode('{hex}', 'hex')"),
    }
}

#[tokio::test]
async fn a_seed_left_behind_for_a_login_given_again_does_not_open() {
    on_every_db(async |server| {
        // Anna's row, seed and all, now belongs to a new user given the same MilleKod
        // and login: what a restored row or a copied seed looks like after the login
        // was deleted and given again. Sealed to the old uid, the seed stays shut.
        let changed = server
            .execute_sql(&format!(
                "UPDATE users SET uid = '{}' WHERE millekod = '{KOD}' AND login = 'anna'",
                "ab".repeat(16)
            ))
            .await
            .expect("new uid");
        assert_eq!(changed, 1);
        let answer = token_login(&server, &server.url, "anna", 0).await;
        let problem = answer.expect_problem(401, "invalid_credentials");
        assert_eq!(problem.attempts_left, Some(2));
        assert!(
            server.log().contains("not sealed to them"),
            "{}",
            server.log()
        );
        // The wrong seed counts as a wrong code, and is recorded as one.
        let view = server.helpdesk_token().user_view(KOD, "anna").await;
        assert_eq!((view.failed_attempts, view.attempts_left), (1, 2));
    })
    .await;
}

#[tokio::test]
async fn a_renamed_user_keeps_their_token() {
    on_every_db(async |server| {
        // Sealed to (MilleKod, login), a rename broke the user's token (a 500 at
        // login); sealed to the uid, the token goes with the user.
        server
            .execute_sql(&format!(
                "UPDATE users SET login = 'anna.nowak' WHERE millekod = '{KOD}' AND login = 'anna'"
            ))
            .await
            .expect("rename");
        let answer = token_login(&server, &server.url, "anna.nowak", 0).await;
        answer.expect_ok();
        let _: SessionCreated = answer.json();
    })
    .await;
}

#[tokio::test]
async fn seeds_sealed_to_the_login_are_resealed_to_the_uid_at_start_up() {
    on_every_db(async |server| {
        // Seal two seeds as a server before migration 10 did: a company user's
        // (recorded as `login`) and an operator's (no record at all, as an older
        // server beside a new one writes it).
        let pepper = Pepper::load_file(&server.pepper_path()).expect("pepper");
        let key = pepper.subkey("millectl/token-seed/v1");
        let anna = server.user(KOD, "anna");
        let anna_seed = TotpSecret::from_base32(anna.totp_secret.as_deref().unwrap()).unwrap();
        let sealed = secret_box::seal(&key, anna_seed.as_bytes(), b"token-seed/12345678/anna");
        server
            .execute_sql(&format!(
                "UPDATE users SET token_seed_sealed = {}, token_seed_binding = 'login' \
                 WHERE millekod = '{KOD}' AND login = 'anna'",
                blob(&server, &sealed)
            ))
            .await
            .expect("legacy seed");
        let op = server.creds.operator.clone();
        let op_seed = TotpSecret::from_base32(&op.totp_secret).unwrap();
        let sealed = secret_box::seal(&key, op_seed.as_bytes(), b"token-seed//helpdesk");
        server
            .execute_sql(&format!(
                "UPDATE users SET token_seed_sealed = {}, token_seed_binding = NULL \
                 WHERE millekod = '' AND login = 'helpdesk'",
                blob(&server, &sealed)
            ))
            .await
            .expect("legacy seed");
        let login_bound = "SELECT COUNT(*) FROM users WHERE token_seed_sealed IS NOT NULL \
             AND (token_seed_binding IS NULL OR token_seed_binding <> 'uid')";
        assert_eq!(server.count_sql(login_bound).await, 2);

        // Nothing opens under the login any more, not even on a server that started
        // before: the login's code is refused like a wrong one.
        let answer = token_login(&server, &server.url, "anna", 0).await;
        answer.expect_problem(401, "invalid_credentials");

        // Two replicas start at once on the same database: each row moves once.
        let (first, second) = tokio::join!(server.replica(), server.replica());
        assert_eq!(server.count_sql(login_bound).await, 0);
        let anna_bound = server
            .count_sql(&format!(
                "SELECT COUNT(*) FROM users WHERE token_seed_binding = 'uid' \
                 AND login IN ('anna', 'helpdesk') AND millekod IN ('{KOD}', '')"
            ))
            .await;
        assert_eq!(anna_bound, 2);
        let logs = [&first.log_path, &second.log_path]
            .map(|p| std::fs::read_to_string(p).unwrap_or_default())
            .join("\n");
        assert!(logs.contains("re-sealed to their users' uids"), "{logs}");

        // The users log in with the tokens they had, on either replica.
        let answer = token_login(&server, &first.url, "anna", 1).await;
        answer.expect_ok();
        let api = server.api().on(&second.url);
        let challenge = api.start_login(None, "helpdesk").await;
        let answer = login_answer(&challenge, &op.password, &totp_code(&op.totp_secret, 0));
        api.complete_login(&challenge.challenge_id, &answer)
            .await
            .expect_ok();
    })
    .await;
}
