//! Companies and users: create, find, list, and the shapes decoys are drawn from.

use sqlx::Row;

use super::audit::insert_audit;
use super::driver_errors::exists_or_database;
use super::rows::*;
use super::SqlStore;
use crate::store::*;

pub(super) async fn masked_password_schemes(db: &SqlStore) -> StoreResult<(i64, i64)> {
    let row = sqlx::query(
        "SELECT \
         COALESCE(SUM(CASE WHEN pw_scheme = 2 THEN 0 ELSE 1 END), 0) AS shamir, \
         COALESCE(SUM(CASE WHEN pw_scheme = 2 THEN 1 ELSE 0 END), 0) AS subsets \
         FROM users WHERE pw_length IS NOT NULL",
    )
    .fetch_one(&db.reads)
    .await?;
    Ok((row.try_get("shamir")?, row.try_get("subsets")?))
}

pub(super) async fn create_company(
    db: &SqlStore,
    millekod: &MilleKod,
    name: &str,
    audit: &AuditEntry,
) -> StoreResult<()> {
    let mut tx = db.pool.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO companies (millekod, name, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (millekod) DO NOTHING",
    )
    .bind(millekod.as_str())
    .bind(name)
    .bind(audit.at)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(StoreError::AlreadyExists);
    }
    insert_audit(&mut *tx, audit).await?;
    tx.commit().await?;
    Ok(())
}

pub(super) async fn company_name(
    db: &SqlStore,
    millekod: &MilleKod,
) -> StoreResult<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT name FROM companies WHERE millekod = $1")
            .bind(millekod.as_str())
            .fetch_optional(&db.reads)
            .await?,
    )
}

pub(super) async fn create_user(
    db: &SqlStore,
    user: &NewUser,
    audit: Option<&AuditEntry>,
) -> StoreResult<UserRecord> {
    let now = now_millis();
    let mut tx = db.pool.begin().await?;
    // $1..$n: the new-user columns, then the four below, the time (created_at
    // and updated_at), the operator's role and what the token seed is bound to.
    let n = NEW_USER_COLUMN_COUNT;
    let params: Vec<String> = (1..=n + 4).map(|i| format!("${i}")).collect();
    let sql = format!(
        "INSERT INTO users ({NEW_USER_COLUMNS}, temp_password_hash, token_serial, \
         token_seed_sealed, blocked_at, created_at, updated_at, operator_role, \
         token_seed_binding) \
         VALUES ({}, ${t}, ${t}, ${r}, ${b}) RETURNING {USER_COLUMNS}",
        params.join(", "),
        t = n + 5,
        r = n + 6,
        b = n + 7,
    );
    let row = bind_new_user(sqlx::query(&sql), user)
        .bind(&user.temporary_password_hash)
        .bind(&user.token_serial)
        .bind(&user.token_seed_sealed)
        .bind(user.blocked_at)
        .bind(now)
        .bind(user.operator_role.map(|r| r.as_str()))
        // Every seed sealed since migration 10 is bound to the uid.
        .bind(user.token_seed_sealed.as_ref().map(|_| "uid"))
        .fetch_one(&mut *tx)
        .await
        .map_err(exists_or_database)?;
    let record = user_from_row(&row)?;
    let uid = user.uid.to_hex();
    super::search::insert_name_words(&mut tx, db.backend, &[(&uid, &user.name)]).await?;
    if let Some(audit) = audit {
        insert_audit(&mut *tx, audit).await?;
    }
    tx.commit().await?;
    Ok(record)
}

pub(super) async fn find_user(
    db: &SqlStore,
    millekod: Option<&MilleKod>,
    login: &Login,
) -> StoreResult<Option<UserRecord>> {
    let kind = if millekod.is_some() {
        UserKind::CompanyUser
    } else {
        UserKind::Operator
    };
    let row = sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE millekod = $1 AND login = $2 AND kind = $3"
    ))
    .bind(millekod_key(millekod))
    .bind(login.as_str())
    .bind(kind_str(kind))
    .fetch_optional(&db.reads)
    .await?;
    row.as_ref().map(user_from_row).transpose()
}

pub(super) async fn user_by_id(db: &SqlStore, id: i64) -> StoreResult<Option<UserRecord>> {
    let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(&db.reads)
        .await?;
    row.as_ref().map(user_from_row).transpose()
}

pub(super) async fn user_shapes(db: &SqlStore, kind: UserKind) -> StoreResult<Vec<UserShape>> {
    let rows = sqlx::query(
        "SELECT status, auth_tool, password_masking, pw_length, pw_threshold, \
         COUNT(*) AS n FROM users WHERE kind = $1 \
         GROUP BY status, auth_tool, password_masking, pw_length, pw_threshold",
    )
    .bind(kind_str(kind))
    .fetch_all(&db.reads)
    .await?;
    rows.iter()
        .map(|row| {
            let status = UserStatus::parse(&row.try_get::<String, _>("status")?)
                .ok_or_else(|| corrupt("users.status"))?;
            let auth_tool = AuthTool::parse(&row.try_get::<String, _>("auth_tool")?)
                .ok_or_else(|| corrupt("users.auth_tool"))?;
            let length: Option<i64> = row.try_get("pw_length")?;
            let threshold: Option<i64> = row.try_get("pw_threshold")?;
            let password = match (length, threshold) {
                (Some(l), Some(t)) => Some((
                    u8::try_from(l).map_err(|_| corrupt("users.pw_length"))?,
                    u8::try_from(t).map_err(|_| corrupt("users.pw_threshold"))?,
                )),
                _ => None,
            };
            Ok(UserShape {
                status,
                auth_tool,
                password_masking: row.try_get::<i64, _>("password_masking")? != 0,
                password,
                count: row.try_get("n")?,
            })
        })
        .collect()
}
