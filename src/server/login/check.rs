//! The checks of step 2: what an answer must hold before it costs an attempt (its
//! shape, the typed characters), and the credentials themselves — password characters
//! or whole password, one-time code, temporary password — each checked every time.

use std::collections::BTreeMap;

use crate::api::{AuthTool, CompleteLogin, Flow};
use crate::domain::login_attempt::{Factor, FailedFactors};
use crate::domain::masked_password::{self, MaskKeyError, Positions, TypedChars};
use crate::domain::otp::{self, TotpSecret};
use crate::domain::{secret_box, temporary_password};
use crate::store::{ChallengeRecord, Millis, UserRecord};

use super::error::{LoginError, LoginResult};
use super::{slow, Work};
use crate::server::state::AppState;
use crate::server::token_binding;

/// The parsed characters of a masked-password answer: position → character.
/// The typed characters by position. A character sent decomposed ("a" + U+0328 for
/// "ą") is taken in its composed form; what does not compose to one character is
/// refused, as no position of a password can hold it.
pub(super) fn parse_chars(raw: &BTreeMap<String, crate::api::Secret>) -> LoginResult<TypedChars> {
    let mut chars = BTreeMap::new();
    for (position, value) in raw {
        let position: u8 = position.parse().ok().filter(|p| *p >= 1).ok_or_else(|| {
            LoginError::invalid_input("password_chars keys must be 1-based positions such as \"2\"")
        })?;
        let mut it = value.expose().chars();
        // One scalar is taken as typed: the old scheme's records compare exactly that.
        let c = match (it.next(), it.next()) {
            (Some(c), None) => Some(c),
            _ => masked_password::normalize_typed_char(value.expose()),
        };
        let Some(c) = c else {
            return Err(LoginError::invalid_input(format!(
                "password_chars[\"{position}\"] must be exactly one character"
            )));
        };
        chars.insert(position, c);
    }
    Ok(TypedChars::from_map(chars))
}

/// The fields each flow needs, and only asked positions.
pub(super) fn check_shape(
    challenge: &ChallengeRecord,
    chars: Option<&TypedChars>,
    answer: &CompleteLogin,
    has_new_password: bool,
) -> LoginResult<()> {
    match challenge.flow {
        Flow::Login => match (&challenge.positions, chars, &answer.password) {
            (Some(asked), Some(chars), None) => {
                let typed: Vec<String> = chars.positions().map(|p| p.to_string()).collect();
                if typed.join(",") != *asked {
                    return Err(LoginError::invalid_input(format!(
                        "send the characters at positions {asked} exactly"
                    )));
                }
            }
            (Some(asked), _, _) => {
                return Err(LoginError::invalid_input(format!(
                    "this login asks for password_chars at positions {asked}"
                )))
            }
            (None, None, Some(_)) => {}
            (None, _, _) => {
                return Err(LoginError::invalid_input(
                    "this login asks for the whole password in `password`",
                ))
            }
        },
        Flow::FirstLogin | Flow::NewPassword => {
            if chars.is_some() || answer.password.is_some() {
                return Err(LoginError::invalid_input(
                    "this login sets a new password; send temporary_password and new_password",
                ));
            }
            if !has_new_password {
                return Err(LoginError::invalid_input(
                    "this login sets a new password; new_password is required",
                ));
            }
            if answer.temporary_password.is_none() {
                return Err(LoginError::invalid_input(
                    "this login needs the temporary_password: from the envelope, or the \
                     one-time access password sent after the unblock",
                ));
            }
        }
    }
    Ok(())
}

/// What the check of every credential found: for the user's timeline, which were
/// wrong (never what was typed). The caller of the API learns only [`Checked::ok`].
#[derive(Debug, Clone)]
pub(super) struct Checked {
    pub failed: FailedFactors,
}

impl Checked {
    pub fn ok(&self) -> bool {
        self.failed.is_empty()
    }
}

/// The factor a flow's password part checks: the masked characters or the whole
/// password at a normal login, the temporary password otherwise.
fn password_factor(flow: Flow, masked: bool) -> Factor {
    match (flow, masked) {
        (Flow::Login, true) => Factor::PasswordChars,
        (Flow::Login, false) => Factor::Password,
        (Flow::FirstLogin | Flow::NewPassword, _) => Factor::TemporaryPassword,
    }
}

fn code_factor(tool: AuthTool) -> Factor {
    match tool {
        AuthTool::Sms => Factor::SmsCode,
        AuthTool::Token => Factor::TokenCode,
    }
}

pub(super) async fn check_credentials(
    state: &AppState,
    user: &UserRecord,
    challenge: &ChallengeRecord,
    chars: Option<TypedChars>,
    answer: &CompleteLogin,
    now: Millis,
    work: &mut Work,
) -> LoginResult<Result<Checked, MaskKeyError>> {
    let factors = (
        code_factor(challenge.otp_method),
        password_factor(challenge.flow, challenge.positions.is_some()),
    );
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
                    let secret = TotpSecret::from_bytes(&seed)
                        .map_err(|e| anyhow::anyhow!("the user's token seed: {e}"))?;
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
    Ok(password_ok.map(|password_ok| {
        let (code, password) = factors;
        let failed = [
            (!otp_ok).then_some(code),
            (!password_ok).then_some(password),
        ];
        Checked {
            failed: FailedFactors::new(failed.into_iter().flatten()),
        }
    }))
}
