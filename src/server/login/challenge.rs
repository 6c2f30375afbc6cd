//! Step 1 of a login: who wants to log in → the challenge they must answer, for a
//! real user or (through `server::decoy`) an unknown login alike, no sooner than a
//! floor so that its time tells nothing.

use anyhow::Context;
use secrecy::ExposeSecret;

use crate::api::{AuthTool, Challenge, Flow, StartLogin, UserStatus};
use crate::domain::otp;
use crate::domain::{lockout, login_start};
use crate::store::{now_millis, ChallengeRecord, Millis, Opened};

use super::error::{LoginError, LoginResult};
use super::{time_of, Work};
use crate::server::decoy;
use crate::server::metrics::StartRefusal;
use crate::server::sms::{Sms, SmsKind};
use crate::server::state::AppState;

/// A challenge lives as long as an SMS code: 5 minutes.
const CHALLENGE_TTL_MS: i64 = otp::SMS_CODE_TTL_S * 1000;

/// Step 1: who wants to log in → what they must send.
pub async fn start(state: &AppState, request: &StartLogin) -> LoginResult<Challenge> {
    let started = tokio::time::Instant::now();
    let mut work = Work::default();
    let answer = start_counted(state, request, &mut work).await;
    work.log(1);
    // The same calls are not quite the same time: a real user's row is read and parsed,
    // an unknown login's is not (0.70 against 0.84-0.89 ms medians, release build).
    // No answer leaves before the floor, so what is left to time is the floor.
    tokio::time::sleep_until(started + STEP_ONE_FLOOR).await;
    answer
}

/// Step 1 answers no sooner than this after it started (see `start`): well above its
/// own work (under 1 ms unloaded), well below what a person notices.
const STEP_ONE_FLOOR: std::time::Duration = std::time::Duration::from_millis(5);

async fn start_counted(
    state: &AppState,
    request: &StartLogin,
    work: &mut Work,
) -> LoginResult<Challenge> {
    let now = now_millis();
    work.store += 1;
    let user = state
        .store
        .find_user(request.millekod.as_ref(), &request.login)
        .await?;
    let id = uuid::Uuid::new_v4().to_string();
    let expires_at = now + CHALLENGE_TTL_MS;
    let Some(user) = user else {
        let mut challenge = decoy::challenge(state, request, id, now, expires_at).await?;
        work.store += 1;
        let challenge = match open(state, &mut challenge, false, now).await? {
            Started::Again(existing) => existing,
            Started::Stored { .. } => challenge,
        };
        return view(&challenge, decoy::phone(state, request));
    };

    let flow = lockout::flow_for(user.status);
    let positions = match (&user.password, flow, user.password_masking) {
        (Some(record), Flow::Login, true) => Some(record.choose_positions().to_list()),
        _ => None,
    };
    let pin = positions.is_some();
    let mut sms_code_digest = None;
    let mut sms_code = None;
    // A blocked or suspended user gets no SMS: it could not be used, and it would cost
    // the bank. (Their starts still count against the SMS limits, as if one were sent.)
    let refused = matches!(user.status, UserStatus::Blocked | UserStatus::Suspended);
    if user.auth_tool == AuthTool::Sms && !refused {
        if user.phone.is_some() {
            let code = otp::generate_sms_code();
            let digest = otp::sms_code_digest(&state.keys.sms_code, &id, code.expose_secret());
            sms_code_digest = Some(digest.to_vec());
            sms_code = Some(code);
        } else {
            tracing::warn!(user = %user.login, "SMS user without a phone number tried to log in");
        }
    }
    // Without a phone the answer still looks like any other (no enumeration).
    let sms_sent_to = match &user.phone {
        Some(phone) => Some(phone.masked()),
        None => decoy::phone(state, request),
    };
    let mut challenge = ChallengeRecord {
        id,
        user_id: Some(user.id),
        flow,
        otp_method: user.auth_tool,
        positions,
        sms_code_digest,
        decoy_key: None,
        sms_ref: None,
        created_at: now,
        expires_at,
    };
    work.store += 1;
    match open(state, &mut challenge, pin, now).await? {
        Started::Again(existing) => return view(&existing, sms_sent_to),
        // Sent after the answer, from a queue: neither its time nor a gateway failure
        // shows in the answer (see `server::sms`).
        Started::Stored { send_code: true } => {
            if let (Some(code), Some(phone)) = (&sms_code, &user.phone) {
                state.sms_queue.enqueue(&Sms {
                    to: phone,
                    kind: SmsKind::LoginCode,
                    secret: Some(code),
                    challenge_id: Some(&challenge.id),
                    reference: Some(&sms_reference(&challenge.id)),
                });
            }
        }
        Started::Stored { send_code: false } => {}
    }
    view(&challenge, sms_sent_to)
}

/// What a start hands out: an open challenge again, or the one just stored (and
/// whether its own code is to be sent).
enum Started {
    Again(ChallengeRecord),
    Stored { send_code: bool },
}

/// Store a challenge under the start policy (`domain::login_start`); a wait becomes the
/// 429 every kind of login gets, and an open budget breaker is an alert.
async fn open(
    state: &AppState,
    challenge: &mut ChallengeRecord,
    pin: bool,
    now: Millis,
) -> LoginResult<Started> {
    let policy = &state.settings.start_policy;
    match state.store.open_challenge(challenge, pin, policy).await? {
        Opened::Wait { until, budget } => {
            let seconds = login_start::retry_after_secs(now, until);
            if budget {
                state.metrics.login_start_refused(StartRefusal::SmsBudget);
                state.sms_breaker.tripped(now, policy.budget_per_minute);
            } else {
                state.metrics.login_start_refused(StartRefusal::SmsPerLogin);
            }
            Err(LoginError::TooManySms {
                budget,
                retry_after: seconds,
            })
        }
        Opened::Existing(existing) => Ok(Started::Again(existing)),
        Opened::Stored { send_code } => Ok(Started::Stored { send_code }),
    }
}

fn view(challenge: &ChallengeRecord, sms_sent_to: Option<String>) -> LoginResult<Challenge> {
    let password_positions = match &challenge.positions {
        Some(list) => Some(
            list.split(',')
                .map(|p| p.parse::<u8>())
                .collect::<Result<Vec<_>, _>>()
                .context("a challenge's stored positions")?,
        ),
        None => None,
    };
    Ok(Challenge {
        challenge_id: challenge.id.clone(),
        flow: challenge.flow,
        password_positions,
        otp_method: challenge.otp_method,
        sms_reference: match challenge.otp_method {
            AuthTool::Sms => challenge.sms_ref.as_deref().map(sms_reference),
            AuthTool::Token => None,
        },
        sms_sent_to: if challenge.otp_method == AuthTool::Sms {
            sms_sent_to
        } else {
            None
        },
        expires_at: time_of(challenge.expires_at)?,
    })
}

/// The number an SMS code is sent under, in its text and beside the challenge: the
/// person matches the screen to the message (and sees that a new start pointed to the
/// SMS they have). From the random id of the challenge that sent it.
pub fn sms_reference(sms_ref: &str) -> String {
    sms_ref
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(6)
        .collect::<String>()
        .to_ascii_uppercase()
}
