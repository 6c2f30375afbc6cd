//! Who is calling: bearer tokens → a [`Principal`], plus the request id every audit
//! record and error carries.
//!
//! Two kinds of bearer token, both opaque random strings stored only as SHA-256 hashes:
//! `mls_…` sessions from a login, `mlt_…` API tokens for scripts. A session moves its
//! idle deadline forward atomically on every use, and holds only while its user is
//! active: the store ends sessions on a block, a password reset or a phone or token
//! change, and every request checks the user's status besides, so a co-user blocked
//! since they logged in cannot go on acting.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::api::{AuditAction, AuditOutcome, ErrorCode};
use crate::domain::display_text::Reason;
use crate::domain::policy::{self, Action, Denied, OperatorRole, Principal, Target};
use crate::store::{now_millis, AuditEntry, UserKind};

use super::access_log::{ActorKind, ActorSlot};
use super::error::{ApiError, ApiResult};
use super::state::AppState;

pub const SESSION_PREFIX: &str = "mls_";
pub const API_TOKEN_PREFIX: &str = "mlt_";

/// A new opaque bearer token and the hash the store keeps of it.
pub fn new_token(prefix: &str) -> (String, Vec<u8>) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = format!(
        "{prefix}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    );
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// The request id set by the request-id layer (or sent by the client).
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for RequestId {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(request_id_of(parts)))
    }
}

pub fn request_id_of(parts: &Parts) -> String {
    parts
        .headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned()
}

/// An authenticated request.
#[derive(Debug, Clone)]
pub struct Auth {
    pub principal: Principal,
    pub request_id: String,
    /// The session's token hash, for logout; `None` for API tokens.
    pub session_hash: Option<Vec<u8>>,
    /// When the session ends if idle (sessions only).
    pub expires_at: Option<i64>,
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let auth = Self::authenticate(parts, state).await?;
        // The request's log line says what kind of caller it was (`access_log`).
        if let Some(slot) = parts.extensions.get::<ActorSlot>() {
            slot.set(ActorKind::of(&auth.principal));
        }
        Ok(auth)
    }
}

impl Auth {
    async fn authenticate(parts: &Parts, state: &AppState) -> ApiResult<Self> {
        let request_id = request_id_of(parts);
        let unauthenticated = || {
            ApiError::new(
                ErrorCode::Unauthenticated,
                "no valid session or API token; log in again (millectl login)",
            )
        };
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(unauthenticated)?;
        let now = now_millis();
        let hash = token_hash(token);
        if token.starts_with(API_TOKEN_PREFIX) {
            let record = state
                .store
                .find_api_token(&hash, now)
                .await?
                .ok_or_else(unauthenticated)?;
            return Ok(Self {
                principal: Principal::ApiToken {
                    token_id: record.id,
                    name: record.name,
                    scopes: record.scopes.into_iter().collect(),
                    owner_login: record.created_by_login,
                },
                request_id,
                session_hash: None,
                expires_at: Some(record.expires_at),
            });
        }
        if !token.starts_with(SESSION_PREFIX) {
            return Err(unauthenticated());
        }
        let session = state
            .store
            .touch_session(&hash, now)
            .await?
            .ok_or_else(unauthenticated)?;
        let user = state
            .store
            .user_by_id(session.user_id)
            .await?
            .filter(|user| user.status == crate::api::UserStatus::Active)
            .ok_or_else(unauthenticated)?;
        let principal = match (user.kind, user.millekod.clone()) {
            (UserKind::Operator, _) if user.operator_role == Some(OperatorRole::BackOffice) => {
                Principal::BackOffice {
                    user_id: user.id,
                    login: user.login.clone(),
                }
            }
            (UserKind::Operator, _) => Principal::Operator {
                user_id: user.id,
                login: user.login.clone(),
            },
            (UserKind::CompanyUser, Some(millekod)) => Principal::CoUser {
                user_id: user.id,
                millekod,
                login: user.login.clone(),
            },
            (UserKind::CompanyUser, None) => return Err(unauthenticated()),
        };
        let expires_at = (now + session.idle_timeout_ms).min(session.absolute_expires_at);
        Ok(Self {
            principal,
            request_id,
            session_hash: Some(hash),
            expires_at: Some(expires_at),
        })
    }
}

/// What an audit record says about the target of an action.
#[derive(Debug, Clone, Default)]
pub struct AuditTarget {
    pub millekod: Option<String>,
    pub login: Option<String>,
}

impl AuditTarget {
    pub fn of(target: Target<'_>) -> Self {
        Self {
            millekod: target.millekod.map(|m| m.to_string()),
            login: target.login.map(|l| l.to_string()),
        }
    }
}

impl Auth {
    pub fn audit(
        &self,
        action: AuditAction,
        target: Target<'_>,
        outcome: AuditOutcome,
        reason: Option<&str>,
        detail: Option<String>,
    ) -> AuditEntry {
        let target = AuditTarget::of(target);
        AuditEntry {
            at: now_millis(),
            request_id: self.request_id.clone(),
            actor: self.principal.audit_name(),
            on_behalf_of: self.principal.on_behalf_of(),
            action: action.as_str().to_owned(),
            millekod: target.millekod,
            login: target.login,
            outcome: outcome.as_str().to_owned(),
            reason: reason.map(str::to_owned),
            detail,
        }
    }

    /// Check the policy; a refusal is audited under `audit_action` and becomes a 403.
    /// `action` is what `audit_action` is ruled by ([`AuditAction::ruled_by`]), or the
    /// phone reveal checked beside `user.show`.
    pub async fn authorize(
        &self,
        state: &AppState,
        action: Action,
        audit_action: AuditAction,
        target: Target<'_>,
    ) -> ApiResult<()> {
        debug_assert!(
            audit_action.ruled_by() == Some(action)
                || (action, audit_action) == (Action::RevealPhone, AuditAction::UserShow),
            "{audit_action} is not ruled by {action:?}"
        );
        match policy::authorize(&self.principal, action, target) {
            Ok(()) => Ok(()),
            Err(denied) => {
                let entry = self.audit(
                    audit_action,
                    target,
                    AuditOutcome::Denied,
                    None,
                    Some(denied.to_string()),
                );
                state.store.append_audit(&entry).await?;
                Err(forbidden(&denied))
            }
        }
    }

    /// Pass `result` on, auditing the refusal in it first (R12): a target that does not
    /// exist (404, outcome `not_found`) or whose state does not allow the action (409,
    /// outcome `refused`), on record with the target as asked, the reason given and the
    /// answer's detail. Every route sends its 404s and 409s through here. Other errors
    /// pass untouched: bad input never reached a target, a 403 is audited by
    /// [`Auth::authorize`], and a failure of ours is in the log.
    pub async fn audit_refusal<T>(
        &self,
        state: &AppState,
        action: AuditAction,
        target: Target<'_>,
        reason: Option<&str>,
        result: ApiResult<T>,
    ) -> ApiResult<T> {
        let err = match result {
            Ok(value) => return Ok(value),
            Err(err) => err,
        };
        let outcome = match err.problem.status {
            404 => AuditOutcome::NotFound,
            409 => AuditOutcome::Refused,
            _ => return Err(err),
        };
        let detail = Some(err.problem.detail.clone());
        let entry = self.audit(action, target, outcome, reason, detail);
        state.store.append_audit(&entry).await?;
        Err(err)
    }

    /// Parse a `reason` (blank is none): one line of visible text, at most 200
    /// characters, as it goes into the audit; required from HelpDesk (operators and
    /// their API tokens) when the server says so.
    pub fn reason(&self, state: &AppState, raw: Option<&str>) -> ApiResult<Option<Reason>> {
        let reason = raw
            .filter(|r| !r.trim().is_empty())
            .map(Reason::parse)
            .transpose()?;
        let helpdesk = matches!(
            self.principal,
            Principal::Operator { .. } | Principal::BackOffice { .. } | Principal::ApiToken { .. }
        );
        if reason.is_none() && helpdesk && state.settings.require_reason {
            return Err(ApiError::new(
                ErrorCode::ReasonRequired,
                "this server requires a reason (a ticket number or a few words) for changes",
            ));
        }
        Ok(reason)
    }
}

pub fn forbidden(denied: &Denied) -> ApiError {
    ApiError::forbidden(denied.to_string())
}
