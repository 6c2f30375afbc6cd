//! Masked passwords under issue 13's scheme, seen from outside: what a thief holding
//! the database rows *and* the pepper must pay, and how records of the old scheme keep
//! working until their user's next password change.

use millectl::api::{Flow, UnblockMode, UserStatus};
use millectl::domain::ids::UserUid;
use millectl::domain::masked_password::{
    self, shamir, MaskKey, MaskKeys, Password, PasswordRecord, Positions, SubsetRecord, TypedChars,
};
use millectl::domain::pepper::Pepper;
use millectl::domain::temporary_password::Argon2Memory;

use crate::helpers::*;

const KOD: &str = "12345678";

/// The masked-password columns of a user's row, as a thief who copied the table has
/// them.
struct StolenRow {
    uid: String,
    scheme: Option<i64>,
    key_id: Option<String>,
    length: i64,
    threshold: i64,
    salt: Vec<u8>,
    shares: Vec<u8>,
    hash: String,
}

async fn steal_row(server: &TestServer, login: &str) -> StolenRow {
    use sqlx::{Connection, Row};
    let sql = format!(
        "SELECT uid, pw_scheme, pw_key_id, pw_length, pw_threshold, pw_salt, pw_shares, \
         pw_secret_hash FROM users WHERE login = '{login}'"
    );
    macro_rules! read {
        ($row:expr) => {
            StolenRow {
                uid: $row.get("uid"),
                scheme: $row.get("pw_scheme"),
                key_id: $row.get("pw_key_id"),
                length: $row.get("pw_length"),
                threshold: $row.get("pw_threshold"),
                salt: $row.get("pw_salt"),
                shares: $row.get("pw_shares"),
                hash: $row.get("pw_secret_hash"),
            }
        };
    }
    match &server.database_url {
        None => {
            let url = format!("sqlite://{}", server.sqlite_path().display());
            let mut conn = sqlx::SqliteConnection::connect(&url).await.expect("sqlite");
            let row = sqlx::query(&sql).fetch_one(&mut conn).await.expect("row");
            read!(row)
        }
        Some(url) => {
            let mut conn = sqlx::PgConnection::connect(url).await.expect("postgres");
            let row = sqlx::query(&sql).fetch_one(&mut conn).await.expect("row");
            read!(row)
        }
    }
}

fn subset_record(row: &StolenRow) -> SubsetRecord {
    assert_eq!(row.scheme, Some(2), "not a record of the new scheme");
    SubsetRecord {
        length: u8::try_from(row.length).expect("length"),
        threshold: u8::try_from(row.threshold).expect("threshold"),
        salt: row.salt.clone(),
        key_id: row.key_id.clone().expect("key id"),
        subsets: row.shares.clone(),
        whole_hash: row.hash.clone(),
    }
}

/// Every string of `length` characters from `alphabet`, in order.
fn candidates(alphabet: &[char], length: usize) -> Vec<Vec<char>> {
    (0..length).fold(vec![Vec::new()], |acc, _| {
        acc.into_iter()
            .flat_map(|prefix| {
                alphabet.iter().map(move |&c| {
                    let mut next = prefix.clone();
                    next.push(c);
                    next
                })
            })
            .collect()
    })
}

/// The attack issue 13 asks to show: with the database and the pepper, nothing tests a
/// guess but the slow hash. Piotr sets a password of 8 characters from an alphabet of
/// 4; the thief takes one stored subset and tries every guess of its k = 3 characters
/// against its tag — one Argon2id each, |A|^k = 64 in all, one of which matches — then
/// the remaining positions one at a time through subsets that share the known ones.
#[tokio::test]
async fn a_thief_with_the_database_and_the_pepper_pays_one_argon2_per_guess() {
    const ALPHABET: [char; 4] = ['a', 'b', '1', '2'];
    const NEW_PASSWORD: &str = "ab12ba21";
    on_every_db(async |server| {
        let api = server.api();
        let piotr = server.user(KOD, "piotr");
        let challenge = api.start_login(Some(KOD), "piotr").await;
        assert_eq!(challenge.flow, Flow::FirstLogin);
        let otp = api.sms_code(&challenge);
        let temporary = piotr.temporary_password.as_deref().expect("envelope");
        api.complete_login(
            &challenge.challenge_id,
            &new_password_answer(otp, temporary, NEW_PASSWORD),
        )
        .await
        .expect_ok();

        // The thief's loot: the row and the pepper file.
        let row = steal_row(&server, "piotr").await;
        let record = subset_record(&row);
        let uid = UserUid::parse(&row.uid).expect("uid");
        let keys =
            MaskKeys::from_pepper(&Pepper::load_file(&server.pepper_path()).expect("pepper"));
        assert_eq!(record.threshold, 3);
        assert_eq!(record.subset_count(), 32, "the server's default m");
        let mut memory = Argon2Memory::new();
        let slow_hashes = std::cell::Cell::new(0u64);
        let mut try_guess = |asked: &Positions, guess: &[char]| -> bool {
            // One check is one HMAC and one Argon2id: the only test the record allows.
            slow_hashes.set(slow_hashes.get() + 1);
            let typed = TypedChars::from_map(
                asked
                    .as_slice()
                    .iter()
                    .copied()
                    .zip(guess.iter().copied())
                    .collect(),
            );
            masked_password::subsets::verify_chars(&keys, &uid, &record, asked, &typed, &mut memory)
                .expect("the pepper's key")
        };

        // (1) One subset, every guess of its k characters.
        let first = record.choose().expect("a subset");
        let k = first.as_slice().len();
        let hits: Vec<Vec<char>> = candidates(&ALPHABET, k)
            .into_iter()
            .filter(|guess| try_guess(&first, guess))
            .collect();
        let bound = (ALPHABET.len() as u64).pow(k as u32);
        assert_eq!(
            slow_hashes.get(),
            bound,
            "the first subset cost |A|^k slow hashes"
        );
        let truth: Vec<char> = NEW_PASSWORD.chars().collect();
        let expected: Vec<char> = first
            .as_slice()
            .iter()
            .map(|&p| truth[usize::from(p) - 1])
            .collect();
        assert_eq!(
            hits,
            vec![expected],
            "exactly one guess matches, the right one"
        );

        // (2) The rest follows cheaply, one unknown position at a time.
        let mut known: std::collections::BTreeMap<u8, char> = first
            .as_slice()
            .iter()
            .copied()
            .zip(hits[0].iter().copied())
            .collect();
        let stored: Vec<Positions> = record.stored_positions().collect();
        let after_first = slow_hashes.get();
        loop {
            let next = stored.iter().find(|s| {
                s.as_slice()
                    .iter()
                    .filter(|p| !known.contains_key(p))
                    .count()
                    == 1
            });
            let Some(subset) = next else { break };
            let unknown = *subset
                .as_slice()
                .iter()
                .find(|p| !known.contains_key(p))
                .unwrap();
            let found = ALPHABET.iter().copied().find(|&c| {
                let guess: Vec<char> = subset
                    .as_slice()
                    .iter()
                    .map(|p| if *p == unknown { c } else { known[p] })
                    .collect();
                try_guess(subset, &guess)
            });
            known.insert(unknown, found.expect("one character fits"));
        }
        let rest = usize::from(record.length) - known.len();
        assert_eq!(
            rest, 0,
            "a position in no stored subset (possible, rare: rerun)"
        );
        let recovered: String = known.values().collect();
        assert_eq!(recovered, NEW_PASSWORD);
        assert!(
            slow_hashes.get() - after_first
                <= (record.length as u64 - k as u64) * ALPHABET.len() as u64
        );
        eprintln!(
            "{}: password recovered with {} Argon2id runs ({bound} for the first \
             subset, |A|^k with |A| = {}, k = {k})",
            server
                .database_url
                .as_deref()
                .map_or("sqlite", |_| "postgres"),
            slow_hashes.get(),
            ALPHABET.len()
        );
    })
    .await;
}

/// A record of the old scheme (as every database made before issue 13 holds) still
/// logs its user in, the server counts it at start, and the user's next password
/// change stores the new scheme.
#[tokio::test]
async fn old_scheme_records_keep_working_and_move_at_the_next_password_change() {
    on_every_db(async |server| {
        let ewa = server.user(KOD, "ewa");
        let password = ewa.password.clone().expect("password");
        let keys =
            MaskKeys::from_pepper(&Pepper::load_file(&server.pepper_path()).expect("pepper"));
        let old = shamir::enroll(
            keys.pepper().subkey(),
            &Password::parse(&password).expect("policy"),
            &mut Argon2Memory::new(),
        );
        let blob = |bytes: &[u8]| match &server.database_url {
            None => format!("X'{}'", hex::encode(bytes)),
            Some(_) => format!("decode('{}', 'hex')", hex::encode(bytes)),
        };
        // As a row written before migration 9: no scheme, no key id.
        let updated = server
            .execute_sql(&format!(
                "UPDATE users SET pw_scheme = NULL, pw_key_id = NULL, pw_length = {}, \
                 pw_threshold = {}, pw_salt = {}, pw_shares = {}, pw_secret_hash = '{}', \
                 pending_positions = NULL WHERE login = 'ewa'",
                old.length,
                old.threshold,
                blob(&old.salt),
                blob(&old.masked_shares),
                old.secret_hash
            ))
            .await
            .expect("write the old record");
        assert_eq!(updated, 1);

        // A server starting on this database says how many old records remain.
        let replica = server.replica().await;
        let log = replica.log_path.clone();
        wait_for(
            "the old records counted",
            std::time::Duration::from_secs(30),
            || {
                std::fs::read_to_string(&log)
                    .unwrap_or_default()
                    .contains("1 masked password(s) still use the old scheme")
            },
        )
        .await;
        drop(replica);

        // The old record logs Ewa in, with masked characters.
        let c = server.api().start_login(Some(KOD), "ewa").await;
        std::thread::sleep(std::time::Duration::from_secs(1));
        eprintln!(
            "CHALLENGE {c:?}\nOUTBOX {:?}\nLOG {}",
            server.api().outbox_entries(),
            std::fs::read_to_string(&server.log_path)
                .unwrap_or_default()
                .lines()
                .rev()
                .take(15)
                .collect::<Vec<_>>()
                .join("\n")
        );
        server.login_user(KOD, "ewa").await;
        let row = steal_row(&server, "ewa").await;
        assert_eq!(row.scheme, None);

        // Her next password change (here: blocked, then unblocked with a new password)
        // stores the new scheme, under the pepper's key.
        for _ in 0..3 {
            server.fail_sms_login(KOD, "ewa").await;
        }
        let desk = server.helpdesk_token();
        assert_eq!(desk.user_view(KOD, "ewa").await.status, UserStatus::Blocked);
        desk.unblock(KOD, "ewa", UnblockMode::NewPassword, None)
            .await
            .expect_ok();
        let api = server.api();
        let access = api
            .access_password(ewa.phone.as_deref().expect("phone"))
            .expect("access password");
        let new_password = "Ewa2nowe7has";
        let challenge = api.start_login(Some(KOD), "ewa").await;
        let otp = api.sms_code(&challenge);
        api.complete_login(
            &challenge.challenge_id,
            &new_password_answer(otp, &access, new_password),
        )
        .await
        .expect_ok();
        let row = steal_row(&server, "ewa").await;
        assert_eq!(row.scheme, Some(2));
        assert_eq!(row.key_id.as_deref(), Some(keys.pepper().id()));
        let record = PasswordRecord::Subsets(subset_record(&row));
        assert!(masked_password::verify_whole(
            &keys,
            &UserUid::parse(&row.uid).expect("uid"),
            &record,
            new_password,
            &mut Argon2Memory::new()
        )
        .expect("key"));

        // And logs in with it.
        let challenge = api.start_login(Some(KOD), "ewa").await;
        let otp = api.sms_code(&challenge);
        api.complete_login(
            &challenge.challenge_id,
            &login_answer(&challenge, new_password, &otp),
        )
        .await
        .expect_ok();
    })
    .await;
}

/// A password is compared in NFC: set decomposed, typed decomposed at its positions,
/// or typed decomposed whole with masking off, it logs in — none costs an attempt.
#[tokio::test]
async fn decomposed_input_logs_in_like_composed() {
    use unicode_normalization::UnicodeNormalization;
    const PASSWORD: &str = "Zażółć1234ąę";
    let nfd: String = PASSWORD.nfd().collect();
    assert_ne!(nfd, PASSWORD);
    on_every_db(async |server| {
        let api = server.api();
        let piotr = server.user(KOD, "piotr");
        let challenge = api.start_login(Some(KOD), "piotr").await;
        let otp = api.sms_code(&challenge);
        let temporary = piotr.temporary_password.as_deref().expect("envelope");
        api.complete_login(
            &challenge.challenge_id,
            &new_password_answer(otp, temporary, &nfd),
        )
        .await
        .expect_ok();

        // Masked: every asked character sent decomposed.
        let challenge = api.start_login(Some(KOD), "piotr").await;
        let otp = api.sms_code(&challenge);
        let mut answer = login_answer(&challenge, PASSWORD, &otp);
        let chars: Vec<char> = PASSWORD.chars().collect();
        answer.password_chars = challenge.password_positions.as_ref().map(|positions| {
            positions
                .iter()
                .map(|&p| {
                    let typed: String = chars[usize::from(p) - 1].to_string().nfd().collect();
                    (p.to_string(), millectl::api::Secret::new(typed))
                })
                .collect()
        });
        let done = api.complete_login(&challenge.challenge_id, &answer).await;
        done.expect_ok();
        let session: millectl::api::SessionCreated = done.json();
        let own = api.with_token(session.token.expose());
        own.put(
            &format!("/v1/companies/{KOD}/users/piotr/password-masking"),
            serde_json::json!({"enabled": false}),
        )
        .await
        .expect_ok();

        // Masking off: the whole password, decomposed.
        let challenge = api.start_login(Some(KOD), "piotr").await;
        assert_eq!(challenge.password_positions, None);
        let otp = api.sms_code(&challenge);
        api.complete_login(
            &challenge.challenge_id,
            &login_answer(&challenge, &nfd, &otp),
        )
        .await
        .expect_ok();
        let view = server.helpdesk_token().user_view(KOD, "piotr").await;
        assert_eq!(view.failed_attempts, 0);
    })
    .await;
}
