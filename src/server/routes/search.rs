//! `GET /v1/users`: find a user from what a caller says (issue 15) — a login prefix,
//! a word of the name without accents, the phone's last digits, or a MilleKod.
//!
//! Operators (and back-office) search every company; a co-user only their own
//! MilleKod, whatever `millekod` says: naming another company answers exactly as a
//! search that matched nothing, so a co-user learns nothing of it (the audit, which
//! they cannot read, records what was asked). An API token needs `users:read`. Each
//! page asked is one `user.find` record with the query and how many users it showed.

use axum::extract::State;

use super::acting::Acting;
use super::users::user_view;
use super::Query;
use crate::api::{
    page_size, parse_search_cursor, parse_statuses, search_cursor, AuditAction, AuditOutcome,
    Problem, UserSearchPage, UserSearchQuery,
};
use crate::domain::policy::{Action, Principal, Target};
use crate::domain::search::SearchQuery;
use crate::server::auth::Auth;
use crate::server::error::{ApiError, ApiResult};
use crate::server::state::AppState;
use crate::store::{UserFilter, UserSearch};

/// Find company users by login prefix, name word, phone suffix or MilleKod.
#[utoipa::path(get, path = "/v1/users", tag = "users",
    security(("bearer" = [])),
    params(UserSearchQuery),
    responses((status = 200, body = UserSearchPage), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem)))]
pub async fn find(
    State(state): State<AppState>,
    auth: Auth,
    Query(params): Query<UserSearchQuery>,
) -> ApiResult<axum::Json<UserSearchPage>> {
    // Input first: a malformed request changes nothing and is not a search.
    let query =
        SearchQuery::parse(&params.q).map_err(|e| ApiError::invalid_input(e.to_string()))?;
    let limit = page_size(params.limit).map_err(ApiError::invalid_input)?;
    let statuses = match &params.status {
        Some(text) => parse_statuses(text).map_err(ApiError::invalid_input)?,
        None => Vec::new(),
    };
    let after_id = params
        .cursor
        .as_deref()
        .map(parse_search_cursor)
        .transpose()
        .map_err(ApiError::invalid_input)?;

    // A co-user searches their own company, whatever they asked for.
    let (scope, other_company) = match &auth.principal {
        Principal::CoUser { millekod, .. } => (
            Some(millekod),
            params.millekod.as_ref().is_some_and(|m| m != millekod),
        ),
        _ => (params.millekod.as_ref(), false),
    };
    let target = scope.map_or_else(Target::none, Target::company);
    let acting = Acting::new(&state, &auth, AuditAction::UserFind, target, None);
    acting.authorize(Action::ListUsers).await?;
    let shown = shown_query(&query.text);
    if other_company {
        let record = acting.record(
            AuditOutcome::Denied,
            Some(format!(
                "query {shown} in another company's MilleKod; answered as no match"
            )),
        );
        state.store.append_audit(&record).await?;
        return Ok(axum::Json(UserSearchPage {
            users: Vec::new(),
            next_cursor: None,
        }));
    }

    let filter = UserFilter {
        statuses,
        tool: params.tool,
        limit: limit + 1,
    };
    let mut found = state
        .store
        .search_users(&UserSearch {
            query: &query,
            millekod: scope,
            filter: &filter,
            after_id,
        })
        .await?;
    let more = found.len() > limit as usize;
    found.truncate(limit as usize);
    let next_cursor = more
        .then(|| found.last().map(|u| search_cursor(u.id)))
        .flatten();
    let detail = format!(
        "query {shown}, {} users{}",
        found.len(),
        if more { ", more follow" } else { "" }
    );
    state
        .store
        .append_audit(&acting.success(Some(detail)))
        .await?;
    let users = found
        .iter()
        .map(|u| user_view(u, false))
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(axum::Json(UserSearchPage { users, next_cursor }))
}

/// The query as the audit shows it: quoted and escaped, at most 100 characters (what
/// the route accepts anyway).
fn shown_query(text: &str) -> String {
    format!("{:?}", crate::domain::shorten(text, 100))
}
