//! Logging in as a test needs to: the answers to a challenge (right, wrong, first
//! login), token codes, and whole logins of the dev users and operators.

use std::collections::BTreeMap;

use millectl::api::{Challenge, CompleteLogin, Flow, Secret, SessionCreated};
use millectl::domain::otp::TotpSecret;

use super::{Answer, Api, OperatorCredentials, TestServer};

/// The characters of `password` at the asked 1-based positions.
pub fn chars_at(password: &str, positions: &[u8]) -> BTreeMap<String, Secret> {
    let chars: Vec<char> = password.chars().collect();
    positions
        .iter()
        .map(|p| {
            (
                p.to_string(),
                Secret::new(chars[usize::from(*p) - 1].to_string()),
            )
        })
        .collect()
}

/// A token code that has not been used yet: each call moves one step forward
/// (the server accepts ±1 step and refuses a step used before).
pub fn totp_code(secret_base32: &str, step_offset: i64) -> String {
    let secret = TotpSecret::from_base32(secret_base32).expect("totp secret");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64;
    secret.code_at((now + step_offset * 30) as u64)
}

/// The answer to a first-login or new-password challenge: the one-time code, the
/// temporary (envelope or access) password and the new password.
pub fn new_password_answer(
    otp: impl Into<String>,
    temporary: &str,
    new_password: &str,
) -> CompleteLogin {
    CompleteLogin {
        password_chars: None,
        password: None,
        otp: Secret::new(otp),
        temporary_password: Some(Secret::new(temporary)),
        new_password: Some(Secret::new(new_password)),
    }
}

/// The answer a user gives to a normal-login challenge.
pub fn login_answer(challenge: &Challenge, password: &str, otp: &str) -> CompleteLogin {
    assert_eq!(challenge.flow, Flow::Login);
    let (password_chars, password) = match &challenge.password_positions {
        Some(positions) => (Some(chars_at(password, positions)), None),
        None => (None, Some(Secret::new(password))),
    };
    CompleteLogin {
        password_chars,
        password,
        otp: Secret::new(otp),
        temporary_password: None,
        new_password: None,
    }
}

impl TestServer {
    /// Log a demo user in (SMS code from the outbox, or the token's current code).
    pub async fn login_user(&self, millekod: &str, login: &str) -> Api {
        let user = self.user(millekod, login);
        let api = self.api();
        let challenge = api.start_login(Some(millekod), login).await;
        let otp = match challenge.otp_method {
            millectl::api::AuthTool::Sms => api.sms_code(&challenge),
            millectl::api::AuthTool::Token => {
                totp_code(user.totp_secret.as_deref().expect("totp"), 0)
            }
        };
        let password = user.password.expect("password");
        let answer = api
            .complete_login(
                &challenge.challenge_id,
                &login_answer(&challenge, &password, &otp),
            )
            .await;
        answer.expect_ok();
        let session: SessionCreated = answer.json();
        api.with_token(session.token.expose())
    }

    /// Log the dev operator in with password characters and a token code.
    pub async fn login_operator(&self) -> Api {
        self.login_operator_at(0).await
    }

    /// Log the dev back-office operator in.
    pub async fn login_back_office(&self) -> Api {
        self.login_staff(&self.creds.back_office, 0).await
    }

    /// Like `login_operator`, with the token's step offset (a second token login
    /// within the same 30 s uses offset 1).
    pub async fn login_operator_at(&self, step_offset: i64) -> Api {
        self.login_staff(&self.creds.operator, step_offset).await
    }

    async fn login_staff(&self, op: &OperatorCredentials, step_offset: i64) -> Api {
        let api = self.api();
        let challenge = api.start_login(None, &op.login).await;
        let otp = totp_code(&op.totp_secret, step_offset);
        let answer = api
            .complete_login(
                &challenge.challenge_id,
                &login_answer(&challenge, &op.password, &otp),
            )
            .await;
        answer.expect_ok();
        let session: SessionCreated = answer.json();
        api.with_token(session.token.expose())
    }
}

/// The characters at the asked positions, the first of them wrong.
pub fn wrong_chars_at(password: &str, positions: &[u8]) -> BTreeMap<String, Secret> {
    let mut chars = chars_at(password, positions);
    let first = positions[0].to_string();
    let right = chars[&first].expose().to_owned();
    let wrong = if right == "x" { "y" } else { "x" };
    chars.insert(first, Secret::new(wrong));
    chars
}

/// A normal-login answer with a wrong password (one wrong character, or a wrong whole
/// password where masking is off) and the given one-time code.
pub fn wrong_password_answer(challenge: &Challenge, password: &str, otp: &str) -> CompleteLogin {
    let mut answer = login_answer(challenge, password, otp);
    match &challenge.password_positions {
        Some(positions) => answer.password_chars = Some(wrong_chars_at(password, positions)),
        None => answer.password = Some(Secret::new(format!("{password}x"))),
    }
    answer
}

/// A 6-digit code that is none of the token's codes from 2 steps back to 2 ahead.
pub fn wrong_totp(secret_base32: &str) -> String {
    let near: Vec<String> = (-2..=2).map(|o| totp_code(secret_base32, o)).collect();
    (0..10u32)
        .map(|d| format!("{d}{d}{d}{d}{d}{d}"))
        .find(|c| !near.contains(c))
        .expect("five codes cannot cover ten candidates")
}

impl TestServer {
    /// Like `login_user`, with the token's step offset for token users (a second token
    /// login within the same 30 s uses offset 1).
    pub async fn login_user_at(&self, millekod: &str, login: &str, step_offset: i64) -> Api {
        let user = self.user(millekod, login);
        let api = self.api();
        let challenge = api.start_login(Some(millekod), login).await;
        let otp = match challenge.otp_method {
            millectl::api::AuthTool::Sms => api.sms_code(&challenge),
            millectl::api::AuthTool::Token => {
                totp_code(user.totp_secret.as_deref().expect("totp"), step_offset)
            }
        };
        let password = user.password.expect("password");
        let answer = api
            .complete_login(
                &challenge.challenge_id,
                &login_answer(&challenge, &password, &otp),
            )
            .await;
        answer.expect_ok();
        let session: SessionCreated = answer.json();
        api.with_token(session.token.expose())
    }

    /// A failed login of a demo SMS user: right SMS code, one wrong password character.
    pub async fn fail_sms_login(&self, millekod: &str, login: &str) -> Answer {
        let user = self.user(millekod, login);
        let api = self.api();
        let challenge = api.start_login(Some(millekod), login).await;
        let otp = api.sms_code(&challenge);
        let answer = wrong_password_answer(&challenge, &user.password.expect("password"), &otp);
        api.complete_login(&challenge.challenge_id, &answer).await
    }

    /// Three wrong answers for an operator's login: anyone can send them.
    pub async fn block_operator(&self, login: &str) {
        let api = self.api();
        for _ in 0..3 {
            let challenge = api.start_login(None, login).await;
            let answer = login_answer(&challenge, &"x".repeat(16), "000000");
            let answer = api.complete_login(&challenge.challenge_id, &answer).await;
            assert_eq!(answer.status.as_u16(), 401, "{}", answer.body);
        }
    }

    /// First login of an operator with the temporary password and token seed that
    /// `server operator add|reset` printed; sets `new_password`, returns the session.
    pub async fn first_login_operator(
        &self,
        login: &str,
        temporary: &str,
        seed: &str,
        new_password: &str,
    ) -> Api {
        let api = self.api();
        let challenge = api.start_login(None, login).await;
        assert_eq!(challenge.flow, Flow::FirstLogin, "{challenge:?}");
        let answer = api
            .complete_login(
                &challenge.challenge_id,
                &new_password_answer(totp_code(seed, 0), temporary, new_password),
            )
            .await;
        answer.expect_ok();
        let session: SessionCreated = answer.json();
        api.with_token(session.token.expose())
    }

    /// A second HelpDesk operator, added and through the first login: their session.
    pub async fn second_operator(&self, login: &str) -> Api {
        let (temporary, seed) = self.add_operator(login);
        self.first_login_operator(login, &temporary, &seed, "Second-operator-9")
            .await
    }
}

/// A wrong answer of the right shape for any challenge, real or decoy: wrong password
/// characters (or password) and code, or a wrong temporary password for the flows
/// that set a new one.
pub fn wrong_answer_for(challenge: &Challenge) -> CompleteLogin {
    match challenge.flow {
        Flow::Login => login_answer(challenge, "Wrong-pass-1234567890abcd", "000000"),
        Flow::FirstLogin | Flow::NewPassword => CompleteLogin {
            password_chars: None,
            password: None,
            otp: Secret::new("000000"),
            temporary_password: Some(Secret::new("wrong-temporary")),
            new_password: Some(Secret::new("Never-used-password-1")),
        },
    }
}
