//! One administrative action on one target, said once.
//!
//! Every route that changes or shows something begins the same way — who acts, what
//! the audit calls it, on whom, for what reason; authorize; find the user; audit a
//! refusal — and every audit record it writes repeats those four. [`Acting`] holds
//! them, so a route names each once and its records cannot disagree with each other
//! (R12). It adds no rule: the policy is `domain::policy`, the records are
//! [`Auth::audit`] and [`Auth::audit_refusal`].

use secrecy::{ExposeSecret, SecretString};

use crate::api::{AuditAction, AuditOutcome, Login, MilleKod};
use crate::domain::policy::{Action, Target};
use crate::domain::temporary_password;
use crate::server::auth::Auth;
use crate::server::error::{ApiError, ApiResult};
use crate::server::hash_gate::Caller;
use crate::server::state::AppState;
use crate::store::{AuditEntry, UserRecord};

/// Who does what to whom, and why: what each audit record of one action repeats.
#[derive(Clone, Copy)]
pub struct Acting<'a> {
    pub state: &'a AppState,
    pub auth: &'a Auth,
    pub action: AuditAction,
    pub target: Target<'a>,
    pub reason: Option<&'a str>,
}

impl<'a> Acting<'a> {
    pub fn new(
        state: &'a AppState,
        auth: &'a Auth,
        action: AuditAction,
        target: Target<'a>,
        reason: Option<&'a str>,
    ) -> Self {
        Self {
            state,
            auth,
            action,
            target,
            reason,
        }
    }

    /// The same caller, target and reason under another audit action (an approval
    /// carrying out the action it held).
    pub fn as_action(self, action: AuditAction) -> Self {
        Self { action, ..self }
    }

    /// The same caller, action and reason, aimed at `target`.
    pub fn on(self, target: Target<'a>) -> Self {
        Self { target, ..self }
    }

    /// An audit record of this action.
    pub fn record(&self, outcome: AuditOutcome, detail: Option<String>) -> AuditEntry {
        self.auth
            .audit(self.action, self.target, outcome, self.reason, detail)
    }

    /// The record of its success (written with the change it records).
    pub fn success(&self, detail: Option<String>) -> AuditEntry {
        self.record(AuditOutcome::Success, detail)
    }

    /// Check `policy` on the target; a refusal is audited under this action (403).
    pub async fn authorize(&self, policy: Action) -> ApiResult<()> {
        self.auth
            .authorize(self.state, policy, self.action, self.target)
            .await
    }

    /// Pass `result` on, auditing a 404 or 409 in it ([`Auth::audit_refusal`]).
    pub async fn refusal<T>(&self, result: ApiResult<T>) -> ApiResult<T> {
        self.auth
            .audit_refusal(self.state, self.action, self.target, self.reason, result)
            .await
    }

    /// Refuse with `err`, audited as [`Acting::refusal`] does.
    pub async fn refuse<T>(&self, err: ApiError) -> ApiResult<T> {
        self.refusal(Err(err)).await
    }

    /// The company user the target names, once the caller may do `policy` to them: a
    /// refusal (403) and an unknown user (404) are audited under this action.
    pub async fn target_user(&self, policy: Action) -> ApiResult<UserRecord> {
        self.authorize(policy).await?;
        self.find_user().await
    }

    /// The company user the target names; an unknown one is a 404, audited.
    pub async fn find_user(&self) -> ApiResult<UserRecord> {
        let (Some(millekod), Some(login)) = (self.target.millekod, self.target.login) else {
            return Err(ApiError::internal("a user action without its user"));
        };
        let found = find_user(self.state, millekod, login).await;
        self.refusal(found).await
    }
}

/// The user, or a 404 naming who was looked for.
async fn find_user(state: &AppState, millekod: &MilleKod, login: &Login) -> ApiResult<UserRecord> {
    state
        .store
        .find_user(Some(millekod), login)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no user '{login}' in MilleKod {millekod}")))
}

/// A new one-time password (an envelope's, or an access password after an unblock)
/// and its hash, made under the hash gate like every Argon2 run of an authenticated
/// route.
pub async fn new_temporary_password(state: &AppState) -> ApiResult<(SecretString, String)> {
    let password = temporary_password::generate();
    let typed = password.clone();
    let hash = state
        .hash_gate
        .run(Caller::Authenticated, move |memory| {
            temporary_password::hash(typed.expose_secret(), memory)
        })
        .await?;
    Ok((password, hash))
}
