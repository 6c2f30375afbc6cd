//! Wire types of `/v1`, shared by the server and the typed client so the two can never
//! disagree on a field. JSON field names are snake_case and form a stable contract.

mod comma_list;
mod error;
mod history;
mod resend;
mod search;
mod secret;
mod suspension;
pub mod timestamp;
mod types;

pub use crate::domain::audit::{AuditAction, AuditOutcome};
pub use error::{ErrorCode, Problem};
pub use history::*;
pub use resend::{AccessPasswordResent, ResendRequest};
pub use search::*;
pub use secret::Secret;
pub use suspension::{ReleaseRequest, SuspendRequest, SuspensionView};
pub use types::*;

/// Largest request body the server reads; anything bigger is a 413.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// Longest `reason` kept in the audit (a ticket number or a few words).
pub const MAX_REASON_CHARS: usize = 200;
