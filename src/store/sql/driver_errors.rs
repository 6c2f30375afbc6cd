//! The drivers' errors in the store's words ([`StoreError`]): the only place that
//! knows which sqlx or rusqlite error means "busy" or "exists already".

use std::time::Duration;

use crate::store::{BusyBecause, StoreError};

/// How long a caller is asked to wait when the database is busy.
const BUSY_RETRY_AFTER: Duration = Duration::from_secs(1);

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::PoolTimedOut => StoreError::Busy {
                because: BusyBecause::PoolOverloaded,
                retry_after: BUSY_RETRY_AFTER,
            },
            other => StoreError::Backend(Box::new(other)),
        }
    }
}

/// From the SQLite connection of bulk phone changes (`phone_batch.rs`).
impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        match err {
            rusqlite::Error::SqliteFailure(failure, _)
                if failure.code == rusqlite::ErrorCode::DatabaseBusy =>
            {
                StoreError::Busy {
                    because: BusyBecause::LockedByAnotherProgram,
                    retry_after: BUSY_RETRY_AFTER,
                }
            }
            other => StoreError::Backend(Box::new(other)),
        }
    }
}

/// A unique violation is `AlreadyExists`; anything else, as [`From`] says.
pub(super) fn exists_or_database(err: sqlx::Error) -> StoreError {
    if is_unique_violation(&err) {
        StoreError::AlreadyExists
    } else {
        StoreError::from(err)
    }
}

fn is_unique_violation(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Database(db) => {
            db.is_unique_violation()
                || db
                    .code()
                    .is_some_and(|c| c == "2067" || c == "1555" || c == "23505")
                || db.message().contains("UNIQUE constraint failed")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pool_timeout_and_a_locked_file_are_busy_for_different_reasons() {
        assert!(matches!(
            StoreError::from(sqlx::Error::PoolTimedOut),
            StoreError::Busy {
                because: BusyBecause::PoolOverloaded,
                ..
            }
        ));
        let locked = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        );
        assert!(matches!(
            StoreError::from(locked),
            StoreError::Busy {
                because: BusyBecause::LockedByAnotherProgram,
                ..
            }
        ));
        assert!(matches!(
            StoreError::from(sqlx::Error::RowNotFound),
            StoreError::Backend(_)
        ));
    }
}
