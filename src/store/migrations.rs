//! Schema migrations, one list per backend, applied in order at server start.
//!
//! The two lists differ only in types (SQLite `INTEGER`/`BLOB`, PostgreSQL
//! `BIGINT`/`BYTEA`) and in how the audit table refuses UPDATE and DELETE. Every integer
//! is 64-bit in both, so one set of queries reads both through sqlx's `Any` driver.
//! Several PostgreSQL replicas may start at once: the runner takes an advisory lock.
//!
//! One file, longer than most: it is the schema's history, read top to bottom, and the
//! two lists sit side by side so a migration added to one is seen missing in the other.

/// (version, statements) — append only; never edit a released migration.
pub type Migration = (i64, &'static [&'static str]);

/// The newest migration of both lists (a test checks they agree).
pub const LATEST: i64 = SQLITE[SQLITE.len() - 1].0;

pub const SQLITE: &[Migration] = &[
    (
        1,
        &[
            "CREATE TABLE companies (
            millekod TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            created_at INTEGER NOT NULL)",
            "CREATE TABLE users (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            millekod TEXT NOT NULL,
            login TEXT NOT NULL,
            name TEXT NOT NULL,
            status TEXT NOT NULL,
            failed_attempts INTEGER NOT NULL,
            attempts_left INTEGER NOT NULL,
            auth_tool TEXT NOT NULL,
            phone TEXT,
            password_masking INTEGER NOT NULL,
            pw_length INTEGER,
            pw_threshold INTEGER,
            pw_salt BLOB,
            pw_shares BLOB,
            pw_secret_hash TEXT,
            temp_password_hash TEXT,
            token_serial TEXT,
            token_seed_sealed BLOB,
            token_last_step INTEGER,
            pending_positions TEXT,
            last_login_at INTEGER,
            blocked_at INTEGER,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (millekod, login))",
            "CREATE INDEX users_by_status ON users (millekod, status)",
            "CREATE TABLE challenges (
            id TEXT PRIMARY KEY,
            user_id INTEGER,
            flow TEXT NOT NULL,
            otp_method TEXT NOT NULL,
            positions TEXT,
            sms_code_digest BLOB,
            used INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL)",
            "CREATE TABLE sessions (
            token_hash BLOB PRIMARY KEY,
            user_id INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL,
            idle_timeout_ms INTEGER NOT NULL,
            absolute_expires_at INTEGER NOT NULL)",
            "CREATE TABLE api_tokens (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            token_hash BLOB NOT NULL UNIQUE,
            scopes TEXT NOT NULL,
            created_by INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            revoked_at INTEGER)",
            "CREATE TABLE audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            request_id TEXT NOT NULL,
            actor TEXT NOT NULL,
            on_behalf_of TEXT,
            action TEXT NOT NULL,
            millekod TEXT,
            login TEXT,
            outcome TEXT NOT NULL,
            reason TEXT,
            detail TEXT)",
            "CREATE INDEX audit_by_target ON audit (millekod, login, at)",
            "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END",
            "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END",
        ],
    ),
    (
        2,
        &[
            // Idempotency keys of bulk phone changes: the stored answer of each chunk.
            "CREATE TABLE idempotency (
                key TEXT PRIMARY KEY,
                principal TEXT NOT NULL,
                request_hash BLOB NOT NULL,
                response TEXT NOT NULL,
                created_at INTEGER NOT NULL)",
            "CREATE INDEX idempotency_by_age ON idempotency (created_at)",
        ],
    ),
    (
        3,
        &[
            // Failed logins of unknown users, so a decoy counts down and blocks like a
            // real user; keyed by a keyed hash of (MilleKod, login), never the login.
            "ALTER TABLE challenges ADD COLUMN decoy_key TEXT",
            "CREATE TABLE decoy_attempts (
                key TEXT PRIMARY KEY,
                failed INTEGER NOT NULL,
                updated_at INTEGER NOT NULL)",
            "CREATE INDEX decoy_attempts_by_age ON decoy_attempts (updated_at)",
        ],
    ),
    (
        4,
        &[
            // A decoy reserves an attempt before its dummy check, like a real user
            // (see `server::login`): parallel guesses get the same answers either way.
            "ALTER TABLE decoy_attempts ADD COLUMN in_flight INTEGER NOT NULL DEFAULT 0",
            // A user's open challenges and sessions end with every change of their
            // state (block, unblock, password reset, phone or token change).
            "CREATE INDEX challenges_by_user ON challenges (user_id)",
            "CREATE INDEX challenges_by_decoy ON challenges (decoy_key)",
            "CREATE INDEX sessions_by_user ON sessions (user_id)",
        ],
    ),
    (5, UNIQUE_API_TOKEN_NAMES),
    (
        6,
        &[
            // A phone change starts a hold (no access password to the new number
            // without a second operator) and notifies the old number (issue 11).
            "ALTER TABLE users ADD COLUMN phone_changed_at INTEGER",
            // Operators only: NULL is HelpDesk, 'back_office' the bank's back-office.
            "ALTER TABLE users ADD COLUMN operator_role TEXT",
            // SMS without a secret (a phone change told to the old number), sent by a
            // background task within the SMS budget; committed with the change.
            "CREATE TABLE sms_notices (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                phone TEXT NOT NULL,
                kind TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                sent_at INTEGER)",
            "CREATE INDEX sms_notices_unsent ON sms_notices (sent_at, id)",
            // Maker-checker: an action one operator asked for and a second must approve.
            "CREATE TABLE approvals (
                id TEXT PRIMARY KEY,
                action TEXT NOT NULL,
                user_id INTEGER NOT NULL,
                requested_by TEXT NOT NULL,
                requester_operator TEXT NOT NULL,
                reason TEXT,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                decided_by TEXT,
                decided_at INTEGER,
                outcome TEXT)",
            "CREATE INDEX approvals_by_user ON approvals (user_id, outcome)",
        ],
    ),
    (
        7,
        &[
            // Hardware tokens that back-office loaded (PSKC), by serial: seeds sealed
            // under the pepper, bound to the serial until assigned. A withdrawn serial
            // (lost, broken, returned, replaced) is never assigned again.
            "CREATE TABLE token_inventory (
                serial TEXT PRIMARY KEY,
                seed_sealed BLOB,
                state TEXT NOT NULL,
                user_id INTEGER,
                loaded_at INTEGER NOT NULL,
                assigned_at INTEGER,
                withdrawn_at INTEGER,
                withdrawn_reason TEXT)",
            "CREATE INDEX token_inventory_by_user ON token_inventory (user_id, state)",
        ],
    ),
    (
        8,
        &[
            // Step 1 under the start policy (`domain::login_start`, issue 12): a new
            // challenge may point to the SMS of an earlier one (`sms_ref`), and each
            // login's row holds its recent SMS codes and serializes its starts.
            "ALTER TABLE challenges ADD COLUMN sms_ref TEXT",
            "CREATE TABLE login_starts (
                subject TEXT PRIMARY KEY,
                sms_sent TEXT NOT NULL,
                updated_at INTEGER NOT NULL)",
            "CREATE INDEX login_starts_by_age ON login_starts (updated_at)",
            // The bank's SMS budget: codes sent per minute, by every replica.
            "CREATE TABLE sms_budget (
                minute INTEGER PRIMARY KEY,
                sent INTEGER NOT NULL)",
            // Every cleanup of the background sweep (`server::sweep`) reads an index.
            "CREATE INDEX challenges_by_expiry ON challenges (expires_at)",
            "CREATE INDEX sessions_by_end ON sessions (absolute_expires_at)",
            "CREATE INDEX sessions_by_idle_end ON sessions ((last_seen_at + idle_timeout_ms))",
            "CREATE INDEX sms_notices_by_sent ON sms_notices (sent_at)",
            "CREATE INDEX approvals_by_expiry ON approvals (expires_at)",
        ],
    ),
    (
        9,
        &[
            // Issue 13: each user's immutable id, which credentials are bound to
            // (a login can be renamed or reused; this never is), and which scheme and
            // key protect the masked password (`domain::masked_password`).
            "ALTER TABLE users ADD COLUMN uid TEXT",
            "UPDATE users SET uid = lower(hex(randomblob(16)))",
            "CREATE UNIQUE INDEX users_by_uid ON users (uid)",
            "ALTER TABLE users ADD COLUMN pw_scheme INTEGER",
            "ALTER TABLE users ADD COLUMN pw_key_id TEXT",
        ],
    ),
    (10, TOKEN_SEED_BINDING),
    (11, USER_SEARCH_SQLITE),
    (
        12,
        &[
            // Login attempts of known users, for HelpDesk's timeline (issue 15): what
            // the server saw and which factor failed, never what was typed.
            "CREATE TABLE login_attempts (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at INTEGER NOT NULL,
                user_id INTEGER NOT NULL,
                source TEXT,
                client TEXT,
                flow TEXT NOT NULL,
                outcome TEXT NOT NULL,
                factor TEXT,
                attempts_left INTEGER)",
            "CREATE INDEX login_attempts_by_user ON login_attempts (user_id, at)",
            "CREATE INDEX login_attempts_by_age ON login_attempts (at)",
        ],
    ),
    (13, ACCESS_RESENDS),
    (14, SUSPENSION),
    (15, AUDIT_FILTERS),
    (16, USERS_BY_STATUS_ID),
    (17, AUDIT_HORIZON_SQLITE),
];

pub const POSTGRES: &[Migration] = &[
    (
        1,
        &[
            "CREATE TABLE companies (
            millekod TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            created_at BIGINT NOT NULL)",
            "CREATE TABLE users (
            id BIGSERIAL PRIMARY KEY,
            kind TEXT NOT NULL,
            millekod TEXT NOT NULL,
            login TEXT NOT NULL,
            name TEXT NOT NULL,
            status TEXT NOT NULL,
            failed_attempts BIGINT NOT NULL,
            attempts_left BIGINT NOT NULL,
            auth_tool TEXT NOT NULL,
            phone TEXT,
            password_masking BIGINT NOT NULL,
            pw_length BIGINT,
            pw_threshold BIGINT,
            pw_salt BYTEA,
            pw_shares BYTEA,
            pw_secret_hash TEXT,
            temp_password_hash TEXT,
            token_serial TEXT,
            token_seed_sealed BYTEA,
            token_last_step BIGINT,
            pending_positions TEXT,
            last_login_at BIGINT,
            blocked_at BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            UNIQUE (millekod, login))",
            "CREATE INDEX users_by_status ON users (millekod, status)",
            "CREATE TABLE challenges (
            id TEXT PRIMARY KEY,
            user_id BIGINT,
            flow TEXT NOT NULL,
            otp_method TEXT NOT NULL,
            positions TEXT,
            sms_code_digest BYTEA,
            used BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL)",
            "CREATE TABLE sessions (
            token_hash BYTEA PRIMARY KEY,
            user_id BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            last_seen_at BIGINT NOT NULL,
            idle_timeout_ms BIGINT NOT NULL,
            absolute_expires_at BIGINT NOT NULL)",
            "CREATE TABLE api_tokens (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            token_hash BYTEA NOT NULL UNIQUE,
            scopes TEXT NOT NULL,
            created_by BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            revoked_at BIGINT)",
            "CREATE TABLE audit (
            id BIGSERIAL PRIMARY KEY,
            at BIGINT NOT NULL,
            request_id TEXT NOT NULL,
            actor TEXT NOT NULL,
            on_behalf_of TEXT,
            action TEXT NOT NULL,
            millekod TEXT,
            login TEXT,
            outcome TEXT NOT NULL,
            reason TEXT,
            detail TEXT)",
            "CREATE INDEX audit_by_target ON audit (millekod, login, at)",
            "CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'audit is append-only'; END $$",
            "CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
            FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()",
        ],
    ),
    (
        2,
        &[
            "CREATE TABLE idempotency (
                key TEXT PRIMARY KEY,
                principal TEXT NOT NULL,
                request_hash BYTEA NOT NULL,
                response TEXT NOT NULL,
                created_at BIGINT NOT NULL)",
            "CREATE INDEX idempotency_by_age ON idempotency (created_at)",
        ],
    ),
    (
        3,
        &[
            "ALTER TABLE challenges ADD COLUMN decoy_key TEXT",
            "CREATE TABLE decoy_attempts (
                key TEXT PRIMARY KEY,
                failed BIGINT NOT NULL,
                updated_at BIGINT NOT NULL)",
            "CREATE INDEX decoy_attempts_by_age ON decoy_attempts (updated_at)",
        ],
    ),
    (
        4,
        &[
            // A decoy reserves an attempt before its dummy check, like a real user
            // (see `server::login`): parallel guesses get the same answers either way.
            "ALTER TABLE decoy_attempts ADD COLUMN in_flight BIGINT NOT NULL DEFAULT 0",
            // A user's open challenges and sessions end with every change of their
            // state (block, unblock, password reset, phone or token change).
            "CREATE INDEX challenges_by_user ON challenges (user_id)",
            "CREATE INDEX challenges_by_decoy ON challenges (decoy_key)",
            "CREATE INDEX sessions_by_user ON sessions (user_id)",
        ],
    ),
    (5, UNIQUE_API_TOKEN_NAMES),
    (
        6,
        &[
            // A phone change starts a hold (no access password to the new number
            // without a second operator) and notifies the old number (issue 11).
            "ALTER TABLE users ADD COLUMN phone_changed_at BIGINT",
            // Operators only: NULL is HelpDesk, 'back_office' the bank's back-office.
            "ALTER TABLE users ADD COLUMN operator_role TEXT",
            // SMS without a secret (a phone change told to the old number), sent by a
            // background task within the SMS budget; committed with the change.
            "CREATE TABLE sms_notices (
                id BIGSERIAL PRIMARY KEY,
                phone TEXT NOT NULL,
                kind TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                sent_at BIGINT)",
            "CREATE INDEX sms_notices_unsent ON sms_notices (sent_at, id)",
            // Maker-checker: an action one operator asked for and a second must approve.
            "CREATE TABLE approvals (
                id TEXT PRIMARY KEY,
                action TEXT NOT NULL,
                user_id BIGINT NOT NULL,
                requested_by TEXT NOT NULL,
                requester_operator TEXT NOT NULL,
                reason TEXT,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                decided_by TEXT,
                decided_at BIGINT,
                outcome TEXT)",
            "CREATE INDEX approvals_by_user ON approvals (user_id, outcome)",
        ],
    ),
    (
        7,
        &[
            // Hardware tokens that back-office loaded (PSKC), by serial: seeds sealed
            // under the pepper, bound to the serial until assigned. A withdrawn serial
            // (lost, broken, returned, replaced) is never assigned again.
            "CREATE TABLE token_inventory (
                serial TEXT PRIMARY KEY,
                seed_sealed BYTEA,
                state TEXT NOT NULL,
                user_id BIGINT,
                loaded_at BIGINT NOT NULL,
                assigned_at BIGINT,
                withdrawn_at BIGINT,
                withdrawn_reason TEXT)",
            "CREATE INDEX token_inventory_by_user ON token_inventory (user_id, state)",
        ],
    ),
    (
        8,
        &[
            // Step 1 under the start policy (`domain::login_start`, issue 12): a new
            // challenge may point to the SMS of an earlier one (`sms_ref`), and each
            // login's row holds its recent SMS codes and serializes its starts.
            "ALTER TABLE challenges ADD COLUMN sms_ref TEXT",
            "CREATE TABLE login_starts (
                subject TEXT PRIMARY KEY,
                sms_sent TEXT NOT NULL,
                updated_at BIGINT NOT NULL)",
            "CREATE INDEX login_starts_by_age ON login_starts (updated_at)",
            // The bank's SMS budget: codes sent per minute, by every replica.
            "CREATE TABLE sms_budget (
                minute BIGINT PRIMARY KEY,
                sent BIGINT NOT NULL)",
            // Every cleanup of the background sweep (`server::sweep`) reads an index.
            "CREATE INDEX challenges_by_expiry ON challenges (expires_at)",
            "CREATE INDEX sessions_by_end ON sessions (absolute_expires_at)",
            "CREATE INDEX sessions_by_idle_end ON sessions ((last_seen_at + idle_timeout_ms))",
            "CREATE INDEX sms_notices_by_sent ON sms_notices (sent_at)",
            "CREATE INDEX approvals_by_expiry ON approvals (expires_at)",
        ],
    ),
    (
        9,
        &[
            "ALTER TABLE users ADD COLUMN uid TEXT",
            "UPDATE users SET uid = md5(random()::text || clock_timestamp()::text || id::text)",
            "CREATE UNIQUE INDEX users_by_uid ON users (uid)",
            "ALTER TABLE users ADD COLUMN pw_scheme BIGINT",
            "ALTER TABLE users ADD COLUMN pw_key_id TEXT",
        ],
    ),
    (10, TOKEN_SEED_BINDING),
    (11, USER_SEARCH_POSTGRES),
    (
        12,
        &[
            "CREATE TABLE login_attempts (
                id BIGSERIAL PRIMARY KEY,
                at BIGINT NOT NULL,
                user_id BIGINT NOT NULL,
                source TEXT,
                client TEXT,
                flow TEXT NOT NULL,
                outcome TEXT NOT NULL,
                factor TEXT,
                attempts_left BIGINT)",
            "CREATE INDEX login_attempts_by_user ON login_attempts (user_id, at)",
            "CREATE INDEX login_attempts_by_age ON login_attempts (at)",
        ],
    ),
    (13, ACCESS_RESENDS),
    (14, SUSPENSION),
    (15, AUDIT_FILTERS),
    (16, USERS_BY_STATUS_ID),
    (17, AUDIT_HORIZON_POSTGRES),
];

/// Migration 14, the same SQL on both backends (issue 15): who suspended a user,
/// when, why, and the status a release returns them to. Set exactly while `status` is
/// `suspended` (`store::sql::suspensions`); no index, since nothing searches by them
/// (`status` finds the suspended users).
const SUSPENSION: &[&str] = &[
    "ALTER TABLE users ADD COLUMN suspended_at BIGINT",
    "ALTER TABLE users ADD COLUMN suspended_by TEXT",
    "ALTER TABLE users ADD COLUMN suspension_reason TEXT",
    "ALTER TABLE users ADD COLUMN suspended_from TEXT",
];

/// Migration 13, the same SQL on both backends (issue 15): one row per one-time access
/// password resent to a user, so the per-user limit (e.g. 3 an hour) is counted in the
/// database, where every replica sees it. A resend deletes the user's rows older than
/// the window in the same transaction, so the table stays small without the sweep.
const ACCESS_RESENDS: &[&str] = &[
    "CREATE TABLE access_resends (
        user_id BIGINT NOT NULL,
        at BIGINT NOT NULL)",
    "CREATE INDEX access_resends_by_user ON access_resends (user_id, at)",
];

/// Migration 10, the same SQL on both backends (issue 13): what the associated data of
/// a user's sealed token seed names. `login` (every seed sealed before this migration):
/// `token-seed/{millekod}/{login}`, which a new user given a deleted user's login would
/// open too; `uid`: the user's immutable uid (`server::token_binding`). The server
/// re-seals every `login` seed to its uid at start-up, so the column records where that
/// pass stands, row by row. A NULL beside a seed (written by a server older than this
/// migration) counts as `login`.
const TOKEN_SEED_BINDING: &[&str] = &[
    "ALTER TABLE users ADD COLUMN token_seed_binding TEXT",
    "UPDATE users SET token_seed_binding = 'login' WHERE token_seed_sealed IS NOT NULL",
];

/// Migration 5, the same SQL on both backends: API token names are unique, revoked
/// tokens included, because the audit names a token `token:<name>` and its records
/// outlive the token.
///
/// A database that already holds a name more than once keeps it on the oldest of those
/// tokens (by creation time, then id) and renames each other one to `<name> [<id>]`,
/// which is unique since ids are; every token keeps working (scripts hold the token,
/// not its name). Revoked duplicates are renamed too, so a name is never reused, and a
/// partial index over live tokens alone would not do. Records written before this
/// migration stay as ambiguous as they were (the audit is append-only); their time and
/// the `api_token.create` records, which carry each token's id, tell them apart.
const UNIQUE_API_TOKEN_NAMES: &[&str] = &[
    "UPDATE api_tokens SET name = name || ' [' || id || ']'
     WHERE EXISTS (
        SELECT 1 FROM api_tokens AS older
        WHERE older.name = api_tokens.name
          AND (older.created_at < api_tokens.created_at
               OR (older.created_at = api_tokens.created_at AND older.id < api_tokens.id)))",
    "CREATE UNIQUE INDEX api_tokens_by_name ON api_tokens (name)",
];

/// The digits of `phone` (E.164: `+` then at most 15 digits) in reverse order, as one
/// SQL expression both backends evaluate alike (`substr` past the end is ''): indexed
/// (migration 11), a phone's last digits become a prefix of it, which a B-tree finds.
/// Queries must spell it exactly so, or the index is not used.
macro_rules! phone_reversed {
    () => {
        "(substr(phone, 16, 1) || substr(phone, 15, 1) || substr(phone, 14, 1) || \
         substr(phone, 13, 1) || substr(phone, 12, 1) || substr(phone, 11, 1) || \
         substr(phone, 10, 1) || substr(phone, 9, 1) || substr(phone, 8, 1) || \
         substr(phone, 7, 1) || substr(phone, 6, 1) || substr(phone, 5, 1) || \
         substr(phone, 4, 1) || substr(phone, 3, 1) || substr(phone, 2, 1))"
    };
}
pub(crate) const PHONE_REVERSED: &str = phone_reversed!();

/// Migration 11 on SQLite (issue 15, finding users): logins across companies, phones by
/// their last digits and the folded words of names, each answerable from an index.
/// The words are folded in Rust (`domain::search`), so they are a table the store
/// writes with every user it inserts (names never change after); the rows already
/// there are filled at start-up while `search_backfill` says so. Ranges, never `LIKE`,
/// so a `%` or `_` in a query is an ordinary character.
const USER_SEARCH_SQLITE: &[&str] = &[
    "CREATE INDEX users_by_login ON users (login)",
    concat!(
        "CREATE INDEX users_by_phone_reversed ON users (",
        phone_reversed!(),
        ")"
    ),
    "CREATE TABLE user_name_words (
        word TEXT NOT NULL,
        user_id INTEGER NOT NULL,
        PRIMARY KEY (word, user_id)) WITHOUT ROWID",
    "CREATE INDEX user_name_words_by_user ON user_name_words (user_id)",
    "CREATE TABLE search_backfill (what TEXT PRIMARY KEY)",
    "INSERT INTO search_backfill (what) VALUES ('name_words')",
];

/// Migration 11 on PostgreSQL: as on SQLite, in the "C" collation so a range over a
/// prefix is a byte-order range whatever the database's locale.
const USER_SEARCH_POSTGRES: &[&str] = &[
    "CREATE INDEX users_by_login ON users ((login COLLATE \"C\"))",
    concat!(
        "CREATE INDEX users_by_phone_reversed ON users ((",
        phone_reversed!(),
        " COLLATE \"C\"))"
    ),
    "CREATE TABLE user_name_words (
        word TEXT COLLATE \"C\" NOT NULL,
        user_id BIGINT NOT NULL,
        PRIMARY KEY (word, user_id))",
    "CREATE INDEX user_name_words_by_user ON user_name_words (user_id)",
    "CREATE TABLE search_backfill (what TEXT PRIMARY KEY)",
    "INSERT INTO search_backfill (what) VALUES ('name_words')",
];

/// Migration 15, the same SQL on both backends (issue 15): indexes for `GET /v1/audit`'s
/// filters, each ending in `id` so "newest first, at most N" of one value walks one
/// index backwards and stops (SQLite's plans are checked in `store::sql::audit`'s tests).
const AUDIT_FILTERS: &[&str] = &[
    "CREATE INDEX audit_by_action ON audit (action, id)",
    "CREATE INDEX audit_by_actor ON audit (actor, id)",
    "CREATE INDEX audit_by_outcome ON audit (outcome, id)",
    "CREATE INDEX audit_by_at ON audit (at)",
];

/// Migration 16, the same SQL on both backends (issue 15): a search with a status filter
/// (`GET /v1/users?q=nowak&status=blocked`) walks the users of that status in id order
/// and meets the union of the query's index ranges there. Without it, PostgreSQL walked
/// every user in id order and filtered: a common surname with `status=blocked` took
/// 240 ms on 1,000,000 users (`cargo bench --bench user_search`).
const USERS_BY_STATUS_ID: &[&str] = &["CREATE INDEX users_by_status_id ON users (status, id)"];

/// Migration 17 (issue 17, housekeeping): the audit stays append-only, except for rows
/// older than the retention horizon. `audit_horizon` holds one row, two times that only
/// move forward: rows of anonymous callers (failed logins of unknown logins, which
/// anyone can add) older than `anonymous_before`, and any row older than `all_before`,
/// may be deleted; every other DELETE is refused as before, UPDATE always. The sweep
/// moves the horizon to its retention settings and deletes in batches; a bug or a
/// stray statement still cannot remove a recent record. The partial index lets the
/// sweep find old anonymous rows without walking the ones it keeps.
const AUDIT_HORIZON_SQLITE: &[&str] = &[
    "CREATE TABLE audit_horizon (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        anonymous_before BIGINT NOT NULL DEFAULT 0,
        all_before BIGINT NOT NULL DEFAULT 0)",
    "INSERT INTO audit_horizon (id) VALUES (1)",
    "CREATE TRIGGER audit_horizon_forward BEFORE UPDATE ON audit_horizon
        WHEN NEW.anonymous_before < OLD.anonymous_before
          OR NEW.all_before < OLD.all_before OR NEW.id <> OLD.id
        BEGIN SELECT RAISE(ABORT, 'the audit horizon only moves forward'); END",
    "CREATE TRIGGER audit_horizon_kept BEFORE DELETE ON audit_horizon
        BEGIN SELECT RAISE(ABORT, 'the audit horizon only moves forward'); END",
    "DROP TRIGGER audit_no_delete",
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        WHEN NOT (OLD.at < (SELECT all_before FROM audit_horizon WHERE id = 1)
          OR (OLD.actor = 'anonymous'
              AND OLD.at < (SELECT anonymous_before FROM audit_horizon WHERE id = 1)))
        BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END",
    "CREATE INDEX audit_anonymous_by_at ON audit (at) WHERE actor = 'anonymous'",
];

/// Migration 17 on PostgreSQL: the same rule as on SQLite (see there), with row
/// triggers where the check needs the row; TRUNCATE, which no DELETE trigger sees, is
/// refused outright.
const AUDIT_HORIZON_POSTGRES: &[&str] = &[
    "CREATE TABLE audit_horizon (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        anonymous_before BIGINT NOT NULL DEFAULT 0,
        all_before BIGINT NOT NULL DEFAULT 0)",
    "INSERT INTO audit_horizon (id) VALUES (1)",
    "CREATE FUNCTION audit_horizon_forward() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'UPDATE' THEN
            RAISE EXCEPTION 'the audit horizon only moves forward';
        END IF;
        IF NEW.id <> OLD.id OR NEW.anonymous_before < OLD.anonymous_before
           OR NEW.all_before < OLD.all_before THEN
            RAISE EXCEPTION 'the audit horizon only moves forward';
        END IF;
        RETURN NEW;
    END $$",
    "CREATE TRIGGER audit_horizon_forward BEFORE UPDATE OR DELETE ON audit_horizon
        FOR EACH ROW EXECUTE FUNCTION audit_horizon_forward()",
    "CREATE TRIGGER audit_horizon_no_truncate BEFORE TRUNCATE ON audit_horizon
        FOR EACH STATEMENT EXECUTE FUNCTION audit_horizon_forward()",
    "DROP TRIGGER audit_no_change ON audit",
    "CREATE TRIGGER audit_no_update BEFORE UPDATE OR TRUNCATE ON audit
        FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()",
    "CREATE FUNCTION audit_delete_past_horizon() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        horizon audit_horizon%ROWTYPE;
    BEGIN
        SELECT * INTO horizon FROM audit_horizon WHERE id = 1;
        IF OLD.at < horizon.all_before
           OR (OLD.actor = 'anonymous' AND OLD.at < horizon.anonymous_before) THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit is append-only';
    END $$",
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        FOR EACH ROW EXECUTE FUNCTION audit_delete_past_horizon()",
    "CREATE INDEX audit_anonymous_by_at ON audit (at) WHERE actor = 'anonymous'",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_databases_end_at_the_same_migration() {
        let last = |list: &[Migration]| list.last().map(|(version, _)| *version);
        assert_eq!(last(SQLITE), Some(LATEST));
        assert_eq!(last(POSTGRES), Some(LATEST));
    }
}
