//! What a user's sealed token seed is bound to (issue 13): the user's immutable uid.
//!
//! A seed is sealed (`domain::secret_box`, AEAD) with associated data naming its owner,
//! so a seed copied into another row does not open there. It used to name
//! `(MilleKod, login)`; but a login can be given again to a new user after the old one
//! is deleted, or a user renamed, and then a row left behind (a backup restored, a
//! script's copy) opens for someone it was never issued to. The uid is drawn once per
//! user and never reused (`domain::ids::UserUid`), so it names the owner for good.
//!
//! Seeds sealed before that (migration 10 marks them `login`) are re-sealed to the uid
//! once, at start-up, before the server listens: one conditional UPDATE per row, so
//! replicas starting together move each row once between them, and a seed that
//! changed meanwhile is left to whoever changed it. Why re-seal rather than open with
//! the uid and fall back to the login: a fallback keeps the login's binding alive for
//! good, and with it the very hole this closes; after the pass nothing opens under a
//! login, and the login flow only ever tries the uid. What the pass trusts: that a
//! login-bound seed sits in its owner's row *now*; a row copied before the upgrade is
//! moved with the rest (nothing could tell it apart).
//!
//! A server older than migration 10 still running beside a new one (a rolling upgrade)
//! cannot open re-sealed seeds, and seals new ones to the login (with no binding,
//! counted as `login`): those are re-sealed by the next replica to start. Upgrade all
//! replicas together, or restart one once the old ones are gone.

use crate::api::{Login, MilleKod};
use crate::domain::ids::UserUid;
use crate::domain::pepper::SubKey;
use crate::domain::secret_box;
use crate::store::{LoginBoundSeed, Store};

/// Associated data binding a sealed token seed to its user's uid: a seed in another
/// user's row — a copy, or one left behind by a deleted user whose login was given
/// again — does not open.
pub fn token_aad(uid: UserUid) -> Vec<u8> {
    format!("token-seed/v2/{}", uid.to_hex()).into_bytes()
}

/// The associated data seeds were sealed with before migration 10. Only the start-up
/// pass opens anything with it.
fn login_aad(millekod: Option<&MilleKod>, login: &Login) -> Vec<u8> {
    let millekod = millekod.map(|m| m.as_str()).unwrap_or("");
    format!("token-seed/{millekod}/{login}").into_bytes()
}

/// What one pass did, row by row.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Rebound {
    /// Re-sealed from the login to the uid.
    pub moved: u64,
    /// Sealed to the uid already (only the record of it was missing).
    pub marked: u64,
    /// Opened under neither: left as they were (such a token cannot log in, before or
    /// after; assigning the user a new token mends it).
    pub unopened: u64,
    /// Changed by someone else (another replica's pass, an assignment) meanwhile.
    pub raced: u64,
}

/// Rows read per page.
const PAGE: i64 = 500;

/// Re-seal every login-bound token seed to its user's uid; logs how many it moved.
/// Safe to run on every start and from several replicas at once.
pub async fn rebind_login_bound_seeds(store: &dyn Store, key: &SubKey) -> anyhow::Result<Rebound> {
    let mut done = Rebound::default();
    let mut after = 0;
    loop {
        let page = store.login_bound_token_seeds(after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.user_id;
        for seed in &page {
            let Some(resealed) = reseal(key, seed, &mut done) else {
                continue;
            };
            if store
                .rebind_token_seed(seed.user_id, &seed.sealed, &resealed)
                .await?
            {
                if resealed == seed.sealed {
                    done.marked += 1;
                } else {
                    done.moved += 1;
                }
            } else {
                done.raced += 1;
            }
        }
    }
    if done != Rebound::default() {
        tracing::info!(
            moved = done.moved,
            marked = done.marked,
            unopened = done.unopened,
            by_another = done.raced,
            "token seeds re-sealed to their users' uids"
        );
    }
    if done.unopened > 0 {
        tracing::warn!(
            unopened = done.unopened,
            "token seeds that open under neither their login nor their uid were left as \
             they were; those users need a new token"
        );
    }
    Ok(done)
}

/// The seed sealed to the uid: re-sealed from the login, or as it is where it is
/// sealed to the uid already; `None` (counted) where it opens under neither.
fn reseal(key: &SubKey, seed: &LoginBoundSeed, done: &mut Rebound) -> Option<Vec<u8>> {
    let legacy = login_aad(seed.millekod.as_ref(), &seed.login);
    match secret_box::open(key, &seed.sealed, &legacy) {
        Ok(plain) => Some(secret_box::seal(key, &plain, &token_aad(seed.uid))),
        Err(_) if secret_box::open(key, &seed.sealed, &token_aad(seed.uid)).is_ok() => {
            Some(seed.sealed.clone())
        }
        Err(_) => {
            tracing::warn!(user_id = seed.user_id, "a token seed that does not open");
            done.unopened += 1;
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::pepper::Pepper;

    fn key() -> SubKey {
        Pepper::from_hex(&"42".repeat(32))
            .unwrap()
            .subkey("millectl/token-seed/v1")
    }

    fn seed(sealed: Vec<u8>, uid: UserUid) -> LoginBoundSeed {
        LoginBoundSeed {
            user_id: 7,
            uid,
            millekod: Some(MilleKod::parse("12345678").unwrap()),
            login: Login::parse("jan").unwrap(),
            sealed,
        }
    }

    #[test]
    fn the_uid_binding_names_the_uid_and_nothing_of_the_login() {
        let uid = UserUid::generate();
        let aad = String::from_utf8(token_aad(uid)).unwrap();
        assert_eq!(aad, format!("token-seed/v2/{}", uid.to_hex()));
        assert_ne!(token_aad(uid), token_aad(UserUid::generate()));
    }

    #[test]
    fn a_login_bound_seed_is_resealed_to_the_uid_and_opens_only_there() {
        let (key, uid) = (key(), UserUid::generate());
        let old = secret_box::seal(&key, b"seed", b"token-seed/12345678/jan");
        let mut done = Rebound::default();
        let new = reseal(&key, &seed(old, uid), &mut done).unwrap();
        assert_eq!(
            secret_box::open(&key, &new, &token_aad(uid))
                .unwrap()
                .as_slice(),
            b"seed"
        );
        assert!(secret_box::open(&key, &new, b"token-seed/12345678/jan").is_err());
        assert!(secret_box::open(&key, &new, &token_aad(UserUid::generate())).is_err());
        assert_eq!(done, Rebound::default());
    }

    #[test]
    fn a_seed_bound_to_the_uid_already_is_kept_and_one_that_opens_nowhere_is_counted() {
        let (key, uid) = (key(), UserUid::generate());
        let bound = secret_box::seal(&key, b"seed", &token_aad(uid));
        let mut done = Rebound::default();
        assert_eq!(
            reseal(&key, &seed(bound.clone(), uid), &mut done),
            Some(bound)
        );
        let elsewhere = secret_box::seal(&key, b"seed", b"token-seed/87654321/jan");
        assert_eq!(reseal(&key, &seed(elsewhere, uid), &mut done), None);
        assert_eq!(done.unopened, 1);
    }
}
