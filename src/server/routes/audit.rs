//! `GET /v1/audit`: the append-only record of who did what to whom (R12).
//!
//! Paged like `GET /v1/users` (issue 16): keyset by id, newest first, the cursor an
//! opaque `i:<id>` of the last record shown (the same helpers as the user search, as
//! both page by an id). A page holds at most [`MAX_PAGE`] records; the CLI walks the
//! pages for `--limit 5000` or `--all`. A cursor carries no filter and no right: each
//! page is authorized and filtered anew, so a cursor taken from someone else's listing
//! shows the caller only what their own filters and scope allow.

use axum::extract::State;

use super::Query;
use crate::api::{
    parse_search_cursor, search_cursor, AuditAction, AuditList, AuditQuery, AuditRecord, Problem,
};
use crate::domain::policy::{Action, Target};
use crate::server::auth::Auth;
use crate::server::error::{ApiError, ApiResult};
use crate::server::state::AppState;
use crate::store::{AuditFilter, StoredAuditEntry};

/// Records in a page unless `limit` says otherwise.
const DEFAULT_PAGE: u32 = 100;
/// Most records in one page.
const MAX_PAGE: u32 = crate::api::MAX_PAGE;

/// Audit records, newest first, filtered by company, login, action, outcome, actor and
/// time; every filter given must hold. A page at a time: `next_cursor` when older
/// records match.
#[utoipa::path(get, path = "/v1/audit", tag = "audit", security(("bearer" = [])),
    params(AuditQuery),
    responses((status = 200, body = AuditList), (status = 400, body = Problem),
              (status = 403, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(query): Query<AuditQuery>,
) -> ApiResult<axum::Json<AuditList>> {
    let limit = query.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::invalid_input(format!(
            "limit must be between 1 and {MAX_PAGE}; follow next_cursor for more"
        )));
    }
    let before_id = query
        .cursor
        .as_deref()
        .map(parse_search_cursor)
        .transpose()
        .map_err(ApiError::invalid_input)?;
    if let (Some(since), Some(until)) = (query.since, query.until) {
        if until < since {
            return Err(ApiError::invalid_input(
                "until is before since; give the earlier time as since",
            ));
        }
    }
    let actor = query.actor.as_deref().map(actor_filter).transpose()?;
    let target = Target {
        millekod: query.millekod.as_ref(),
        login: query.login.as_ref(),
    };
    auth.authorize(&state, Action::ReadAudit, AuditAction::AuditRead, target)
        .await?;
    let filter = AuditFilter {
        millekod: query.millekod.as_ref().map(|m| m.to_string()),
        login: query.login.as_ref().map(|l| l.to_string()),
        actions: query.action.iter().map(|a| a.as_str().to_owned()).collect(),
        outcome: query.outcome.map(|o| o.as_str().to_owned()),
        actor,
        since: query.since.map(crate::store::millis_of),
        until: query.until.map(crate::store::millis_of),
        before_id,
        // One more than asked: whether another page follows, without a second query.
        limit: i64::from(limit) + 1,
    };
    let mut stored = state.store.list_audit(&filter).await?;
    let more = stored.len() > limit as usize;
    stored.truncate(limit as usize);
    let next_cursor = more
        .then(|| stored.last().map(|r| search_cursor(r.id)))
        .flatten();
    let records = stored
        .into_iter()
        .map(record_of)
        .collect::<ApiResult<_>>()?;
    Ok(axum::Json(AuditList {
        records,
        next_cursor,
    }))
}

/// Longest `actor=` read: `user:` + a MilleKod + `/` + a login, with room to spare.
const MAX_ACTOR_CHARS: usize = 128;

/// `actor=` as the store matches it; refused when it could name no actor (empty, too
/// long, or with characters no audit name holds), so a typo is an error, not an empty list.
fn actor_filter(text: &str) -> ApiResult<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ApiError::invalid_input(
            "actor is empty; give a login (helpdesk) or a whole actor (operator:helpdesk)",
        ));
    }
    if text.chars().nth(MAX_ACTOR_CHARS).is_some() {
        return Err(ApiError::invalid_input(format!(
            "actor is longer than {MAX_ACTOR_CHARS} characters"
        )));
    }
    if let Some(c) = text.chars().find(|c| c.is_control()) {
        return Err(ApiError::invalid_input(format!(
            "actor contains {c:?}, which no actor name holds"
        )));
    }
    Ok(text.to_owned())
}

/// A listed entry on the wire (the store checked its time when reading it).
fn record_of(stored: StoredAuditEntry) -> ApiResult<AuditRecord> {
    let StoredAuditEntry { id, entry } = stored;
    Ok(AuditRecord {
        id,
        at: crate::store::time_of(entry.at)
            .ok_or_else(|| ApiError::internal("corrupt row: audit.at"))?,
        request_id: entry.request_id,
        actor: entry.actor,
        on_behalf_of: entry.on_behalf_of,
        action: entry.action,
        millekod: entry.millekod,
        login: entry.login,
        outcome: entry.outcome,
        reason: entry.reason,
        detail: entry.detail,
    })
}
