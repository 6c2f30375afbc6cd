//! Bootstrap of a real deployment (like `kc.sh bootstrap-admin`): create a HelpDesk
//! operator straight in the database. Its temporary password and token seed are
//! printed once by the caller and never logged; the operator then completes a first
//! login over the API and sets a permanent password.
//!
//! The same door is the way back when every operator is locked out (anyone can send
//! three wrong answers for an operator's login): whoever runs the server can unblock an
//! operator (three more attempts, R9) or reset one (a new temporary password and token
//! seed, the old password gone). Operators also unblock each other over the API.
//!
//! The public functions are the entry points of `millectl server operator …`: each
//! opens the database (and reads the pepper) itself, so the CLI never touches the store.

use secrecy::{ExposeSecret, SecretString};

use crate::api::{AuditAction, AuditOutcome};
use crate::api::{AuthTool, Login, UserStatus};
use crate::domain::lockout::LockoutLimit;
use crate::domain::lockout::{self, UnblockMode};
use crate::domain::otp::TotpSecret;
use crate::domain::pepper::Pepper;
use crate::domain::policy::OperatorRole;
use crate::domain::temporary_password::Argon2Memory;
use crate::domain::{secret_box, temporary_password};
use crate::store::{
    now_millis, AuditEntry, NewUser, Store, StoreError, UserChange, UserKind, UserRecord,
};

use super::secrets_file::{load_pepper, SecretSource};
use super::state::Keys;
use super::token_binding::token_aad;

/// What the new operator needs for the first login, shown once.
pub struct OperatorSecrets {
    pub temporary_password: SecretString,
    pub totp_secret: TotpSecret,
}

/// `server operator add`: a new operator of `role`, pending its first login, with the
/// default lockout limit.
pub async fn add_operator(
    database: &str,
    pepper: &SecretSource,
    login: &Login,
    name: &str,
    role: OperatorRole,
) -> anyhow::Result<OperatorSecrets> {
    let pepper = load_pepper(pepper)?;
    let store = crate::store::open(database).await?;
    create_operator(
        store.as_ref(),
        &pepper,
        login,
        name,
        role,
        LockoutLimit::default(),
    )
    .await
}

/// `server operator unblock`: three more attempts with the current password.
pub async fn unblock_operator(database: &str, login: &Login) -> anyhow::Result<()> {
    let store = crate::store::open(database).await?;
    unblock_operator_in(store.as_ref(), login, LockoutLimit::default()).await
}

/// `server operator reset`: a new temporary password and token seed.
pub async fn reset_operator(
    database: &str,
    pepper: &SecretSource,
    login: &Login,
) -> anyhow::Result<OperatorSecrets> {
    let pepper = load_pepper(pepper)?;
    let store = crate::store::open(database).await?;
    reset_operator_in(store.as_ref(), &pepper, login, LockoutLimit::default()).await
}

async fn create_operator(
    store: &dyn Store,
    pepper: &Pepper,
    login: &Login,
    name: &str,
    role: OperatorRole,
    limit: LockoutLimit,
) -> anyhow::Result<OperatorSecrets> {
    let uid = crate::domain::ids::UserUid::generate();
    let (secrets, hash, sealed) = first_login_secrets(pepper, uid).await?;
    let user = NewUser {
        uid,
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
        operator_role: Some(role),
    };
    let audit = bootstrap_audit(AuditAction::OperatorCreate, login, None);
    match store.create_user(&user, Some(&audit)).await {
        Ok(_) => Ok(secrets),
        Err(StoreError::AlreadyExists) => {
            anyhow::bail!("an operator with login '{login}' exists already")
        }
        Err(other) => Err(other.into()),
    }
}

/// An audit record of an action taken on the database host, not over the API.
fn bootstrap_audit(action: AuditAction, login: &Login, detail: Option<&str>) -> AuditEntry {
    AuditEntry {
        at: now_millis(),
        request_id: "-".into(),
        actor: "bootstrap".into(),
        on_behalf_of: None,
        action: action.as_str().to_owned(),
        millekod: None,
        login: Some(login.to_string()),
        outcome: AuditOutcome::Success.as_str().into(),
        reason: None,
        detail: detail.map(str::to_owned),
    }
}

async fn find_operator(store: &dyn Store, login: &Login) -> anyhow::Result<UserRecord> {
    match store.find_user(None, login).await? {
        Some(user) if user.kind == UserKind::Operator => Ok(user),
        _ => anyhow::bail!("no operator with login '{login}'"),
    }
}

/// Three more attempts with the current password (R9) for a locked-out operator.
async fn unblock_operator_in(
    store: &dyn Store,
    login: &Login,
    limit: LockoutLimit,
) -> anyhow::Result<()> {
    let user = find_operator(store, login).await?;
    let facts = user.unblock_facts();
    let outcome = lockout::unblock(facts, UnblockMode::CurrentPassword, limit)
        .map_err(|refused| anyhow::anyhow!("operator '{login}': {refused}"))?;
    let change = UserChange::Unblock {
        status: outcome.status,
        attempts_left: i64::from(outcome.attempts_left),
        temporary_password_hash: None,
    };
    let audit = bootstrap_audit(
        AuditAction::OperatorUnblock,
        login,
        Some("current_password"),
    );
    match store.change_user(user.id, &change, &audit).await {
        Ok(_) => Ok(()),
        Err(StoreError::Conflict) => {
            anyhow::bail!("operator '{login}' was unblocked meanwhile; nothing to do")
        }
        Err(other) => Err(other.into()),
    }
}

/// Start an operator over: a new temporary password and token seed (shown once by the
/// caller), the old password and every session gone, then a first login as after `add`.
async fn reset_operator_in(
    store: &dyn Store,
    pepper: &Pepper,
    login: &Login,
    limit: LockoutLimit,
) -> anyhow::Result<OperatorSecrets> {
    let user = find_operator(store, login).await?;
    let (secrets, hash, sealed) = first_login_secrets(pepper, user.uid).await?;
    let change = UserChange::Reprovision {
        attempts_left: i64::from(limit.get()),
        temporary_password_hash: hash,
        token_seed_sealed: sealed,
    };
    let audit = bootstrap_audit(AuditAction::OperatorReset, login, None);
    store.change_user(user.id, &change, &audit).await?;
    Ok(secrets)
}

/// What an operator's first login needs, made on the database host: a temporary
/// password and a token seed (shown once by the caller), the password's hash and the
/// seed sealed to the operator's uid (what the store keeps).
async fn first_login_secrets(
    pepper: &Pepper,
    uid: crate::domain::ids::UserUid,
) -> anyhow::Result<(OperatorSecrets, String, Vec<u8>)> {
    let keys = Keys::derive(pepper);
    let temporary = temporary_password::generate();
    let typed = temporary.clone();
    // A command of its own, not the server: no hash gate, one run in its own memory.
    let hash = tokio::task::spawn_blocking(move || {
        temporary_password::hash(typed.expose_secret(), &mut Argon2Memory::new())
    })
    .await?;
    let totp = TotpSecret::generate();
    let sealed = secret_box::seal(&keys.token_seed, totp.as_bytes(), &token_aad(uid));
    let secrets = OperatorSecrets {
        temporary_password: temporary,
        totp_secret: totp,
    };
    Ok((secrets, hash, sealed))
}
