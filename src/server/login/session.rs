//! What a successful login opens: a session with the idle and absolute limits of the
//! user's kind, and the principal it speaks for.

use secrecy::SecretString;

use crate::api::{PrincipalView, SessionCreated};
use crate::domain::policy::OperatorRole;
use crate::store::{Millis, SessionRecord, UserKind, UserRecord};

use super::error::LoginResult;
use super::time_of;
use crate::server::auth::{new_token, SESSION_PREFIX};
use crate::server::state::AppState;

pub(super) async fn open_session(
    state: &AppState,
    user: &UserRecord,
    now: Millis,
) -> LoginResult<SessionCreated> {
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
        expires_at: time_of(now.saturating_add(idle_ms.min(max_ms)))?,
        principal,
    })
}
