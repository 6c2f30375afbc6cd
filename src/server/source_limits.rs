//! Per-source limits on the two anonymous login steps (issue 12): how many starts
//! (`POST /v1/sessions`) and checks (`POST /v1/sessions/{id}`) one client address may
//! send per minute, beyond a burst. A check costs an Argon2id run (see `hash_gate`); a
//! start writes a challenge and may send an SMS. Without these, one address could keep
//! the hash gate full and every other client would get 503.
//!
//! Why these choices:
//! * **Checked first**, in the route handlers, before anything is looked up: the 429
//!   is the same for an unknown login, a blocked one, a token or an SMS user, so it
//!   tells nothing about who exists. Its `Retry-After` is when the next request from
//!   that address would be let through (governor's `NotUntil`), rounded up.
//! * **GCRA from `governor`**, one cell per source in a concurrent map. The defaults
//!   (60 a minute after a burst of 120, for each step) let dozens of users behind one
//!   corporate NAT log in together at nine in the morning, while one address alone
//!   gets about one Argon2 run a second.
//! * **The source** is [`ClientIp`], the peer address (or, behind a trusted proxy, the
//!   client it names). An IPv6 client is keyed by its /64: one host is usually given a
//!   whole /64, and per-address keys would let it rotate through 2^64 of them.
//! * **Memory stays bounded**: a source's cell is dropped once it is indistinguishable
//!   from a fresh one (at most burst ÷ rate, 2 minutes by default, after its last
//!   request), by [`SourceLimits::retain_recent`] every [`SWEEP_EVERY`]. What is held
//!   is ~64 bytes for each source seen in the last two minutes or so.
//! * **In memory, per replica**: N replicas let a source through N times as often.
//!   That is the price of not writing a row per anonymous request; the lockout, which
//!   must hold across replicas, lives in the database.

use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::api::ErrorCode;

use super::client_ip::ClientIp;
use super::error::{ApiError, ApiResult};

/// How often cells of sources that went quiet are dropped.
pub const SWEEP_EVERY: Duration = Duration::from_secs(10);

/// Requests per minute from one source, after a burst.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceQuota {
    pub per_minute: NonZeroU32,
    pub burst: NonZeroU32,
}

impl SourceQuota {
    /// 60 a minute after a burst of 120: see the module's docs.
    pub const DEFAULT: SourceQuota = SourceQuota {
        per_minute: NonZeroU32::new(60).expect("non-zero"),
        burst: NonZeroU32::new(120).expect("non-zero"),
    };

    fn quota(self) -> Quota {
        Quota::per_minute(self.per_minute).allow_burst(self.burst)
    }
}

impl Default for SourceQuota {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Which login step a request is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// `POST /v1/sessions`.
    Start,
    /// `POST /v1/sessions/{id}`.
    Check,
}

pub struct SourceLimits {
    starts: DefaultKeyedRateLimiter<IpAddr>,
    checks: DefaultKeyedRateLimiter<IpAddr>,
}

impl SourceLimits {
    pub fn new(starts: SourceQuota, checks: SourceQuota) -> Self {
        Self {
            starts: RateLimiter::keyed(starts.quota()),
            checks: RateLimiter::keyed(checks.quota()),
        }
    }

    /// Let one request of `step` from `source` through, or answer 429.
    pub fn check(&self, step: Step, source: ClientIp) -> ApiResult<()> {
        let limiter = match step {
            Step::Start => &self.starts,
            Step::Check => &self.checks,
        };
        match limiter.check_key(&key(source.0)) {
            Ok(()) => Ok(()),
            Err(not_until) => {
                let wait = not_until.wait_time_from(limiter.clock().now());
                tracing::debug!(?step, source = %source.0, ?wait, "per-source login limit");
                Err(too_many(wait))
            }
        }
    }

    /// Drop the cells of sources that went quiet (see the module's docs).
    pub fn retain_recent(&self) {
        for limiter in [&self.starts, &self.checks] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }

    /// Sources with a cell, both steps together.
    pub fn len(&self) -> usize {
        self.starts.len() + self.checks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Sweep every [`SWEEP_EVERY`] while the limits are in use; stops when they are not.
    pub fn sweep_in_background(limits: &Arc<SourceLimits>) {
        let limits = Arc::downgrade(limits);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(SWEEP_EVERY);
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                every.tick().await;
                let Some(limits) = limits.upgrade() else {
                    return;
                };
                limits.retain_recent();
            }
        });
    }
}

/// The key of a source: the address, an IPv6 one cut to its /64 (an IPv4 address
/// mapped into IPv6 stays the IPv4 address it is).
fn key(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let prefix = u128::from(v6) & !((1u128 << 64) - 1);
                IpAddr::V6(Ipv6Addr::from(prefix))
            }
        },
    }
}

/// The same answer for every login: nothing about the user was looked at.
fn too_many(wait: Duration) -> ApiError {
    // Whole seconds, rounded up: a client that waits as told is let through.
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    ApiError::new(
        ErrorCode::TooManyRequests,
        "too many login requests from this address; retry after the time in Retry-After",
    )
    .with_retry_after(u32::try_from(seconds.max(1)).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    fn quota(per_minute: u32, burst: u32) -> SourceQuota {
        SourceQuota {
            per_minute: NonZeroU32::new(per_minute).unwrap(),
            burst: NonZeroU32::new(burst).unwrap(),
        }
    }

    fn ip(text: &str) -> ClientIp {
        ClientIp(text.parse().unwrap())
    }

    #[test]
    fn a_source_gets_its_burst_then_429_with_the_wait() {
        let limits = SourceLimits::new(quota(1, 3), SourceQuota::DEFAULT);
        for _ in 0..3 {
            limits.check(Step::Start, ip("192.0.2.1")).unwrap();
        }
        let refused = limits.check(Step::Start, ip("192.0.2.1")).unwrap_err();
        assert_eq!(refused.code(), ErrorCode::TooManyRequests);
        // One a minute: the next one in (almost) 60 seconds.
        assert!(matches!(refused.retry_after, Some(59..=60)), "{refused:?}");
        // Other sources and the other step are not affected.
        limits.check(Step::Start, ip("192.0.2.2")).unwrap();
        limits.check(Step::Check, ip("192.0.2.1")).unwrap();
    }

    #[test]
    fn an_ipv6_host_is_one_source_per_64() {
        let limits = SourceLimits::new(quota(1, 1), SourceQuota::DEFAULT);
        limits.check(Step::Start, ip("2001:db8:1:2::1")).unwrap();
        assert!(limits.check(Step::Start, ip("2001:db8:1:2::ffff")).is_err());
        limits.check(Step::Start, ip("2001:db8:1:3::1")).unwrap();
        // A mapped IPv4 address is that IPv4 address.
        limits.check(Step::Start, ip("198.51.100.7")).unwrap();
        assert!(limits
            .check(Step::Start, ip("::ffff:198.51.100.7"))
            .is_err());
        assert_eq!(
            key(IpAddr::V4(Ipv4Addr::LOCALHOST)),
            IpAddr::V4(Ipv4Addr::LOCALHOST)
        );
    }

    #[test]
    fn quiet_sources_are_forgotten() {
        // A burst of one at 60 000 a minute: fresh again within a millisecond.
        let limits = SourceLimits::new(quota(60_000, 1), quota(60_000, 1));
        for n in 0..100u8 {
            limits
                .check(
                    Step::Start,
                    ClientIp(IpAddr::V4(Ipv4Addr::new(10, 0, 0, n))),
                )
                .unwrap();
        }
        assert_eq!(limits.starts.len(), 100);
        std::thread::sleep(Duration::from_millis(5));
        limits.retain_recent();
        assert!(limits.is_empty());
    }
}
