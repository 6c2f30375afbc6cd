//! Finding users (issue 15): a company's list by login, and a search across companies
//! by login prefix, name word, phone suffix or MilleKod, both paged by keyset.
//!
//! Every key is a range over an index of migration 11 (`users_by_login`,
//! `user_name_words`, `users_by_phone_reversed`) or the MilleKod's own index, so a
//! search costs what it matches, not what the table holds; `benches/user_search.rs`
//! measures it on 1,000,000 users. No `LIKE`: a `%` or `_` typed is a character. The
//! text of the query is only ever bound, never spliced; the statuses spliced into an
//! `IN` list are fixed words (`rows::status_list`).
//!
//! The words of a name are written here too, by every insert of a user (`users.rs`,
//! `bulk.rs`) and once at start-up for the users that predate migration 11.

use sqlx::Row;

use super::rows::*;
use super::SqlStore;
use crate::domain::search::{name_words, prefix_upper_bound};
use crate::store::migrations::PHONE_REVERSED;
use crate::store::*;

/// Users whose words one start-up pass writes per transaction.
const BACKFILL_CHUNK: i64 = 5_000;

/// Bound parameters, numbered as they are added.
struct Params {
    values: Vec<Value>,
}

enum Value {
    Text(String),
    Int(i64),
}

impl Params {
    fn new() -> Self {
        Self { values: Vec::new() }
    }
    /// `$n` of a new text parameter.
    fn text(&mut self, value: impl Into<String>) -> String {
        self.values.push(Value::Text(value.into()));
        format!("${}", self.values.len())
    }
    fn int(&mut self, value: i64) -> String {
        self.values.push(Value::Int(value));
        format!("${}", self.values.len())
    }
    fn bind<'q>(
        &'q self,
        mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        for value in &self.values {
            query = match value {
                Value::Text(text) => query.bind(text.as_str()),
                Value::Int(n) => query.bind(*n),
            };
        }
        query
    }
}

/// `COLLATE "C"` on PostgreSQL, where the indexes of migration 11 are in byte order;
/// SQLite compares bytes already.
fn c_collation(backend: &str) -> &'static str {
    if backend == "postgres" {
        " COLLATE \"C\""
    } else {
        ""
    }
}

/// The filters as `AND …` conditions on `users`.
fn filter_sql(filter: &UserFilter, params: &mut Params) -> String {
    let mut sql = String::new();
    if !filter.statuses.is_empty() {
        sql.push_str(&format!(
            " AND status IN ({})",
            status_list(&filter.statuses)
        ));
    }
    if let Some(tool) = filter.tool {
        sql.push_str(&format!(" AND auth_tool = {}", params.text(tool.as_str())));
    }
    sql
}

pub(super) async fn list_users(
    db: &SqlStore,
    listing: &UserListing<'_>,
) -> StoreResult<Vec<UserRecord>> {
    let mut params = Params::new();
    let mut sql = format!(
        "SELECT {USER_COLUMNS} FROM users WHERE kind = 'company_user' AND millekod = {}",
        params.text(listing.millekod.as_str())
    );
    if let Some(after) = listing.after_login {
        // Logins are [a-z0-9._-]: byte order and every collation agree on them.
        sql.push_str(&format!(" AND login > {}", params.text(after.as_str())));
    }
    sql.push_str(&filter_sql(listing.filter, &mut params));
    sql.push_str(&format!(
        " ORDER BY login LIMIT {}",
        params.int(i64::from(listing.filter.limit))
    ));
    let rows = params.bind(sqlx::query(&sql)).fetch_all(&db.reads).await?;
    rows.iter().map(user_from_row).collect()
}

/// The statement of a search: the ids each key matches (a union of index ranges), then
/// their rows, filtered, by id.
fn search_sql(backend: &str, search: &UserSearch<'_>, params: &mut Params) -> Option<String> {
    let c = c_collation(backend);
    let after = search.after_id.unwrap_or(0);
    let mut keys: Vec<String> = Vec::new();
    if let Some(prefix) = &search.query.login_prefix {
        keys.push(format!(
            "SELECT id FROM users WHERE login{c} >= {} AND login{c} < {} AND id > {}",
            params.text(prefix.as_str()),
            params.text(prefix_upper_bound(prefix)),
            params.int(after),
        ));
    }
    if let Some((first, rest)) = search.query.name_words.split_first() {
        // Each word must begin some word of the name.
        let mut sql = format!(
            "SELECT user_id FROM user_name_words WHERE word >= {} AND word < {} AND user_id > {}",
            params.text(first.as_str()),
            params.text(prefix_upper_bound(first)),
            params.int(after),
        );
        for word in rest {
            sql.push_str(&format!(
                " AND user_id IN (SELECT user_id FROM user_name_words \
                 WHERE word >= {} AND word < {})",
                params.text(word.as_str()),
                params.text(prefix_upper_bound(word)),
            ));
        }
        keys.push(sql);
    }
    if let Some(reversed) = &search.query.phone_suffix_reversed {
        keys.push(format!(
            "SELECT id FROM users WHERE {PHONE_REVERSED}{c} >= {} \
             AND {PHONE_REVERSED}{c} < {} AND id > {}",
            params.text(reversed.as_str()),
            params.text(prefix_upper_bound(reversed)),
            params.int(after),
        ));
    }
    if let Some(millekod) = &search.query.millekod {
        keys.push(format!(
            "SELECT id FROM users WHERE millekod = {} AND id > {}",
            params.text(millekod.as_str()),
            params.int(after),
        ));
    }
    if keys.is_empty() {
        return None;
    }
    let mut sql = format!(
        "SELECT {USER_COLUMNS} FROM users WHERE id IN ({}) AND kind = 'company_user'",
        keys.join(" UNION ")
    );
    if let Some(millekod) = search.millekod {
        sql.push_str(&format!(
            " AND millekod = {}",
            params.text(millekod.as_str())
        ));
    }
    sql.push_str(&filter_sql(search.filter, params));
    sql.push_str(&format!(
        " ORDER BY id LIMIT {}",
        params.int(i64::from(search.filter.limit))
    ));
    Some(sql)
}

pub(super) async fn search_users(
    db: &SqlStore,
    search: &UserSearch<'_>,
) -> StoreResult<Vec<UserRecord>> {
    let mut params = Params::new();
    // A query with no key (say `%`) matches nobody.
    let Some(sql) = search_sql(db.backend, search, &mut params) else {
        return Ok(Vec::new());
    };
    let rows = params.bind(sqlx::query(&sql)).fetch_all(&db.reads).await?;
    rows.iter().map(user_from_row).collect()
}

/// The words of the names of `users` (by uid), in one statement, inside the insert's
/// transaction.
pub(super) async fn insert_name_words(
    conn: &mut sqlx::AnyConnection,
    backend: &str,
    users: &[(&str, &str)],
) -> StoreResult<()> {
    let rows: Vec<serde_json::Value> = users
        .iter()
        .flat_map(|(uid, name)| {
            name_words(name)
                .into_iter()
                .map(move |word| serde_json::json!([word, uid]))
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    let each = if backend == "sqlite" {
        "json_each($1)"
    } else {
        "json_array_elements(CAST($1 AS json))"
    };
    sqlx::query(&format!(
        "INSERT INTO user_name_words (word, user_id) \
         SELECT j.value ->> 0, u.id FROM {each} AS j JOIN users AS u ON u.uid = j.value ->> 1 \
         ON CONFLICT DO NOTHING"
    ))
    .bind(serde_json::Value::Array(rows).to_string())
    .execute(conn)
    .await?;
    Ok(())
}

/// Write the words of every user that predates migration 11, once: chunk by chunk, by
/// id, then the marker goes. Safe beside other replicas doing the same (the inserts
/// ignore words already there).
pub(super) async fn backfill_name_words(db: &SqlStore) -> StoreResult<()> {
    let pending: Option<String> =
        sqlx::query_scalar("SELECT what FROM search_backfill WHERE what = 'name_words'")
            .fetch_optional(&db.pool)
            .await?;
    if pending.is_none() {
        return Ok(());
    }
    let mut after = 0_i64;
    loop {
        let rows = sqlx::query(
            "SELECT id, uid, name FROM users WHERE id > $1 AND uid IS NOT NULL \
             ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(BACKFILL_CHUNK)
        .fetch_all(&db.pool)
        .await?;
        let Some(last) = rows.last() else { break };
        after = last.try_get("id")?;
        let users: Vec<(String, String)> = rows
            .iter()
            .map(|row| Ok((row.try_get("uid")?, row.try_get("name")?)))
            .collect::<StoreResult<_>>()?;
        let pairs: Vec<(&str, &str)> = users
            .iter()
            .map(|(uid, name)| (uid.as_str(), name.as_str()))
            .collect();
        let mut tx = db.pool.begin().await?;
        insert_name_words(&mut tx, db.backend, &pairs).await?;
        tx.commit().await?;
    }
    sqlx::query("DELETE FROM search_backfill WHERE what = 'name_words'")
        .execute(&db.pool)
        .await?;
    Ok(())
}
