//! The lockout rule's SQL against its statement in `domain::lockout`, so the two can
//! never drift: every transition is driven through the real store, from every state it
//! can meet (every status, counts from none left to above the limit, failures none or
//! at the limit, blocked since a time or not) under the limits 1, 2, 3 and 5, and the
//! row afterwards must be what the pure function says (unchanged where it says the
//! transition does not apply), and a suspended row must remember the status its
//! release returns to (issue 15). On SQLite always; on a fresh PostgreSQL database too
//! when `TEST_DATABASE_URL` names a server (as CI sets it).

use super::SqlStore;
use crate::domain::ids::{Login, MilleKod, UserUid};
use crate::domain::lockout::{self, LockoutLimit, LockoutState, NotReserved, UnblockMode};
use crate::domain::masked_password::{shamir, PasswordRecord};
use crate::domain::user::{AuthTool, Flow};
use crate::store::*;

const NOW: Millis = 1_700_000_000_000;
const LIMITS: [i64; 4] = [1, 2, 3, 5];
const STATUSES: [UserStatus; 5] = [
    UserStatus::PendingActivation,
    UserStatus::Active,
    UserStatus::Blocked,
    UserStatus::AwaitingNewPassword,
    UserStatus::Suspended,
];
/// The status a suspended state under test was suspended from.
const SUSPENDED_FROM: UserStatus = UserStatus::Blocked;
const FLOWS: [Flow; 3] = [Flow::Login, Flow::FirstLogin, Flow::NewPassword];
/// The access password a state under test awaits (what the undo transitions check).
const ACCESS_HASH: &str = "access-hash";

/// One event of the lockout rule, as the server makes it.
#[derive(Debug, Clone, Copy)]
enum Event {
    Reserve(Flow),
    Failure,
    Release,
    Success { flow: Flow, new_password: bool },
    Unblock(UnblockMode, bool),
    PasswordReset,
    UndoUnblock(LockoutState),
    UndoPasswordReset(LockoutState),
    Suspend,
    ReleaseSuspension,
}

/// What the event must come to: refused or applied, and the row afterwards.
#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    applied: Result<(), String>,
    after: LockoutState,
    /// While suspended: the status a release returns to.
    returns_to: Option<UserStatus>,
}

fn states(limit: i64) -> Vec<LockoutState> {
    let mut states = Vec::new();
    for status in STATUSES {
        for attempts_left in 0..=limit.max(3) + 1 {
            for failed_attempts in [0, limit] {
                for blocked_at in [None, Some(NOW - 60_000)] {
                    states.push(LockoutState {
                        status,
                        failed_attempts,
                        attempts_left,
                        blocked_at,
                    });
                }
            }
        }
    }
    states
}

fn events(limit: i64) -> Vec<Event> {
    let mut events = Vec::new();
    for flow in FLOWS {
        events.push(Event::Reserve(flow));
        for new_password in [false, true] {
            events.push(Event::Success { flow, new_password });
        }
    }
    events.extend([
        Event::Failure,
        Event::Release,
        Event::PasswordReset,
        Event::Suspend,
        Event::ReleaseSuspension,
    ]);
    for (mode, has_password) in [
        (UnblockMode::CurrentPassword, true),
        (UnblockMode::CurrentPassword, false),
        (UnblockMode::NewPassword, true),
    ] {
        events.push(Event::Unblock(mode, has_password));
    }
    events.push(Event::UndoUnblock(LockoutState {
        status: UserStatus::Blocked,
        failed_attempts: limit,
        attempts_left: 0,
        blocked_at: Some(NOW - 5_000),
    }));
    for status in [UserStatus::Active, UserStatus::Blocked] {
        events.push(Event::UndoPasswordReset(LockoutState {
            status,
            failed_attempts: 1,
            attempts_left: limit - 1,
            blocked_at: (status == UserStatus::Blocked).then_some(NOW - 7_000),
        }));
    }
    events
}

/// The outcome of an unblock as the server decides it (`lockout::unblock`).
fn unblock_decision(mode: UnblockMode, has_password: bool, limit: i64) -> (UserStatus, i64) {
    let facts = lockout::UnblockFacts {
        status: UserStatus::Blocked,
        attempts_left: 0,
        has_permanent_password: has_password,
        has_phone: true,
        has_token: false,
    };
    let limit = LockoutLimit::new(u8::try_from(limit).unwrap()).unwrap();
    let outcome = lockout::unblock(facts, mode, limit).unwrap();
    (outcome.status, i64::from(outcome.attempts_left))
}

/// What `domain::lockout` says `event` does to `s`.
fn expected(s: LockoutState, event: Event, limit: i64) -> Outcome {
    let mut outcome = expected_state(s, event, limit);
    outcome.returns_to = match event {
        _ if outcome.after.status != UserStatus::Suspended => None,
        Event::Suspend if outcome.applied.is_ok() => Some(s.status),
        _ => Some(SUSPENDED_FROM),
    };
    outcome
}

fn expected_state(s: LockoutState, event: Event, limit: i64) -> Outcome {
    let refused = |why: &str| Outcome {
        applied: Err(why.to_owned()),
        after: s,
        returns_to: None,
    };
    let applied = |after: LockoutState| Outcome {
        applied: Ok(()),
        after,
        returns_to: None,
    };
    let or_conflict =
        |after: Option<LockoutState>| after.map_or_else(|| refused("conflict"), applied);
    match event {
        Event::Reserve(flow) => match lockout::reserve(s, flow) {
            Ok(after) => applied(after),
            Err(why) => refused(&format!("{why:?}")),
        },
        Event::Failure => applied(lockout::failure(s, NOW)),
        Event::Release => applied(lockout::release(s, limit)),
        Event::Success { flow, new_password } => {
            or_conflict(lockout::success(s, flow, limit, new_password))
        }
        Event::Unblock(mode, has_password) => {
            let (status, attempts_left) = unblock_decision(mode, has_password, limit);
            or_conflict(lockout::unblocked(s, status, attempts_left))
        }
        Event::PasswordReset => or_conflict(lockout::password_reset(s, limit)),
        Event::UndoUnblock(before) => or_conflict(lockout::unblock_undone(s, before)),
        Event::UndoPasswordReset(before) => or_conflict(lockout::password_reset_undone(s, before)),
        Event::Suspend => or_conflict(lockout::suspend(s).ok().map(|(after, _)| after)),
        Event::ReleaseSuspension => {
            or_conflict(lockout::release_suspension(s, SUSPENDED_FROM).ok())
        }
    }
}

fn audit() -> AuditEntry {
    AuditEntry {
        at: NOW,
        request_id: "lockout-test".into(),
        actor: "operator:test".into(),
        on_behalf_of: None,
        action: "user.unblock".into(),
        millekod: None,
        login: None,
        outcome: "success".into(),
        reason: None,
        detail: None,
    }
}

fn new_password() -> PasswordRecord {
    PasswordRecord::Shamir(shamir::MaskedPasswordRecord {
        length: 8,
        threshold: 3,
        salt: vec![0; 16],
        masked_shares: vec![0; 8 * 32],
        secret_hash: "not-a-hash".into(),
    })
}

/// Drive `event` through the store's SQL, with the user's row in state `s`.
async fn through_sql(
    store: &SqlStore,
    user_id: i64,
    s: LockoutState,
    event: Event,
    limit: i64,
) -> Outcome {
    let suspended = s.status == UserStatus::Suspended;
    sqlx::query(
        "UPDATE users SET status = $2, failed_attempts = $3, attempts_left = $4, \
         blocked_at = $5, temp_password_hash = $6, suspended_from = $7, \
         suspended_at = $8, suspended_by = $9, suspension_reason = $10 WHERE id = $1",
    )
    .bind(user_id)
    .bind(s.status.as_str())
    .bind(s.failed_attempts)
    .bind(s.attempts_left)
    .bind(s.blocked_at)
    .bind(ACCESS_HASH)
    .bind(suspended.then_some(SUSPENDED_FROM.as_str()))
    .bind(suspended.then_some(NOW - 1_000))
    .bind(suspended.then_some("operator:test"))
    .bind(suspended.then_some("lost token"))
    .execute(store.pool())
    .await
    .unwrap();
    let conflict = |result: StoreResult<UserRecord>| match result {
        Ok(_) => Ok(()),
        Err(StoreError::Conflict) => Err("conflict".to_owned()),
        Err(other) => panic!("{other}"),
    };
    let applied = match event {
        Event::Reserve(flow) => match store.reserve_attempt(user_id, flow).await.unwrap().0 {
            Reservation::Reserved => Ok(()),
            Reservation::Blocked => Err(format!("{:?}", NotReserved::Blocked)),
            Reservation::Busy => Err(format!("{:?}", NotReserved::Busy)),
            Reservation::Mismatch => Err(format!("{:?}", NotReserved::Mismatch)),
            Reservation::Suspended => Err(format!("{:?}", NotReserved::Suspended)),
        },
        Event::Failure => store
            .record_failure(user_id, NOW)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Event::Release => store
            .release_attempt(user_id, limit)
            .await
            .map_err(|e| e.to_string()),
        Event::Success {
            flow,
            new_password: with,
        } => {
            let success = LoginSuccess {
                flow,
                new_password: with.then(new_password),
            };
            match store
                .record_success(user_id, limit, NOW, &success)
                .await
                .unwrap()
            {
                true => Ok(()),
                false => Err("conflict".to_owned()),
            }
        }
        Event::Unblock(mode, has_password) => {
            let (status, attempts_left) = unblock_decision(mode, has_password, limit);
            let change = UserChange::Unblock {
                status,
                attempts_left,
                temporary_password_hash: None,
            };
            conflict(store.change_user(user_id, &change, &audit()).await)
        }
        Event::PasswordReset => {
            let change = UserChange::RequireNewPassword {
                attempts_left: limit,
                temporary_password_hash: Some("new-access-hash".into()),
            };
            conflict(store.change_user(user_id, &change, &audit()).await)
        }
        Event::UndoUnblock(before) => {
            let change = UserChange::UndoUnblock {
                unblocked_hash: ACCESS_HASH.into(),
                failed_attempts: before.failed_attempts,
                attempts_left: before.attempts_left,
                blocked_at: before.blocked_at,
                temporary_password_hash: None,
            };
            conflict(store.change_user(user_id, &change, &audit()).await)
        }
        Event::UndoPasswordReset(before) => {
            let change = UserChange::UndoPasswordReset {
                reset_hash: ACCESS_HASH.into(),
                status: before.status,
                failed_attempts: before.failed_attempts,
                attempts_left: before.attempts_left,
                blocked_at: before.blocked_at,
                temporary_password_hash: None,
            };
            conflict(store.change_user(user_id, &change, &audit()).await)
        }
        Event::Suspend => conflict(
            store
                .suspend_user(user_id, "operator:test", "suspected fraud", &audit())
                .await,
        ),
        Event::ReleaseSuspension => conflict(store.release_user(user_id, &audit()).await),
    };
    let row = store.user_by_id(user_id).await.unwrap().unwrap();
    Outcome {
        applied,
        after: super::attempts::lockout_state(&row),
        returns_to: row.suspension.map(|s| s.returns_to),
    }
}

async fn every_transition_matches_the_domain(store: SqlStore, backend: &str) {
    let millekod = MilleKod::parse("12345678").unwrap();
    let user = store
        .create_user(
            &NewUser {
                uid: UserUid::generate(),
                kind: UserKind::CompanyUser,
                millekod: Some(millekod),
                login: Login::parse("lockout").unwrap(),
                name: "Lockout".into(),
                status: UserStatus::Active,
                attempts_left: 3,
                failed_attempts: 0,
                auth_tool: AuthTool::Sms,
                phone: None,
                password_masking: false,
                password: None,
                temporary_password_hash: None,
                token_serial: None,
                token_seed_sealed: None,
                blocked_at: None,
                operator_role: None,
            },
            None,
        )
        .await
        .unwrap();
    let mut checked = 0;
    for limit in LIMITS {
        for s in states(limit) {
            for event in events(limit) {
                let want = expected(s, event, limit);
                let got = through_sql(&store, user.id, s, event, limit).await;
                assert_eq!(
                    got, want,
                    "{backend}: {event:?} from {s:?} under limit {limit}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 4000, "{checked}");
}

#[tokio::test]
async fn every_lockout_transition_in_sql_is_the_domain_s_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqlStore::connect(&sqlite_url(&dir.path().join("lockout.db")))
        .await
        .unwrap();
    every_transition_matches_the_domain(store, "sqlite").await;
}

#[tokio::test]
async fn every_lockout_transition_in_sql_is_the_domain_s_on_postgres() {
    let Some(admin_url) = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty())
    else {
        eprintln!("TEST_DATABASE_URL is not set: PostgreSQL not tested");
        return;
    };
    let url = fresh_postgres_database(&admin_url).await;
    let store = SqlStore::connect(&url).await.unwrap();
    every_transition_matches_the_domain(store, "postgres").await;
}

/// A database of its own, so the test never meets another's rows.
async fn fresh_postgres_database(admin_url: &str) -> String {
    use sqlx::Connection;
    let name = format!("millectl_lockout_{}", uuid::Uuid::new_v4().simple());
    let mut conn = sqlx::PgConnection::connect(admin_url).await.unwrap();
    sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {name}").as_str())
        .await
        .unwrap();
    let base = admin_url
        .split('?')
        .next()
        .and_then(|url| url.rsplit_once('/'))
        .map_or(admin_url, |(base, _)| base);
    format!("{base}/{name}")
}
