//! Login challenges: step 1 under the start policy (in one transaction that locks the
//! login's row), and reading or taking a challenge for its single use.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::rows::*;
use super::SqlStore;
use crate::domain::login_start::{minute_of, LiveCode, StartDecision, StartFacts, StartPolicy};
use crate::store::*;

pub(super) const CHALLENGE_COLUMNS: &str =
    "id, user_id, flow, otp_method, positions, sms_code_digest, \
    decoy_key, sms_ref, created_at, expires_at";

/// Whose challenges a start looks at: a user's (by id) or a decoy's (by key).
enum SubjectKey {
    User(i64),
    Decoy(String),
}

impl SubjectKey {
    /// Bind the key as the query's `$1`.
    fn bind<'q>(
        &self,
        query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        match self {
            Self::User(id) => query.bind(*id),
            Self::Decoy(key) => query.bind(key.clone()),
        }
    }
}

/// A login's send log as stored: send times, comma-separated.
fn parse_sends(text: &str) -> StoreResult<Vec<Millis>> {
    text.split(',')
        .filter(|t| !t.is_empty())
        .map(|t| t.parse().map_err(|_| corrupt("login_starts.sms_sent")))
        .collect()
}

fn format_sends(sent: &[Millis]) -> String {
    sent.iter()
        .map(Millis::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

fn challenge_from_row(row: &AnyRow) -> StoreResult<ChallengeRecord> {
    let flow = Flow::parse(&row.try_get::<String, _>("flow")?)
        .ok_or_else(|| corrupt("challenges.flow"))?;
    Ok(ChallengeRecord {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        flow,
        otp_method: AuthTool::parse(&row.try_get::<String, _>("otp_method")?)
            .ok_or_else(|| corrupt("challenges.otp_method"))?,
        positions: row.try_get("positions")?,
        sms_code_digest: row.try_get("sms_code_digest")?,
        decoy_key: row.try_get("decoy_key")?,
        sms_ref: row.try_get("sms_ref")?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
    })
}

pub(super) async fn open_challenge(
    db: &SqlStore,
    challenge: &mut ChallengeRecord,
    pin: bool,
    policy: &StartPolicy,
) -> StoreResult<Opened> {
    let now = challenge.created_at;
    let subject = challenge.subject();
    // A user's challenges by user id, a decoy's by its key (both indexed).
    let (mine, key) = match (challenge.user_id, &challenge.decoy_key) {
        (Some(id), _) => ("user_id = $1", SubjectKey::User(id)),
        (None, Some(key)) => ("decoy_key = $1", SubjectKey::Decoy(key.clone())),
        (None, None) => return Err(corrupt("a challenge for nobody")),
    };
    let fresh_after = now + policy.reuse_min_left_ms();
    let mut tx = db.pool.begin().await?;
    // The login's row: written first, so concurrent starts of one login (on any
    // replica) wait for each other here and each sees the last one's sends.
    let sent: String = sqlx::query_scalar(
        "INSERT INTO login_starts (subject, sms_sent, updated_at) VALUES ($1, '', $2) \
         ON CONFLICT (subject) DO UPDATE SET updated_at = $2 RETURNING sms_sent",
    )
    .bind(&subject)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let open = key
        .bind(sqlx::query(&format!(
            "SELECT {CHALLENGE_COLUMNS} FROM challenges WHERE {mine} AND used = 0 \
             AND expires_at > $2 ORDER BY created_at DESC, id DESC"
        )))
        .bind(fresh_after)
        .fetch_all(&mut *tx)
        .await?;
    // The newest code still good for a while, used or not: codes are per SMS, not
    // per challenge, and a success ends them all.
    let live = key
        .bind(sqlx::query(&format!(
            "SELECT sms_ref, sms_code_digest, expires_at FROM challenges WHERE {mine} \
             AND sms_ref IS NOT NULL AND expires_at > $2 ORDER BY expires_at DESC LIMIT 1"
        )))
        .bind(fresh_after)
        .fetch_optional(&mut *tx)
        .await?;
    let live_digest: Option<Vec<u8>> = match &live {
        Some(row) => row.try_get("sms_code_digest")?,
        None => None,
    };
    let facts = StartFacts {
        now,
        open: u32::try_from(open.len()).unwrap_or(u32::MAX),
        newest_open: open
            .first()
            .map(|row| row.try_get::<String, _>("id"))
            .transpose()?,
        live_code: live
            .as_ref()
            .map(|row| -> StoreResult<LiveCode> {
                Ok(LiveCode {
                    sms_ref: row.try_get("sms_ref")?,
                    expires_at: row.try_get("expires_at")?,
                })
            })
            .transpose()?,
        sent: parse_sends(&sent)?,
        wants_code: challenge.otp_method == AuthTool::Sms,
    };
    let mut send_code = false;
    match policy.decide(&facts) {
        StartDecision::ReuseChallenge(id) => {
            let row = open
                .iter()
                .find(|row| row.try_get::<String, _>("id").ok().as_deref() == Some(&id))
                .ok_or_else(|| corrupt("challenges.id"))?;
            let existing = challenge_from_row(row)?;
            tx.commit().await?;
            return Ok(Opened::Existing(existing));
        }
        StartDecision::ReuseCode(code) => {
            challenge.sms_ref = Some(code.sms_ref);
            challenge.sms_code_digest = live_digest;
            challenge.expires_at = code.expires_at;
        }
        StartDecision::NoCode => challenge.sms_ref = None,
        StartDecision::Wait { until } => {
            tx.commit().await?;
            return Ok(Opened::Wait {
                until,
                budget: false,
            });
        }
        StartDecision::NewCode { sent } => {
            // Only a real message costs the budget; every start that would send
            // one is turned away while the breaker is open, whoever it is for.
            let minute = minute_of(now);
            let spent: i64 = if challenge.sms_code_digest.is_some() {
                sqlx::query_scalar(
                    "INSERT INTO sms_budget (minute, sent) VALUES ($1, 1) \
                     ON CONFLICT (minute) DO UPDATE SET sent = sms_budget.sent + 1 \
                     WHERE sms_budget.sent < $2 RETURNING sent - 1",
                )
                .bind(minute)
                .bind(i64::from(policy.budget_per_minute))
                .fetch_optional(&mut *tx)
                .await?
                // No row came back: the minute's budget is spent.
                .unwrap_or(i64::from(policy.budget_per_minute))
            } else {
                sqlx::query_scalar("SELECT sent FROM sms_budget WHERE minute = $1")
                    .bind(minute)
                    .fetch_optional(&mut *tx)
                    .await?
                    .unwrap_or(0)
            };
            if let Err(until) = policy.budget(now, spent) {
                tx.rollback().await?;
                return Ok(Opened::Wait {
                    until,
                    budget: true,
                });
            }
            sqlx::query("UPDATE login_starts SET sms_sent = $2 WHERE subject = $1")
                .bind(&subject)
                .bind(format_sends(&sent))
                .execute(&mut *tx)
                .await?;
            challenge.sms_ref = Some(challenge.id.clone());
            send_code = challenge.sms_code_digest.is_some();
        }
    }
    if let (true, Some(user_id)) = (pin, challenge.user_id) {
        // Keep the first positions asked until a login succeeds (R3).
        let row = sqlx::query(
            "UPDATE users SET pending_positions = COALESCE(pending_positions, $2) \
             WHERE id = $1 RETURNING pending_positions",
        )
        .bind(user_id)
        .bind(&challenge.positions)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        challenge.positions = Some(
            row.try_get::<Option<String>, _>("pending_positions")?
                .ok_or_else(|| corrupt("users.pending_positions"))?,
        );
    }
    sqlx::query(
        "INSERT INTO challenges (id, user_id, flow, otp_method, positions, \
         sms_code_digest, decoy_key, sms_ref, used, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10)",
    )
    .bind(&challenge.id)
    .bind(challenge.user_id)
    .bind(challenge.flow.as_str())
    .bind(challenge.otp_method.as_str())
    .bind(&challenge.positions)
    .bind(&challenge.sms_code_digest)
    .bind(&challenge.decoy_key)
    .bind(&challenge.sms_ref)
    .bind(challenge.created_at)
    .bind(challenge.expires_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Opened::Stored { send_code })
}

pub(super) async fn get_challenge(
    db: &SqlStore,
    id: &str,
    now: Millis,
) -> StoreResult<Option<ChallengeRecord>> {
    let row = sqlx::query(&format!(
        "SELECT {CHALLENGE_COLUMNS} FROM challenges WHERE id = $1 AND used = 0 \
         AND expires_at > $2"
    ))
    .bind(id)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(challenge_from_row).transpose()
}

pub(super) async fn take_challenge(
    db: &SqlStore,
    id: &str,
    now: Millis,
) -> StoreResult<Option<ChallengeRecord>> {
    let row = sqlx::query(&format!(
        "UPDATE challenges SET used = 1 WHERE id = $1 AND used = 0 AND expires_at > $2 \
         RETURNING {CHALLENGE_COLUMNS}"
    ))
    .bind(id)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    row.as_ref().map(challenge_from_row).transpose()
}
