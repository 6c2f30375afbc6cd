//! Housekeeping (issue 17): does the database stop growing once the background sweep
//! has had its say? N simulated days of login traffic go through the real store
//! methods the login path calls (`server::login`, `server::decoy`), on a simulated
//! clock — no sleeping, no HTTP, no Argon2: what is measured is what the rows cost,
//! not how fast a login is — and the sweep runs as the server runs it
//! (`server::sweep::sweep_until_done`, the server's default login-attempt retention).
//!
//! A day of traffic, spread evenly over its 24 hours: real users start a login (the
//! challenge, their send log, the bank's SMS budget minute), most answer it (the
//! attempt reserved, a success or a failure counted, the timeline row, the audit
//! record, a session), some never do (the challenge expires); sessions are touched,
//! then logged out or left to expire. A share of the starts are made-up logins, each
//! one new (the unbounded set an enumeration attack brings): a decoy challenge, and
//! for most an answer that reserves and fails a decoy attempt. A user blocked by their
//! failures is unblocked by the helpdesk, as at a bank. The sweep runs every simulated
//! hour (the server's runs every 10 s; an hour makes each pass the larger).
//!
//! After each day: the database's size after a `PRAGMA wal_checkpoint(TRUNCATE)` (the
//! WAL copied into the file and emptied, so file + WAL is the whole of it; the file's
//! free pages, kept for reuse rather than given back, shown beside it), the rows of
//! each table the login path writes, and the longest single sweep call of the day.
//!
//! `cargo bench --bench housekeeping`: 14 days of 20,000 logins on an SQLite file, or on
//! PostgreSQL with `BENCH_DATABASE_URL` (a fresh, throw-away database; its size is
//! `pg_database_size`). Under `cargo test`: 100 days of 40 logins, past both the decoys'
//! 30-day memory and the attempts' 90-day retention, asserting that every swept table
//! holds no more than its memory's worth of traffic. Speed is printed, never asserted.
//! Knobs: `BENCH_DAYS`, `BENCH_LOGINS_PER_DAY`, `BENCH_USERS`, `BENCH_SWEEP_MINUTES`.

#[path = "support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use millectl::domain::ids::{Login, MilleKod, UserUid};
use millectl::domain::lockout::{self, UserStatus};
use millectl::domain::login_attempt::{AttemptOutcome, Factor, FailedFactors};
use millectl::domain::phone::PhoneNumber;
use millectl::domain::user::{AuthTool, Flow};
use millectl::server::state::Settings;
use millectl::server::sweep::{sweep_until_done, Retention};
use millectl::store::{
    AuditEntry, ChallengeRecord, LoginAttempt, LoginSuccess, Millis, NewUser, Opened, Reservation,
    SessionRecord, SqlStore, Store, UserChange, UserKind, UserRecord,
};
use rand::rngs::StdRng;
use rand::{Rng, RngCore, SeedableRng};
use sha2::{Digest, Sha256};
use support::env_usize;

const MINUTE_MS: Millis = 60_000;
const HOUR_MS: Millis = 60 * MINUTE_MS;
const DAY_MS: Millis = 24 * HOUR_MS;
/// Day 1 begins here (2026-01-01 00:00 UTC): any fixed time does.
const EPOCH: Millis = 1_767_225_600_000;
/// A challenge lives 5 minutes (`server::login::challenge`).
const CHALLENGE_TTL_MS: Millis = 5 * MINUTE_MS;
/// The decoys' memory in `store/sql/sweep.rs`.
const DECOY_MEMORY_DAYS: usize = 30;

/// The tables the login path writes, in the order printed; the audit in two parts,
/// the records of anonymous callers (made-up logins) and everyone else's, which are
/// kept for different times.
const TABLES: [&str; 8] = [
    "challenges",
    "sessions",
    "decoy_attempts",
    "login_attempts",
    "login_starts",
    "sms_budget",
    "audit_anonymous",
    "audit_named",
];

/// How the meter counts the rows of one of `TABLES`.
fn count_sql(table: &str) -> String {
    match table {
        "audit_anonymous" => "SELECT COUNT(*) FROM audit WHERE actor = 'anonymous'".to_owned(),
        "audit_named" => "SELECT COUNT(*) FROM audit WHERE actor <> 'anonymous'".to_owned(),
        table => format!("SELECT COUNT(*) FROM {table}"),
    }
}

/// The share of starts that are made-up logins, and of those, answered.
const UNKNOWN_SHARE: f64 = 0.3;
const UNKNOWN_ANSWERED: f64 = 0.7;
/// Of real users' challenges: never answered; answered wrongly.
const ABANDONED: f64 = 0.2;
const WRONG: f64 = 0.1;
/// Of sessions: logged out (the rest are left to expire).
const LOGGED_OUT: f64 = 0.6;

struct Knobs {
    days: usize,
    logins_per_day: usize,
    users: u64,
    sweep_every: Millis,
    /// `--login-attempts-retention`, in days (also the anonymous audit records').
    retention_days: u64,
    /// `--audit-retention`, in days; `None` keeps the audit for good.
    audit_retention_days: Option<u64>,
}

impl Knobs {
    fn retention(&self) -> Retention {
        Retention {
            login_attempts: Duration::from_secs(self.retention_days * 86_400),
            audit: self
                .audit_retention_days
                .map(|days| Duration::from_secs(days * 86_400)),
        }
    }
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let knobs = Knobs {
        days: env_usize("BENCH_DAYS", if full { 14 } else { 100 }).max(1),
        logins_per_day: env_usize("BENCH_LOGINS_PER_DAY", if full { 20_000 } else { 40 }),
        users: env_usize("BENCH_USERS", if full { 500 } else { 50 }).max(1) as u64,
        sweep_every: env_usize("BENCH_SWEEP_MINUTES", 60).max(1) as Millis * MINUTE_MS,
        retention_days: env_usize(
            "BENCH_RETENTION_DAYS",
            (Settings::default().login_attempts_retention.as_secs() / 86_400) as usize,
        ) as u64,
        // Kept for good, the server's default; under test for 60 days, so that the
        // audit's own sweep is tested too.
        audit_retention_days: std::env::var("BENCH_AUDIT_RETENTION_DAYS")
            .ok()
            .and_then(|v| v.parse().ok())
            .or((!full).then_some(60)),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let days = runtime.block_on(run(&knobs));
    if !full {
        assert_bounded(&knobs, &days);
        println!("every swept table held at most its memory's worth of traffic");
    }
}

/// One day's figures: what the bench wrote, and what the database held at its end.
#[derive(Debug, Default, Clone)]
struct Day {
    /// Rows written per table that day, as `TABLES` (an upper bound for tables whose
    /// writes may update a row rather than add one).
    written: [u64; TABLES.len()],
    /// Rows held at the day's end, as `TABLES`.
    rows: [i64; TABLES.len()],
    bytes: u64,
    free_bytes: u64,
    longest_sweep: Duration,
    swept: u64,
}

impl Day {
    fn wrote(&mut self, table: &str) {
        let i = TABLES
            .iter()
            .position(|t| *t == table)
            .expect("a known table");
        self.written[i] += 1;
    }
}

async fn run(knobs: &Knobs) -> Vec<Day> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("millectl.db");
    let url =
        std::env::var("BENCH_DATABASE_URL").unwrap_or_else(|_| millectl::store::sqlite_url(&path));
    // Connected (and migrated) as the server connects.
    let store = SqlStore::connect(&url).await.expect("connect");
    let meter = Meter::connect(&url, &path).await;
    seed(&store, knobs.users).await;
    let settings = Settings::default();
    let retention = knobs.retention();
    println!(
        "{} days of {} logins on {} users, {}; sweep every {} min, login attempts and \
         anonymous audit kept {} days, the rest of the audit {}",
        knobs.days,
        knobs.logins_per_day,
        knobs.users,
        store.backend(),
        knobs.sweep_every / MINUTE_MS,
        knobs.retention_days,
        knobs
            .audit_retention_days
            .map_or("for good".to_owned(), |d| format!("{d} days")),
    );
    println!(
        "day   size MiB  free MiB  {}  longest sweep call  swept  took s",
        TABLES.map(|t| format!("{t:>16}")).join("")
    );
    let mut traffic = Traffic::new(&store, &settings, knobs.users);
    let mut days = Vec::with_capacity(knobs.days);
    let began = Instant::now();
    for day in 1..=knobs.days {
        let day_began = Instant::now();
        let start = EPOCH + (day as Millis - 1) * DAY_MS;
        let mut figures = Day::default();
        let mut next_sweep = start + knobs.sweep_every;
        for i in 0..knobs.logins_per_day {
            let now = start + (i as Millis * DAY_MS) / knobs.logins_per_day.max(1) as Millis;
            while next_sweep <= now {
                sweep(&store, next_sweep, retention, &mut figures).await;
                next_sweep += knobs.sweep_every;
            }
            traffic.follow_up(now, &mut figures).await;
            traffic.login(now, &mut figures).await;
        }
        let end = start + DAY_MS;
        traffic.follow_up(end, &mut figures).await;
        while next_sweep <= end {
            sweep(&store, next_sweep, retention, &mut figures).await;
            next_sweep += knobs.sweep_every;
        }
        meter.measure(&mut figures).await;
        println!(
            "{day:>3}  {:>9.2}  {:>8.2}  {}  {:>18.1?}  {:>5}  {:>5.1}",
            mib(figures.bytes),
            mib(figures.free_bytes),
            figures.rows.map(|n| format!("{n:>16}")).join(""),
            figures.longest_sweep,
            figures.swept,
            day_began.elapsed().as_secs_f64(),
        );
        days.push(figures);
    }
    verdict(knobs, &days, began.elapsed());
    days
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// A pass of the server's sweep as of `now`, its longest call kept for the day.
async fn sweep(store: &SqlStore, now: Millis, retention: Retention, day: &mut Day) {
    let totals = sweep_until_done(store, || now, retention)
        .await
        .expect("sweep");
    day.longest_sweep = day.longest_sweep.max(totals.longest_call);
    day.swept += totals.swept.total() + totals.login_attempts + totals.audit;
}

/// How many days a swept table remembers a row, rounded up to whole days (plus the
/// day in progress), as `TABLES`; the named audit, unless given a retention, is kept
/// for good and has no memory.
fn memories(knobs: &Knobs) -> [Option<usize>; TABLES.len()] {
    let retention = knobs.retention_days as usize + 1;
    [
        Some(1),
        Some(1),
        Some(DECOY_MEMORY_DAYS + 1),
        Some(retention),
        Some(1),
        Some(1),
        Some(retention),
        knobs.audit_retention_days.map(|d| d as usize + 1),
    ]
}

/// The lines to read: the size at a horizon the run reaches (day 7, or past the
/// decoys' memory) beside its last day, and which tables still grew between them, and
/// why.
fn verdict(knobs: &Knobs, days: &[Day], took: Duration) {
    let last = days.len();
    let mark = if last > DECOY_MEMORY_DAYS + 1 {
        DECOY_MEMORY_DAYS + 1
    } else {
        7.min(last)
    };
    let (at_mark, at_last) = (&days[mark - 1], &days[last - 1]);
    let in_use = |d: &Day| mib(d.bytes.saturating_sub(d.free_bytes));
    println!(
        "verdict: size day {mark} {:.2} MiB ({:.2} in use), day {last} {:.2} MiB ({:.2} in use), \
         {:+.3} MiB a day; {} logins in {:.1?}",
        mib(at_mark.bytes),
        in_use(at_mark),
        mib(at_last.bytes),
        in_use(at_last),
        (mib(at_last.bytes) - mib(at_mark.bytes)) / (last - mark).max(1) as f64,
        knobs.logins_per_day * knobs.days,
        took,
    );
    for (t, memory) in memories(knobs).iter().enumerate() {
        // A table is compared from the day its memory is full, if the run got there.
        let since = match memory {
            Some(m) if *m <= last => (*m).max(mark),
            _ => mark,
        };
        let (from, to) = (days[since - 1].rows[t], at_last.rows[t]);
        // Day-to-day noise is not growth.
        let grew = to > from + from / 20 + 10;
        let why = match memory {
            Some(memory) if last < *memory => {
                format!("not judged: its memory ({memory} days) is longer than the run")
            }
            _ if !grew => "bounded".to_owned(),
            Some(_) => "GROWS past its memory: the sweep misses it".to_owned(),
            None => format!(
                "grows, kept for good (no --audit-retention): +{:.0} rows a day",
                (to - from) as f64 / (last - since).max(1) as f64
            ),
        };
        println!(
            "verdict: {:>14} day {since:>3} {from:>9} -> day {last:>3} {to:>9}  {why}",
            TABLES[t]
        );
    }
}

/// The property that can fail: at each day's end, every swept table holds no more
/// rows than were written within its memory (plus the day in progress), so once the
/// run is past a table's memory, the table stops growing with the days. The named
/// audit is left out when it is kept for good (the server's default).
fn assert_bounded(knobs: &Knobs, days: &[Day]) {
    let memory = memories(knobs);
    for (d, day) in days.iter().enumerate() {
        for (t, table) in TABLES.iter().enumerate() {
            let Some(memory) = memory[t] else { continue };
            let window = &days[(d + 1).saturating_sub(memory)..=d];
            let written: u64 = window.iter().map(|w| w.written[t]).sum();
            assert!(
                day.rows[t] as u64 <= written,
                "day {}: {table} holds {} rows, more than the {written} written in its \
                 last {memory} days: the sweep does not keep it bounded",
                d + 1,
                day.rows[t],
            );
        }
    }
    // A table the run outlasted lost rows: the bound above was not met only because
    // the run was too short to fill it.
    let last = days.last().expect("a day");
    for (t, table) in TABLES.iter().enumerate() {
        let Some(memory) = memory[t] else { continue };
        let total: u64 = days.iter().map(|d| d.written[t]).sum();
        if knobs.days > memory && total > 0 {
            assert!(
                (last.rows[t] as u64) < total,
                "{table}: {} rows of the {total} written over {} days, past its \
                 {memory}-day memory: nothing was swept",
                last.rows[t],
                knobs.days,
            );
        }
    }
}

/// The bank: companies of 100 users, most with SMS, some with a token.
async fn seed(store: &SqlStore, count: u64) {
    let companies: Vec<(MilleKod, String)> = (0..count.div_ceil(100))
        .map(|c| (millekod(c), format!("Bench company {c}")))
        .collect();
    let users: Vec<NewUser> = (0..count).map(user).collect();
    store.insert_bulk(&companies, &users).await.expect("insert");
}

fn millekod(company: u64) -> MilleKod {
    MilleKod::parse(&(40_000_000 + company).to_string()).expect("millekod")
}

fn login_of(n: u64) -> Login {
    Login::parse(&format!("h{n:07}")).expect("login")
}

fn user(n: u64) -> NewUser {
    NewUser {
        uid: UserUid::generate(),
        kind: UserKind::CompanyUser,
        millekod: Some(millekod(n / 100)),
        login: login_of(n),
        name: format!("Bench User {n}"),
        status: UserStatus::Active,
        attempts_left: 3,
        failed_attempts: 0,
        auth_tool: if n.is_multiple_of(5) {
            AuthTool::Token
        } else {
            AuthTool::Sms
        },
        phone: Some(PhoneNumber::parse(&format!("+48{}", 600_000_000 + n)).expect("phone")),
        password_masking: true,
        password: None,
        temporary_password_hash: None,
        token_serial: None,
        token_seed_sealed: None,
        blocked_at: None,
        operator_role: None,
    }
}

/// What a session does after its login: a request a little later, then a logout or
/// nothing (it expires).
enum Later {
    Touch([u8; 32]),
    Logout([u8; 32], Box<UserRecord>),
}

/// The simulated clients, and what they will do later (in time order: every kind of
/// follow-up comes a fixed time after its login, so each queue stays sorted).
struct Traffic<'a> {
    store: &'a SqlStore,
    settings: &'a Settings,
    users: u64,
    rng: StdRng,
    made_up: u64,
    touches: VecDeque<(Millis, Later)>,
    ends: VecDeque<(Millis, Later)>,
}

impl<'a> Traffic<'a> {
    fn new(store: &'a SqlStore, settings: &'a Settings, users: u64) -> Self {
        Self {
            store,
            settings,
            users,
            rng: StdRng::seed_from_u64(17),
            made_up: 0,
            touches: VecDeque::new(),
            ends: VecDeque::new(),
        }
    }

    fn limit(&self) -> i64 {
        i64::from(self.settings.lockout_limit.get())
    }

    /// Run the follow-ups due by `now`.
    async fn follow_up(&mut self, now: Millis, day: &mut Day) {
        for queue in [0, 1] {
            loop {
                let due = match queue {
                    0 => &mut self.touches,
                    _ => &mut self.ends,
                };
                if due.front().is_none_or(|(at, _)| *at > now) {
                    break;
                }
                let (at, later) = due.pop_front().expect("a follow-up");
                match later {
                    Later::Touch(hash) => {
                        self.store.touch_session(&hash, at).await.expect("touch");
                    }
                    Later::Logout(hash, user) => {
                        self.store.delete_session(&hash).await.expect("logout");
                        audit(self.store, at, Some(&*user), "logout", "success", day).await;
                    }
                }
            }
        }
    }

    /// One login as the server serves it: step 1, and step 2 unless the client walks
    /// away.
    async fn login(&mut self, now: Millis, day: &mut Day) {
        if self.rng.gen_bool(UNKNOWN_SHARE) {
            self.unknown_login(now, day).await;
        } else {
            let n = self.rng.gen_range(0..self.users);
            self.known_login(n, now, day).await;
        }
    }

    /// A made-up login, new every time: a decoy challenge (`server::decoy`) and, for
    /// most, a wrong answer counted against the decoy.
    async fn unknown_login(&mut self, now: Millis, day: &mut Day) {
        self.made_up += 1;
        let login = login_of(10_000_000 + self.made_up % 89_000_000);
        let found = self
            .store
            .find_user(Some(&millekod(0)), &login)
            .await
            .expect("find");
        assert!(found.is_none(), "a made-up login exists");
        let key = hex::encode(Sha256::digest(format!("attempts/{login}")));
        let mut challenge = ChallengeRecord {
            id: uuid::Uuid::new_v4().to_string(),
            user_id: None,
            flow: Flow::Login,
            otp_method: AuthTool::Token,
            positions: Some("2,5,7".to_owned()),
            sms_code_digest: None,
            decoy_key: Some(key.clone()),
            sms_ref: None,
            created_at: now,
            expires_at: now + CHALLENGE_TTL_MS,
        };
        let Some(id) = self.open(&mut challenge, false, day).await else {
            return;
        };
        if !self.rng.gen_bool(UNKNOWN_ANSWERED) {
            return;
        }
        let Some(challenge) = self.take(&id, now).await else {
            return;
        };
        let limit = self.limit();
        let reservation = self
            .store
            .reserve_decoy_attempt(&key, limit, now)
            .await
            .expect("reserve decoy");
        day.wrote("decoy_attempts");
        if reservation == Reservation::Reserved {
            self.store
                .record_decoy_failure(&key, limit, now)
                .await
                .expect("decoy failure");
        }
        debug_assert!(challenge.user_id.is_none());
        audit(self.store, now, None, "login", "failure", day).await;
    }

    /// A real user's login: most succeed and open a session, some fail, some are
    /// never answered.
    async fn known_login(&mut self, n: u64, now: Millis, day: &mut Day) {
        let user = self
            .store
            .find_user(Some(&millekod(n / 100)), &login_of(n))
            .await
            .expect("find")
            .expect("a seeded user");
        let refused = matches!(user.status, UserStatus::Blocked | UserStatus::Suspended);
        let mut digest = [0u8; 32];
        self.rng.fill_bytes(&mut digest);
        let mut challenge = ChallengeRecord {
            id: uuid::Uuid::new_v4().to_string(),
            user_id: Some(user.id),
            flow: lockout::flow_for(user.status),
            otp_method: user.auth_tool,
            positions: None,
            sms_code_digest: (user.auth_tool == AuthTool::Sms && !refused).then(|| digest.to_vec()),
            decoy_key: None,
            sms_ref: None,
            created_at: now,
            expires_at: now + CHALLENGE_TTL_MS,
        };
        let Some(id) = self.open(&mut challenge, false, day).await else {
            return;
        };
        if self.rng.gen_bool(ABANDONED) {
            return;
        }
        let Some(challenge) = self.take(&id, now).await else {
            // As `attempts::record_expired`: the owner's timeline shows it.
            if let Some((user_id, flow)) = self.store.challenge_owner(&id).await.expect("owner") {
                let ended = (AttemptOutcome::Expired, FailedFactors::default(), None);
                self.attempt(user_id, flow, now, ended, day).await;
            }
            return;
        };
        let (reservation, user) = self
            .store
            .reserve_attempt(user.id, challenge.flow)
            .await
            .expect("reserve");
        let user = user.expect("the user is there");
        if reservation != Reservation::Reserved {
            let ended = (
                AttemptOutcome::Blocked,
                FailedFactors::default(),
                Some(user.attempts_left.max(0)),
            );
            self.attempt(user.id, challenge.flow, now, ended, day).await;
            audit(self.store, now, Some(&user), "login", "blocked", day).await;
            return;
        }
        if self.rng.gen_bool(WRONG) {
            let outcome = self
                .store
                .record_failure(user.id, now)
                .await
                .expect("failure");
            let failed = FailedFactors::new([Factor::PasswordChars]);
            let ended = (
                AttemptOutcome::Failure,
                failed,
                Some(outcome.attempts_left.max(0)),
            );
            self.attempt(user.id, challenge.flow, now, ended, day).await;
            audit(self.store, now, Some(&user), "login", "failure", day).await;
            if outcome.status == UserStatus::Blocked {
                self.unblock(&user, now, day).await;
            }
            return;
        }
        if user.auth_tool == AuthTool::Token {
            // Replay protection writes the user's row, not a new one.
            let step = now / 30_000;
            self.store
                .consume_token_step(user.id, step)
                .await
                .expect("token step");
        }
        let success = LoginSuccess {
            flow: challenge.flow,
            new_password: None,
        };
        let recorded = self
            .store
            .record_success(user.id, self.limit(), now, &success)
            .await
            .expect("success");
        assert!(recorded, "a login success was not recorded");
        let ended = (AttemptOutcome::Success, FailedFactors::default(), None);
        self.attempt(user.id, challenge.flow, now, ended, day).await;
        audit(self.store, now, Some(&user), "login", "success", day).await;
        self.open_session(user, now, day).await;
    }

    /// Step 1's store call (`server::login::challenge::open`): the id to answer, or
    /// `None` when the start policy says to come back later.
    async fn open(
        &mut self,
        challenge: &mut ChallengeRecord,
        pin: bool,
        day: &mut Day,
    ) -> Option<String> {
        let policy = &self.settings.start_policy;
        let opened = self
            .store
            .open_challenge(challenge, pin, policy)
            .await
            .expect("open challenge");
        // Every start that gets this far writes its login's send log.
        day.wrote("login_starts");
        match opened {
            Opened::Stored { send_code } => {
                day.wrote("challenges");
                if send_code {
                    day.wrote("sms_budget");
                }
                Some(challenge.id.clone())
            }
            Opened::Existing(existing) => Some(existing.id),
            Opened::Wait { .. } => None,
        }
    }

    /// Step 2's first store calls: peek, then take the challenge for its single use.
    async fn take(&self, id: &str, now: Millis) -> Option<ChallengeRecord> {
        self.store.get_challenge(id, now).await.expect("peek")?;
        self.store.take_challenge(id, now).await.expect("take")
    }

    /// The user's timeline row (`server::login::attempts::record`).
    async fn attempt(
        &self,
        user_id: i64,
        flow: Flow,
        now: Millis,
        (outcome, failed, attempts_left): (AttemptOutcome, FailedFactors, Option<i64>),
        day: &mut Day,
    ) {
        let attempt = LoginAttempt {
            at: now,
            user_id,
            source: Some("192.0.2.17".to_owned()),
            client: Some("bench/1.0".to_owned()),
            flow,
            outcome,
            failed,
            attempts_left,
        };
        let kept = self
            .store
            .record_login_attempt(&attempt)
            .await
            .expect("login attempt");
        if kept {
            day.wrote("login_attempts");
        }
    }

    /// A session with the user's limits (`server::login::session`), touched a little
    /// later, then logged out or left to expire.
    async fn open_session(&mut self, user: UserRecord, now: Millis, day: &mut Day) {
        let idle_ms = self.settings.user_idle_timeout.as_millis() as Millis;
        let max_ms = self.settings.user_max_session.as_millis() as Millis;
        let mut hash = [0u8; 32];
        self.rng.fill_bytes(&mut hash);
        let session = SessionRecord {
            user_id: user.id,
            created_at: now,
            last_seen_at: now,
            idle_timeout_ms: idle_ms,
            absolute_expires_at: now + max_ms,
        };
        self.store
            .insert_session(&hash, &session)
            .await
            .expect("session");
        day.wrote("sessions");
        self.touches
            .push_back((now + 2 * MINUTE_MS, Later::Touch(hash)));
        if self.rng.gen_bool(LOGGED_OUT) {
            self.ends
                .push_back((now + 4 * MINUTE_MS, Later::Logout(hash, Box::new(user))));
        }
    }

    /// The helpdesk unblocks a user their failures blocked (with its audit record).
    async fn unblock(&self, user: &UserRecord, now: Millis, day: &mut Day) {
        let change = UserChange::Unblock {
            status: UserStatus::Active,
            attempts_left: self.limit(),
            temporary_password_hash: None,
        };
        let entry = audit_entry(now, Some(user), "user.unblock", "success");
        self.store
            .change_user(user.id, &change, &entry)
            .await
            .expect("unblock");
        day.wrote("audit_named");
    }
}

fn audit_entry(now: Millis, user: Option<&UserRecord>, action: &str, outcome: &str) -> AuditEntry {
    AuditEntry {
        at: now,
        request_id: uuid::Uuid::new_v4().to_string(),
        actor: match user {
            Some(user) => format!(
                "user:{}/{}",
                user.millekod.as_ref().map_or("", |m| m.as_str()),
                user.login
            ),
            None => "anonymous".to_owned(),
        },
        on_behalf_of: None,
        action: action.to_owned(),
        millekod: user
            .and_then(|u| u.millekod.as_ref())
            .map(|m| m.to_string()),
        login: user.map(|u| u.login.to_string()),
        outcome: outcome.to_owned(),
        reason: None,
        detail: user.is_none().then(|| "unknown login".to_owned()),
    }
}

/// An audit record as `server::login::outcome::audit_login` (or the logout) writes it.
async fn audit(
    store: &SqlStore,
    now: Millis,
    user: Option<&UserRecord>,
    action: &str,
    outcome: &str,
    day: &mut Day,
) {
    let entry = audit_entry(now, user, action, outcome);
    store.append_audit(&entry).await.expect("audit");
    day.wrote(match user {
        Some(_) => "audit_named",
        None => "audit_anonymous",
    });
}

/// The database's size and rows, read on a connection of the bench's own.
struct Meter {
    pool: sqlx::AnyPool,
    /// The SQLite file (`None` on PostgreSQL).
    file: Option<std::path::PathBuf>,
}

impl Meter {
    async fn connect(url: &str, path: &std::path::Path) -> Self {
        sqlx::any::install_default_drivers();
        let pool = sqlx::any::AnyPoolOptions::new()
            .max_connections(1)
            .connect(url)
            .await
            .expect("the meter's connection");
        let file = url.starts_with("sqlite:").then(|| path.to_owned());
        Self { pool, file }
    }

    async fn measure(&self, day: &mut Day) {
        for (i, table) in TABLES.iter().enumerate() {
            day.rows[i] = sqlx::query_scalar(&count_sql(table))
                .fetch_one(&self.pool)
                .await
                .expect("count");
        }
        let Some(file) = &self.file else {
            let bytes: i64 = sqlx::query_scalar("SELECT pg_database_size(current_database())")
                .fetch_one(&self.pool)
                .await
                .expect("database size");
            day.bytes = bytes as u64;
            return;
        };
        // The WAL copied into the file and emptied: file + WAL is then the whole
        // database, not a file that lags behind its log.
        let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
            .fetch_one(&self.pool)
            .await
            .expect("checkpoint");
        if busy != 0 {
            println!("(the checkpoint could not finish: the WAL still holds some pages)");
        }
        let size = |p: &std::path::Path| std::fs::metadata(p).map_or(0, |m| m.len());
        let mut wal = file.clone().into_os_string();
        wal.push("-wal");
        day.bytes = size(file) + size(std::path::Path::new(&wal));
        let free: i64 = sqlx::query_scalar("PRAGMA freelist_count")
            .fetch_one(&self.pool)
            .await
            .expect("free pages");
        let page: i64 = sqlx::query_scalar("PRAGMA page_size")
            .fetch_one(&self.pool)
            .await
            .expect("page size");
        day.free_bytes = (free * page) as u64;
    }
}
