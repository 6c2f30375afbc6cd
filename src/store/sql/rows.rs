//! Row mapping of the user table: its columns, a row back to a [`UserRecord`], a new
//! user's columns bound in order, and the small conversions every query shares
//! (status lists, unique violations, corrupt rows).

use sqlx::any::AnyRow;
use sqlx::Row;

use crate::domain::masked_password::{shamir, Scheme, SubsetRecord};
use crate::store::*;

/// The columns of a [`UserRecord`], as a literal so `concat!` can build static SQL.
macro_rules! user_columns {
    () => {
        "id, uid, kind, millekod, login, name, status, failed_attempts, attempts_left, auth_tool, \
         phone, password_masking, pw_scheme, pw_key_id, pw_length, pw_threshold, pw_salt, \
         pw_shares, pw_secret_hash, temp_password_hash, token_serial, token_seed_sealed, \
         token_last_step, pending_positions, last_login_at, blocked_at, phone_changed_at, \
         operator_role, suspended_at, suspended_by, suspension_reason, suspended_from"
    };
}
pub(super) use user_columns;

pub(super) const USER_COLUMNS: &str = user_columns!();

pub(super) fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_owned())
}

/// The masked password of a user row, under the scheme `pw_scheme` names (none: the
/// old one, from before the column existed).
pub(super) fn password_from_row(row: &AnyRow) -> StoreResult<Option<PasswordRecord>> {
    let (Some(length), Some(threshold), Some(salt), Some(shares), Some(hash)) = (
        row.try_get::<Option<i64>, _>("pw_length")?,
        row.try_get::<Option<i64>, _>("pw_threshold")?,
        row.try_get::<Option<Vec<u8>>, _>("pw_salt")?,
        row.try_get::<Option<Vec<u8>>, _>("pw_shares")?,
        row.try_get::<Option<String>, _>("pw_secret_hash")?,
    ) else {
        return Ok(None);
    };
    let length = u8::try_from(length).map_err(|_| corrupt("users.pw_length"))?;
    let threshold = u8::try_from(threshold).map_err(|_| corrupt("users.pw_threshold"))?;
    let scheme = row.try_get::<Option<i64>, _>("pw_scheme")?;
    Ok(Some(match scheme {
        None | Some(1) => PasswordRecord::Shamir(shamir::MaskedPasswordRecord {
            length,
            threshold,
            salt,
            masked_shares: shares,
            secret_hash: hash,
        }),
        Some(2) => PasswordRecord::Subsets(SubsetRecord {
            length,
            threshold,
            salt,
            key_id: row
                .try_get::<Option<String>, _>("pw_key_id")?
                .ok_or_else(|| corrupt("users.pw_key_id"))?,
            subsets: shares,
            whole_hash: hash,
        }),
        Some(_) => return Err(corrupt("users.pw_scheme")),
    }))
}

/// The stored columns of a masked password: scheme, key id, length, threshold, salt,
/// shares or subsets, hash.
pub(super) struct PasswordColumns {
    pub(super) scheme: i64,
    pub(super) key_id: Option<String>,
    pub(super) length: i64,
    pub(super) threshold: i64,
    pub(super) salt: Vec<u8>,
    pub(super) shares: Vec<u8>,
    pub(super) hash: String,
}

impl PasswordColumns {
    pub(super) fn of(record: &PasswordRecord) -> Self {
        match record {
            PasswordRecord::Shamir(r) => Self {
                scheme: Scheme::Shamir as i64,
                key_id: None,
                length: i64::from(r.length),
                threshold: i64::from(r.threshold),
                salt: r.salt.clone(),
                shares: r.masked_shares.clone(),
                hash: r.secret_hash.clone(),
            },
            PasswordRecord::Subsets(r) => Self {
                scheme: Scheme::Subsets as i64,
                key_id: Some(r.key_id.clone()),
                length: i64::from(r.length),
                threshold: i64::from(r.threshold),
                salt: r.salt.clone(),
                shares: r.subsets.clone(),
                hash: r.whole_hash.clone(),
            },
        }
    }
}

pub(super) fn user_from_row(row: &AnyRow) -> StoreResult<UserRecord> {
    let kind = match row.try_get::<String, _>("kind")?.as_str() {
        "operator" => UserKind::Operator,
        "company_user" => UserKind::CompanyUser,
        _ => return Err(corrupt("users.kind")),
    };
    let millekod_text: String = row.try_get("millekod")?;
    let millekod = match kind {
        UserKind::Operator => None,
        UserKind::CompanyUser => {
            Some(MilleKod::parse(&millekod_text).map_err(|_| corrupt("users.millekod"))?)
        }
    };
    let login =
        Login::parse(&row.try_get::<String, _>("login")?).map_err(|_| corrupt("users.login"))?;
    let status = UserStatus::parse(&row.try_get::<String, _>("status")?)
        .ok_or_else(|| corrupt("users.status"))?;
    let auth_tool = AuthTool::parse(&row.try_get::<String, _>("auth_tool")?)
        .ok_or_else(|| corrupt("users.auth_tool"))?;
    let phone = match row.try_get::<Option<String>, _>("phone")? {
        Some(text) => Some(PhoneNumber::from_stored(&text).ok_or_else(|| corrupt("users.phone"))?),
        None => None,
    };
    let password = password_from_row(row)?;
    let uid = row.try_get::<Option<String>, _>("uid")?;
    Ok(UserRecord {
        id: row.try_get("id")?,
        user: NewUser {
            uid: uid
                .as_deref()
                .and_then(UserUid::parse)
                .ok_or_else(|| corrupt("users.uid"))?,
            kind,
            millekod,
            login,
            name: row.try_get("name")?,
            status,
            failed_attempts: row.try_get("failed_attempts")?,
            attempts_left: row.try_get("attempts_left")?,
            auth_tool,
            phone,
            password_masking: row.try_get::<i64, _>("password_masking")? != 0,
            password,
            temporary_password_hash: row.try_get("temp_password_hash")?,
            token_serial: row.try_get("token_serial")?,
            token_seed_sealed: row.try_get("token_seed_sealed")?,
            blocked_at: row.try_get("blocked_at")?,
            operator_role: row
                .try_get::<Option<String>, _>("operator_role")?
                .map(|role| {
                    crate::domain::policy::OperatorRole::parse(&role)
                        .ok_or_else(|| corrupt("users.operator_role"))
                })
                .transpose()?,
        },
        token_last_step: row.try_get("token_last_step")?,
        pending_positions: row.try_get("pending_positions")?,
        last_login_at: row.try_get("last_login_at")?,
        phone_changed_at: row.try_get("phone_changed_at")?,
        suspension: super::suspensions::suspension_from_row(row, status)?,
    })
}

/// `'active', 'blocked'`: statuses for an SQL `IN` list (fixed words, never input).
pub(super) fn status_list(statuses: &[UserStatus]) -> String {
    statuses
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The columns of a new user that every insert sets, in the order [`bind_new_user`]
/// binds them.
pub(super) const NEW_USER_COLUMNS: &str = "uid, kind, millekod, login, name, status, \
    failed_attempts, attempts_left, auth_tool, phone, password_masking, pw_scheme, \
    pw_key_id, pw_length, pw_threshold, pw_salt, pw_shares, pw_secret_hash";

/// How many [`NEW_USER_COLUMNS`] there are.
pub(super) const NEW_USER_COLUMN_COUNT: usize = {
    let bytes = NEW_USER_COLUMNS.as_bytes();
    let (mut commas, mut i) = (0, 0);
    while i < bytes.len() {
        if bytes[i] == b',' {
            commas += 1;
        }
        i += 1;
    }
    commas + 1
};

/// Bind the [`NEW_USER_COLUMNS`] of `user`.
pub(super) fn bind_new_user<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    user: &'q NewUser,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    let pw = user.password.as_ref().map(PasswordColumns::of);
    query
        .bind(user.uid.to_hex())
        .bind(kind_str(user.kind))
        .bind(millekod_key(user.millekod.as_ref()))
        .bind(user.login.as_str())
        .bind(user.name.as_str())
        .bind(user.status.as_str())
        .bind(user.failed_attempts)
        .bind(user.attempts_left)
        .bind(user.auth_tool.as_str())
        .bind(user.phone.as_ref().map(|p| p.as_e164().to_owned()))
        .bind(i64::from(user.password_masking))
        .bind(pw.as_ref().map(|p| p.scheme))
        .bind(pw.as_ref().and_then(|p| p.key_id.clone()))
        .bind(pw.as_ref().map(|p| p.length))
        .bind(pw.as_ref().map(|p| p.threshold))
        .bind(pw.as_ref().map(|p| p.salt.clone()))
        .bind(pw.as_ref().map(|p| p.shares.clone()))
        .bind(pw.map(|p| p.hash))
}

pub(super) fn kind_str(kind: UserKind) -> &'static str {
    match kind {
        UserKind::Operator => "operator",
        UserKind::CompanyUser => "company_user",
    }
}

pub(super) fn millekod_key(millekod: Option<&MilleKod>) -> &str {
    millekod.map(MilleKod::as_str).unwrap_or("")
}
