//! Opening a store: the URL accepted, the SQLite file made private before sqlx opens
//! it, the connections (one writer, read-only readers, the bulk connection and the
//! checkpointer's) with their pragmas, and the migrations, run once across replicas.

use anyhow::Context;
use sqlx::any::AnyPoolOptions;
use sqlx::Executor;

use super::checkpoint::Checkpointer;
use super::SqlStore;
use crate::store::migrations::{self, Migration};
use crate::store::now_millis;

impl SqlStore {
    /// Connect to `sqlite://PATH` or `postgres://…` and run the migrations.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let (url, backend) = normalize_url(url)?;
        let sqlite = backend == "sqlite";
        if sqlite && url.contains("mode=rwc") {
            if let Some(path) = sqlite_file(&url) {
                create_private_sqlite_file(&path)?;
            }
        }
        let pool = AnyPoolOptions::new()
            .max_connections(if sqlite { 1 } else { 16 })
            .acquire_timeout(std::time::Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if sqlite {
                        conn.execute(writer_pragmas().as_str()).await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .with_context(|| format!("cannot open the {backend} database"))?;
        let mut store = Self {
            reads: pool.clone(),
            separate_reads: false,
            pool,
            backend,
            checkpointer: None,
            bulk: None,
        };
        store
            .migrate()
            .await
            .context("cannot migrate the database schema")?;
        super::search::backfill_name_words(&store)
            .await
            .context("cannot index the names of users for search")?;
        // A file (not in memory, which another connection would not share).
        if let Some(path) = sqlite_file(&url) {
            // Read-only connections need the file's own name with `mode=ro`.
            if url.contains("?mode=rwc") {
                store.reads = AnyPoolOptions::new()
                    .max_connections(4)
                    .acquire_timeout(std::time::Duration::from_secs(10))
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            conn.execute("PRAGMA busy_timeout = 5000;").await?;
                            Ok(())
                        })
                    })
                    .connect(&url.replace("?mode=rwc", "?mode=ro"))
                    .await
                    .context("cannot open the SQLite database for reading")?;
                store.separate_reads = true;
            }
            store.checkpointer = Some(
                Checkpointer::start(&url)
                    .await
                    .context("cannot open the SQLite database for checkpoints")?,
            );
            // Never created here: sqlx made and migrated it, so a missing file is an
            // error, not a new empty database.
            let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE
                | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn = rusqlite::Connection::open_with_flags(&path, flags)
                .and_then(|conn| {
                    conn.execute_batch(&writer_pragmas())?;
                    Ok(conn)
                })
                .context("cannot open the SQLite database for bulk changes")?;
            store.bulk = Some(std::sync::Arc::new(std::sync::Mutex::new(conn)));
        }
        Ok(store)
    }

    async fn migrate(&self) -> anyhow::Result<()> {
        let list: &[Migration] = if self.backend == "sqlite" {
            migrations::SQLITE
        } else {
            migrations::POSTGRES
        };
        let mut tx = self.pool.begin().await?;
        if self.backend == "postgres" {
            // Replicas starting together migrate one at a time.
            sqlx::query("SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(7270712)) AS l")
                .fetch_one(&mut *tx)
                .await?;
        }
        tx.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)",
        )
        .await?;
        for (version, statements) in list {
            let done: Option<i64> =
                sqlx::query_scalar("SELECT version FROM schema_migrations WHERE version = $1")
                    .bind(*version)
                    .fetch_optional(&mut *tx)
                    .await?;
            if done.is_some() {
                continue;
            }
            for statement in *statements {
                tx.execute(*statement)
                    .await
                    .with_context(|| format!("migration {version} failed"))?;
            }
            sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)")
                .bind(*version)
                .bind(now_millis())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

/// Accept `sqlite://PATH`, `sqlite:PATH`, `postgres://…` and `postgresql://…`; SQLite
/// files are created when missing.
pub(super) fn normalize_url(url: &str) -> anyhow::Result<(String, &'static str)> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok((url.to_owned(), "postgres"))
    } else if let Some(rest) = url.strip_prefix("sqlite:") {
        let path = rest.strip_prefix("//").unwrap_or(rest);
        anyhow::ensure!(!path.is_empty(), "the SQLite URL names no file: {url}");
        let url = if path.contains('?') {
            format!("sqlite://{path}")
        } else {
            format!("sqlite://{path}?mode=rwc")
        };
        Ok((url, "sqlite"))
    } else {
        anyhow::bail!("unsupported database URL (use sqlite://PATH or postgres://…)")
    }
}

/// WAL pages after which the writer checkpoints by itself, in its next commit. SQLite's
/// default is 1000 (4 MiB), which a chunk of phone changes passes every time: copying
/// the WAL into the file (and its `fsync`) then took a quarter of each chunk's time on
/// the one writer. Large writes wake the [`Checkpointer`] instead; this is the backstop
/// for everything else, and for when the checkpointer cannot catch up with a
/// continuous stream of chunks (a WAL restarts only once it is copied in full).
const WRITER_AUTOCHECKPOINT_PAGES: u32 = 10_000;

/// The settings of every SQLite connection that writes: the pooled one and the one of
/// bulk phone changes must behave alike.
pub(super) fn writer_pragmas() -> String {
    format!(
        "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; \
         PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; \
         PRAGMA wal_autocheckpoint = {WRITER_AUTOCHECKPOINT_PAGES};"
    )
}

/// The file of an `sqlite://PATH?…` URL, as sqlx names it (percent-decoded), so a
/// connection of our own opens the very file sqlx's do; `None` for an in-memory
/// database, which a second connection would not share.
pub(super) fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let rest = url.strip_prefix("sqlite://")?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let memory = path.is_empty() || path.starts_with(':') || query.contains("mode=memory");
    if memory {
        return None;
    }
    let options: sqlx::sqlite::SqliteConnectOptions = url.parse().ok()?;
    Some(options.get_filename().to_owned())
}

/// Create a new SQLite file here, empty and readable by its owner only (0600), before
/// sqlx opens it: SQLite would create it 0644 under the usual umask, and it gives the
/// `-wal` and `-shm` files it makes beside it the mode of the database file, so the
/// three stay private. (An empty file is an empty database to SQLite.) An existing
/// file keeps its mode: whoever made it chose it.
fn create_private_sqlite_file(path: &std::path::Path) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(err) => Err(err)
            .with_context(|| format!("cannot create the SQLite database {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sqlite_url;

    #[test]
    fn sqlite_urls_are_normalized_to_create_the_file() {
        assert_eq!(
            normalize_url("sqlite:///tmp/x.db").unwrap().0,
            "sqlite:///tmp/x.db?mode=rwc"
        );
        assert_eq!(
            normalize_url("sqlite://data.db").unwrap().0,
            "sqlite://data.db?mode=rwc"
        );
        assert_eq!(normalize_url("postgres://h/db").unwrap().1, "postgres");
        assert!(normalize_url("mysql://h/db").is_err());
        assert!(normalize_url("sqlite://").is_err());
    }

    #[test]
    fn our_own_sqlite_connection_opens_the_file_sqlx_opens() {
        assert_eq!(
            sqlite_file("sqlite:///tmp/a%20b/x.db?mode=rwc"),
            Some(std::path::PathBuf::from("/tmp/a b/x.db"))
        );
        assert_eq!(
            sqlite_file("sqlite://data.db?mode=rwc"),
            Some(std::path::PathBuf::from("data.db"))
        );
        assert_eq!(sqlite_file("sqlite://:memory:"), None);
        assert_eq!(sqlite_file("sqlite://x.db?mode=memory"), None);
        assert_eq!(sqlite_file("postgres://h/db"), None);
    }

    #[test]
    fn a_data_path_with_url_characters_names_its_own_file() {
        for path in [
            "/tmp/100%41/x.db",
            "/tmp/what?/x.db",
            "/tmp/#1/x.db",
            "/tmp/a b/x.db",
        ] {
            let (url, _) = normalize_url(&crate::store::sqlite_url(path.as_ref())).unwrap();
            assert_eq!(
                sqlite_file(&url),
                Some(std::path::PathBuf::from(path)),
                "{url}"
            );
        }
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn a_new_database_file_and_its_wal_are_private_and_an_existing_file_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |path: &std::path::Path| {
            let mode = std::fs::metadata(path).unwrap().permissions().mode();
            format!("{:o}", mode & 0o777)
        };
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.db");
        let chosen = dir.path().join("chosen.db");
        std::fs::File::create(&chosen).unwrap();
        std::fs::set_permissions(&chosen, std::fs::Permissions::from_mode(0o640)).unwrap();

        let _new = SqlStore::connect(&sqlite_url(&new)).await.unwrap();
        let _chosen = SqlStore::connect(&sqlite_url(&chosen)).await.unwrap();

        for suffix in ["", "-wal", "-shm"] {
            let path = dir.path().join(format!("new.db{suffix}"));
            assert_eq!(mode(&path), "600", "{}", path.display());
        }
        assert_eq!(mode(&chosen), "640");
    }
}
