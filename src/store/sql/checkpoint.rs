//! The WAL checkpointer of an SQLite file: after a large write (a chunk of phone
//! changes) it copies the WAL back into the database file on a connection of its own,
//! beside the writer rather than inside its next commit. And the last checkpoint, at a
//! shutdown ([`SqlStore::close_pools`]).

use sqlx::Executor;

use super::SqlStore;
use crate::store::StoreResult;

impl SqlStore {
    /// The store's part of a shutdown. The readers go first (on an SQLite file they
    /// are connections of their own; elsewhere `reads` is `pool` and this closes both),
    /// then, on an SQLite file, a `TRUNCATE` checkpoint on the writer copies the whole
    /// WAL into the database file and empties it: the file alone holds every commit,
    /// for a copy taken after the process is gone and for the next start. `close`
    /// waits for connections still taken (a request cut at the deadline); the caller
    /// bounds it. The checkpointer's and the bulk connection stay open, idle, until the
    /// process ends: a WAL that is empty needs nothing from them.
    pub(super) async fn close_pools(&self) -> StoreResult<()> {
        self.reads.close().await;
        if self.checkpointer.is_some() {
            let (busy, log, copied): (i64, i64, i64) =
                sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                    .fetch_one(&self.pool)
                    .await?;
            if busy != 0 {
                tracing::warn!(
                    wal_frames = log,
                    copied,
                    "the last WAL checkpoint could not finish (a connection still reads); \
                     the next start copies the rest"
                );
            } else {
                tracing::info!(wal_frames = log, "WAL copied into the database file");
            }
        }
        self.pool.close().await;
        Ok(())
    }
}

/// Copies the WAL back into an SQLite file, on a connection of its own, when woken.
/// `PASSIVE`: it never waits for, nor blocks, the writer or the readers; it copies
/// what no reader still needs, and a later wake does the rest.
pub(super) struct Checkpointer {
    pub(super) wake: tokio::sync::mpsc::Sender<()>,
    pub(super) done: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Checkpointer {
    /// Open its connection and start it; it stops when the store is dropped.
    pub(super) async fn start(url: &str) -> anyhow::Result<Self> {
        use sqlx::Connection;
        let mut conn = sqlx::AnyConnection::connect(url).await?;
        let (wake, mut woken) = tokio::sync::mpsc::channel::<()>(1);
        let done = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let counter = done.clone();
        tokio::spawn(async move {
            while woken.recv().await.is_some() {
                match conn.execute("PRAGMA wal_checkpoint(PASSIVE)").await {
                    Ok(_) => {
                        counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                    // The writer's own checkpoints (the backstop) still bound the WAL.
                    Err(err) => tracing::warn!(error = %err, "WAL checkpoint failed"),
                }
            }
        });
        Ok(Self { wake, done })
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::ids::{Login, MilleKod};
    use crate::domain::lockout::UserStatus;
    use crate::domain::phone::PhoneNumber;
    use crate::domain::user::AuthTool;
    use crate::store::*;

    fn user(millekod: &MilleKod, phone: &str) -> NewUser {
        NewUser {
            uid: crate::domain::ids::UserUid::generate(),
            kind: UserKind::CompanyUser,
            millekod: Some(millekod.clone()),
            login: Login::parse("ewa").unwrap(),
            name: "Ewa".into(),
            status: UserStatus::Active,
            attempts_left: 3,
            failed_attempts: 0,
            auth_tool: AuthTool::Sms,
            phone: Some(PhoneNumber::parse(phone).unwrap()),
            password_masking: false,
            password: None,
            temporary_password_hash: None,
            token_serial: None,
            token_seed_sealed: None,
            blocked_at: None,
            operator_role: None,
        }
    }

    /// The phone of `ewa` as the database *file* holds it, without its WAL: a copy of
    /// the file alone, opened on its own.
    fn phone_in_file(db: &std::path::Path) -> Option<String> {
        let copy = db.with_extension("copy");
        std::fs::copy(db, &copy).unwrap();
        let conn = rusqlite::Connection::open(&copy).unwrap();
        let phone = conn
            .query_row("SELECT phone FROM users WHERE login = 'ewa'", [], |r| {
                r.get(0)
            })
            .ok();
        drop(conn);
        std::fs::remove_file(copy).unwrap();
        phone
    }

    #[tokio::test]
    async fn a_chunk_of_phone_changes_reaches_the_file_through_the_checkpointer() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("millectl.db");
        let store = SqlStore::connect(&format!("sqlite://{}", db.display()))
            .await
            .unwrap();
        let millekod = MilleKod::parse("12345678").unwrap();
        store
            .insert_bulk(
                &[(millekod.clone(), "Firma".into())],
                &[user(&millekod, "+48500000001")],
            )
            .await
            .unwrap();
        // Everything so far is in the WAL only: far below the writer's own threshold.
        assert_eq!(phone_in_file(&db), None);
        assert_eq!(store.checkpoints_done(), 0);

        let rows = [PhoneBatchRow {
            index: 0,
            millekod: millekod.clone(),
            login: Login::parse("ewa").unwrap(),
            phone: PhoneNumber::parse("+48600000002").unwrap(),
            expected: None,
        }];
        let applied = store
            .apply_phone_batch(PhoneBatch {
                key: Some("k-1"),
                request_hash: b"hash",
                rows: &rows,
                decided: Vec::new(),
                dry_run: false,
                batch_id: "b-1",
                notify_old: true,
                audit: AuditEntry {
                    at: now_millis(),
                    request_id: "r-1".into(),
                    actor: "token:t".into(),
                    on_behalf_of: None,
                    action: "phone.set".into(),
                    millekod: None,
                    login: None,
                    outcome: "success".into(),
                    reason: None,
                    detail: None,
                },
            })
            .await
            .unwrap();
        assert!(matches!(applied, BatchApplied::Done(_)));

        // The checkpointer runs beside us: wait for it, not for a set time.
        tokio::time::timeout(std::time::Duration::from_secs(30), async {
            while store.checkpoints_done() == 0 {
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            }
        })
        .await
        .expect("no checkpoint within 30 s of the chunk");
        assert_eq!(phone_in_file(&db).as_deref(), Some("+48600000002"));
    }
}
