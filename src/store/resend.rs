//! A resent one-time access password (issue 15) as the store applies it: the new hash,
//! the per-user limit it is counted against, and what came of it.
//!
//! The limit lives in the database (`access_resends`, migration 13) and is counted in
//! the same transaction that writes the new hash, after that write has locked the
//! user's row: however many requests race, on however many replicas, at most `limit`
//! resends of one user fall in any window.

use super::{Millis, UserRecord};
use crate::domain::phone::PhoneNumber;

/// A fresh access password for a user awaiting a new password or a first login.
#[derive(Clone)]
pub struct AccessResend {
    /// The new password's hash; it replaces the old one, which stops working.
    pub temporary_password_hash: String,
    /// The number it goes to, as the route read it: the write happens only while the
    /// user's number is still this one (a phone change in between is a conflict).
    pub phone: PhoneNumber,
    /// At most this many resends of one user…
    pub limit: i64,
    /// …within any window of this length (milliseconds).
    pub window: Millis,
}

/// What a resend came to (an unknown user or one in another status is
/// `StoreError::Conflict`).
#[derive(Debug, Clone)]
pub enum Resent {
    /// Written, with its audit record; the user as they are now.
    Done(Box<UserRecord>),
    /// Nothing written: the limit is reached until this time (Unix milliseconds).
    Limited { until: Millis },
}
