//! Step 1 under attack (issue 12): anyone may start a login as often as they like, and
//! each SMS is a paid message. A live code is re-used instead of re-sent, each login
//! gets a few codes a minute and an hour, the bank a budget a minute — and unknown,
//! blocked and phoneless logins get the same answers as real ones. The limits live in
//! the database: they hold across replicas.

use std::collections::BTreeSet;
use std::time::Duration;

use millectl::api::{AuthTool, Challenge};
use serde_json::{json, Value};
use tokio::task::JoinSet;

use crate::helpers::*;

const KOD: &str = "12345678";
const EWA_PHONE: &str = "+48601234567";
const PIOTR_PHONE: &str = "+48603456789";

/// No code re-used: every start needs a new one, so the limits show at once.
const NO_REUSE: &[&str] = &["--sms-reuse-min-left-secs", "300"];

fn start_body(millekod: Option<&str>, login: &str) -> Value {
    match millekod {
        Some(kod) => json!({ "millekod": kod, "login": login }),
        None => json!({ "login": login }),
    }
}

async fn start(api: &Api, millekod: Option<&str>, login: &str) -> Answer {
    api.post("/v1/sessions", start_body(millekod, login)).await
}

/// Login codes the dev outbox received for `phone`.
fn codes_to(api: &Api, phone: &str) -> usize {
    api.outbox_entries()
        .iter()
        .filter(|e| e["to"] == phone && e["kind"] == "login_code")
        .count()
}

/// Real SMS the bank paid for, by every replica: the budget's count.
async fn paid(server: &TestServer) -> i64 {
    server
        .count_sql("SELECT CAST(COALESCE(SUM(sent), 0) AS BIGINT) FROM sms_budget")
        .await
}

/// An unknown login in MilleKod `KOD` whose decoy asks for an SMS code, and its first
/// start's answer (decoys follow the real users' shapes: some SMS, some token).
async fn unknown_sms_login(api: &Api) -> (String, Answer) {
    for i in 0..200 {
        let login = format!("ghost{i}");
        let answer = start(api, Some(KOD), &login).await;
        answer.expect_ok();
        if answer.body["otp_method"] == "sms" {
            return (login, answer);
        }
    }
    panic!("no unknown login drew an SMS challenge in 200 tries");
}

/// A 429 from the SMS limits, without what differs per request.
fn limit_shape(answer: &Answer) -> Value {
    answer.expect_problem(429, "too_many_requests");
    let mut body = answer.body.clone();
    if let Some(map) = body.as_object_mut() {
        map.remove("instance");
    }
    body
}

#[tokio::test]
async fn many_starts_of_one_login_send_one_sms() {
    on_every_db_with(&["--sms-per-hour", "5"], async |server| {
        // Arrange: the default limits (any `--sms-` flag keeps the helper's relaxed
        // ones away).
        let api = server.api();

        // Act: 60 starts for an active SMS user and 20 for one awaiting a first login,
        // 20 at a time.
        let mut answers: Vec<Answer> = Vec::new();
        for (login, rounds) in [("ewa", 3), ("piotr", 1)] {
            for _ in 0..rounds {
                let mut tasks = JoinSet::new();
                for _ in 0..20 {
                    let api = api.clone();
                    tasks.spawn(async move { start(&api, Some(KOD), login).await });
                }
                answers.extend(tasks.join_all().await);
            }
        }

        // Assert: every start was answered with a challenge pointing to one SMS per
        // user, and the bank paid for two messages.
        let mut references = BTreeSet::new();
        for answer in &answers {
            answer.expect_ok();
            let challenge: Challenge = answer.json();
            references.insert(challenge.sms_reference.expect("an SMS number"));
        }
        assert_eq!(references.len(), 2, "{references:?}");
        wait_for("both codes in the outbox", Duration::from_secs(30), || {
            codes_to(&api, EWA_PHONE) >= 1 && codes_to(&api, PIOTR_PHONE) >= 1
        })
        .await;
        assert_eq!(paid(&server).await, 2);
        assert_eq!(codes_to(&api, EWA_PHONE), 1);
        assert_eq!(codes_to(&api, PIOTR_PHONE), 1);
        // And the re-used code logs in.
        let last: Challenge = answers[59].json();
        let password = server.user(KOD, "ewa").password.expect("password");
        let code = api.sms_code(&last);
        api.complete_login(&last.challenge_id, &login_answer(&last, &password, &code))
            .await
            .expect_ok();
    })
    .await;
}

#[tokio::test]
async fn over_the_limit_every_kind_of_login_gets_the_same_429() {
    // Arrange: a code a minute per login, none re-used.
    let args = [NO_REUSE, &["--sms-min-interval-secs", "60"]].concat();
    on_every_db_with(&args, async |server| {
        let api = server.api();
        let (ghost, first_ghost) = unknown_sms_login(&api).await;

        // Act: a second start of an active user, a blocked one, a blocked one without a
        // phone, and an unknown login — each right after its first.
        let mut shapes = Vec::new();
        for login in ["ewa", "jan", "marek", ghost.as_str()] {
            if login != ghost {
                start(&api, Some(KOD), login).await.expect_ok();
            } else {
                first_ghost.expect_ok();
            }
            let second = start(&api, Some(KOD), login).await;

            // Assert: 429, told when to come back (within the minute), alike for all.
            let shape = limit_shape(&second);
            let wait = second.retry_after.expect("Retry-After");
            assert!((1..=60).contains(&wait), "{login}: Retry-After {wait}");
            shapes.push(shape);
        }
        assert!(shapes.windows(2).all(|w| w[0] == w[1]), "{shapes:#?}");
        // A token user needs no SMS and is not held back.
        for _ in 0..2 {
            start(&api, Some(KOD), "anna").await.expect_ok();
        }
        assert_eq!(paid(&server).await, 1, "only ewa's code was a real message");
    })
    .await;
}

#[tokio::test]
async fn a_login_gets_a_few_codes_an_hour_and_then_waits_for_the_hour() {
    // Arrange: no least interval, two codes an hour, none re-used.
    let args = [
        NO_REUSE,
        &["--sms-min-interval-secs", "0", "--sms-per-hour", "2"],
    ]
    .concat();
    on_every_db_with(&args, async |server| {
        let api = server.api();
        let (ghost, _) = unknown_sms_login(&api).await;

        for login in ["ewa", ghost.as_str()] {
            // Act
            let mut answers = Vec::new();
            for _ in 0..3 {
                answers.push(start(&api, Some(KOD), login).await);
            }
            // Assert: the third waits for the first to leave the hour. (The unknown
            // login's first start was its search.)
            let refused = if login == ghost { 1 } else { 2 };
            for answer in &answers[..refused] {
                answer.expect_ok();
            }
            let last = &answers[refused];
            limit_shape(last);
            let wait = last.retry_after.expect("Retry-After");
            assert!(
                (3_000..=3_600).contains(&wait),
                "{login}: Retry-After {wait}"
            );
        }
        assert_eq!(paid(&server).await, 2);
    })
    .await;
}

#[tokio::test]
async fn the_sms_budget_trips_a_breaker_for_everyone_and_says_so() {
    // Arrange: two real messages a minute for the whole bank.
    let args = [
        NO_REUSE,
        &[
            "--sms-budget-per-minute",
            "2",
            "--sms-min-interval-secs",
            "0",
        ],
    ]
    .concat();
    on_every_db_with(&args, async |server| {
        let api = server.api();
        let (ghost, _) = unknown_sms_login(&api).await;
        // The budget is per minute: do not start in its last seconds.
        wait_for("the start of a minute", Duration::from_secs(30), || {
            time::OffsetDateTime::now_utc().second() < 40
        })
        .await;

        // Act: two real codes spend the budget; then a third, and an unknown login.
        start(&api, Some(KOD), "ewa").await.expect_ok();
        start(&api, Some(KOD), "piotr").await.expect_ok();
        let third = start(&api, Some(KOD), "ewa").await;
        let unknown = start(&api, Some(KOD), &ghost).await;
        let token_user = start(&api, Some(KOD), "anna").await;

        // Assert: the breaker turns both away until the minute ends, alike; a token
        // user is not held back; the server logs the alert.
        assert_eq!(limit_shape(&third), limit_shape(&unknown));
        assert!(third.retry_after.is_some_and(|s| (1..=60).contains(&s)));
        token_user.expect_ok();
        assert_eq!(paid(&server).await, 2);
        wait_for("the breaker's alert", Duration::from_secs(10), || {
            server.log().contains("SMS budget spent")
        })
        .await;
        // And counts it where an alert can watch.
        let refused = server
            .metric("millectl_login_starts_refused_total{why=\"sms_budget\"}")
            .await;
        assert_eq!(refused, 2.0);
    })
    .await;
}

#[tokio::test]
async fn the_limits_hold_across_replicas() {
    on_every_db_with(&["--sms-per-hour", "5"], async |server| {
        // Arrange: a main server and a replica on the same database.
        let replica = server.replica().await;
        let main = server.api();
        let other = main.on(&replica.url);

        // Act: a start on each replica, then parallel starts on both.
        let first: Challenge = start(&main, Some(KOD), "ewa").await.json();
        let second: Challenge = start(&other, Some(KOD), "ewa").await.json();
        let mut tasks = JoinSet::new();
        for i in 0..20 {
            let api = if i % 2 == 0 {
                main.clone()
            } else {
                other.clone()
            };
            tasks.spawn(async move { start(&api, Some(KOD), "ewa").await });
        }
        let answers = tasks.join_all().await;

        // Assert: one SMS between them, every challenge points to it.
        assert_eq!(first.sms_reference, second.sms_reference);
        for answer in &answers {
            answer.expect_ok();
            assert_eq!(
                answer.json::<Challenge>().sms_reference,
                first.sms_reference
            );
        }
        assert_eq!(paid(&server).await, 1);
    })
    .await;
    // And without re-use, a code a minute: the replica refuses what main sent.
    let args = [NO_REUSE, &["--sms-min-interval-secs", "60"]].concat();
    on_every_db_with(&args, async |server| {
        let replica = server.replica_with(&args).await;
        let main = server.api();
        start(&main, Some(KOD), "ewa").await.expect_ok();
        let again = start(&main.on(&replica.url), Some(KOD), "ewa").await;
        limit_shape(&again);
    })
    .await;
}

#[tokio::test]
async fn open_challenges_are_capped_per_login() {
    on_every_db(async |server| {
        // Arrange
        let api = server.api();

        // Act: ten starts of a token user and of an unknown login.
        let mut ids: [BTreeSet<String>; 2] = Default::default();
        for _ in 0..10 {
            for (i, login) in ["anna", "nobody-here"].into_iter().enumerate() {
                let challenge: Challenge = start(&api, Some(KOD), login).await.json();
                assert!(challenge.otp_method == AuthTool::Token || i == 1);
                ids[i].insert(challenge.challenge_id);
            }
        }

        // Assert: three each; the rest got the newest again.
        assert_eq!(ids[0].len(), 3, "{ids:?}");
        assert_eq!(ids[1].len(), 3, "{ids:?}");
        let stored = server
            .count_sql(
                "SELECT COUNT(*) FROM challenges c JOIN users u ON u.id = c.user_id \
                 WHERE u.login = 'anna'",
            )
            .await;
        assert_eq!(stored, 3);
    })
    .await;
}

#[tokio::test]
async fn expired_rows_are_swept_in_the_background() {
    on_every_db_with(&["--sweep-interval-secs", "1"], async |server| {
        // Arrange: a sweep every second, and 1,200 long-expired challenges, two dead
        // sessions, a forgotten decoy and an old send log written straight into the
        // database.
        server
            .execute_sql(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200) \
                 INSERT INTO challenges (id, user_id, flow, otp_method, used, created_at, \
                 expires_at) SELECT 'old-' || i, NULL, 'login', 'token', 0, 0, 1000 FROM n",
            )
            .await
            .expect("old challenges");
        for sql in [
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, \
             idle_timeout_ms, absolute_expires_at) VALUES ('ended', 1, 0, 0, 1000, 2000)",
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, \
             idle_timeout_ms, absolute_expires_at) \
             VALUES ('idle', 1, 0, 0, 1000, 99999999999999)",
            "INSERT INTO decoy_attempts (key, failed, in_flight, updated_at) \
             VALUES ('forgotten', 1, 0, 0)",
            "INSERT INTO login_starts (subject, sms_sent, updated_at) VALUES ('decoy:old', '5', 5)",
        ] {
            let sql = match server.db {
                // The session's key is bytes on PostgreSQL.
                Db::Postgres(_) => sql
                    .replace("('ended'", "(convert_to('ended', 'UTF8')")
                    .replace("('idle'", "(convert_to('idle', 'UTF8')"),
                Db::Sqlite => sql.to_owned(),
            };
            server.execute_sql(&sql).await.expect(&sql);
        }
        // Seven minutes ago: a login sent nothing then is forgotten (its challenges are
        // gone), one sent a code is not (the hourly limit still counts it).
        let seven_minutes_ago = time::OffsetDateTime::now_utc().unix_timestamp() * 1000 - 420_000;
        server
            .execute_sql(&format!(
                "INSERT INTO login_starts (subject, sms_sent, updated_at) VALUES \
                 ('decoy:quiet', '', {seven_minutes_ago}), \
                 ('decoy:texted', '{seven_minutes_ago}', {seven_minutes_ago})"
            ))
            .await
            .expect("recent logins");
        let left = "SELECT (SELECT COUNT(*) FROM challenges WHERE expires_at < 5000) \
             + (SELECT COUNT(*) FROM sessions WHERE created_at = 0) \
             + (SELECT COUNT(*) FROM decoy_attempts WHERE key = 'forgotten') \
             + (SELECT COUNT(*) FROM login_starts WHERE subject IN ('decoy:old', 'decoy:quiet'))";

        // Act: nothing; a start of a live login meanwhile.
        let live: Challenge = start(&server.api(), Some(KOD), "anna").await.json();

        // Assert: all of it goes, without a request asking; the live challenge stays.
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        loop {
            let n = server.count_sql(left).await;
            if n == 0 {
                break;
            }
            assert!(std::time::Instant::now() < deadline, "{n} rows left");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let kept = server
            .count_sql(&format!(
                "SELECT COUNT(*) FROM challenges WHERE id = '{}'",
                live.challenge_id
            ))
            .await;
        assert_eq!(kept, 1);
        let texted = server
            .count_sql("SELECT COUNT(*) FROM login_starts WHERE subject = 'decoy:texted'")
            .await;
        assert_eq!(texted, 1, "a login's sends of the last hour are kept");
    })
    .await;
}
