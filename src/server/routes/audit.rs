//! `GET /v1/audit`: the append-only record of who did what to whom (R12).

use axum::extract::State;

use super::Query;
use crate::api::AuditAction;
use crate::api::{AuditList, AuditQuery, Problem};
use crate::domain::policy::{Action, Target};
use crate::server::auth::Auth;
use crate::server::error::{ApiError, ApiResult};
use crate::server::state::AppState;
use crate::store::AuditFilter;

/// Audit records, newest first, filtered by company, login and time.
#[utoipa::path(get, path = "/v1/audit", tag = "audit", security(("bearer" = [])),
    params(AuditQuery),
    responses((status = 200, body = AuditList), (status = 400, body = Problem),
              (status = 403, body = Problem)))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Query(query): Query<AuditQuery>,
) -> ApiResult<axum::Json<AuditList>> {
    let limit = query.limit.unwrap_or(100);
    if !(1..=1000).contains(&limit) {
        return Err(ApiError::invalid_input("limit must be between 1 and 1000"));
    }
    let target = Target {
        millekod: query.millekod.as_ref(),
        login: query.login.as_ref(),
    };
    auth.authorize(&state, Action::ReadAudit, AuditAction::AuditRead, target)
        .await?;
    let filter = AuditFilter {
        millekod: query.millekod.as_ref().map(|m| m.to_string()),
        login: query.login.as_ref().map(|l| l.to_string()),
        since: query.since.map(crate::store::millis_of),
        limit: i64::from(limit),
    };
    let records = state.store.list_audit(&filter).await?;
    Ok(axum::Json(AuditList { records }))
}
