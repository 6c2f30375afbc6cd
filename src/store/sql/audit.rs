//! The append-only audit log (R12): appended inside other writes' transactions, listed.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::rows::*;
use super::SqlStore;
use crate::store::*;

pub(super) async fn insert_audit<'e, E>(executor: E, entry: &AuditEntry) -> StoreResult<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO audit (at, request_id, actor, on_behalf_of, action, millekod, login, \
         outcome, reason, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(entry.at)
    .bind(&entry.request_id)
    .bind(&entry.actor)
    .bind(&entry.on_behalf_of)
    .bind(&entry.action)
    .bind(&entry.millekod)
    .bind(&entry.login)
    .bind(&entry.outcome)
    .bind(&entry.reason)
    .bind(&entry.detail)
    .execute(executor)
    .await?;
    Ok(())
}

pub(super) fn audit_from_row(row: &AnyRow) -> StoreResult<StoredAuditEntry> {
    let at: i64 = row.try_get("at")?;
    // A time no caller could show is a corrupt row, found here rather than above.
    time_of(at).ok_or_else(|| corrupt("audit.at"))?;
    Ok(StoredAuditEntry {
        id: row.try_get("id")?,
        entry: AuditEntry {
            at,
            request_id: row.try_get("request_id")?,
            actor: row.try_get("actor")?,
            on_behalf_of: row.try_get("on_behalf_of")?,
            action: row.try_get("action")?,
            millekod: row.try_get("millekod")?,
            login: row.try_get("login")?,
            outcome: row.try_get("outcome")?,
            reason: row.try_get("reason")?,
            detail: row.try_get("detail")?,
        },
    })
}

pub(super) async fn append_audit(db: &SqlStore, entry: &AuditEntry) -> StoreResult<()> {
    insert_audit(&db.pool, entry).await
}

pub(super) async fn list_audit(
    db: &SqlStore,
    filter: &AuditFilter,
) -> StoreResult<Vec<StoredAuditEntry>> {
    let (sql, binds) = audit_sql(filter);
    let rows = bound(sqlx::query(&sql), binds, filter.limit)
        .fetch_all(&db.reads)
        .await?;
    rows.iter().map(audit_from_row).collect()
}

/// The listing query of a filter, newest first, its LIMIT the last placeholder.
fn audit_sql(filter: &AuditFilter) -> (String, Vec<Bind>) {
    let (conditions, binds) = audit_conditions(filter);
    let sql = format!(
        "SELECT id, at, request_id, actor, on_behalf_of, action, millekod, login, \
         outcome, reason, detail FROM audit WHERE {} ORDER BY id DESC LIMIT ${}",
        conditions.join(" AND "),
        binds.len() + 1
    );
    (sql, binds)
}

/// `query` with the filter's values and then the limit bound, in placeholder order.
fn bound<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    binds: Vec<Bind>,
    limit: i64,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    for bind in binds {
        query = match bind {
            Bind::Text(text) => query.bind(text),
            Bind::Int(n) => query.bind(n),
        };
    }
    query.bind(limit)
}

/// A value bound to a placeholder of the audit query.
#[derive(Debug, Clone, PartialEq)]
enum Bind {
    Text(String),
    Int(i64),
}

/// The WHERE conditions of a filter and their values, `$1`, `$2`, … in order. Only the
/// filters given are in the SQL, so each query names the columns an index can serve:
/// `audit_by_target`, `audit_by_action`, `audit_by_actor` (a whole actor name),
/// `audit_by_outcome`, `audit_by_at` (since and until together). Three forms walk the
/// log newest first instead, stopping at the limit: `since` alone (its records are the
/// newest), `until` alone (it passes over the records after it) and a bare actor name,
/// whose `user:<millekod>/<login>` form no index can find by its end. A page after the
/// first adds `id < $n` (keyset paging): the walk resumes where the last page ended, on
/// the same index. Values are always bound, never written into the SQL.
fn audit_conditions(filter: &AuditFilter) -> (Vec<String>, Vec<Bind>) {
    let mut conditions = Vec::new();
    let mut binds = Vec::new();
    if let Some(millekod) = &filter.millekod {
        let p = placeholder(&mut binds, Bind::Text(millekod.clone()));
        conditions.push(format!("millekod = {p}"));
    }
    if let Some(login) = &filter.login {
        let p = placeholder(&mut binds, Bind::Text(login.clone()));
        conditions.push(format!("login = {p}"));
    }
    if !filter.actions.is_empty() {
        let placeholders: Vec<String> = filter
            .actions
            .iter()
            .map(|action| placeholder(&mut binds, Bind::Text(action.clone())))
            .collect();
        conditions.push(format!("action IN ({})", placeholders.join(", ")));
    }
    if let Some(outcome) = &filter.outcome {
        let p = placeholder(&mut binds, Bind::Text(outcome.clone()));
        conditions.push(format!("outcome = {p}"));
    }
    if let Some(actor) = &filter.actor {
        if actor.contains(':') || actor == "anonymous" {
            let p = placeholder(&mut binds, Bind::Text(actor.clone()));
            conditions.push(format!("actor = {p}"));
        } else {
            // `user:<millekod>/<login>` ends in `/<login>`; the length test keeps
            // `substr` from counting back from the end (SQLite does, for a start <= 0).
            let operator = placeholder(&mut binds, Bind::Text(format!("operator:{actor}")));
            let token = placeholder(&mut binds, Bind::Text(format!("token:{actor}")));
            let tail = placeholder(&mut binds, Bind::Text(format!("/{actor}")));
            conditions.push(format!(
                "(actor IN ({operator}, {token}) OR (actor LIKE 'user:%' \
                 AND length(actor) > length({tail}) + 5 \
                 AND substr(actor, length(actor) - length({tail}) + 1) = {tail}))"
            ));
        }
    }
    if let Some(since) = filter.since {
        let p = placeholder(&mut binds, Bind::Int(since));
        conditions.push(format!("at >= {p}"));
    }
    if let Some(until) = filter.until {
        let p = placeholder(&mut binds, Bind::Int(until));
        conditions.push(format!("at <= {p}"));
    }
    if let Some(before) = filter.before_id {
        let p = placeholder(&mut binds, Bind::Int(before));
        conditions.push(format!("id < {p}"));
    }
    if conditions.is_empty() {
        conditions.push("1 = 1".to_owned());
    }
    (conditions, binds)
}

/// Append `bind`; its placeholder (`$n`).
fn placeholder(binds: &mut Vec<Bind>, bind: Bind) -> String {
    binds.push(bind);
    format!("${}", binds.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_filters_given_reach_the_sql_and_every_value_is_bound() {
        let (conditions, binds) = audit_conditions(&AuditFilter::default());
        assert_eq!((conditions, binds), (vec!["1 = 1".to_owned()], vec![]));
        let filter = AuditFilter {
            actions: vec!["user.unblock".into(), "login".into()],
            outcome: Some("failure".into()),
            actor: Some("help'desk".into()),
            until: Some(42),
            ..AuditFilter::default()
        };
        let (conditions, binds) = audit_conditions(&filter);
        assert_eq!(conditions[0], "action IN ($1, $2)");
        assert_eq!(conditions[1], "outcome = $3");
        assert!(
            conditions[2].starts_with("(actor IN ($4, $5)"),
            "{}",
            conditions[2]
        );
        assert_eq!(conditions[3], "at <= $7");
        let page = AuditFilter {
            outcome: Some("failure".into()),
            before_id: Some(7),
            ..AuditFilter::default()
        };
        assert_eq!(
            audit_conditions(&page),
            (
                vec!["outcome = $1".to_owned(), "id < $2".to_owned()],
                vec![Bind::Text("failure".into()), Bind::Int(7)]
            )
        );
        assert!(!conditions.concat().contains("help"), "{conditions:?}");
        assert_eq!(binds[3], Bind::Text("operator:help'desk".into()));
        assert_eq!(binds[5], Bind::Text("/help'desk".into()));
        assert_eq!(binds[6], Bind::Int(42));
        let exact = AuditFilter {
            actor: Some("user:12345678/anna".into()),
            ..AuditFilter::default()
        };
        assert_eq!(audit_conditions(&exact).0, vec!["actor = $1".to_owned()]);
    }

    /// SQLite's plan of each filter, on an empty database of today's schema.
    async fn plan_of(db: &SqlStore, filter: &AuditFilter) -> String {
        let (sql, binds) = audit_sql(filter);
        let explain = format!("EXPLAIN QUERY PLAN {sql}");
        let rows = bound(sqlx::query(&explain), binds, 100)
            .fetch_all(&db.pool)
            .await
            .unwrap();
        let details: Vec<String> = rows.iter().map(|r| r.try_get("detail").unwrap()).collect();
        details.join("; ")
    }

    #[tokio::test]
    async fn each_filter_reads_an_index_on_sqlite() {
        let dir = tempfile::tempdir().unwrap();
        let db = SqlStore::connect(&crate::store::sqlite_url(&dir.path().join("audit.db")))
            .await
            .unwrap();
        let text = |s: &str| Some(s.to_owned());
        for (filter, index) in [
            (
                AuditFilter {
                    actions: vec!["user.unblock".into()],
                    ..AuditFilter::default()
                },
                "audit_by_action",
            ),
            (
                AuditFilter {
                    actions: vec!["user.unblock".into(), "operator.unblock".into()],
                    ..AuditFilter::default()
                },
                "audit_by_action",
            ),
            (
                AuditFilter {
                    outcome: text("failure"),
                    ..AuditFilter::default()
                },
                "audit_by_outcome",
            ),
            (
                AuditFilter {
                    actor: text("operator:helpdesk"),
                    ..AuditFilter::default()
                },
                "audit_by_actor",
            ),
            (
                AuditFilter {
                    millekod: text("12345678"),
                    login: text("jan"),
                    actions: vec!["login".into()],
                    ..AuditFilter::default()
                },
                "INDEX audit_by_",
            ),
            (
                AuditFilter {
                    since: Some(1),
                    until: Some(1),
                    ..AuditFilter::default()
                },
                "audit_by_at",
            ),
            (
                AuditFilter {
                    actions: vec!["user.unblock".into()],
                    before_id: Some(42),
                    ..AuditFilter::default()
                },
                "audit_by_action",
            ),
            (
                AuditFilter {
                    before_id: Some(42),
                    ..AuditFilter::default()
                },
                "USING INTEGER PRIMARY KEY",
            ),
        ] {
            let plan = plan_of(&db, &filter).await;
            assert!(plan.contains(index), "{filter:?}: {plan}");
            assert!(!plan.contains("SCAN audit"), "{filter:?}: {plan}");
        }
    }
}
