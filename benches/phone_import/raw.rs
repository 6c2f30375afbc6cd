//! The raw database references of `benches/phone_import.rs`: the same N users moved
//! straight in the database, the server stopped, doing per chunk what the server does
//! per chunk (`src/store/phone_batch.rs`), each by the database's fastest means.

use std::path::Path;
use std::time::Instant;

use serde_json::{json, Value};

use super::{millekod, now_millis, Settings};

/// What the server writes per chunk besides the rows (`src/store/phone_batch.rs`): the
/// idempotency key's row, inserted first and given the chunk's answer at the end, and
/// the expired keys swept. The answer is built as the server builds it: one result per
/// row, serialized to JSON.
struct ChunkKey {
    key: String,
    request_hash: Vec<u8>,
    response: String,
}

/// How long the server remembers an idempotency key (`KEY_TTL_MS` there).
const KEY_TTL_MS: i64 = 7 * 24 * 3600 * 1000;

/// The actor of the raw reference's audit records and keys.
const RAW_ACTOR: &str = "token:bench";

fn chunk_key(prefix: u64, chunk_no: usize, rows: usize) -> ChunkKey {
    let results: Vec<Value> = (0..rows)
        .map(|index| json!({"index": index, "outcome": "updated"}))
        .collect();
    ChunkKey {
        key: format!("raw-{prefix}-{chunk_no}"),
        request_hash: vec![0xa5; 32],
        response: serde_json::to_string(&results).expect("json"),
    }
}

/// The masked form the server writes into a change's audit detail.
fn masked(e164: &str) -> String {
    millectl::domain::phone::PhoneNumber::from_stored(e164)
        .map(|p| p.masked())
        .unwrap_or_else(|| "none".into())
}

/// SQLite through its C library (rusqlite), with the server's pragmas and WAL
/// checkpoints (a thread of its own checkpoints after every chunk, the writer only
/// past 10,000 pages), prepared statements and one transaction per chunk, doing per
/// chunk what the server does (`apply_on_sqlite` in `src/store/phone_batch.rs`): the
/// idempotency key's row first, each user's old number read, the new one written, the
/// old number told (`sms_notices`), the user's challenges and sessions ended, an audit
/// record naming old and new number, the key's answer stored and expired keys swept.
/// Row by row through prepared statements is SQLite's fastest way (no round trips to
/// save in-process): what the database itself can do, set up as the server sets it up.
pub async fn sqlite(path: &Path, settings: &Settings, prefix: u64) -> f64 {
    use rusqlite::{params, TransactionBehavior};
    let mut conn = rusqlite::Connection::open(path).expect("sqlite");
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
         PRAGMA wal_autocheckpoint = 10000;",
    )
    .expect("pragmas");
    let (wake, woken) = std::sync::mpsc::sync_channel::<()>(1);
    let checkpointer = {
        let path = path.to_owned();
        std::thread::spawn(move || {
            let conn = rusqlite::Connection::open(path).expect("sqlite");
            while woken.recv().is_ok() {
                conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
                    .expect("checkpoint");
            }
        })
    };
    let started = Instant::now();
    let now = now_millis();
    let rows: Vec<u64> = (1..=settings.rows).collect();
    for (chunk_no, chunk) in rows.chunks(settings.chunk).enumerate() {
        let key = chunk_key(prefix, chunk_no, chunk.len());
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .expect("begin");
        let inserted = tx
            .execute(
                "INSERT INTO idempotency (key, principal, request_hash, response, created_at) \
                 VALUES (?1, ?2, ?3, '', ?4) ON CONFLICT (key) DO NOTHING",
                params![key.key, RAW_ACTOR, key.request_hash, now],
            )
            .expect("insert key");
        assert_eq!(inserted, 1, "key {} used before", key.key);
        {
            let mut select = tx
                .prepare_cached(
                    "SELECT id, phone FROM users \
                     WHERE millekod = ?1 AND login = ?2 AND kind = 'company_user'",
                )
                .expect("prepare select");
            let mut update = tx
                .prepare_cached(
                    "UPDATE users SET phone = ?2, phone_changed_at = ?3, updated_at = ?3 \
                     WHERE id = ?1",
                )
                .expect("prepare update");
            let mut notice = tx
                .prepare_cached(
                    "INSERT INTO sms_notices (phone, kind, created_at) \
                     VALUES (?1, 'phone_changed', ?2)",
                )
                .expect("prepare notice");
            let mut end_challenges = tx
                .prepare_cached("DELETE FROM challenges WHERE user_id = ?1")
                .expect("prepare challenges");
            let mut end_sessions = tx
                .prepare_cached("DELETE FROM sessions WHERE user_id = ?1")
                .expect("prepare sessions");
            let mut audit = tx
                .prepare_cached(
                    "INSERT INTO audit (at, request_id, actor, on_behalf_of, action, millekod, \
                     login, outcome, reason, detail) \
                     VALUES (?1, 'bench', ?2, NULL, 'phone.set', ?3, ?4, 'success', NULL, ?5)",
                )
                .expect("prepare audit");
            let mut found = Vec::with_capacity(chunk.len());
            for &n in chunk {
                let (kod, login) = (millekod(n).to_string(), format!("u{n:06}"));
                let (id, old): (i64, Option<String>) = select
                    .query_row(params![kod, login], |r| Ok((r.get(0)?, r.get(1)?)))
                    .expect("select user");
                found.push((n, kod, login, id, old));
            }
            for (n, kod, login, id, old) in found {
                let phone = format!("+48{}", prefix * 10_000_000 + n);
                let old = old.expect("a seeded number");
                assert_ne!(old, phone, "a raw run must change every number");
                let changed = update.execute(params![id, phone, now]).expect("update");
                assert_eq!(changed, 1);
                notice.execute(params![old, now]).expect("notice");
                end_challenges.execute([id]).expect("end challenges");
                end_sessions.execute([id]).expect("end sessions");
                let detail = format!("batch raw: {} -> {}", masked(&old), masked(&phone));
                audit
                    .execute(params![now, RAW_ACTOR, kod, login, detail])
                    .expect("insert audit");
            }
        }
        tx.execute(
            "UPDATE idempotency SET response = ?2 WHERE key = ?1",
            params![key.key, key.response],
        )
        .expect("store answer");
        tx.execute(
            "DELETE FROM idempotency WHERE created_at < ?1",
            [now - KEY_TTL_MS],
        )
        .expect("sweep keys");
        tx.commit().expect("commit");
        let _ = wake.try_send(());
    }
    let rate = settings.rows as f64 / started.elapsed().as_secs_f64();
    drop(wake);
    checkpointer.join().expect("checkpointer");
    rate
}

/// One statement does a whole chunk on PostgreSQL: the chunk's rows as three array
/// parameters (`unnest`), each user's old number read and the new one written, the old
/// numbers told, challenges and sessions ended, an audit record per row naming old and
/// new number (masked as the server masks them), the idempotency key's row with the
/// chunk's answer, and expired keys swept. A chunk is one round trip, however many
/// rows: PostgreSQL's fastest way, and the same work as the server's chunk (which takes
/// a few more round trips: its lookup, writes and key are separate statements).
const RAW_POSTGRES_CHUNK: &str = "\
    WITH input AS ( \
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS i (millekod, login, phone) \
    ), found AS ( \
        SELECT u.id, u.millekod, u.login, u.phone AS old_phone, i.phone AS new_phone \
        FROM input i JOIN users u \
        ON u.millekod = i.millekod AND u.login = i.login AND u.kind = 'company_user' \
    ), keyed AS ( \
        INSERT INTO idempotency (key, principal, request_hash, response, created_at) \
        VALUES ($5, $6, $7, $8, $4) ON CONFLICT (key) DO NOTHING RETURNING key \
    ), swept AS ( \
        DELETE FROM idempotency WHERE created_at < $4 - $9 \
    ), changed AS ( \
        UPDATE users SET phone = found.new_phone, phone_changed_at = $4, updated_at = $4 \
        FROM found WHERE users.id = found.id AND found.old_phone IS DISTINCT FROM found.new_phone \
        RETURNING users.id \
    ), told AS ( \
        INSERT INTO sms_notices (phone, kind, created_at) \
        SELECT old_phone, 'phone_changed', $4 FROM found WHERE old_phone IS NOT NULL \
    ), challenges_ended AS ( \
        DELETE FROM challenges WHERE user_id IN (SELECT id FROM found) \
    ), sessions_ended AS ( \
        DELETE FROM sessions WHERE user_id IN (SELECT id FROM found) \
    ), audited AS ( \
        INSERT INTO audit (at, request_id, actor, on_behalf_of, action, millekod, login, \
            outcome, reason, detail) \
        SELECT $4, 'bench', $6, NULL, 'phone.set', millekod, login, 'success', NULL, \
            'batch raw: ' || left(old_phone, 3) || repeat('*', length(old_phone) - 6) \
            || right(old_phone, 3) || ' -> ' || left(new_phone, 3) \
            || repeat('*', length(new_phone) - 6) || right(new_phone, 3) \
        FROM found \
    ) \
    SELECT (SELECT COUNT(*) FROM changed), (SELECT COUNT(*) FROM keyed)";

/// PostgreSQL through sqlx's own driver (no `Any` layer): [`RAW_POSTGRES_CHUNK`], one
/// statement and one transaction per chunk, with as many chunks in flight (each on a
/// connection of its own) as the import has: PostgreSQL, unlike SQLite, writes several
/// transactions at once.
pub async fn postgres(url: &str, settings: &Settings, prefix: u64) -> f64 {
    use sqlx::Connection;
    let chunks: Vec<Vec<u64>> = (1..=settings.rows)
        .collect::<Vec<u64>>()
        .chunks(settings.chunk)
        .map(<[u64]>::to_vec)
        .collect();
    let chunks = std::sync::Arc::new(chunks);
    let next = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut connections = Vec::new();
    for _ in 0..settings.concurrency.max(1) {
        connections.push(sqlx::PgConnection::connect(url).await.expect("postgres"));
    }
    let started = Instant::now();
    let now = now_millis();
    let mut workers = Vec::new();
    for mut conn in connections {
        let (chunks, next) = (chunks.clone(), next.clone());
        workers.push(tokio::spawn(async move {
            loop {
                let chunk_no = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(chunk) = chunks.get(chunk_no) else {
                    break;
                };
                let key = chunk_key(prefix, chunk_no, chunk.len());
                let kods: Vec<String> = chunk.iter().map(|&n| millekod(n).to_string()).collect();
                let logins: Vec<String> = chunk.iter().map(|&n| format!("u{n:06}")).collect();
                let phones: Vec<String> = chunk
                    .iter()
                    .map(|&n| format!("+48{}", prefix * 10_000_000 + n))
                    .collect();
                // Autocommit: one statement is one transaction.
                let (changed, keyed): (i64, i64) = sqlx::query_as(RAW_POSTGRES_CHUNK)
                    .bind(kods)
                    .bind(logins)
                    .bind(phones)
                    .bind(now)
                    .bind(&key.key)
                    .bind(RAW_ACTOR)
                    .bind(&key.request_hash)
                    .bind(&key.response)
                    .bind(KEY_TTL_MS)
                    .fetch_one(&mut conn)
                    .await
                    .expect("chunk");
                assert_eq!(
                    (changed, keyed),
                    (chunk.len() as i64, 1),
                    "chunk {chunk_no}: rows changed, key stored"
                );
            }
        }));
    }
    for worker in workers {
        worker.await.expect("worker");
    }
    settings.rows as f64 / started.elapsed().as_secs_f64()
}
