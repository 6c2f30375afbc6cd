//! Token seeds still bound to a login (issue 13): found in pages by id, and rebound
//! one row at a time by a conditional UPDATE, so replicas that start together each
//! move a row at most once between them and a seed changed meanwhile (a token assigned
//! or withdrawn) is left alone.

use sqlx::Row;

use super::SqlStore;
use crate::domain::ids::{Login, MilleKod, UserUid};
use crate::store::{LoginBoundSeed, StoreError, StoreResult};

/// A seed is login-bound unless its row says `uid` (NULL: written by a server older
/// than migration 10).
const LOGIN_BOUND: &str =
    "token_seed_sealed IS NOT NULL AND (token_seed_binding IS NULL OR token_seed_binding <> 'uid')";

impl SqlStore {
    pub(super) async fn login_bound_token_seeds_sql(
        &self,
        after_id: i64,
        limit: i64,
    ) -> StoreResult<Vec<LoginBoundSeed>> {
        let rows = sqlx::query(&format!(
            "SELECT id, uid, millekod, login, token_seed_sealed FROM users \
             WHERE {LOGIN_BOUND} AND id > $1 ORDER BY id LIMIT $2"
        ))
        .bind(after_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        let corrupt = |what: &str| StoreError::Corrupt(what.to_owned());
        rows.iter()
            .map(|row| {
                let uid: Option<String> = row.try_get("uid")?;
                let millekod: String = row.try_get("millekod")?;
                let login: String = row.try_get("login")?;
                Ok(LoginBoundSeed {
                    user_id: row.try_get("id")?,
                    uid: uid
                        .as_deref()
                        .and_then(UserUid::parse)
                        .ok_or_else(|| corrupt("users.uid"))?,
                    // Operators are stored under the empty MilleKod.
                    millekod: match millekod.as_str() {
                        "" => None,
                        kod => Some(MilleKod::parse(kod).map_err(|_| corrupt("users.millekod"))?),
                    },
                    login: Login::parse(&login).map_err(|_| corrupt("users.login"))?,
                    sealed: row.try_get("token_seed_sealed")?,
                })
            })
            .collect()
    }

    pub(super) async fn rebind_token_seed_sql(
        &self,
        user_id: i64,
        sealed: &[u8],
        resealed: &[u8],
    ) -> StoreResult<bool> {
        let done = sqlx::query(&format!(
            "UPDATE users SET token_seed_sealed = $3, token_seed_binding = 'uid' \
             WHERE id = $1 AND token_seed_sealed = $2 AND {LOGIN_BOUND}"
        ))
        .bind(user_id)
        .bind(sealed.to_vec())
        .bind(resealed.to_vec())
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
