//! `millectl server backup|restore`: the entry points the CLI calls. The copying is
//! the store's (`store::sql::backup`, which says how and why); this runs it off the
//! async runtime, since SQLite's calls block.

use std::path::{Path, PathBuf};

pub use crate::store::{BackupError, Copied};

/// A consistent copy of the SQLite database `database` names, written to `out`.
pub async fn backup(database: &str, out: &Path, force: bool) -> Result<Copied, BackupError> {
    let (database, out) = (database.to_owned(), out.to_path_buf());
    blocking(move || crate::store::backup_sqlite(&database, &out, force)).await
}

/// Put `backup` back as the SQLite database `database` names.
pub async fn restore(database: &str, backup: &Path, force: bool) -> Result<Copied, BackupError> {
    let (database, backup): (String, PathBuf) = (database.to_owned(), backup.to_path_buf());
    blocking(move || crate::store::restore_sqlite(&database, &backup, force)).await
}

async fn blocking(
    work: impl FnOnce() -> Result<Copied, BackupError> + Send + 'static,
) -> Result<Copied, BackupError> {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|err| {
            Err(BackupError::Failed {
                what: "the copy stopped".into(),
                source: Box::new(err),
            })
        })
}
