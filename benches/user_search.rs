//! Finding a user (issue 15) on a large bank: N users (1,000,000 by default) in
//! companies of 100, seeded straight into the database through the store's bulk insert
//! (the dev server's synthetic-user path, which writes the name words too), then
//! `GET /v1/users` timed through the real server's HTTP API for each kind of query:
//! login prefix, name word (a common surname, the worst realistic case: about 1 in 60
//! users), phone suffix (3 digits: 1 in 1000), MilleKod, a name word with a status
//! filter, and the second page of a name word. Prints p50 and p95 per kind.
//!
//! `cargo bench --bench user_search` runs 1,000,000 users on an SQLite file, or on
//! PostgreSQL with `BENCH_DATABASE_URL` (a throw-away database: the users stay in it).
//! Under `cargo test` it runs 2,000 users (on `TEST_DATABASE_URL` when set) and checks
//! that every kind finds someone. It asserts nothing about speed. Knobs: `BENCH_USERS`,
//! `BENCH_QUERIES` (per kind, default 200; 20 under test).

#[path = "support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::time::{Duration, Instant};

use millectl::domain::ids::{Login, MilleKod, UserUid};
use millectl::domain::lockout::UserStatus;
use millectl::domain::phone::PhoneNumber;
use millectl::domain::user::AuthTool;
use millectl::store::{NewUser, SqlStore, Store, UserKind};
use serde_json::Value;
use support::env_usize;

const FIRST: &[&str] = &[
    "Anna",
    "Maria",
    "Katarzyna",
    "Małgorzata",
    "Agnieszka",
    "Barbara",
    "Ewa",
    "Krystyna",
    "Elżbieta",
    "Zofia",
    "Jan",
    "Piotr",
    "Krzysztof",
    "Andrzej",
    "Tomasz",
    "Paweł",
    "Michał",
    "Marcin",
    "Łukasz",
    "Józef",
];
const LAST: &[&str] = &[
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Wójcik",
    "Kowalczyk",
    "Kamiński",
    "Lewandowski",
    "Zieliński",
    "Szymański",
    "Woźniak",
    "Dąbrowski",
    "Kozłowski",
    "Jankowski",
    "Mazur",
    "Kwiatkowski",
    "Krawczyk",
    "Piotrowski",
    "Grabowski",
    "Nowakowski",
    "Pawłowski",
    "Michalski",
    "Nowicki",
    "Adamczyk",
    "Dudek",
    "Zając",
    "Wieczorek",
    "Jabłoński",
    "Król",
    "Majewski",
    "Olszewski",
    "Jaworski",
    "Wróbel",
    "Malinowski",
    "Pawlak",
    "Witkowski",
    "Walczak",
    "Stępień",
    "Górski",
    "Rutkowski",
    "Michalak",
    "Sikora",
    "Ostrowski",
    "Baran",
    "Duda",
    "Szewczyk",
    "Tomaszewski",
    "Pietrzak",
    "Marciniak",
    "Wróblewski",
    "Zalewski",
    "Jakubowski",
    "Jasiński",
    "Zawadzki",
    "Sadowski",
    "Bąk",
    "Chmielewski",
    "Włodarczyk",
    "Borkowski",
    "Czarnecki",
    "Sawicki",
];

fn user(n: u64) -> NewUser {
    let kod = 30_000_000 + (n - 1) / 100;
    NewUser {
        uid: UserUid::generate(),
        kind: UserKind::CompanyUser,
        millekod: Some(MilleKod::parse(&kod.to_string()).expect("millekod")),
        login: Login::parse(&format!("s{n:07}")).expect("login"),
        name: format!(
            "{} {}",
            FIRST[(n % 20) as usize],
            LAST[((n / 20) % LAST.len() as u64) as usize]
        ),
        status: if n.is_multiple_of(50) {
            UserStatus::Blocked
        } else {
            UserStatus::Active
        },
        attempts_left: 3,
        failed_attempts: 0,
        auth_tool: if n.is_multiple_of(5) {
            AuthTool::Token
        } else {
            AuthTool::Sms
        },
        // Spread over the suffixes: a 3-digit suffix matches about 1 in 1000.
        phone: Some(
            PhoneNumber::parse(&format!("+48{}", 500_000_000 + (n * 7919) % 4_999_999))
                .expect("phone"),
        ),
        password_masking: true,
        password: None,
        temporary_password_hash: None,
        token_serial: None,
        token_seed_sealed: None,
        blocked_at: None,
        operator_role: None,
    }
}

async fn seed(url: &str, count: u64) {
    let store = SqlStore::connect(url).await.expect("connect");
    let began = Instant::now();
    const CHUNK: u64 = 10_000;
    let mut start = 1;
    while start <= count {
        let end = (start + CHUNK - 1).min(count);
        let companies: Vec<(MilleKod, String)> = ((start - 1) / 100..end.div_ceil(100))
            .filter(|c| c * 100 + 1 >= start)
            .map(|c| {
                let kod = MilleKod::parse(&(30_000_000 + c).to_string()).expect("millekod");
                (kod, format!("Bench company {c}"))
            })
            .collect();
        let users: Vec<NewUser> = (start..=end).map(user).collect();
        store.insert_bulk(&companies, &users).await.expect("insert");
        start = end + 1;
    }
    // As autovacuum would soon after such an insert: the planner's statistics.
    store.refresh_statistics().await.expect("analyze");
    println!("seeded {count} users in {:?}", began.elapsed());
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let users = env_usize("BENCH_USERS", if full { 1_000_000 } else { 2_000 }) as u64;
    let queries = env_usize("BENCH_QUERIES", if full { 200 } else { 20 });
    if !full {
        if let Ok(url) = std::env::var("TEST_DATABASE_URL") {
            // SAFETY: set before any thread of ours starts.
            unsafe { std::env::set_var("BENCH_DATABASE_URL", url) };
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(users, queries));
}

async fn run(users: u64, queries: usize) {
    let server = support::start_dev_server(&[]).await;
    let url = std::env::var("BENCH_DATABASE_URL").unwrap_or_else(|_| {
        format!(
            "sqlite://{}",
            server.dir.path().join("millectl.db").display()
        )
    });
    let backend = if url.starts_with("postgres") {
        "postgres"
    } else {
        "sqlite"
    };
    seed(&url, users).await;
    let token = server.creds["api_token"]
        .as_str()
        .expect("token")
        .to_owned();
    let client = reqwest::Client::new();
    let get = |query: Vec<(&'static str, String)>| {
        let (client, token, base) = (client.clone(), token.clone(), server.url.clone());
        async move {
            let t = Instant::now();
            let answer = client
                .get(format!("{base}/v1/users"))
                .bearer_auth(&token)
                .query(&query)
                .send()
                .await
                .expect("request");
            assert!(answer.status().is_success(), "{}", answer.status());
            let body: Value = answer.json().await.expect("json");
            (t.elapsed(), body)
        }
    };
    let pick = move |i: usize| 1 + (i as u64 * 7_919) % users;
    type Kind = (
        &'static str,
        Box<dyn Fn(usize) -> Vec<(&'static str, String)>>,
    );
    let kinds: Vec<Kind> = vec![
        (
            "login prefix",
            Box::new(move |i| {
                let n = pick(i);
                vec![("q", format!("s{:06}", n / 10))]
            }),
        ),
        (
            "name word",
            Box::new(|i| vec![("q", LAST[i % LAST.len()].to_lowercase())]),
        ),
        (
            "phone suffix",
            Box::new(move |i| {
                let n = pick(i);
                let phone = 500_000_000 + (n * 7919) % 4_999_999;
                vec![("q", format!("…{:03}", phone % 1000))]
            }),
        ),
        (
            "millekod",
            Box::new(move |i| vec![("q", (30_000_000 + (pick(i) - 1) / 100).to_string())]),
        ),
        (
            "name + status",
            Box::new(|i| {
                vec![
                    ("q", LAST[i % LAST.len()].to_lowercase()),
                    ("status", "blocked".into()),
                ]
            }),
        ),
    ];
    println!("{backend}, {users} users, {queries} queries a kind (p50 / p95):");
    for (name, make) in &kinds {
        let mut times = Vec::with_capacity(queries);
        let mut found = 0;
        for i in 0..queries {
            let (took, body) = get(make(i)).await;
            found += body["users"].as_array().map_or(0, Vec::len);
            times.push(took);
        }
        times.sort();
        println!(
            "  {name:<14} {:>9.2?} / {:>9.2?}  ({found} users shown in all)",
            percentile(&times, 0.5),
            percentile(&times, 0.95)
        );
        assert!(found > 0, "{name} found nobody");
    }
    // The second page of a common surname, pages of 10.
    let mut times = Vec::with_capacity(queries);
    for i in 0..queries {
        let q = LAST[i % LAST.len()].to_lowercase();
        let (_, first) = get(vec![("q", q.clone()), ("limit", "10".into())]).await;
        let cursor = first["next_cursor"]
            .as_str()
            .expect("a second page")
            .to_owned();
        let (took, body) = get(vec![("q", q), ("limit", "10".into()), ("cursor", cursor)]).await;
        assert!(!body["users"].as_array().expect("users").is_empty());
        times.push(took);
    }
    times.sort();
    println!(
        "  {:<14} {:>9.2?} / {:>9.2?}",
        "second page",
        percentile(&times, 0.5),
        percentile(&times, 0.95)
    );
}
