//! `POST /v1/companies/{millekod}/users/{login}/access-password`: resend a one-time
//! access password to a user stuck half-way (issue 15) — awaiting a new password after
//! an unblock whose SMS never arrived, or awaiting a first login with the envelope lost.
//!
//! Decisions, from the rules:
//! - **Who**: exactly who may unblock (`Action::Unblock`: operators, co-users for
//!   colleagues of their own MilleKod and never themselves (R11), API tokens with
//!   `users:unblock`), audited as `user.resend`.
//! - **Which channel**: the new-password and first-login flows always take the
//!   one-time access password *beside* the one-time code, token users too (see
//!   `server/login/check.rs`: a token code alone sets nothing). So a user with a phone
//!   on file — SMS or token tool — gets a fresh one by SMS, and a token user then logs
//!   in with it and a token code. A user without a phone can only get one in a
//!   back-office envelope (`millectl envelope issue`): refused with that advice, since
//!   sending nothing and saying "use the token" would leave them unable to log in.
//! - **The hold**: within the hold after a phone change, an access password goes to
//!   the new number only with a second operator's approval (`domain::approval`); a
//!   resend has no approval flow of its own, so it is refused there ("wait, or ask
//!   back-office for an envelope"), rather than open a way round the hold.
//! - **Old password**: the new hash replaces the old one in the same statement, and
//!   the user's open challenges end with it: nothing typed from the old one works.
//! - **Limit**: [`RESEND_LIMIT`] per user per [`RESEND_WINDOW_MS`], counted in the
//!   database (`store::sql::resends`), so parallel calls on any replica never exceed
//!   it; beyond, 429 with `Retry-After`, audited as refused. An SMS that fails after
//!   the write is a 502: the user keeps waiting, with a password nobody knows, and the
//!   resend counts (a failing gateway must not become unlimited SMS attempts).

use axum::extract::State;

use super::acting::{new_temporary_password, Acting};
use super::users::{send_access_password, user_view};
use super::{Json, Path};
use crate::api::{
    AccessPasswordResent, AuditAction, AuditOutcome, ErrorCode, Login, MilleKod, Problem,
    ResendRequest, UserStatus,
};
use crate::domain::approval;
use crate::domain::policy::{Action, Target};
use crate::server::auth::Auth;
use crate::server::error::{ApiError, ApiResult};
use crate::server::state::AppState;
use crate::store::{now_millis, AccessResend, Millis, Resent, StoreError, UserRecord};

/// Resends of one user's access password allowed within [`RESEND_WINDOW_MS`].
pub const RESEND_LIMIT: i64 = 3;
/// One hour.
pub const RESEND_WINDOW_MS: Millis = 60 * 60 * 1000;

/// A fresh one-time access password by SMS to the phone on file; the old one stops
/// working. Nobody does this for themselves (R11).
#[utoipa::path(post, path = "/v1/companies/{millekod}/users/{login}/access-password",
    tag = "users", security(("bearer" = [])),
    params(("millekod" = crate::api::MilleKod, Path), ("login" = crate::api::Login, Path)),
    request_body = ResendRequest,
    responses((status = 200, body = AccessPasswordResent),
              (status = 400, body = Problem), (status = 401, body = Problem),
              (status = 403, body = Problem), (status = 404, body = Problem),
              (status = 409, body = Problem), (status = 422, body = Problem),
              (status = 429, body = Problem,
               description = "the user's resends are used up for now; see Retry-After"),
              (status = 502, body = Problem)))]
pub async fn resend(
    State(state): State<AppState>,
    auth: Auth,
    Path((millekod, login)): Path<(MilleKod, Login)>,
    Json(request): Json<ResendRequest>,
) -> ApiResult<axum::Json<AccessPasswordResent>> {
    let reason = auth.reason(&state, request.reason.as_deref())?;
    let acting = Acting::new(
        &state,
        &auth,
        AuditAction::UserResend,
        Target::user(&millekod, &login),
        reason.as_deref(),
    );
    let user = acting.target_user(Action::Unblock).await?;
    acting.refusal(check_state(&state, &user)).await?;
    let Some(phone) = user.phone.clone() else {
        return acting.refuse(no_phone(&user)).await;
    };
    let now = now_millis();
    if let Some(until) = state
        .store
        .resend_limited_until(user.id, RESEND_LIMIT, RESEND_WINDOW_MS, now)
        .await?
    {
        return Err(limited(&acting, &user, until, now).await);
    }
    let (password, hash) = new_temporary_password(&state).await?;
    let resend = AccessResend {
        temporary_password_hash: hash,
        phone: phone.clone(),
        limit: RESEND_LIMIT,
        window: RESEND_WINDOW_MS,
    };
    let entry = acting.success(Some("sms".to_owned()));
    let updated = match state
        .store
        .resend_access_password(user.id, &resend, &entry)
        .await
    {
        Ok(Resent::Done(updated)) => updated,
        Ok(Resent::Limited { until }) => return Err(limited(&acting, &user, until, entry.at).await),
        // The status or the phone changed between our read and our write.
        Err(StoreError::Conflict) => {
            let err = ApiError::new(
                ErrorCode::Conflict,
                format!(
                    "user '{login}' in MilleKod {millekod} changed meanwhile; nothing sent, \
                     look at the user again"
                ),
            );
            return acting.refuse(err).await;
        }
        Err(other) => return Err(other.into()),
    };
    if let Err(why) = send_access_password(&state, &phone, &password).await {
        let entry = acting.record(
            AuditOutcome::Failure,
            Some("sms: the one-time access password was not delivered".to_owned()),
        );
        state.store.append_audit(&entry).await?;
        return Err(ApiError::new(
            ErrorCode::SmsDeliveryFailed,
            format!(
                "the one-time access password for user '{login}' was not delivered ({why}); \
                 the user still awaits one; retry the resend later"
            ),
        ));
    }
    Ok(axum::Json(AccessPasswordResent {
        user: user_view(&updated, false)?,
        channel: "sms".to_owned(),
        sent_to: phone.masked(),
    }))
}

/// Only a user stuck half-way has an access password to resend; the refusal says
/// what to do instead.
fn check_state(state: &AppState, user: &UserRecord) -> ApiResult<()> {
    let who = who(user);
    let instead = match user.status {
        UserStatus::AwaitingNewPassword | UserStatus::PendingActivation => {
            let hold = state.settings.phone_change_hold;
            if user.phone.is_some() && approval::in_hold(user.phone_changed_at, now_millis(), hold)
            {
                return Err(ApiError::new(
                    ErrorCode::Conflict,
                    format!(
                        "{who}: the phone number changed recently; within the hold an access \
                         password goes to it only with a second operator's approval — wait \
                         for the hold to end, or ask back-office for an envelope \
                         (`millectl envelope issue`)"
                    ),
                ));
            }
            return Ok(());
        }
        UserStatus::Blocked => "use `millectl unblock current-password` or `unblock new-password`",
        UserStatus::Suspended => "only HelpDesk lifts a suspension: `millectl user release`",
        UserStatus::Active => {
            "the user can log in; to make them set a new password use \
             `millectl user require-password-change`"
        }
    };
    Err(ApiError::new(
        ErrorCode::Conflict,
        format!(
            "{who} is {}, not awaiting an access password; {instead}",
            user.status.as_str()
        ),
    ))
}

fn no_phone(user: &UserRecord) -> ApiError {
    ApiError::new(
        ErrorCode::NoAuthorizationTool,
        format!(
            "{}: no phone number on file to send an access password to; back-office can \
             issue one in an envelope (`millectl envelope issue`), or set a phone first \
             (`millectl phone set`)",
            who(user)
        ),
    )
}

fn who(user: &UserRecord) -> String {
    let millekod = user.millekod.as_ref().map(|m| m.as_str()).unwrap_or("");
    format!("user '{}' in MilleKod {millekod}", user.login)
}

/// The 429 of a user whose resends are used up, audited as refused.
async fn limited(acting: &Acting<'_>, user: &UserRecord, until: Millis, now: Millis) -> ApiError {
    let seconds = (until.saturating_sub(now).max(0) + 999) / 1000;
    let seconds = seconds.max(1);
    let entry = acting.record(
        AuditOutcome::Refused,
        Some(format!(
            "limit of {RESEND_LIMIT} resends per hour reached; retry in {seconds} s"
        )),
    );
    if let Err(err) = acting.state.store.append_audit(&entry).await {
        return err.into();
    }
    ApiError::new(
        ErrorCode::TooManyRequests,
        format!(
            "{}: {RESEND_LIMIT} access passwords were resent within the last hour; retry in \
             {seconds} s",
            who(user)
        ),
    )
    .with_retry_after(u32::try_from(seconds).unwrap_or(u32::MAX))
}
