//! The login (R5, R6, R10): step 1 hands out a challenge, step 2 checks it.
//!
//! Order of a check, and why:
//! 1. Everything that can be refused without looking at credentials is refused first
//!    (malformed characters, positions other than those asked, a new password that
//!    breaks the policy) — a typo in the request costs no attempt.
//! 2. The challenge is taken for its single use (atomic), so a code cannot be tried twice.
//! 3. One attempt is *reserved* atomically before any secret is checked, so N parallel
//!    requests get at most `attempts_left` checks (see `domain::lockout`).
//! 4. All credentials of the flow are checked, every one even after the first fails,
//!    so the time taken does not say which one was wrong.
//! 5. The outcome is recorded: a failure may block; a success resets the counter,
//!    forgets the pinned positions and opens a session.
//!
//! Before all of it, step 2 is admitted by the hash gate (`hash_gate`): a permit to run
//! Argon2, held for the whole check (a new-password flow hashes twice under it). Full
//! queue or passed deadline: 503, decided before anything is looked up, so the answer
//! is the same for every login, and nothing is consumed — neither the challenge nor an
//! attempt — so the client may send the same answer again.
//!
//! Steps 2 to 5 and their audit record run in a task of their own ([`complete_detached`]),
//! not in the request's future: a client that drops the connection half-way (or a bad
//! mobile network) cannot leave an attempt reserved and never recorded, which would
//! burn attempts without a trace and could strand a user with none left and no block.
//! Every attempt is audited, answered or not.
//!
//! A challenge is good only for the flow of the user's *current* state (checked when it
//! is taken, and again atomically when a success is written), and every change of the
//! user's state ends their open challenges: a new-password challenge started while the
//! user awaited a new password cannot set one once the user has done so themselves.
//!
//! Unknown logins get a decoy challenge that looks like a real one and is stable per
//! login (keyed by the pepper), and a dummy Argon2 verification at step 2, so neither
//! the answer nor its timing tells whether a login exists. Their failures are counted
//! in the database like a real user's: the attempts left count down and the decoy
//! "blocks" after the same number of failures.

use std::collections::BTreeMap;

use secrecy::{ExposeSecret, SecretString};
use time::OffsetDateTime;

use crate::api::{
    AuthTool, Challenge, CompleteLogin, ErrorCode, Flow, PrincipalView, SessionCreated, StartLogin,
    UserStatus,
};
use crate::domain::masked_password::{self, MaskKeyError, Password, Positions, TypedChars};
use crate::domain::otp::{self, TotpSecret};
use crate::domain::policy::OperatorRole;
use crate::domain::temporary_password::Argon2Memory;
use crate::domain::{lockout, login_start};
use crate::domain::{secret_box, temporary_password};
use crate::store::{
    now_millis, AuditEntry, ChallengeRecord, LoginSuccess, Millis, Opened, Reservation,
    SessionRecord, UserKind, UserRecord,
};

use super::auth::{new_token, SESSION_PREFIX};
use super::decoy;
use super::error::{ApiError, ApiResult};
use super::hash_gate::{Caller, HashPermit};
use super::metrics::StartRefusal;
use super::sms::{Sms, SmsKind};
use super::state::AppState;
use super::token_binding;

/// A challenge lives as long as an SMS code: 5 minutes.
const CHALLENGE_TTL_MS: i64 = otp::SMS_CODE_TTL_S * 1000;

/// Step 1: who wants to log in → what they must send.
pub async fn start(state: &AppState, request: &StartLogin) -> ApiResult<Challenge> {
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
) -> ApiResult<Challenge> {
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
    // A blocked user gets no SMS: it could not be used, and it would cost the bank.
    // (Their starts still count against the SMS limits, as if one were sent.)
    if user.auth_tool == AuthTool::Sms && user.status != UserStatus::Blocked {
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
) -> ApiResult<Started> {
    let policy = &state.settings.start_policy;
    match state.store.open_challenge(challenge, pin, policy).await? {
        Opened::Wait { until, budget } => {
            let seconds = login_start::retry_after_secs(now, until);
            if budget {
                state.metrics.login_start_refused(StartRefusal::SmsBudget);
                state.sms_breaker.tripped(now, policy.budget_per_minute);
                return Err(ApiError::new(
                    ErrorCode::TooManyRequests,
                    "the bank's SMS budget is spent; no SMS codes are sent for now",
                )
                .with_retry_after(seconds));
            }
            state.metrics.login_start_refused(StartRefusal::SmsPerLogin);
            Err(ApiError::new(
                ErrorCode::TooManyRequests,
                "too many SMS codes for this login; no new one can be sent yet",
            )
            .with_retry_after(seconds))
        }
        Opened::Existing(existing) => Ok(Started::Again(existing)),
        Opened::Stored { send_code } => Ok(Started::Stored { send_code }),
    }
}

fn view(challenge: &ChallengeRecord, sms_sent_to: Option<String>) -> ApiResult<Challenge> {
    let password_positions = match &challenge.positions {
        Some(list) => Some(
            list.split(',')
                .map(|p| p.parse::<u8>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(ApiError::internal)?,
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
        expires_at: millis_to_time(challenge.expires_at)?,
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

pub fn millis_to_time(millis: Millis) -> ApiResult<OffsetDateTime> {
    crate::store::time_of(millis)
        .ok_or_else(|| ApiError::internal(format!("stored time {millis} is out of range")))
}

/// The parsed characters of a masked-password answer: position → character.
/// The typed characters by position. A character sent decomposed ("a" + U+0328 for
/// "ą") is taken in its composed form; what does not compose to one character is
/// refused, as no position of a password can hold it.
fn parse_chars(raw: &BTreeMap<String, crate::api::Secret>) -> ApiResult<TypedChars> {
    let mut chars = BTreeMap::new();
    for (position, value) in raw {
        let position: u8 = position.parse().ok().filter(|p| *p >= 1).ok_or_else(|| {
            ApiError::invalid_input("password_chars keys must be 1-based positions such as \"2\"")
        })?;
        let mut it = value.expose().chars();
        // One scalar is taken as typed: the old scheme's records compare exactly that.
        let c = match (it.next(), it.next()) {
            (Some(c), None) => Some(c),
            _ => masked_password::normalize_typed_char(value.expose()),
        };
        let Some(c) = c else {
            return Err(ApiError::invalid_input(format!(
                "password_chars[\"{position}\"] must be exactly one character"
            )));
        };
        chars.insert(position, c);
    }
    Ok(TypedChars::from_map(chars))
}

/// Step 2, run to its end whatever happens to the connection that asked for it: the
/// request's future only waits for the task's answer (see the module's docs).
pub async fn complete_detached(
    state: AppState,
    request_id: String,
    challenge_id: String,
    answer: CompleteLogin,
) -> ApiResult<SessionCreated> {
    use tracing::Instrument;
    // Admitted while the request waits: a client that gives up in the queue leaves
    // nothing behind. Once admitted, the permit goes with the check to its end.
    let permit = state.hash_gate.admit(Caller::Anonymous).await?;
    let task = async move { complete(&state, permit, &request_id, &challenge_id, &answer).await };
    // Its log lines stay inside the request's span.
    tokio::spawn(task.instrument(tracing::Span::current()))
        .await
        .map_err(ApiError::internal)?
}

/// Step 2: check the answer to a challenge and open a session.
async fn complete(
    state: &AppState,
    permit: HashPermit,
    request_id: &str,
    challenge_id: &str,
    answer: &CompleteLogin,
) -> ApiResult<SessionCreated> {
    let mut work = Work {
        permit: Some(permit),
        ..Work::default()
    };
    let outcome = complete_counted(state, request_id, challenge_id, answer, &mut work).await;
    work.log(2);
    outcome
}

async fn complete_counted(
    state: &AppState,
    request_id: &str,
    challenge_id: &str,
    answer: &CompleteLogin,
    work: &mut Work,
) -> ApiResult<SessionCreated> {
    let now = now_millis();
    // (1) Refuse what needs no credentials to refuse.
    let chars = answer
        .password_chars
        .as_ref()
        .map(parse_chars)
        .transpose()?;
    let new_password = answer
        .new_password
        .as_ref()
        .map(|p| Password::parse(p.expose()))
        .transpose()
        .map_err(|e| ApiError::new(ErrorCode::PasswordPolicy, e.to_string()))?;
    work.store += 1;
    let peek = state
        .store
        .get_challenge(challenge_id, now)
        .await?
        .ok_or_else(expired)?;
    check_shape(&peek, chars.as_ref(), answer, new_password.is_some())?;

    // (2) Take the challenge for its single use.
    work.store += 1;
    let challenge = state
        .store
        .take_challenge(challenge_id, now)
        .await?
        .ok_or_else(expired)?;
    let limit = i64::from(state.settings.lockout_limit.get());
    let Some(user_id) = challenge.user_id else {
        return Err(decoy_failure(state, request_id, &challenge, limit, now, work).await?);
    };

    // (3) Reserve an attempt, only while the user's state still calls for this flow.
    // Every refusal costs one slow hash too, like a check: how fast the answer comes
    // does not tell a blocked user from an unknown one.
    work.store += 1;
    let (reservation, user) = state.store.reserve_attempt(user_id, challenge.flow).await?;
    let refusal = match reservation {
        Reservation::Reserved => None,
        Reservation::Blocked => Some(("blocked", None, blocked())),
        Reservation::Busy => Some(("busy", None, busy())),
        Reservation::Mismatch => Some((
            "expired",
            Some("the challenge's flow no longer fits the user's state"),
            expired(),
        )),
    };
    if let Some((outcome, detail, err)) = refusal {
        slow(work, dummy(state)).await?;
        work.store += 1;
        audit_login(state, request_id, user.as_ref(), outcome, detail).await?;
        return Err(err);
    }
    let user = user.ok_or_else(|| ApiError::internal("a reserved attempt without its user"))?;

    // (4) Check every credential of the flow.
    let checked = check_credentials(state, &user, &challenge, chars, answer, now, work).await?;
    let ok = match checked {
        Ok(ok) => ok,
        Err(err) => return Err(key_failure(state, request_id, &user, limit, err, work).await?),
    };

    // (5) Record the outcome.
    if !ok {
        work.store += 1;
        let outcome = state.store.record_failure(user.id, now).await?;
        let left = outcome.attempts_left.max(0);
        let now_blocked = outcome.status == UserStatus::Blocked;
        work.store += 1;
        audit_login(
            state,
            request_id,
            Some(&user),
            "failure",
            Some(if now_blocked {
                "wrong credentials; user blocked"
            } else {
                "wrong credentials"
            }),
        )
        .await?;
        return Err(failed_login(left, now_blocked));
    }
    let new_record = match new_password {
        Some(password) if challenge.flow != Flow::Login => {
            let key = state.clone();
            let uid = user.uid;
            // m + 1 Argon2id runs under this step's one permit: a password change
            // holds one core for about a second, never more than one.
            let record = slow(work, move |memory| {
                let subsets = key.settings.masked_password_subsets;
                masked_password::enroll(&key.keys.mask, &uid, &password, subsets, memory)
            })
            .await?;
            match record {
                Ok(record) => Some(record),
                Err(err) => {
                    return Err(key_failure(state, request_id, &user, limit, err, work).await?)
                }
            }
        }
        _ => None,
    };
    work.store += 1;
    let recorded = state
        .store
        .record_success(
            user.id,
            limit,
            now,
            &LoginSuccess {
                flow: challenge.flow,
                new_password: new_record,
            },
        )
        .await?;
    if !recorded {
        // The user's state changed while the answer was checked (e.g. they finished
        // their own password reset): this challenge no longer applies.
        let detail = "the user's state changed during the check";
        work.store += 1;
        audit_login(state, request_id, Some(&user), "expired", Some(detail)).await?;
        return Err(expired());
    }
    let detail = match challenge.flow {
        Flow::Login => None,
        Flow::FirstLogin => Some("first login; permanent password set"),
        Flow::NewPassword => Some("new password set"),
    };
    work.store += 2;
    audit_login(state, request_id, Some(&user), "success", detail).await?;
    open_session(state, &user, now).await
}

/// The record's mask key could not compute (a PKCS#11 token unplugged, or a record
/// naming a key this server lacks): the check could not be made, which is not a wrong
/// password. The reserved attempt is given back (else an outage would use up the
/// user's attempts and strand them, neither blocked nor able to try), the attempt is
/// audited, the operators see an error in the log, and the caller a 503 to retry.
async fn key_failure(
    state: &AppState,
    request_id: &str,
    user: &UserRecord,
    limit: i64,
    err: MaskKeyError,
    work: &mut Work,
) -> ApiResult<ApiError> {
    tracing::error!(error = %err, "masked password check impossible");
    work.store += 1;
    state.store.release_attempt(user.id, limit).await?;
    work.store += 1;
    audit_login(
        state,
        request_id,
        Some(user),
        "unavailable",
        Some("the mask key could not compute; the attempt was given back"),
    )
    .await?;
    Ok(ApiError::new(
        ErrorCode::ServiceUnavailable,
        "the password cannot be checked right now; try again later",
    ))
}

fn expired() -> ApiError {
    ApiError::new(
        ErrorCode::ChallengeExpired,
        "the login challenge is unknown, used or expired; start the login again",
    )
}

/// The work one login step did: calls to the store and slow (Argon2) hashes. Logged at
/// debug level for the tests that show every kind of login — unknown, active, blocked,
/// SMS, token — does the same work, so that its time tells nothing.
#[derive(Debug, Default)]
struct Work {
    store: u32,
    argon2: u32,
    /// Step 2's permit of the hash gate, which its slow hashes run under.
    permit: Option<HashPermit>,
}

impl Work {
    fn log(&self, step: u8) {
        tracing::debug!(
            step,
            store_calls = self.store,
            argon2 = self.argon2,
            "login work"
        );
    }
}

/// The work of a check that cannot pass, as a slow hash for [`slow`].
fn dummy(state: &AppState) -> impl FnOnce(&mut Argon2Memory) + Send + 'static {
    let state = state.clone();
    move |memory| masked_password::dummy_verify(&state.keys.mask, memory)
}

/// Run a slow hash off the async threads, under the step's permit, and count it.
async fn slow<T: Send + 'static>(
    work: &mut Work,
    hash: impl FnOnce(&mut Argon2Memory) -> T + Send + 'static,
) -> ApiResult<T> {
    work.argon2 += 1;
    let permit = work
        .permit
        .as_mut()
        .ok_or_else(|| ApiError::internal("a slow hash without the hash gate's permit"))?;
    permit.run(hash).await
}

/// The fields each flow needs, and only asked positions.
fn check_shape(
    challenge: &ChallengeRecord,
    chars: Option<&TypedChars>,
    answer: &CompleteLogin,
    has_new_password: bool,
) -> ApiResult<()> {
    match challenge.flow {
        Flow::Login => match (&challenge.positions, chars, &answer.password) {
            (Some(asked), Some(chars), None) => {
                let typed: Vec<String> = chars.positions().map(|p| p.to_string()).collect();
                if typed.join(",") != *asked {
                    return Err(ApiError::invalid_input(format!(
                        "send the characters at positions {asked} exactly"
                    )));
                }
            }
            (Some(asked), _, _) => {
                return Err(ApiError::invalid_input(format!(
                    "this login asks for password_chars at positions {asked}"
                )))
            }
            (None, None, Some(_)) => {}
            (None, _, _) => {
                return Err(ApiError::invalid_input(
                    "this login asks for the whole password in `password`",
                ))
            }
        },
        Flow::FirstLogin | Flow::NewPassword => {
            if chars.is_some() || answer.password.is_some() {
                return Err(ApiError::invalid_input(
                    "this login sets a new password; send temporary_password and new_password",
                ));
            }
            if !has_new_password {
                return Err(ApiError::invalid_input(
                    "this login sets a new password; new_password is required",
                ));
            }
            if answer.temporary_password.is_none() {
                return Err(ApiError::invalid_input(
                    "this login needs the temporary_password: from the envelope, or the \
                     one-time access password sent after the unblock",
                ));
            }
        }
    }
    Ok(())
}

async fn check_credentials(
    state: &AppState,
    user: &UserRecord,
    challenge: &ChallengeRecord,
    chars: Option<TypedChars>,
    answer: &CompleteLogin,
    now: Millis,
    work: &mut Work,
) -> ApiResult<Result<bool, MaskKeyError>> {
    // One-time code.
    let otp_ok = match challenge.otp_method {
        AuthTool::Sms => match &challenge.sms_code_digest {
            Some(digest) => otp::sms_code_matches(
                &state.keys.sms_code,
                challenge.sms_ref.as_deref().unwrap_or(&challenge.id),
                answer.otp.expose(),
                digest,
            ),
            None => false,
        },
        AuthTool::Token => match &user.token_seed_sealed {
            // Bound to the user's uid (`token_binding`): a seed that is not this
            // user's does not open, and counts as a wrong code, never as a 500 (which
            // would leave the reserved attempt unrecorded).
            Some(sealed) => match secret_box::open(
                &state.keys.token_seed,
                sealed,
                &token_binding::token_aad(user.uid),
            ) {
                Ok(seed) => {
                    let secret = TotpSecret::from_bytes(&seed).map_err(ApiError::internal)?;
                    let unix = u64::try_from(now / 1000).unwrap_or(0);
                    match otp::verify_totp(&secret, answer.otp.expose(), unix, user.token_last_step)
                    {
                        // A step is used once, across every replica.
                        Some(step) => {
                            work.store += 1;
                            state.store.consume_token_step(user.id, step).await?
                        }
                        None => false,
                    }
                }
                Err(err) => {
                    tracing::error!(user = %user.login, error = %err,
                        "the user's token seed is not sealed to them; their token codes fail");
                    false
                }
            },
            None => false,
        },
    };

    // Password part: slow hashes run off the async threads.
    let keys_state = state.clone();
    let uid = user.uid;
    let record = user.password.clone();
    let temp_hash = user.temporary_password_hash.clone();
    let asked = challenge.positions.clone();
    let flow = challenge.flow;
    let whole = answer.password.clone();
    let temporary = answer.temporary_password.clone();
    let password_ok = slow(work, move |memory| -> Result<bool, MaskKeyError> {
        let keys = &keys_state.keys.mask;
        match flow {
            Flow::Login => match (record, asked, chars, whole) {
                (Some(record), Some(asked), Some(chars), _) => {
                    match Positions::parse_list(&asked, record.length()) {
                        Ok(asked) => masked_password::verify_chars(
                            keys, &uid, &record, &asked, &chars, memory,
                        ),
                        Err(_) => {
                            masked_password::dummy_verify(keys, memory);
                            Ok(false)
                        }
                    }
                }
                (Some(record), None, _, Some(whole)) => {
                    masked_password::verify_whole(keys, &uid, &record, whole.expose(), memory)
                }
                _ => {
                    masked_password::dummy_verify(keys, memory);
                    Ok(false)
                }
            },
            // First login: the envelope's password. New-password flow: the one-time
            // access password, by SMS at unblock time or in a back-office envelope —
            // always a second factor beside the code: without one nothing logs in
            // (a token code alone once set a new password).
            Flow::FirstLogin | Flow::NewPassword => match (temp_hash, temporary) {
                (Some(hash), Some(typed)) => {
                    Ok(temporary_password::verify(&hash, typed.expose(), memory))
                }
                _ => {
                    masked_password::dummy_verify(keys, memory);
                    Ok(false)
                }
            },
        }
    })
    .await?;
    Ok(password_ok.map(|password_ok| otp_ok && password_ok))
}

/// Associated data binding a sealed seed of the token inventory to its serial, until
/// it is assigned (and re-sealed to its user).
pub fn inventory_aad(serial: &str) -> Vec<u8> {
    format!("token-inventory/{serial}").into_bytes()
}

/// Step 2 of an unknown login: the same calls in the same order as a real user's, one
/// slow hash, and counted like a real user's failure, so neither the answers nor their
/// sequence nor their time tell that the login is unknown.
async fn decoy_failure(
    state: &AppState,
    request_id: &str,
    challenge: &ChallengeRecord,
    limit: i64,
    now: Millis,
    work: &mut Work,
) -> ApiResult<ApiError> {
    let key = challenge
        .decoy_key
        .as_deref()
        .ok_or_else(|| ApiError::internal("a challenge has neither a user nor a decoy key"))?;
    work.store += 1;
    let refusal = match state.store.reserve_decoy_attempt(key, limit, now).await? {
        Reservation::Reserved => None,
        Reservation::Blocked => Some(("blocked", blocked())),
        Reservation::Busy | Reservation::Mismatch => Some(("busy", busy())),
    };
    slow(work, dummy(state)).await?;
    if let Some((outcome, err)) = refusal {
        work.store += 1;
        audit_login(state, request_id, None, outcome, Some("unknown login")).await?;
        return Ok(err);
    }
    work.store += 1;
    let failed = state.store.record_decoy_failure(key, limit, now).await?;
    work.store += 1;
    audit_login(state, request_id, None, "failure", Some("unknown login")).await?;
    Ok(failed_login((limit - failed).max(0), failed >= limit))
}

/// The answer to wrong credentials, with the attempts left.
fn failed_login(attempts_left: i64, now_blocked: bool) -> ApiError {
    let mut err = invalid_credentials(attempts_left);
    if now_blocked {
        err.problem.detail =
            "wrong credentials; access is now blocked — ask a co-user or HelpDesk to unblock"
                .into();
    }
    err
}

fn invalid_credentials(attempts_left: i64) -> ApiError {
    ApiError::new(
        ErrorCode::InvalidCredentials,
        "the password characters, one-time code or temporary password are wrong",
    )
    .with_attempts_left(u8::try_from(attempts_left).unwrap_or(0))
}

/// Every attempt left is held by a check still running: what is true is neither "wrong"
/// nor "blocked", but "not now". The same for every login, known or not.
fn busy() -> ApiError {
    ApiError::new(
        ErrorCode::AttemptInProgress,
        "another login attempt for this user is being checked; try again in a moment",
    )
    .with_retry_after(1)
}

/// The same for every login, known or not (no enumeration).
fn blocked() -> ApiError {
    ApiError::new(
        ErrorCode::UserBlocked,
        "access is blocked after too many failed attempts; ask a co-user of the same \
         MilleKod or HelpDesk to unblock it",
    )
}

async fn audit_login(
    state: &AppState,
    request_id: &str,
    user: Option<&UserRecord>,
    outcome: &str,
    detail: Option<&str>,
) -> ApiResult<()> {
    let actor = match user {
        Some(user) => match &user.millekod {
            Some(m) => format!("user:{m}/{}", user.login),
            None => format!("operator:{}", user.login),
        },
        None => "anonymous".to_owned(),
    };
    state
        .store
        .append_audit(&AuditEntry {
            at: now_millis(),
            request_id: request_id.to_owned(),
            actor,
            on_behalf_of: None,
            action: "login".to_owned(),
            millekod: user
                .and_then(|u| u.millekod.as_ref())
                .map(|m| m.to_string()),
            login: user.map(|u| u.login.to_string()),
            outcome: outcome.to_owned(),
            reason: None,
            detail: detail.map(str::to_owned),
        })
        .await?;
    Ok(())
}

async fn open_session(
    state: &AppState,
    user: &UserRecord,
    now: Millis,
) -> ApiResult<SessionCreated> {
    let settings = &state.settings;
    let (idle, max) = match user.kind {
        UserKind::Operator => (
            settings.operator_idle_timeout,
            settings.operator_max_session,
        ),
        UserKind::CompanyUser => (settings.user_idle_timeout, settings.user_max_session),
    };
    let idle_ms = i64::try_from(idle.as_millis()).unwrap_or(i64::MAX);
    let max_ms = i64::try_from(max.as_millis()).unwrap_or(i64::MAX);
    let (token, hash) = new_token(SESSION_PREFIX);
    let session = SessionRecord {
        user_id: user.id,
        created_at: now,
        last_seen_at: now,
        idle_timeout_ms: idle_ms,
        absolute_expires_at: now.saturating_add(max_ms),
    };
    state.store.insert_session(&hash, &session).await?;
    let principal = match &user.millekod {
        Some(millekod) => PrincipalView::User {
            millekod: millekod.clone(),
            login: user.login.clone(),
        },
        None if user.operator_role == Some(OperatorRole::BackOffice) => PrincipalView::BackOffice {
            login: user.login.clone(),
        },
        None => PrincipalView::Operator {
            login: user.login.clone(),
        },
    };
    Ok(SessionCreated {
        token: SecretString::from(token).into(),
        expires_at: millis_to_time(now.saturating_add(idle_ms.min(max_ms)))?,
        principal,
    })
}
