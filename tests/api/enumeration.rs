//! Whether a login exists must not show (issue 11, item 6): step 1 and step 2 answer
//! unknown, active, blocked, SMS and token users alike — the same statuses and body
//! shapes, the same work (store calls and slow hashes, counted by the server's debug
//! log), SMS sent after the answer — and decoys are drawn from the shapes real users
//! have. Timing itself is measured by `cargo bench --bench login_timing`, not asserted.

use std::collections::BTreeSet;

use millectl::api::{AuthTool, Challenge};
use serde_json::Value;

use crate::helpers::*;

const KOD: &str = "12345678";

/// (step, store calls, slow hashes) of the newest "login work" line of the server log.
fn last_work(server: &TestServer, step: u8) -> (u32, u32) {
    let log = strip_ansi(&server.log());
    let line = log
        .lines()
        .rev()
        .find(|l| l.contains("login work") && l.contains(&format!("step={step}")))
        .unwrap_or_else(|| panic!("no step {step} work in the log:\n{log}"));
    let field = |name: &str| -> u32 {
        line.split_whitespace()
            .find_map(|w| w.strip_prefix(&format!("{name}=")))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {name} in {line}"))
    };
    (field("store_calls"), field("argon2"))
}

/// The log without its colour escapes (`ESC [ … m`).
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Check a step 1 answer against the one set of rules every challenge follows, real or
/// decoy: the same members, positions only for a normal login, and a masked number
/// exactly when the code goes by SMS.
fn assert_challenge_shape(login: &str, body: &Value) {
    let keys: BTreeSet<&str> = body
        .as_object()
        .expect("an object")
        .iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, _)| k.as_str())
        .collect();
    let required = BTreeSet::from(["challenge_id", "expires_at", "flow", "otp_method"]);
    assert!(keys.is_superset(&required), "{login}: {body}");
    for sms_only in ["sms_sent_to", "sms_reference"] {
        assert_eq!(
            keys.contains(sms_only),
            body["otp_method"] == "sms",
            "{login}: {body}"
        );
    }
    if keys.contains("password_positions") {
        assert_eq!(body["flow"], "login", "{login}: {body}");
    }
    let known = BTreeSet::from([
        "challenge_id",
        "expires_at",
        "flow",
        "otp_method",
        "password_positions",
        "sms_sent_to",
        "sms_reference",
    ]);
    assert!(keys.is_subset(&known), "{login}: {body}");
}

#[tokio::test]
async fn every_kind_of_login_gets_the_same_answers_for_the_same_work() {
    on_every_db(async |server| {
        let api = server.api();
        // unknown, active SMS, active token, blocked with a phone, blocked without one.
        let kinds = ["ghost", "ewa", "anna", "jan", "marek"];
        let mut step1 = Vec::new();
        let mut step2 = Vec::new();
        for login in kinds {
            let answer = api
                .post(
                    "/v1/sessions",
                    serde_json::json!({"millekod": KOD, "login": login}),
                )
                .await;
            assert_eq!(answer.status.as_u16(), 200, "{login}: {}", answer.body);
            assert_challenge_shape(login, &answer.body);
            step1.push((login, last_work(&server, 1)));

            let challenge: Challenge = answer.json();
            let done = api
                .complete_login(&challenge.challenge_id, &wrong_answer_for(&challenge))
                .await;
            let code = done.body["code"].as_str().unwrap_or("").to_owned();
            step2.push((login, done.status.as_u16(), code, last_work(&server, 2)));
        }
        // Step 1: the same work for all.
        for (login, work) in &step1 {
            assert_eq!(work, &step1[0].1, "{login}: {step1:?}");
        }
        // Step 2: one slow hash each; a wrong answer costs the unknown and the active
        // logins the same calls, and a refusal the blocked ones the same calls.
        for (login, _, _, (_, argon2)) in &step2 {
            assert_eq!(*argon2, 1, "{login}: {step2:?}");
        }
        let by_answer = |status: u16| -> BTreeSet<u32> {
            step2
                .iter()
                .filter(|s| s.1 == status)
                .map(|s| s.3 .0)
                .collect()
        };
        assert_eq!(by_answer(401).len(), 1, "{step2:?}");
        assert_eq!(by_answer(423).len(), 1, "{step2:?}");
        let statuses: Vec<(&str, u16)> = step2.iter().map(|s| (s.0, s.1)).collect();
        assert_eq!(
            statuses,
            [
                ("ghost", 401),
                ("ewa", 401),
                ("anna", 401),
                ("jan", 423),
                ("marek", 423)
            ]
        );

        // A decoy blocks like a real user, and then costs the same as a blocked one.
        for _ in 0..2 {
            let challenge = api.start_login(Some(KOD), "ghost").await;
            api.complete_login(&challenge.challenge_id, &wrong_answer_for(&challenge))
                .await;
        }
        let challenge = api.start_login(Some(KOD), "ghost").await;
        api.complete_login(&challenge.challenge_id, &wrong_answer_for(&challenge))
            .await
            .expect_problem(423, "user_blocked");
        assert_eq!(
            last_work(&server, 2),
            step2[3].3,
            "a blocked decoy and a blocked user"
        );
    })
    .await;
}

#[tokio::test]
async fn decoys_are_drawn_from_the_shapes_real_users_have() {
    on_every_db(async |server| {
        // Every real company user has masking off: no real challenge asks positions,
        // so no decoy may either (before any unknown login is asked for).
        server
            .execute_sql("UPDATE users SET password_masking = 0 WHERE kind = 'company_user'")
            .await
            .expect("masking off");
        let api = server.api();
        let mut flows = BTreeSet::new();
        let mut tools = BTreeSet::new();
        for i in 0..40 {
            let challenge = api.start_login(Some(KOD), &format!("nobody{i}")).await;
            assert_eq!(challenge.password_positions, None, "{challenge:?}");
            flows.insert(format!("{:?}", challenge.flow));
            tools.insert(challenge.otp_method == AuthTool::Sms);
        }
        // The demo users: active and blocked (login), pending (first login); SMS and
        // token users. 40 draws see both of each (a miss has odds below 1e-3).
        assert!(flows.contains("FirstLogin"), "{flows:?}");
        assert!(flows.contains("Login"), "{flows:?}");
        assert_eq!(tools.len(), 2, "{tools:?}");
        // The same unknown login gets the same challenge shape every time.
        let a = api.start_login(Some(KOD), "nobody1").await;
        let b = api.start_login(Some(KOD), "nobody1").await;
        assert_eq!(
            (a.flow, a.otp_method, a.sms_sent_to),
            (b.flow, b.otp_method, b.sms_sent_to)
        );
    })
    .await;
}
