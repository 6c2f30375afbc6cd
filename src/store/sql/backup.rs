//! Copies of an SQLite database file, taken while a server runs, and putting one back
//! (`millectl server backup|restore`).
//!
//! **A copy** is SQLite's `VACUUM INTO`: it reads the database in one read transaction,
//! so the copy is the database as of one commit, WAL included, while the server keeps
//! writing (in WAL mode a reader blocks no writer). The copy is a single file in
//! rollback mode, with no `-wal` beside it to forget. We chose it over the online
//! backup API (`sqlite3_backup_step`) because the backup API restarts from the first
//! page whenever another connection writes between two steps, so under a steady stream
//! of logins it may never finish, and it needs rusqlite's `backup` feature; `VACUUM
//! INTO` finishes in one pass, and copies only live pages.
//!
//! **A restore** checks the backup first (an SQLite file whose `quick_check` passes,
//! with millectl's tables, and a migration this build knows), then that nothing uses
//! the target: it opens the target in `locking_mode = EXCLUSIVE` and takes `BEGIN
//! EXCLUSIVE` without waiting. Every connection that has read a WAL database holds a
//! shared lock on it for as long as it is open (a running server always has), so the
//! lock is refused while any server, `server operator …` or other program has the file
//! open. The backup is copied (by `VACUUM INTO` again, so a `-wal` beside the backup is
//! taken in) to a temporary file in the target's directory, checked, synced and
//! renamed over the target: a crash leaves the old database or the new one, never half
//! of one. Before the rename the old WAL is checkpointed and removed, with its `-shm`:
//! SQLite cannot tell a WAL of another database from its own, and would apply the old
//! one's frames to the new file.
//!
//! Limits: between the lock being let go and the rename (microseconds) a server that
//! starts would open the old file and lose the race; `--force` past a database in use
//! removes the running server's WAL from under it, so its writes from then on are lost
//! and it must be stopped at once. PostgreSQL has its own tools (`pg_dump`,
//! `pg_restore`), which know its consistency rules; this module refuses its URLs.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::connect::{normalize_url, sqlite_file};
use crate::store::SCHEMA_VERSION;

/// Why a copy or a restore was refused or failed; every message is one line.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "{0} is a PostgreSQL database: back it up with pg_dump and put it back with \
         pg_restore; `millectl server backup|restore` copies SQLite files"
    )]
    Postgres(String),
    #[error("{0}")]
    BadUrl(String),
    #[error("{} does not exist", .0.display())]
    Missing(PathBuf),
    #[error("{} exists already; give --force to replace it", .0.display())]
    Exists(PathBuf),
    #[error("{} is not a millectl database: {why}", .path.display())]
    NotMillectl { path: PathBuf, why: String },
    #[error(
        "{} was made by a newer millectl (schema {found}; this one knows up to \
         {SCHEMA_VERSION}); restore it with that version", .path.display()
    )]
    Newer { path: PathBuf, found: i64 },
    #[error(
        "{} is in use (a server or another program has it open); stop the server \
         first, or give --force to replace it under the running server", .0.display()
    )]
    InUse(PathBuf),
    #[error("{what}: {source}")]
    Failed {
        what: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl BackupError {
    fn failed(what: impl Into<String>) -> impl FnOnce(rusqlite::Error) -> BackupError + 'static {
        let what = what.into();
        move |err| BackupError::Failed {
            what,
            source: Box::new(err),
        }
    }

    fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> BackupError + 'static {
        let what = what.into();
        move |err| BackupError::Failed {
            what,
            source: Box::new(err),
        }
    }
}

/// What a copy or a restore wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// The file written (the backup, or the restored database).
    pub path: PathBuf,
    /// Its newest migration.
    pub schema_version: i64,
    /// Its size in bytes.
    pub bytes: u64,
}

/// Copy the SQLite database `url` names to `out`, consistently, while it is in use.
/// An existing `out` is replaced only with `force`.
pub fn backup_sqlite(url: &str, out: &Path, force: bool) -> Result<Copied, BackupError> {
    let db = sqlite_path(url)?;
    if !db.is_file() {
        return Err(BackupError::Missing(db));
    }
    if !force && out.exists() {
        return Err(BackupError::Exists(out.to_path_buf()));
    }
    let dir = directory_of(out)?;
    let source = open(&db, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    source
        .busy_timeout(Duration::from_secs(5))
        .map_err(BackupError::failed("cannot open the database"))?;
    schema_of(&source, &db)?;
    let temp = temp_in(&dir)?;
    vacuum_into(&source, temp.path())?;
    drop(source);
    let schema_version = check_copy(temp.path())?;
    let path = place(temp, out, force)?;
    Ok(Copied {
        bytes: size_of(&path),
        path,
        schema_version,
    })
}

/// Put the millectl database in `backup` at the SQLite file `url` names. Refused when
/// the backup is not a millectl database this build can run, and when the target is
/// in use, unless `force`.
pub fn restore_sqlite(url: &str, backup: &Path, force: bool) -> Result<Copied, BackupError> {
    let db = sqlite_path(url)?;
    if !backup.is_file() {
        return Err(BackupError::Missing(backup.to_path_buf()));
    }
    let source = open(backup, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    schema_of(&source, backup)?;
    quick_check(&source, backup)?;
    let dir = directory_of(&db)?;
    let lock = if db.exists() {
        match lock_exclusively(&db) {
            Ok(lock) => Some(lock),
            Err(BackupError::InUse(_) | BackupError::NotMillectl { .. }) if force => {
                tracing::warn!(
                    database = %db.display(),
                    "replacing a database in use or unreadable (--force)"
                );
                None
            }
            Err(err) => return Err(err),
        }
    } else {
        None
    };
    let temp = temp_in(&dir)?;
    vacuum_into(&source, temp.path())?;
    drop(source);
    let schema_version = check_copy(temp.path())?;
    if let Some(lock) = lock {
        // The old WAL into the old file, and the connection closed: with the last
        // connection gone SQLite removes the WAL itself.
        lock.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(BackupError::failed(
                "cannot checkpoint the database being replaced",
            ))?;
        lock.close()
            .map_err(|(_, err)| BackupError::failed("cannot close the database")(err))?;
    }
    for suffix in ["-wal", "-shm"] {
        let mut name = db.clone().into_os_string();
        name.push(suffix);
        match std::fs::remove_file(&name) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
                return Err(BackupError::io(format!(
                    "cannot remove {}",
                    Path::new(&name).display()
                ))(err));
            }
            _ => {}
        }
    }
    let path = place(temp, &db, true)?;
    Ok(Copied {
        bytes: size_of(&path),
        path,
        schema_version,
    })
}

/// The file of an `sqlite://` URL; PostgreSQL and in-memory databases are refused.
fn sqlite_path(url: &str) -> Result<PathBuf, BackupError> {
    let (normal, backend) =
        normalize_url(url).map_err(|err| BackupError::BadUrl(err.to_string()))?;
    if backend == "postgres" {
        return Err(BackupError::Postgres(redacted(url)));
    }
    sqlite_file(&normal).ok_or_else(|| {
        BackupError::BadUrl(format!(
            "{url} is an in-memory database: there is no file to copy"
        ))
    })
}

/// A PostgreSQL URL without its password, to be shown.
fn redacted(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.rsplit_once('@') {
            Some((_, host)) => format!("{scheme}://…@{host}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

fn directory_of(file: &Path) -> Result<PathBuf, BackupError> {
    let dir = match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(BackupError::Missing(dir))
    }
}

/// Open an existing file (never create one).
fn open(path: &Path, mode: OpenFlags) -> Result<Connection, BackupError> {
    Connection::open_with_flags(path, mode | OpenFlags::SQLITE_OPEN_NO_MUTEX).map_err(
        BackupError::failed(format!("cannot open {}", path.display())),
    )
}

/// The newest migration of a millectl database; anything else is refused.
fn schema_of(conn: &Connection, path: &Path) -> Result<i64, BackupError> {
    let not_ours = |why: &str| BackupError::NotMillectl {
        path: path.to_path_buf(),
        why: why.to_owned(),
    };
    let tables: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' \
             AND name IN ('schema_migrations', 'users', 'audit')",
            [],
            |row| row.get(0),
        )
        .map_err(|err| not_ours(&format!("not an SQLite database ({err})")))?;
    if tables != 3 {
        return Err(not_ours("it has no millectl schema"));
    }
    let version: Option<i64> = conn
        .query_row("SELECT MAX(version) FROM schema_migrations", [], |row| {
            row.get(0)
        })
        .map_err(|err| not_ours(&format!("its migrations cannot be read ({err})")))?;
    match version {
        None | Some(..=0) => Err(not_ours("it records no migration")),
        Some(found) if found > SCHEMA_VERSION => Err(BackupError::Newer {
            path: path.to_path_buf(),
            found,
        }),
        Some(found) => Ok(found),
    }
}

/// SQLite's own check of the file's structure (pages, indexes), the quick kind.
fn quick_check(conn: &Connection, path: &Path) -> Result<(), BackupError> {
    let verdict: String = conn
        .query_row("PRAGMA quick_check(1)", [], |row| row.get(0))
        .map_err(BackupError::failed(format!(
            "cannot check {}",
            path.display()
        )))?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(BackupError::NotMillectl {
            path: path.to_path_buf(),
            why: format!("SQLite finds it damaged ({verdict})"),
        })
    }
}

/// Check what `VACUUM INTO` wrote, as a restore will: whole and ours.
fn check_copy(path: &Path) -> Result<i64, BackupError> {
    let copy = open(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    quick_check(&copy, path)?;
    schema_of(&copy, path)
}

/// Take the target for ourselves, without waiting; `InUse` when anyone has it open.
fn lock_exclusively(db: &Path) -> Result<Connection, BackupError> {
    let conn = open(db, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    let locked = (|| {
        conn.busy_timeout(Duration::ZERO)?;
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
        conn.execute_batch("BEGIN EXCLUSIVE")?;
        conn.query_row("SELECT COUNT(*) FROM sqlite_master", [], |_| Ok(()))?;
        conn.execute_batch("COMMIT")
    })();
    match locked {
        Ok(()) => Ok(conn),
        Err(rusqlite::Error::SqliteFailure(failure, _))
            if matches!(
                failure.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ) =>
        {
            Err(BackupError::InUse(db.to_path_buf()))
        }
        Err(err) => Err(BackupError::NotMillectl {
            path: db.to_path_buf(),
            why: format!("it cannot be locked to be replaced ({err})"),
        }),
    }
}

/// A new empty file (mode 0600: a copy holds what the database holds) beside `dir`'s
/// other files, so the final rename stays on one file system.
fn temp_in(dir: &Path) -> Result<tempfile::NamedTempFile, BackupError> {
    tempfile::Builder::new()
        .prefix(".millectl-copy-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(BackupError::io(format!(
            "cannot create a temporary file in {}",
            dir.display()
        )))
}

/// `VACUUM INTO` an empty file: the database as of one commit, in one file.
fn vacuum_into(source: &Connection, target: &Path) -> Result<(), BackupError> {
    let name = target.to_str().ok_or_else(|| {
        BackupError::BadUrl(format!(
            "{} is not a UTF-8 path, which SQLite's VACUUM INTO needs",
            target.display()
        ))
    })?;
    source
        .execute("VACUUM INTO ?1", [name])
        .map(|_| ())
        .map_err(BackupError::failed("cannot copy the database"))
}

/// Sync the copy and rename it to `to`: over an existing file only with `replace`.
/// The directory is synced too, so the rename outlives a power cut.
fn place(temp: tempfile::NamedTempFile, to: &Path, replace: bool) -> Result<PathBuf, BackupError> {
    temp.as_file()
        .sync_all()
        .map_err(BackupError::io("cannot sync the copy"))?;
    let placed = if replace {
        temp.persist(to).map_err(|err| err.error)
    } else {
        temp.persist_noclobber(to).map_err(|err| err.error)
    };
    match placed {
        Ok(_) => {}
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(BackupError::Exists(to.to_path_buf()));
        }
        Err(err) => {
            return Err(BackupError::io(format!("cannot write {}", to.display()))(
                err,
            ));
        }
    }
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(directory_of(to)?) {
        let _ = dir.sync_all();
    }
    Ok(to.to_path_buf())
}

fn size_of(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postgres_url_points_to_pg_dump_without_its_password() {
        let err = sqlite_path("postgres://admin:s3cret@db.example/millectl").unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("pg_dump") && text.contains("pg_restore"),
            "{text}"
        );
        assert!(!text.contains("s3cret"), "{text}");
        assert!(!text.contains('\n'), "{text}");
    }

    #[test]
    fn an_in_memory_database_has_no_file_to_copy() {
        assert!(matches!(
            sqlite_path("sqlite://:memory:"),
            Err(BackupError::BadUrl(_))
        ));
    }

    #[test]
    fn a_plain_sqlite_file_is_not_a_millectl_database() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t (x INTEGER)").unwrap();
        assert!(matches!(
            schema_of(&conn, &path),
            Err(BackupError::NotMillectl { .. })
        ));
    }
}
