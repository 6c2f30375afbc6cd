//! Bootstrap of a real deployment (like `kc.sh bootstrap-admin`): create a HelpDesk
//! operator straight in the database. Its temporary password and token seed are
//! printed once by the caller and never logged; the operator then completes a first
//! login over the API and sets a permanent password.

use secrecy::{ExposeSecret, SecretString};

use crate::api::{AuthTool, Login, UserStatus};
use crate::domain::lockout::LockoutLimit;
use crate::domain::otp::TotpSecret;
use crate::domain::pepper::Pepper;
use crate::domain::{secret_box, temporary_password};
use crate::store::{now_millis, AuditEntry, NewUser, Store, StoreError, UserKind};

use super::login::token_aad;
use super::state::Keys;

/// What the new operator needs for the first login, shown once.
pub struct OperatorSecrets {
    pub temporary_password: SecretString,
    pub totp_secret: TotpSecret,
}

pub async fn add_operator(
    store: &dyn Store,
    pepper: &Pepper,
    login: &Login,
    name: &str,
    limit: LockoutLimit,
) -> anyhow::Result<OperatorSecrets> {
    let keys = Keys::derive(pepper);
    let temporary = temporary_password::generate();
    let typed = temporary.clone();
    let hash = tokio::task::spawn_blocking(move || temporary_password::hash(typed.expose_secret()))
        .await?;
    let totp = TotpSecret::generate();
    let sealed = secret_box::seal(&keys.token_seed, totp.as_bytes(), &token_aad(None, login));
    let user = NewUser {
        kind: UserKind::Operator,
        millekod: None,
        login: login.clone(),
        name: name.to_owned(),
        status: UserStatus::PendingActivation,
        attempts_left: i64::from(limit.get()),
        failed_attempts: 0,
        auth_tool: AuthTool::Token,
        phone: None,
        password_masking: true,
        password: None,
        temporary_password_hash: Some(hash),
        token_serial: Some("software".into()),
        token_seed_sealed: Some(sealed),
        blocked_at: None,
    };
    let audit = AuditEntry {
        at: now_millis(),
        request_id: "-".into(),
        actor: "bootstrap".into(),
        on_behalf_of: None,
        action: "operator.create".into(),
        millekod: None,
        login: Some(login.to_string()),
        outcome: "success".into(),
        reason: None,
        detail: None,
    };
    match store.create_user(&user, Some(&audit)).await {
        Ok(_) => Ok(OperatorSecrets {
            temporary_password: temporary,
            totp_secret: totp,
        }),
        Err(StoreError::AlreadyExists) => {
            anyhow::bail!("an operator with login '{login}' exists already")
        }
        Err(other) => Err(other.into()),
    }
}
