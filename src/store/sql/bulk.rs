//! Companies and users inserted many at a time, in multi-row statements (the dev
//! server's synthetic users): not audited, nobody acts.

use super::phone_batch::placeholders;
use super::SqlStore;
use crate::store::*;

/// Rows per multi-row INSERT. Binding cost grows faster than linearly with the
/// parameters of one statement in sqlx's SQLite driver: 500 rows seeded 100,000 users
/// in 21 s, 50 rows in 4 s (`--seed-users 100000`, release build, this machine).
const BULK_ROWS: usize = 50;

impl SqlStore {
    /// `ANALYZE` means the same on both backends: gather the planner's statistics.
    pub(super) async fn refresh_statistics_sql(&self) -> StoreResult<()> {
        sqlx::query("ANALYZE").execute(self.pool()).await?;
        Ok(())
    }

    pub(super) async fn insert_bulk_sql(
        &self,
        companies: &[(MilleKod, String)],
        users: &[NewUser],
    ) -> StoreResult<()> {
        let now = now_millis();
        let mut tx = self.pool().begin().await?;
        for chunk in companies.chunks(BULK_ROWS) {
            let sql = format!(
                "INSERT INTO companies (millekod, name, created_at) VALUES {}",
                placeholders(chunk.len(), 3, 1)
            );
            let mut query = sqlx::query(&sql);
            for (millekod, name) in chunk {
                query = query.bind(millekod.as_str()).bind(name.as_str()).bind(now);
            }
            query.execute(&mut *tx).await?;
        }
        // The shared new-user columns, then created_at and updated_at.
        const COLUMNS: usize = super::rows::NEW_USER_COLUMN_COUNT + 2;
        for chunk in users.chunks(BULK_ROWS) {
            let sql = format!(
                "INSERT INTO users ({}, created_at, updated_at) VALUES {}",
                super::rows::NEW_USER_COLUMNS,
                placeholders(chunk.len(), COLUMNS, 1)
            );
            let mut query = sqlx::query(&sql);
            for user in chunk {
                query = super::rows::bind_new_user(query, user).bind(now).bind(now);
            }
            query.execute(&mut *tx).await?;
            let uids: Vec<String> = chunk.iter().map(|u| u.uid.to_hex()).collect();
            let named: Vec<(&str, &str)> = uids
                .iter()
                .zip(chunk)
                .map(|(uid, user)| (uid.as_str(), user.name.as_str()))
                .collect();
            super::search::insert_name_words(&mut tx, self.backend, &named).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
