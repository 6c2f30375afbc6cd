//! Decoys: what an unknown login is answered, so that nobody learns whether a login
//! exists (the anonymous client of DESIGN.md's trust table).
//!
//! A decoy must look like a real user's challenge *as a population*: if decoys always
//! asked 3–5 positions of a short password with masking on, a challenge asking for the
//! whole password, or for a first login, would prove the login real. So each decoy is
//! drawn from the shapes real users actually have — status (hence flow), tool, masking,
//! password length and threshold — weighted by how many users have each, read from the
//! database with one `GROUP BY` and cached for [`SHAPES_TTL`]. The draw is keyed by the
//! pepper and the (MilleKod, login) asked for, so the same unknown login gets the same
//! kind of challenge every time, as a real user would (it can change only when the
//! population does, as a real user's can).

use std::sync::Arc;
use std::time::{Duration, Instant};

use hmac::{Hmac, Mac};
use rand::{Rng, SeedableRng};
use sha2::{Digest, Sha256};
use tokio::sync::RwLock;

use crate::api::{AuthTool, Flow, StartLogin};
use crate::domain::lockout;
use crate::domain::masked_password::{self, Positions};
use crate::store::{ChallengeRecord, Millis, StoreResult, UserKind, UserShape};

use super::state::AppState;

/// How long a reading of the population's shapes is used before it is read again.
pub const SHAPES_TTL: Duration = Duration::from_secs(600);

/// The cached shapes of company users and of operators.
#[derive(Default)]
pub struct ShapeCache {
    read: RwLock<Option<(Instant, Arc<Shapes>)>>,
}

#[derive(Default)]
struct Shapes {
    company_users: Vec<UserShape>,
    operators: Vec<UserShape>,
}

impl ShapeCache {
    async fn get(&self, state: &AppState) -> StoreResult<Arc<Shapes>> {
        if let Some((at, shapes)) = self.read.read().await.as_ref() {
            if at.elapsed() < SHAPES_TTL {
                return Ok(shapes.clone());
            }
        }
        let mut slot = self.read.write().await;
        // Another request may have read them while this one waited for the lock.
        if let Some((at, shapes)) = slot.as_ref() {
            if at.elapsed() < SHAPES_TTL {
                return Ok(shapes.clone());
            }
        }
        let shapes = Arc::new(Shapes {
            company_users: state.store.user_shapes(UserKind::CompanyUser).await?,
            operators: state.store.user_shapes(UserKind::Operator).await?,
        });
        *slot = Some((Instant::now(), shapes.clone()));
        Ok(shapes)
    }
}

/// The keyed seed of one (MilleKod, login): stable, and unpredictable without the pepper.
fn seed(state: &AppState, request: &StartLogin) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(state.keys.decoy.as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(
        request
            .millekod
            .as_ref()
            .map(|m| m.as_str())
            .unwrap_or("")
            .as_bytes(),
    );
    mac.update(b"/");
    mac.update(request.login.as_str().as_bytes());
    mac.finalize().into_bytes().into()
}

/// The shape drawn for `seed`: each shape as likely as the share of users who have it.
fn draw<'a>(shapes: &'a [UserShape], rng: &mut impl Rng) -> Option<&'a UserShape> {
    let total: i64 = shapes.iter().map(|s| s.count.max(0)).sum();
    if total <= 0 {
        return None;
    }
    let mut ticket = rng.gen_range(0..total);
    shapes.iter().find(|shape| {
        let hit = ticket < shape.count.max(0);
        ticket -= shape.count.max(0);
        hit
    })
}

/// A challenge for a login that does not exist, drawn like a real user's and the same
/// every time it is asked for.
pub async fn challenge(
    state: &AppState,
    request: &StartLogin,
    id: String,
    now: Millis,
    expires_at: Millis,
) -> StoreResult<ChallengeRecord> {
    let seed = seed(state, request);
    let mut rng = rand::rngs::StdRng::from_seed(seed);
    let shapes = state.decoy_shapes.get(state).await?;
    let population = match request.millekod {
        Some(_) => &shapes.company_users,
        None => &shapes.operators,
    };
    let (flow, otp_method, positions) = match draw(population, &mut rng) {
        Some(shape) => {
            let flow = lockout::flow_for(shape.status);
            let positions = match (flow, shape.password_masking, shape.password) {
                (Flow::Login, true, Some((length, threshold))) => {
                    Some(Positions::choose_with(&mut rng, length, threshold).to_list())
                }
                _ => None,
            };
            (flow, shape.auth_tool, positions)
        }
        // No users at all: a plausible masked login.
        None => {
            let length = rng.gen_range(8u8..=16);
            let threshold = masked_password::threshold_for_len(usize::from(length));
            let positions = Positions::choose_with(&mut rng, length, threshold).to_list();
            (Flow::Login, AuthTool::Token, Some(positions))
        }
    };
    Ok(ChallengeRecord {
        id,
        user_id: None,
        flow,
        otp_method,
        positions,
        sms_code_digest: None,
        // Not the seed itself: what is stored cannot rebuild the decoy's answers.
        decoy_key: Some(hex::encode(Sha256::digest(
            [&b"attempts/"[..], &seed].concat(),
        ))),
        sms_ref: None,
        created_at: now,
        expires_at,
    })
}

/// The masked number an unknown login's SMS "went" to (and a real user's without one).
pub fn phone(state: &AppState, request: &StartLogin) -> Option<String> {
    let seed = seed(state, request);
    Some(format!(
        "+48******{}{}{}",
        seed[2] % 10,
        seed[3] % 10,
        seed[4] % 10
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::UserStatus;

    fn shape(status: UserStatus, masking: bool, count: i64) -> UserShape {
        UserShape {
            status,
            auth_tool: AuthTool::Sms,
            password_masking: masking,
            password: Some((12, 4)),
            count,
        }
    }

    #[test]
    fn draws_follow_the_population() {
        let shapes = [
            shape(UserStatus::Active, true, 700),
            shape(UserStatus::Active, false, 200),
            shape(UserStatus::PendingActivation, true, 100),
        ];
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let mut seen = [0usize; 3];
        for _ in 0..10_000 {
            let drawn = draw(&shapes, &mut rng).expect("a shape");
            let i = shapes.iter().position(|s| s == drawn).expect("one of them");
            seen[i] += 1;
        }
        // Within a few percent of 70/20/10.
        assert!((6_700..7_300).contains(&seen[0]), "{seen:?}");
        assert!((1_700..2_300).contains(&seen[1]), "{seen:?}");
        assert!((800..1_200).contains(&seen[2]), "{seen:?}");
    }

    #[test]
    fn an_empty_population_draws_nothing() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        assert!(draw(&[], &mut rng).is_none());
        assert!(draw(&[shape(UserStatus::Active, true, 0)], &mut rng).is_none());
    }
}
