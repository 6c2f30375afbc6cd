//! One log line per answered request (issue 17): request id, method, route, status,
//! latency and what kind of caller it was — what an operator greps for first, and what
//! a log shipper indexes. The same middleware counts the request in the metrics
//! (`metrics::requests`), with the same route template.
//!
//! The route is axum's [`MatchedPath`], the template (`/v1/companies/{millekod}/users/
//! {login}`), never the path as sent: a path names a company and a person, and a path
//! that matched no route may hold anything at all (`-` is logged instead). Nothing of
//! the query, the headers or the body is logged, so no secret can reach the line.
//!
//! Who the caller was is known only once [`crate::server::auth::Auth`] has run inside
//! the handler, long after this middleware handed the request on. So the middleware
//! puts an empty [`ActorSlot`] into the request's extensions and the extractor fills
//! it; the request is moved down the stack, the slot is shared. A request no
//! extractor authenticated (a login step, a refused token) is `anonymous`.
//!
//! The line is an `info` event of target `millectl::access`, so `MILLECTL_LOG=
//! millectl::access=off,millectl=info` silences it alone. The management listener's
//! probes are not logged: a probe every second would bury the requests.

use std::sync::{Arc, OnceLock};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::domain::policy::Principal;
use crate::server::state::AppState;

/// What kind of caller a request came from, as the audit names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    Anonymous,
    User,
    Operator,
    BackOffice,
    ApiToken,
}

impl ActorKind {
    pub fn of(principal: &Principal) -> Self {
        match principal {
            Principal::CoUser { .. } => Self::User,
            Principal::Operator { .. } => Self::Operator,
            Principal::BackOffice { .. } => Self::BackOffice,
            Principal::ApiToken { .. } => Self::ApiToken,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Anonymous => "anonymous",
            Self::User => "user",
            Self::Operator => "operator",
            Self::BackOffice => "back_office",
            Self::ApiToken => "api_token",
        }
    }
}

/// Where the auth extractor leaves the caller's kind for the request line.
#[derive(Debug, Clone, Default)]
pub struct ActorSlot(Arc<OnceLock<ActorKind>>);

impl ActorSlot {
    /// Record the caller; the first authentication of a request is the one logged.
    pub fn set(&self, kind: ActorKind) {
        let _ = self.0.set(kind);
    }

    fn get(&self) -> ActorKind {
        self.0.get().copied().unwrap_or(ActorKind::Anonymous)
    }
}

/// The middleware: time the request, then log its line and count it in the metrics
/// (`requests`) once the answer's head is ready (a streamed body's transfer is not
/// counted).
pub async fn log_request(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let start = Instant::now();
    let slot = ActorSlot::default();
    request.extensions_mut().insert(slot.clone());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_owned());
    let method = request.method().clone();
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_owned();
    let response = next.run(request).await;
    let took = start.elapsed();
    let status = response.status().as_u16();
    state
        .metrics
        .requests
        .answered(&method, route.as_deref(), status, took);
    let latency_ms = took.as_micros() as f64 / 1000.0;
    tracing::info!(
        target: "millectl::access",
        request_id = %request_id,
        method = %method,
        route = %route.as_deref().unwrap_or("-"),
        status,
        latency_ms,
        actor = %slot.get().as_str(),
        "request"
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unfilled_slot_is_anonymous_and_the_first_kind_set_stays() {
        let slot = ActorSlot::default();
        assert_eq!(slot.get(), ActorKind::Anonymous);
        slot.clone().set(ActorKind::ApiToken);
        slot.set(ActorKind::User);
        assert_eq!(slot.get().as_str(), "api_token");
    }
}
