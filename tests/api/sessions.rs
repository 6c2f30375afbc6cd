//! Session limits: an operator's session ends after `--operator-idle-minutes` without
//! use, and `--operator-max-hours` after login however busy; a company user's after
//! `--user-idle-seconds`. Each test waits for the deadline the server announced
//! (`GET /v1/me`'s `expires_at`), never longer than the limit needs.

use std::time::Duration;

use millectl::api::Me;
use time::OffsetDateTime;

use crate::helpers::*;

/// Sleep until `at` (plus a little past it, so the server's clock has passed it too).
async fn sleep_past(at: OffsetDateTime) {
    let left = at - OffsetDateTime::now_utc() + time::Duration::milliseconds(300);
    if left.is_positive() {
        tokio::time::sleep(left.unsigned_abs()).await;
    }
}

/// When a session ends if not used again, as the server says (this use counts).
async fn deadline_of(session: &Api) -> OffsetDateTime {
    let answer = session.get("/v1/me").await;
    answer.expect_ok();
    answer.json::<Me>().expires_at.expect("a session's expiry")
}

/// The smallest idle limit the flag takes is a minute: the two databases are waited
/// for side by side.
#[tokio::test]
async fn an_operator_session_ends_after_its_idle_limit_unless_used() {
    futures_util::future::join_all(Db::all().into_iter().map(operator_idle)).await;
}

async fn operator_idle(db: Db) {
    let server = TestServer::start_with_args(&db, &["--operator-idle-minutes", "1"]).await;
    let idle = server.login_operator_at(0).await;
    // A second login within the same 30 s takes the token's next code.
    let busy = server.login_operator_at(1).await;
    let idle_deadline = deadline_of(&idle).await;
    let left = idle_deadline - OffsetDateTime::now_utc();
    assert!(
        left > time::Duration::seconds(50) && left <= time::Duration::seconds(60),
        "{left}"
    );
    // Half-way, the busy session is used: its deadline moves a minute on from now.
    sleep_past(idle_deadline - time::Duration::seconds(30)).await;
    let busy_deadline = deadline_of(&busy).await;
    assert!(
        busy_deadline - idle_deadline > time::Duration::seconds(25),
        "{busy_deadline} vs {idle_deadline}"
    );

    sleep_past(idle_deadline).await;
    idle.get("/v1/me")
        .await
        .expect_problem(401, "unauthenticated");
    busy.get("/v1/me").await.expect_ok();
}

/// The smallest absolute limit the flag takes is an hour: the session's row shows the
/// flag's hour, then its end is moved to five seconds from now in the database, and the
/// session, used all the while, ends there.
#[tokio::test]
async fn an_operator_session_ends_at_its_absolute_limit_however_busy() {
    on_every_db_with(&["--operator-max-hours", "1"], async |server| {
        let session = server.login_operator().await;
        let of_helpdesk = "FROM sessions WHERE user_id = \
                           (SELECT id FROM users WHERE login = 'helpdesk' AND kind = 'operator')";
        let lifetime = server
            .count_sql(&format!(
                "SELECT MAX(absolute_expires_at - created_at) {of_helpdesk}"
            ))
            .await;
        assert_eq!(lifetime, 3_600_000, "--operator-max-hours 1");

        let now_ms = (OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64;
        let end_ms = now_ms + 5_000;
        let moved = server
            .execute_sql(&format!(
                "UPDATE sessions SET absolute_expires_at = {end_ms} WHERE user_id = \
                 (SELECT id FROM users WHERE login = 'helpdesk' AND kind = 'operator')"
            ))
            .await
            .expect("move the session's end");
        assert_eq!(moved, 1);
        let end = OffsetDateTime::from_unix_timestamp_nanos(i128::from(end_ms) * 1_000_000)
            .expect("time");

        // Used every 100 ms: the idle deadline keeps moving, the absolute one does not.
        let mut answered = 0;
        loop {
            let answer = session.get("/v1/me").await;
            let seen = OffsetDateTime::now_utc();
            if answer.status.as_u16() == 401 {
                answer.expect_problem(401, "unauthenticated");
                assert!(seen >= end, "ended at {seen}, before {end}");
                break;
            }
            answer.expect_ok();
            let me: Me = answer.json();
            assert_eq!(
                me.expires_at,
                Some(end),
                "the absolute end is the nearer one"
            );
            answered += 1;
            assert!(
                seen < end + time::Duration::seconds(30),
                "still alive at {seen}, its end was {end}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(answered > 0, "the session ended before the moved end");
    })
    .await;
}

/// Company users' sessions: the hidden `--user-idle-seconds` (the EU RTS caps it at 300)
/// set to five seconds (room for a slow machine); a use moves the deadline, then the
/// session ends.
#[tokio::test]
async fn a_user_session_ends_after_its_idle_seconds() {
    on_every_db_with(&["--user-idle-seconds", "5"], async |server| {
        let ewa = server.login_user("12345678", "ewa").await;
        let first = deadline_of(&ewa).await;
        sleep_past(first - time::Duration::seconds(3)).await;
        let second = deadline_of(&ewa).await;
        assert!(second > first, "{second} after {first}");
        sleep_past(second).await;
        ewa.get("/v1/me")
            .await
            .expect_problem(401, "unauthenticated");
    })
    .await;
}
