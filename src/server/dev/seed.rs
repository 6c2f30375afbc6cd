//! The demo data of a dev server: two companies, the users of the walkthrough (one of
//! them blocked, one pending activation), a HelpDesk and a back-office operator, an
//! API token and a small token inventory — or, on a restart, the credentials of the
//! run that made them.

use anyhow::Context;

use crate::api::{AuditAction, AuditOutcome};
use crate::api::{AuthTool, Login, MilleKod, UserStatus};
use crate::domain::ids::UserUid;
use crate::domain::lockout::LockoutLimit;
use crate::domain::masked_password::{self, Password, PasswordRecord};
use crate::domain::otp::TotpSecret;
use crate::domain::phone::PhoneNumber;
use crate::domain::policy::{OperatorRole, Scope};
use crate::domain::secret_box;
use crate::domain::temporary_password::{self, Argon2Memory};
use crate::server::auth::{new_token, API_TOKEN_PREFIX};
use crate::server::login::inventory_aad;
use crate::server::state::Keys;
use crate::server::token_binding::token_aad;
use crate::store::{
    now_millis, ApiTokenRecord, AuditEntry, InventoryToken, NewUser, Store, UserKind, UserRecord,
};

use super::{
    DevCredentials, DevDir, DevOperator, DevToken, DevUser, DEMO_MILLEKOD, DEV_INVENTORY,
    OTHER_MILLEKOD,
};

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
    let audit = |action: AuditAction, millekod: Option<&str>, login: Option<&str>| AuditEntry {
        at: now,
        request_id: "-".into(),
        actor: "dev-seed".into(),
        on_behalf_of: None,
        action: action.as_str().into(),
        millekod: millekod.map(str::to_owned),
        login: login.map(str::to_owned),
        outcome: AuditOutcome::Success.as_str().into(),
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
                &audit(AuditAction::CompanyCreate, Some(kod), None),
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
        audit(AuditAction::OperatorCreate, None, Some("helpdesk")),
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
        audit(AuditAction::OperatorCreate, None, Some("backoffice")),
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
                Some(&audit(
                    AuditAction::UserCreate,
                    Some(demo.millekod),
                    Some(demo.login),
                )),
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
        .insert_api_token(
            &hash,
            &token,
            &audit(AuditAction::ApiTokenCreate, None, None),
        )
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
        .load_tokens(&sealed, &audit(AuditAction::TokensLoad, None, None))
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
