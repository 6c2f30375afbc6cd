//! `--seed-users N`: synthetic users in bulk for benchmarks, on a dev server only.

use crate::api::{AuthTool, Login, MilleKod, UserStatus};
use crate::domain::lockout::LockoutLimit;
use crate::domain::masked_password::{self, Password, PasswordRecord};
use crate::domain::phone::PhoneNumber;
use crate::domain::temporary_password::Argon2Memory;
use crate::server::state::Keys;
use crate::store::{NewUser, Store, UserKind};

use super::DevDir;

/// First MilleKod of the synthetic companies of `--seed-users`.
pub const SYNTHETIC_FIRST_MILLEKOD: u64 = 20_000_000;
/// Synthetic users per synthetic company.
pub const SYNTHETIC_USERS_PER_COMPANY: u64 = 100;
/// Most synthetic users `--seed-users` makes.
pub const MAX_SYNTHETIC_USERS: u64 = 5_000_000;

/// The login of synthetic user `n` (1-based): `u000001`, …
pub fn synthetic_login(n: u64) -> String {
    format!("u{n:06}")
}

/// The password of a synthetic user, derived from the login so benchmarks can log
/// them in: `<login>Pass1`, e.g. `u000001Pass1`. Dev server only.
pub fn synthetic_password(login: &str) -> String {
    format!("{login}Pass1")
}

/// Add `count` synthetic users (logins `u000001`…, 100 per MilleKod from 20000000,
/// `sms`, phone +48 500 000 000 + n, active, password from [`synthetic_password`]) in
/// batched inserts. One Argon2 run serves them all ([`masked_password::SharedSecret`]):
/// their records use the old scheme (`masked_password::shamir`), the one whose records
/// can share a secret — which is also why it falls to whoever has the pepper. Dev
/// server only; no real user's record is ever made this way.
/// Skipped when they exist already (a restarted dev server).
pub async fn seed_synthetic_users(
    store: &dyn Store,
    dir: &DevDir,
    count: u64,
    limit: LockoutLimit,
) -> anyhow::Result<()> {
    if count == 0 {
        return Ok(());
    }
    anyhow::ensure!(
        count <= MAX_SYNTHETIC_USERS,
        "--seed-users is at most {MAX_SYNTHETIC_USERS}"
    );
    let first = MilleKod::parse(&SYNTHETIC_FIRST_MILLEKOD.to_string())?;
    if store.company_name(&first).await?.is_some() {
        return Ok(());
    }
    let keys = std::sync::Arc::new(Keys::derive(&dir.pepper));
    let shared = std::sync::Arc::new(
        tokio::task::spawn_blocking(|| {
            masked_password::SharedSecret::generate(&mut Argon2Memory::new())
        })
        .await?,
    );
    let companies: Vec<(MilleKod, String)> = (0..count.div_ceil(SYNTHETIC_USERS_PER_COMPANY))
        .map(|c| {
            let kod = MilleKod::parse(&(SYNTHETIC_FIRST_MILLEKOD + c).to_string())?;
            Ok((kod, format!("Synthetic company {}", c + 1)))
        })
        .collect::<anyhow::Result<_>>()?;
    const CHUNK: u64 = 10_000;
    let began = std::time::Instant::now();
    let (mut building, mut inserting) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
    let mut start = 1;
    let mut companies_left = companies.as_slice();
    while start <= count {
        let end = (start + CHUNK - 1).min(count);
        let (keys, shared) = (keys.clone(), shared.clone());
        let t = std::time::Instant::now();
        let users = tokio::task::spawn_blocking(move || -> anyhow::Result<Vec<NewUser>> {
            (start..=end)
                .map(|n| {
                    let login = synthetic_login(n);
                    let password = Password::parse(&synthetic_password(&login))
                        .map_err(|e| anyhow::anyhow!("{e}"))?;
                    let kod = SYNTHETIC_FIRST_MILLEKOD + (n - 1) / SYNTHETIC_USERS_PER_COMPANY;
                    Ok(NewUser {
                        uid: crate::domain::ids::UserUid::generate(),
                        kind: UserKind::CompanyUser,
                        millekod: Some(MilleKod::parse(&kod.to_string())?),
                        login: Login::parse(&login)?,
                        name: format!("Synthetic user {n}"),
                        status: UserStatus::Active,
                        attempts_left: i64::from(limit.get()),
                        failed_attempts: 0,
                        auth_tool: AuthTool::Sms,
                        phone: Some(PhoneNumber::parse(&format!("+48{}", 500_000_000 + n))?),
                        password_masking: true,
                        password: Some(PasswordRecord::Shamir(
                            masked_password::shamir::enroll_shared(
                                keys.mask.pepper().subkey(),
                                &password,
                                &shared,
                            ),
                        )),
                        temporary_password_hash: None,
                        token_serial: None,
                        token_seed_sealed: None,
                        blocked_at: None,
                        operator_role: None,
                    })
                })
                .collect()
        })
        .await??;
        building += t.elapsed();
        // The companies of this chunk's users go in with them.
        let needed =
            usize::try_from(end.div_ceil(SYNTHETIC_USERS_PER_COMPANY)).unwrap_or(usize::MAX);
        let done = companies.len() - companies_left.len();
        let (now, later) =
            companies_left.split_at(needed.saturating_sub(done).min(companies_left.len()));
        let t = std::time::Instant::now();
        store.insert_bulk(now, &users).await?;
        inserting += t.elapsed();
        companies_left = later;
        start = end + 1;
    }
    store.refresh_statistics().await?;
    tracing::info!(
        count,
        total_ms = began.elapsed().as_millis() as u64,
        build_ms = building.as_millis() as u64,
        insert_ms = inserting.as_millis() as u64,
        "synthetic users seeded"
    );
    Ok(())
}
