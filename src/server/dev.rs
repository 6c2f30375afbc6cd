//! `millectl server --dev`: a throw-away server with demo data, like `vault server -dev`.
//!
//! Everything lives in one data directory: the SQLite database (unless `--database`
//! names a PostgreSQL one), the generated pepper (`pepper`, so a second replica can join
//! with `--pepper-file`), the SMS outbox (`sms-outbox.jsonl`, standing in for the users'
//! phones) and `dev-credentials.json` with every demo secret. Restarting on the same
//! directory keeps the data and the credentials.

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::api::{AuthTool, Login, MilleKod, UserStatus};
use crate::domain::ids::UserUid;
use crate::domain::lockout::LockoutLimit;
use crate::domain::masked_password::{self, Password, PasswordRecord};
use crate::domain::otp::TotpSecret;
use crate::domain::pepper::Pepper;
use crate::domain::phone::PhoneNumber;
use crate::domain::policy::{OperatorRole, Scope};
use crate::domain::secret_box;
use crate::domain::temporary_password::{self, Argon2Memory};
use crate::domain::transport_key::TransportKey;
use crate::store::{
    now_millis, ApiTokenRecord, AuditEntry, InventoryToken, NewUser, Store, UserKind, UserRecord,
};

use super::auth::{new_token, API_TOKEN_PREFIX};
use super::login::inventory_aad;
use super::state::Keys;
use super::token_binding::token_aad;

pub const CREDENTIALS_FILE: &str = "dev-credentials.json";
pub const OUTBOX_FILE: &str = "sms-outbox.jsonl";
pub const PEPPER_FILE: &str = "pepper";
pub const TRANSPORT_KEY_FILE: &str = "token-transport.key";
/// Hardware tokens in the demo inventory (serials `DEV-T-0001`…), not yet assigned.
pub const DEV_INVENTORY: usize = 5;
pub const DEMO_MILLEKOD: &str = "12345678";
pub const OTHER_MILLEKOD: &str = "87654321";

/// The dev server's directory and pepper.
pub struct DevDir {
    pub path: PathBuf,
    pub pepper: Pepper,
    /// Keeps a temporary directory alive while the server runs.
    _temp: Option<tempfile::TempDir>,
    /// The token vendor's transport key of the demo inventory (PSKC).
    pub transport_key: TransportKey,
}

impl DevDir {
    pub fn prepare(data_dir: Option<&Path>) -> anyhow::Result<Self> {
        let (path, temp) = match data_dir {
            Some(dir) => {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
                (dir.to_path_buf(), None)
            }
            None => {
                let temp = tempfile::Builder::new()
                    .prefix("millectl-dev-")
                    .tempdir()
                    .context("cannot create a temporary directory")?;
                (temp.path().to_path_buf(), Some(temp))
            }
        };
        let pepper_path = path.join(PEPPER_FILE);
        let pepper = if pepper_path.exists() {
            Pepper::load_file(&pepper_path)?
        } else {
            let pepper = Pepper::generate();
            pepper.write_file(&pepper_path)?;
            pepper
        };
        let key_path = path.join(TRANSPORT_KEY_FILE);
        let transport_key = if key_path.exists() {
            TransportKey::load_file(&key_path).map_err(anyhow::Error::msg)?
        } else {
            let key = TransportKey::generate();
            key.write_file(&key_path).map_err(anyhow::Error::msg)?;
            key
        };
        Ok(Self {
            path,
            pepper,
            transport_key,
            _temp: temp,
        })
    }

    pub fn sqlite_url(&self) -> String {
        crate::store::sqlite_url(&self.path.join("millectl.db"))
    }

    pub fn credentials_path(&self) -> PathBuf {
        self.path.join(CREDENTIALS_FILE)
    }

    pub fn outbox_path(&self) -> PathBuf {
        self.path.join(OUTBOX_FILE)
    }
}

/// `dev-credentials.json`: every demo secret, for newcomers, tests and scripts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DevCredentials {
    pub server: String,
    pub api_token: String,
    pub operator: DevOperator,
    /// Back-office staff: envelopes with one-time access passwords.
    pub back_office: DevOperator,
    pub users: Vec<DevUser>,
    /// Hardware tokens in the inventory, unassigned, with their seeds (demo only).
    pub inventory: Vec<DevToken>,
    /// The management listener (`/v1/health`, `/metrics`), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub management: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DevToken {
    pub serial: String,
    pub totp_secret: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DevOperator {
    pub login: String,
    pub password: String,
    pub totp_secret: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DevUser {
    pub millekod: String,
    pub login: String,
    pub password: Option<String>,
    pub temporary_password: Option<String>,
    pub auth_tool: AuthTool,
    pub totp_secret: Option<String>,
    pub phone: Option<String>,
    pub status: UserStatus,
}

struct Demo {
    millekod: &'static str,
    login: &'static str,
    name: &'static str,
    tool: AuthTool,
    phone: Option<&'static str>,
    status: UserStatus,
}

const DEMO_USERS: &[Demo] = &[
    Demo {
        millekod: DEMO_MILLEKOD,
        login: "anna",
        name: "Anna Kowalska",
        tool: AuthTool::Token,
        phone: None,
        status: UserStatus::Active,
    },
    Demo {
        millekod: DEMO_MILLEKOD,
        login: "ewa",
        name: "Ewa Nowak",
        tool: AuthTool::Sms,
        phone: Some("+48601234567"),
        status: UserStatus::Active,
    },
    Demo {
        millekod: DEMO_MILLEKOD,
        login: "jan",
        name: "Jan Wiśniewski",
        tool: AuthTool::Sms,
        phone: Some("+48602345678"),
        status: UserStatus::Blocked,
    },
    Demo {
        millekod: DEMO_MILLEKOD,
        login: "marek",
        name: "Marek Wójcik",
        tool: AuthTool::Sms,
        phone: None,
        status: UserStatus::Blocked,
    },
    Demo {
        millekod: DEMO_MILLEKOD,
        login: "piotr",
        name: "Piotr Kamiński",
        tool: AuthTool::Sms,
        phone: Some("+48603456789"),
        status: UserStatus::PendingActivation,
    },
    Demo {
        millekod: OTHER_MILLEKOD,
        login: "olga",
        name: "Olga Lewandowska",
        tool: AuthTool::Token,
        phone: None,
        status: UserStatus::Active,
    },
];

/// A demo operator of `role`, active, with a software token.
async fn dev_operator(
    store: &dyn Store,
    keys: &Keys,
    login: &Login,
    role: OperatorRole,
    (uid, password): (UserUid, PasswordRecord),
    attempts_left: i64,
    audit: AuditEntry,
) -> anyhow::Result<(UserRecord, TotpSecret)> {
    let totp = TotpSecret::generate();
    let serial = match role {
        OperatorRole::HelpDesk => "DEV-0001",
        OperatorRole::BackOffice => "DEV-0002",
    };
    let user = store
        .create_user(
            &NewUser {
                uid,
                kind: UserKind::Operator,
                millekod: None,
                login: login.clone(),
                name: match role {
                    OperatorRole::HelpDesk => "HelpDesk".into(),
                    OperatorRole::BackOffice => "Back-office".into(),
                },
                status: UserStatus::Active,
                attempts_left,
                failed_attempts: 0,
                auth_tool: AuthTool::Token,
                phone: None,
                password_masking: true,
                password: Some(password),
                temporary_password_hash: None,
                token_serial: Some(serial.into()),
                token_seed_sealed: Some(secret_box::seal(
                    &keys.token_seed,
                    totp.as_bytes(),
                    &token_aad(uid),
                )),
                blocked_at: None,
                operator_role: Some(role),
            },
            Some(&audit),
        )
        .await?;
    Ok((user, totp))
}

fn expose(secret: &secrecy::SecretString) -> String {
    secrecy::ExposeSecret::expose_secret(secret).to_owned()
}

/// Stored subsets of each demo user's masked password: the fewest a server allows, so
/// that a dev server (which every test starts) seeds in a fraction of a second.
/// Passwords set through the API get the server's `--masked-password-subsets`.
const DEMO_SUBSETS: usize = *masked_password::SUBSETS_RANGE.start();

/// A random password that meets the policy, with the record enrolled for a new user.
async fn demo_password(
    keys: &std::sync::Arc<Keys>,
) -> anyhow::Result<(String, (UserUid, PasswordRecord))> {
    let text = expose(&temporary_password::generate());
    let password = Password::parse(&text).map_err(|e| anyhow::anyhow!("{e}"))?;
    let keys = keys.clone();
    let uid = UserUid::generate();
    // Seeding runs before the server serves, one hash at a time: no hash gate.
    let record = tokio::task::spawn_blocking(move || {
        masked_password::enroll(
            &keys.mask,
            &uid,
            &password,
            DEMO_SUBSETS,
            &mut Argon2Memory::new(),
        )
    })
    .await??;
    Ok((text, (uid, record)))
}

/// Load the demo data into a fresh database, or the credentials of an earlier run.
pub async fn seed(
    store: &dyn Store,
    dir: &DevDir,
    limit: LockoutLimit,
) -> anyhow::Result<DevCredentials> {
    let demo_kod = MilleKod::parse(DEMO_MILLEKOD)?;
    if store.company_name(&demo_kod).await?.is_some() {
        let text = std::fs::read_to_string(dir.credentials_path()).with_context(|| {
            format!(
                "the database holds demo data but {} is missing; use a fresh --data-dir",
                dir.credentials_path().display()
            )
        })?;
        return serde_json::from_str(&text).context("cannot read dev-credentials.json");
    }
    let keys = std::sync::Arc::new(Keys::derive(&dir.pepper));
    let now = now_millis();
    let limit_left = i64::from(limit.get());
    let audit = |action: &str, millekod: Option<&str>, login: Option<&str>| AuditEntry {
        at: now,
        request_id: "-".into(),
        actor: "dev-seed".into(),
        on_behalf_of: None,
        action: action.into(),
        millekod: millekod.map(str::to_owned),
        login: login.map(str::to_owned),
        outcome: "success".into(),
        reason: None,
        detail: None,
    };
    for (kod, name) in [
        (DEMO_MILLEKOD, "Demo Sp. z o.o."),
        (OTHER_MILLEKOD, "Inna Firma S.A."),
    ] {
        store
            .create_company(
                &MilleKod::parse(kod)?,
                name,
                &audit("company.create", Some(kod), None),
            )
            .await?;
    }

    // Hash everything at once: the slow part of start-up, spread over the cores.
    let mut passwords = Vec::new();
    // The demo users, the HelpDesk operator and the back-office one.
    for _ in 0..DEMO_USERS.len() + 2 {
        let keys = keys.clone();
        passwords.push(tokio::spawn(async move { demo_password(&keys).await }));
    }
    let mut enrolled = Vec::new();
    for handle in passwords {
        enrolled.push(handle.await??);
    }
    let (operator_password, operator_record) = enrolled.remove(0);

    let (back_office_password, back_office_record) = enrolled.remove(0);
    let operator_login = Login::parse("helpdesk")?;
    let (operator, operator_totp) = dev_operator(
        store,
        &keys,
        &operator_login,
        OperatorRole::HelpDesk,
        operator_record,
        limit_left,
        audit("operator.create", None, Some("helpdesk")),
    )
    .await?;
    let back_office_login = Login::parse("backoffice")?;
    let (_, back_office_totp) = dev_operator(
        store,
        &keys,
        &back_office_login,
        OperatorRole::BackOffice,
        back_office_record,
        limit_left,
        audit("operator.create", None, Some("backoffice")),
    )
    .await?;

    let mut users = Vec::new();
    for (demo, (password, (uid, record))) in DEMO_USERS.iter().zip(enrolled) {
        let millekod = MilleKod::parse(demo.millekod)?;
        let login = Login::parse(demo.login)?;
        let phone = demo.phone.map(PhoneNumber::parse).transpose()?;
        let totp = (demo.tool == AuthTool::Token).then(TotpSecret::generate);
        let pending = demo.status == UserStatus::PendingActivation;
        let temporary = pending.then(temporary_password::generate);
        let temporary_hash = match &temporary {
            Some(t) => {
                let typed = expose(t);
                Some(
                    tokio::task::spawn_blocking(move || {
                        temporary_password::hash(&typed, &mut Argon2Memory::new())
                    })
                    .await?,
                )
            }
            None => None,
        };
        let blocked = demo.status == UserStatus::Blocked;
        store
            .create_user(
                &NewUser {
                    uid,
                    kind: UserKind::CompanyUser,
                    millekod: Some(millekod.clone()),
                    login: login.clone(),
                    name: demo.name.into(),
                    status: demo.status,
                    attempts_left: if blocked { 0 } else { limit_left },
                    failed_attempts: if blocked { limit_left } else { 0 },
                    auth_tool: demo.tool,
                    phone: phone.clone(),
                    password_masking: true,
                    password: (!pending).then_some(record),
                    temporary_password_hash: temporary_hash,
                    token_serial: totp
                        .as_ref()
                        .map(|_| format!("DEV-{}", demo.login.to_uppercase())),
                    token_seed_sealed: totp
                        .as_ref()
                        .map(|t| secret_box::seal(&keys.token_seed, t.as_bytes(), &token_aad(uid))),
                    blocked_at: blocked.then_some(now),
                    operator_role: None,
                },
                Some(&audit("user.create", Some(demo.millekod), Some(demo.login))),
            )
            .await?;
        users.push(DevUser {
            millekod: demo.millekod.into(),
            login: demo.login.into(),
            password: (!pending).then_some(password),
            temporary_password: temporary.as_ref().map(expose),
            auth_tool: demo.tool,
            totp_secret: totp.as_ref().map(|t| t.to_base32().to_string()),
            phone: phone.map(|p| p.as_e164().to_owned()),
            status: demo.status,
        });
    }

    let (api_token, hash) = new_token(API_TOKEN_PREFIX);
    let token = ApiTokenRecord {
        id: uuid::Uuid::new_v4().to_string(),
        name: "dev-helpdesk".into(),
        scopes: Scope::ALL.to_vec(),
        created_by: operator.id,
        created_by_login: operator_login,
        created_at: now,
        expires_at: now + 30 * 24 * 3600 * 1000,
        revoked_at: None,
    };
    store
        .insert_api_token(&hash, &token, &audit("api_token.create", None, None))
        .await?;

    let mut inventory = Vec::new();
    let mut sealed = Vec::new();
    for n in 1..=DEV_INVENTORY {
        let serial = format!("DEV-T-{n:04}");
        let seed = TotpSecret::generate();
        sealed.push(InventoryToken {
            seed_sealed: Some(secret_box::seal(
                &keys.token_seed,
                seed.as_bytes(),
                &inventory_aad(&serial),
            )),
            serial: serial.clone(),
            state: "available".into(),
        });
        inventory.push(DevToken {
            serial,
            totp_secret: seed.to_base32().to_string(),
        });
    }
    store
        .load_tokens(&sealed, &audit("tokens.load", None, None))
        .await?;

    Ok(DevCredentials {
        server: String::new(),
        api_token,
        operator: DevOperator {
            login: "helpdesk".into(),
            password: operator_password,
            totp_secret: operator_totp.to_base32().to_string(),
        },
        back_office: DevOperator {
            login: "backoffice".into(),
            password: back_office_password,
            totp_secret: back_office_totp.to_base32().to_string(),
        },
        users,
        inventory,
        management: None,
    })
}

/// Write the credentials file (mode 0600), replacing an earlier one atomically.
pub fn write_credentials(dir: &DevDir, credentials: &DevCredentials) -> anyhow::Result<()> {
    let path = dir.credentials_path();
    let tmp = dir.path.join(format!("{CREDENTIALS_FILE}.tmp"));
    let text = serde_json::to_string_pretty(credentials)?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(&tmp)
        .with_context(|| format!("cannot write {}", tmp.display()))?;
    std::io::Write::write_all(&mut file, text.as_bytes())?;
    file.sync_all()?;
    std::fs::rename(&tmp, &path)?;
    Ok(())
}

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
    tracing::info!(
        count,
        total_ms = began.elapsed().as_millis() as u64,
        build_ms = building.as_millis() as u64,
        insert_ms = inserting.as_millis() as u64,
        "synthetic users seeded"
    );
    Ok(())
}
