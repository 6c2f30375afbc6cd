//! One-time codes (SMS single-use and bound to their challenge, token replay) and
//! unknown logins (a decoy challenge, no user enumeration).

use std::collections::BTreeSet;

use millectl::api::Flow;
use serde_json::json;

use crate::helpers::*;
use crate::login::assert_positions_shape;

const KOD: &str = "12345678";

#[tokio::test]
async fn one_time_codes_are_single_use_and_bound_to_their_challenge() {
    // Every start sends a code of its own (none re-used; see `sms_limits.rs`).
    let no_reuse = [
        "--sms-reuse-min-left-secs",
        "300",
        "--sms-min-interval-secs",
        "0",
        "--sms-per-hour",
        "60",
    ];
    on_every_db_with(&no_reuse, async |server| {
        let api = server.api();
        let desk = server.helpdesk_token();
        let ewa_password = server.user(KOD, "ewa").password.unwrap();

        // An SMS code of another SMS fails (codes differ, else draw again).
        let (one, two) = loop {
            let one = api.start_login(Some(KOD), "ewa").await;
            let two = api.start_login(Some(KOD), "ewa").await;
            if api.sms_code(&one) != api.sms_code(&two) {
                break (one, two);
            }
        };
        let answer = login_answer(&two, &ewa_password, &api.sms_code(&one));
        let problem = api
            .complete_login(&two.challenge_id, &answer)
            .await
            .expect_problem(401, "invalid_credentials");
        assert_eq!(problem.attempts_left, Some(2));

        // A challenge is used once, even by a right answer.
        let answer = login_answer(&one, &ewa_password, &api.sms_code(&one));
        api.complete_login(&one.challenge_id, &answer)
            .await
            .expect_ok();
        api.complete_login(&one.challenge_id, &answer)
            .await
            .expect_problem(401, "challenge_expired");
        // The failed one is used up too.
        api.complete_login(&two.challenge_id, &answer)
            .await
            .expect_problem(401, "challenge_expired");
        assert_eq!(desk.user_view(KOD, "ewa").await.failed_attempts, 0);

        // A token code is refused when replayed in a second login.
        let anna = server.user(KOD, "anna");
        let (secret, password) = (anna.totp_secret.unwrap(), anna.password.unwrap());
        let code = totp_code(&secret, 0);
        let first = api.start_login(Some(KOD), "anna").await;
        api.complete_login(&first.challenge_id, &login_answer(&first, &password, &code))
            .await
            .expect_ok();
        let second = api.start_login(Some(KOD), "anna").await;
        api.complete_login(
            &second.challenge_id,
            &login_answer(&second, &password, &code),
        )
        .await
        .expect_problem(401, "invalid_credentials");
        assert_eq!(desk.user_view(KOD, "anna").await.failed_attempts, 1);
        // The next step's code still works: the refusal was the replay.
        let third = api.start_login(Some(KOD), "anna").await;
        let next = totp_code(&secret, 1);
        api.complete_login(&third.challenge_id, &login_answer(&third, &password, &next))
            .await
            .expect_ok();
    })
    .await;
}

#[tokio::test]
async fn unknown_logins_get_a_stable_challenge_that_looks_real() {
    on_every_db(async |server| {
        let api = server.api();
        for (millekod, login) in [
            (Some(KOD), "nobody"),
            (Some("99999999"), "ewa"),
            (None, "x"),
        ] {
            let body = match millekod {
                Some(m) => json!({"millekod": m, "login": login}),
                None => json!({"login": login}),
            };
            let raw = api.post("/v1/sessions", body.clone()).await;
            raw.expect_ok();
            let keys: BTreeSet<&str> = raw
                .body
                .as_object()
                .unwrap()
                .keys()
                .map(|k| k.as_str())
                .collect();
            let mut expected = BTreeSet::from([
                "challenge_id",
                "flow",
                "password_positions",
                "otp_method",
                "expires_at",
            ]);
            if raw.body["otp_method"] == "sms" {
                expected.insert("sms_sent_to");
                expected.insert("sms_reference");
            }
            assert_eq!(keys, expected, "{}", raw.body);

            let one = api.start_login(millekod, login).await;
            let two = api.start_login(millekod, login).await;
            // Decoys are drawn from real users' shapes (see `enumeration.rs`): any
            // flow, masked or not, but the same every time for one login.
            assert_eq!(one.flow, two.flow);
            if let Some(positions) = &one.password_positions {
                assert_eq!(one.flow, Flow::Login);
                assert_positions_shape(positions);
            }
            assert_eq!(one.password_positions, two.password_positions);
            assert_eq!(one.otp_method, two.otp_method);
            assert_eq!(one.sms_sent_to, two.sms_sent_to);
            assert_ne!(one.challenge_id, two.challenge_id);

            let answer = wrong_answer_for(&one);
            let problem = api
                .complete_login(&one.challenge_id, &answer)
                .await
                .expect_problem(401, "invalid_credentials");
            assert_eq!(problem.attempts_left, Some(2));
            // Like a real challenge, it is used up.
            api.complete_login(&one.challenge_id, &answer)
                .await
                .expect_problem(401, "challenge_expired");
        }
    })
    .await;
}

/// What a failed login answer shows: status, code, attempts left and message.
async fn wrong_login(api: &Api, login: &str) -> (u16, String, Option<u8>, String) {
    let challenge = api.start_login(Some(KOD), login).await;
    let answer = wrong_answer_for(&challenge);
    let answer = api.complete_login(&challenge.challenge_id, &answer).await;
    let problem = answer.problem();
    (
        answer.status.as_u16(),
        answer.body["code"].as_str().unwrap_or("").to_owned(),
        problem.attempts_left,
        problem.detail,
    )
}

#[tokio::test]
async fn an_unknown_login_counts_down_and_blocks_like_a_real_one() {
    on_every_db(async |server| {
        let api = server.api();
        let mut real = Vec::new();
        let mut decoy = Vec::new();
        for _ in 0..5 {
            real.push(wrong_login(&api, "ewa").await);
            decoy.push(wrong_login(&api, "nobody").await);
        }
        assert_eq!(
            real.iter()
                .map(|(status, code, left, _)| (*status, code.as_str(), *left))
                .collect::<Vec<_>>(),
            [
                (401, "invalid_credentials", Some(2)),
                (401, "invalid_credentials", Some(1)),
                (401, "invalid_credentials", Some(0)),
                (423, "user_blocked", None),
                (423, "user_blocked", None),
            ]
        );
        assert_eq!(decoy, real, "an unknown login answers like ewa");
    })
    .await;
}

#[tokio::test]
async fn parallel_guesses_at_an_unknown_login_are_counted_exactly() {
    on_every_db(async |server| {
        let api = server.api();
        let answers =
            futures_util::future::join_all((0..8).map(|_| wrong_login(&api, "ghost"))).await;
        let mut left: Vec<Option<u8>> = answers
            .iter()
            .filter(|a| a.1 == "invalid_credentials")
            .map(|a| a.2)
            .collect();
        left.sort();
        assert_eq!(left, [Some(0), Some(1), Some(2)], "{answers:?}");
        // The rest were told what a real user's would be: every attempt held by a
        // check, blocked, or their challenge ended by the block.
        let others = answers
            .iter()
            .filter(|a| {
                matches!(
                    (a.0, a.1.as_str()),
                    (429, "attempt_in_progress")
                        | (423, "user_blocked")
                        | (401, "challenge_expired")
                )
            })
            .count();
        assert_eq!(others, 5, "{answers:?}");
    })
    .await;
}
