//! `GET /v1/companies/{millekod}/users/{login}/history` (issue 15): why is this user
//! blocked? Their login attempts (the login attempts table) interleaved with every
//! administrative action on them (the audit, read by target), newest first.
//!
//! Who may read it: whoever may see the user (`Action::ShowUser`: operators, co-users
//! of the same MilleKod, API tokens with `users:read`), asked before the user is
//! looked up, so another company's co-user is answered alike whether the login exists
//! or not. Audited as one `user.history` record. What it shows of a failed attempt is
//! which factor was wrong — never what was typed; the login API itself tells the caller
//! no more than before.

use axum::extract::State;

use super::acting::Acting;
use super::{Path, Query};
use crate::api::{
    AuditAction, HistoryEntry, HistoryKind, HistoryQuery, Login, MilleKod, Problem, UserHistory,
};
use crate::domain::policy::{Action, Target};
use crate::server::auth::Auth;
use crate::server::error::{ApiError, ApiResult};
use crate::server::state::AppState;
use crate::store::{millis_of, time_of, Millis, StoredAuditEntry, StoredLoginAttempt};

/// Entries when `limit` is not given.
const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 1000;

/// A user's timeline, newest first: login attempts and administrative actions.
#[utoipa::path(get, path = "/v1/companies/{millekod}/users/{login}/history", tag = "users",
    security(("bearer" = [])),
    params(("millekod" = crate::api::MilleKod, Path), ("login" = crate::api::Login, Path), HistoryQuery),
    responses((status = 200, body = UserHistory), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 404, body = Problem)))]
pub async fn history(
    State(state): State<AppState>,
    auth: Auth,
    Path((millekod, login)): Path<(MilleKod, Login)>,
    Query(query): Query<HistoryQuery>,
) -> ApiResult<axum::Json<UserHistory>> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::invalid_input(format!(
            "limit must be between 1 and {MAX_LIMIT}"
        )));
    }
    let since: Millis = query.since.map(millis_of).unwrap_or(0);
    let target = Target::user(&millekod, &login);
    let acting = Acting::new(&state, &auth, AuditAction::UserHistory, target, None);
    acting.authorize(Action::ShowUser).await?;
    let user = acting.find_user().await?;
    let limit = i64::from(limit);
    let attempts = state.store.login_attempts_of(user.id, since, limit).await?;
    let actions = state
        .store
        .audit_of_user(millekod.as_str(), login.as_str(), since, limit)
        .await?;
    let entries = interleave(attempts, actions, limit)?;
    let detail = format!("{} entries", entries.len());
    state
        .store
        .append_audit(&acting.success(Some(detail)))
        .await?;
    Ok(axum::Json(UserHistory {
        millekod,
        login,
        entries,
    }))
}

/// Both lists come newest first; the first `limit` of the two together, newest first
/// (an attempt before an action at the same millisecond: the action was its answer).
fn interleave(
    attempts: Vec<StoredLoginAttempt>,
    actions: Vec<StoredAuditEntry>,
    limit: i64,
) -> ApiResult<Vec<HistoryEntry>> {
    let mut all: Vec<(Millis, u8, HistoryEntry)> =
        Vec::with_capacity(attempts.len() + actions.len());
    for stored in attempts {
        all.push((stored.attempt.at, 0, attempt_entry(stored)?));
    }
    for stored in actions {
        all.push((stored.entry.at, 1, action_entry(stored)?));
    }
    // Stable: each list keeps its own order (by id) within one millisecond.
    all.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    all.truncate(usize::try_from(limit).unwrap_or(0));
    Ok(all.into_iter().map(|(_, _, entry)| entry).collect())
}

fn at(millis: Millis, what: &str) -> ApiResult<time::OffsetDateTime> {
    time_of(millis).ok_or_else(|| ApiError::internal(format!("corrupt row: {what}")))
}

fn attempt_entry(stored: StoredLoginAttempt) -> ApiResult<HistoryEntry> {
    let a = stored.attempt;
    Ok(HistoryEntry {
        at: at(a.at, "login_attempts.at")?,
        kind: HistoryKind::Login,
        what: a.flow.as_str().to_owned(),
        outcome: a.outcome.as_str().to_owned(),
        factor: (!a.failed.is_empty()).then(|| a.failed.to_string()),
        attempts_left: a.attempts_left.and_then(|n| u32::try_from(n.max(0)).ok()),
        source: a.source,
        client: a.client,
        actor: None,
        reason: None,
        detail: None,
    })
}

fn action_entry(stored: StoredAuditEntry) -> ApiResult<HistoryEntry> {
    let e = stored.entry;
    Ok(HistoryEntry {
        at: at(e.at, "audit.at")?,
        kind: HistoryKind::Admin,
        what: e.action,
        outcome: e.outcome,
        factor: None,
        attempts_left: None,
        source: None,
        client: None,
        actor: Some(match e.on_behalf_of {
            Some(whom) => format!("{} for {whom}", e.actor),
            None => e.actor,
        }),
        reason: e.reason,
        detail: e.detail,
    })
}

/// Co-users listed by `user show` at most; the rest are counted.
const CO_USERS_SHOWN: i64 = 20;

/// What `user show` adds to answer the next question: the last failure, how the block
/// came about, what can be done now (`domain::next_steps`, the rules the routes
/// enforce) and which co-users could help.
pub async fn advise(
    state: &AppState,
    user: &crate::store::UserRecord,
    view: &mut crate::api::UserView,
) -> ApiResult<()> {
    use crate::api::{ActionAdvice, BlockedBy, CoUserRef, CoUsersWhoCanHelp, LastFailure};
    use crate::domain::lockout::UserStatus;
    use crate::domain::next_steps::next_steps;

    let failure = state.store.last_login_failure(user.id).await?;
    view.last_failure = match &failure {
        Some(f) => Some(LastFailure {
            at: at(f.attempt.at, "login_attempts.at")?,
            factor: f.attempt.failed.to_string(),
            source: f.attempt.source.clone(),
        }),
        None => None,
    };
    if user.status == UserStatus::Blocked {
        view.blocked_by = Some(BlockedBy {
            cause: "failed attempts".to_owned(),
            at: user
                .blocked_at
                .map(|t| at(t, "users.blocked_at"))
                .transpose()?,
            factor: failure.as_ref().map(|f| f.attempt.failed.to_string()),
        });
    }
    view.actions = next_steps(
        user.unblock_facts(),
        state.settings.lockout_limit,
        &view.millekod,
        &view.login,
    )
    .into_iter()
    .map(|step| ActionAdvice {
        action: step.action.as_str().to_owned(),
        allowed: step.allowed,
        why: step.why,
    })
    .collect();
    let co = state
        .store
        .active_co_users(&view.millekod, user.id, CO_USERS_SHOWN)
        .await?;
    let shown = co.first.len() as i64;
    view.co_users_who_can_help = Some(CoUsersWhoCanHelp {
        users: co
            .first
            .into_iter()
            .map(|(login, name)| CoUserRef { login, name })
            .collect(),
        more: u32::try_from((co.total - shown).max(0)).unwrap_or(u32::MAX),
    });
    Ok(())
}
