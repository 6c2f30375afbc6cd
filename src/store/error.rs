//! What can go wrong in the store, in the store's own words.
//!
//! Nothing above the store names a database driver: the SQL implementation turns
//! sqlx's and rusqlite's errors into these variants (`sql/driver_errors.rs`), keeping
//! a driver's message for the log only in [`StoreError::Backend`].

use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("already exists")]
    AlreadyExists,
    #[error("not found")]
    NotFound,
    /// The row changed under us (e.g. the user is no longer blocked).
    #[error("state changed concurrently")]
    Conflict,
    /// The database cannot take the request now; the same request may succeed after
    /// `retry_after`.
    #[error("database busy: {because}")]
    Busy {
        because: BusyBecause,
        retry_after: Duration,
    },
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// Any other failure of the database or its driver: for the log, never for a caller.
    #[error("database error: {0}")]
    Backend(Box<dyn std::error::Error + Send + Sync>),
}

/// Why the database was busy: callers are told different things (our own load, or a
/// program outside the server holding the SQLite file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BusyBecause {
    /// Every pooled connection stayed taken for the pool's whole acquire timeout.
    #[error("database pool timed out")]
    PoolOverloaded,
    /// Another program held the SQLite file locked beyond `busy_timeout`.
    #[error("SQLite busy beyond busy_timeout")]
    LockedByAnotherProgram,
}

pub type StoreResult<T> = Result<T, StoreError>;
