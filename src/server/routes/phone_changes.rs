//! `POST /v1/phone-changes`: phone-number migrations by the thousand.
//!
//! A chunk of up to 5000 rows, each reported on its own (one bad row never fails its
//! neighbours), applied in one transaction and exactly once per `Idempotency-Key`, so
//! a client that lost an answer can send the chunk again. A few chunks are worked on at
//! once per server; more get `429` with `Retry-After`.

use axum::extract::{Request, State};
use axum::http::header;
use sha2::{Digest, Sha256};

use crate::api::{AuditAction, AuditOutcome};
use crate::api::{
    ErrorCode, Login, MilleKod, PhoneChangeBatch, PhoneChangeReport, PhoneChangeResult, Problem,
    RowOutcome, MAX_PHONE_CHANGES, MAX_PHONE_CHANGES_BODY_BYTES,
};
use crate::domain::phone::PhoneNumber;
use crate::domain::policy::{Action, Target};
use crate::server::auth::Auth;
use crate::server::error::{ApiError, ApiResult};
use crate::server::state::AppState;
use crate::store::{BatchApplied, PhoneBatch, PhoneBatchRow, PhoneRowResult};

/// 1-128 characters of `[A-Za-z0-9._:-]`: ids and keys end up in the audit.
fn tame(text: &str, max: usize) -> bool {
    (1..=max).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._:-".contains(&b))
}

/// Apply a chunk of phone changes (R4 for many users at once).
#[utoipa::path(post, path = "/v1/phone-changes", tag = "users", security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header,
            description = "Required unless dry_run: the same key and body give the same answer, applied once")),
    request_body = PhoneChangeBatch,
    responses((status = 200, body = PhoneChangeReport), (status = 400, body = Problem),
              (status = 401, body = Problem), (status = 403, body = Problem),
              (status = 409, body = Problem), (status = 413, body = Problem),
              (status = 415, body = Problem), (status = 429, body = Problem)))]
pub async fn apply(
    State(state): State<AppState>,
    auth: Auth,
    request: Request,
) -> ApiResult<axum::Json<PhoneChangeReport>> {
    let Ok(_permit) = state.bulk_permits.try_acquire() else {
        return Err(ApiError::new(
            ErrorCode::TooManyRequests,
            "too many phone-change chunks in progress; retry after the Retry-After delay",
        )
        .with_retry_after(1));
    };
    let headers = request.headers().clone();
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !is_json {
        return Err(ApiError::new(
            ErrorCode::UnsupportedMediaType,
            "send the body as JSON with Content-Type: application/json",
        ));
    }
    let body = axum::body::to_bytes(request.into_body(), MAX_PHONE_CHANGES_BODY_BYTES)
        .await
        .map_err(|_| {
            ApiError::new(
                ErrorCode::PayloadTooLarge,
                format!("a chunk is at most {MAX_PHONE_CHANGES_BODY_BYTES} bytes"),
            )
        })?;
    let batch: PhoneChangeBatch = serde_json::from_slice(&body)
        .map_err(|e| ApiError::new(ErrorCode::MalformedRequest, e.to_string()))?;
    if !tame(&batch.batch_id, 64) {
        return Err(ApiError::invalid_input(
            "batch_id must be 1-64 characters of A-Z, a-z, 0-9, '.', '_', ':' and '-'",
        ));
    }
    if batch.changes.is_empty() || batch.changes.len() > MAX_PHONE_CHANGES {
        return Err(ApiError::invalid_input(format!(
            "a chunk holds 1-{MAX_PHONE_CHANGES} changes, not {}",
            batch.changes.len()
        )));
    }
    let key = headers
        .get("idempotency-key")
        .map(|v| v.to_str().unwrap_or("").to_owned());
    if let Some(key) = &key {
        if !tame(key, 128) {
            return Err(ApiError::invalid_input(
                "Idempotency-Key must be 1-128 characters of A-Z, a-z, 0-9, '.', '_', ':' and '-'",
            ));
        }
    } else if !batch.dry_run {
        return Err(ApiError::invalid_input(
            "an Idempotency-Key header is required, so a retried chunk is applied once",
        ));
    }
    let reason = auth.reason(&state, batch.reason.as_deref())?;
    if !batch.notify_old && reason.is_none() {
        return Err(ApiError::new(
            ErrorCode::ReasonRequired,
            "notify_old: false (old numbers not told of the change) needs a reason",
        ));
    }
    auth.authorize(
        &state,
        Action::SetPhone,
        AuditAction::PhoneBatch,
        Target::none(),
    )
    .await?;

    let (rows, decided) = parse_rows(&batch);
    let request_hash = Sha256::digest(&body).to_vec();
    let template = auth.audit(
        AuditAction::PhoneSet,
        Target::none(),
        AuditOutcome::Success,
        reason.as_deref(),
        None,
    );
    let applied = state
        .store
        .apply_phone_batch(PhoneBatch {
            key: if batch.dry_run { None } else { key.as_deref() },
            request_hash: &request_hash,
            rows: &rows,
            decided,
            dry_run: batch.dry_run,
            batch_id: &batch.batch_id,
            notify_old: batch.notify_old,
            audit: template,
        })
        .await?;
    let (results, replayed) = match applied {
        BatchApplied::Done(results) => {
            if !batch.dry_run {
                let outcomes = results.iter().map(|row| row.outcome);
                state.metrics.events.phone_rows(outcomes);
            }
            (results, false)
        }
        BatchApplied::Replayed(results) => (results, true),
        BatchApplied::KeyReused => {
            let reused = Err(ApiError::new(
                ErrorCode::Conflict,
                format!(
                    "batch {}: this Idempotency-Key was used for a different request; \
                     use a new key",
                    batch.batch_id
                ),
            ));
            return auth
                .audit_refusal(
                    &state,
                    AuditAction::PhoneBatch,
                    Target::none(),
                    reason.as_deref(),
                    reused,
                )
                .await;
        }
    };
    if batch.dry_run {
        let detail = format!(
            "batch {}: dry run of {} rows",
            batch.batch_id,
            results.len()
        );
        let entry = auth.audit(
            AuditAction::PhoneBatchDryRun,
            Target::none(),
            AuditOutcome::Success,
            reason.as_deref(),
            Some(detail),
        );
        state.store.append_audit(&entry).await?;
    }
    Ok(axum::Json(PhoneChangeReport {
        batch_id: batch.batch_id,
        dry_run: batch.dry_run,
        replayed,
        results: results.into_iter().map(PhoneChangeResult::from).collect(),
    }))
}

impl From<PhoneRowResult> for PhoneChangeResult {
    fn from(row: PhoneRowResult) -> Self {
        Self {
            index: row.index,
            outcome: row.outcome,
            message: row.message,
        }
    }
}

/// Well-formed rows for the store; malformed ones answered here.
fn parse_rows(batch: &PhoneChangeBatch) -> (Vec<PhoneBatchRow>, Vec<PhoneRowResult>) {
    let mut rows = Vec::with_capacity(batch.changes.len());
    let mut decided = Vec::new();
    for (index, change) in batch.changes.iter().enumerate() {
        let index = u32::try_from(index).unwrap_or(u32::MAX);
        let parsed = (|| -> Result<PhoneBatchRow, String> {
            Ok(PhoneBatchRow {
                index,
                millekod: MilleKod::parse(&change.millekod).map_err(|e| e.to_string())?,
                login: Login::parse(&change.login).map_err(|e| e.to_string())?,
                phone: PhoneNumber::parse(&change.phone).map_err(|e| e.to_string())?,
                expected: change
                    .expected_phone
                    .as_deref()
                    .map(PhoneNumber::parse)
                    .transpose()
                    .map_err(|e| format!("expected_phone: {e}"))?,
            })
        })();
        match parsed {
            Ok(row) => rows.push(row),
            Err(message) => decided.push(PhoneRowResult {
                index,
                outcome: RowOutcome::Invalid,
                message: Some(message),
            }),
        }
    }
    (rows, decided)
}
