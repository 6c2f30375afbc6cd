//! What step 1 of a login may cost the bank: when it opens a new challenge, when it
//! re-uses one, and when it may send an SMS code (issue 12, "SMS pumping").
//!
//! Anyone can start a login, for any login name, as often as they like; each SMS is a
//! paid message and a nuisance on the user's phone. So a start is answered, in order:
//!
//! 1. **Too many open challenges** (`open_challenges`, counting those with at least
//!    `reuse_min_left` to live): the newest of them is handed out again. Nothing is
//!    written, nothing is sent.
//! 2. **A live code** (an SMS sent for this login that has `reuse_min_left` to live): a
//!    new challenge points to the same SMS and ends when that code does. The person at
//!    the phone types the code they have; nothing is sent.
//! 3. **A new code** is allowed only `min_interval` after the last one and `per_hour`
//!    times in a rolling hour; otherwise the answer is "wait until …" (429 with
//!    `Retry-After`).
//! 4. **The bank's budget**: all logins together send at most `budget_per_minute` codes
//!    a minute. Past it the breaker is open until the minute ends: starts that need a
//!    new code wait, the server logs an error and counts it (an alert, not a silent
//!    drop).
//!
//! Every kind of login goes through the same rules — an unknown login's decoy, a blocked
//! user, a user without a phone count their "codes" as if sent — so neither the
//! answers nor their pattern tell who exists or who is blocked. Only real messages
//! count against the budget (it is money); a start turned away by an open breaker is
//! turned away whoever it is for.
//!
//! The state lives in the database (the store applies [`decide`] inside one
//! transaction that locks the login's row), so the limits hold across replicas.

use std::time::Duration;

/// Milliseconds since the Unix epoch, as the store keeps times.
pub type Millis = i64;

const HOUR_MS: Millis = 3_600_000;
const MINUTE_MS: Millis = 60_000;

/// The limits of step 1. Every field is a server setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StartPolicy {
    /// Least time between two SMS codes to one login.
    pub min_interval: Duration,
    /// SMS codes to one login in any rolling hour.
    pub per_hour: u32,
    /// SMS codes all logins together, per minute, before the breaker opens.
    pub budget_per_minute: u32,
    /// A challenge or code is re-used only with at least this long to live: the person
    /// needs time to type.
    pub reuse_min_left: Duration,
    /// Open challenges per login; a start beyond them gets the newest again.
    pub open_challenges: u32,
}

impl Default for StartPolicy {
    fn default() -> Self {
        Self {
            min_interval: Duration::from_secs(60),
            per_hour: 5,
            budget_per_minute: 600,
            reuse_min_left: Duration::from_secs(60),
            open_challenges: 3,
        }
    }
}

/// What the store knows of one login when a start arrives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StartFacts {
    pub now: Millis,
    /// Open challenges with at least `reuse_min_left` to live, and the newest's id.
    pub open: u32,
    pub newest_open: Option<String>,
    /// The newest SMS code still good for `reuse_min_left`, if any.
    pub live_code: Option<LiveCode>,
    /// When the SMS codes of the last hour were sent (any order; older ones ignored).
    pub sent: Vec<Millis>,
    /// Does this start's challenge carry an SMS code (real or not)?
    pub wants_code: bool,
}

/// An SMS code already sent: the challenge whose message carried it, and its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveCode {
    pub sms_ref: String,
    pub expires_at: Millis,
}

/// What step 1 does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartDecision {
    /// Hand out this open challenge again.
    ReuseChallenge(String),
    /// A new challenge pointing to an SMS already sent.
    ReuseCode(LiveCode),
    /// A new challenge with a new code; `sent` is the login's send log to store.
    NewCode { sent: Vec<Millis> },
    /// A new challenge that needs no code (token users).
    NoCode,
    /// Nothing now: a new code is allowed at `until`.
    Wait { until: Millis },
}

impl StartPolicy {
    /// Decide a start from the facts (the budget is checked after, see [`Self::budget`]).
    pub fn decide(&self, facts: &StartFacts) -> StartDecision {
        if facts.open >= self.open_challenges {
            if let Some(id) = &facts.newest_open {
                return StartDecision::ReuseChallenge(id.clone());
            }
        }
        if !facts.wants_code {
            return StartDecision::NoCode;
        }
        if let Some(code) = &facts.live_code {
            return StartDecision::ReuseCode(code.clone());
        }
        let now = facts.now;
        let mut recent: Vec<Millis> = facts
            .sent
            .iter()
            .copied()
            .filter(|&at| at > now - HOUR_MS && at <= now)
            .collect();
        recent.sort_unstable();
        let min_interval = millis(self.min_interval);
        let mut until = now;
        if let Some(&last) = recent.last() {
            until = until.max(last + min_interval);
        }
        let per_hour = usize::try_from(self.per_hour).unwrap_or(usize::MAX);
        if per_hour == 0 {
            // No codes at all: the next hour is as closed as this one.
            return StartDecision::Wait {
                until: now + HOUR_MS,
            };
        }
        if recent.len() >= per_hour {
            // The oldest send that must leave the window before another fits.
            until = until.max(recent[recent.len() - per_hour] + HOUR_MS);
        }
        if until > now {
            return StartDecision::Wait { until };
        }
        recent.push(now);
        StartDecision::NewCode { sent: recent }
    }

    /// The budget's verdict for a real message, given how many went out this minute:
    /// `Ok` to send, or the time the breaker closes again.
    pub fn budget(&self, now: Millis, sent_this_minute: i64) -> Result<(), Millis> {
        if sent_this_minute < i64::from(self.budget_per_minute) {
            Ok(())
        } else {
            Err(minute_of(now) + MINUTE_MS)
        }
    }

    /// `reuse_min_left` in milliseconds.
    pub fn reuse_min_left_ms(&self) -> Millis {
        millis(self.reuse_min_left)
    }
}

/// The start of the minute `now` falls in: the budget's key.
pub fn minute_of(now: Millis) -> Millis {
    now - now.rem_euclid(MINUTE_MS)
}

fn millis(d: Duration) -> Millis {
    Millis::try_from(d.as_millis()).unwrap_or(Millis::MAX)
}

/// Whole seconds from `now` until `until`, at least 1: a `Retry-After`.
pub fn retry_after_secs(now: Millis, until: Millis) -> u32 {
    let ms = (until - now).max(1);
    u32::try_from((ms + 999) / 1000).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const T0: Millis = 1_800_000_000_000;

    fn facts(sent: &[Millis]) -> StartFacts {
        StartFacts {
            now: T0,
            wants_code: true,
            sent: sent.to_vec(),
            ..StartFacts::default()
        }
    }

    #[test]
    fn a_first_start_sends_a_code() {
        assert_eq!(
            StartPolicy::default().decide(&facts(&[])),
            StartDecision::NewCode { sent: vec![T0] }
        );
    }

    #[test]
    fn a_live_code_is_reused_not_resent() {
        let mut f = facts(&[T0 - 10_000]);
        f.live_code = Some(LiveCode {
            sms_ref: "c1".into(),
            expires_at: T0 + 290_000,
        });
        assert_eq!(
            StartPolicy::default().decide(&f),
            StartDecision::ReuseCode(LiveCode {
                sms_ref: "c1".into(),
                expires_at: T0 + 290_000
            })
        );
    }

    #[test]
    fn a_second_code_waits_for_the_interval() {
        assert_eq!(
            StartPolicy::default().decide(&facts(&[T0 - 20_000])),
            StartDecision::Wait { until: T0 + 40_000 }
        );
        assert_eq!(
            StartPolicy::default().decide(&facts(&[T0 - 60_000])),
            StartDecision::NewCode {
                sent: vec![T0 - 60_000, T0]
            }
        );
    }

    #[test]
    fn the_sixth_code_in_an_hour_waits_for_the_oldest_to_age_out() {
        let sent: Vec<Millis> = (1..=5).map(|i| T0 - i * 600_000).collect();
        // Oldest at T0 - 3,000,000: free again at T0 + 600,000.
        assert_eq!(
            StartPolicy::default().decide(&facts(&sent)),
            StartDecision::Wait {
                until: T0 + 600_000
            }
        );
    }

    #[test]
    fn sends_older_than_an_hour_are_forgotten() {
        let sent: Vec<Millis> = (0..5).map(|i| T0 - HOUR_MS - i * 1000).collect();
        assert_eq!(
            StartPolicy::default().decide(&facts(&sent)),
            StartDecision::NewCode { sent: vec![T0] }
        );
    }

    #[test]
    fn beyond_the_open_challenges_the_newest_is_handed_out_again() {
        let f = StartFacts {
            now: T0,
            open: 3,
            newest_open: Some("newest".into()),
            wants_code: false,
            ..StartFacts::default()
        };
        assert_eq!(
            StartPolicy::default().decide(&f),
            StartDecision::ReuseChallenge("newest".into())
        );
        let f = StartFacts { open: 2, ..f };
        assert_eq!(StartPolicy::default().decide(&f), StartDecision::NoCode);
    }

    #[test]
    fn the_budget_closes_until_the_minute_ends() {
        let policy = StartPolicy {
            budget_per_minute: 2,
            ..StartPolicy::default()
        };
        let now = minute_of(T0) + 15_000;
        assert_eq!(policy.budget(now, 1), Ok(()));
        assert_eq!(policy.budget(now, 2), Err(minute_of(T0) + 60_000));
    }

    #[test]
    fn retry_after_rounds_up_and_is_never_zero() {
        assert_eq!(retry_after_secs(T0, T0 + 40_000), 40);
        assert_eq!(retry_after_secs(T0, T0 + 40_001), 41);
        assert_eq!(retry_after_secs(T0, T0), 1);
    }

    proptest! {
        /// Whatever the history, following the policy never sends more than `per_hour`
        /// codes in any hour, nor two within `min_interval`.
        #[test]
        fn the_policy_never_exceeds_its_limits(steps in proptest::collection::vec(1i64..400_000, 1..200)) {
            let policy = StartPolicy::default();
            let mut now = T0;
            let mut log: Vec<Millis> = Vec::new();
            let mut all: Vec<Millis> = Vec::new();
            for step in steps {
                now += step;
                let f = StartFacts { now, wants_code: true, sent: log.clone(), ..StartFacts::default() };
                if let StartDecision::NewCode { sent } = policy.decide(&f) {
                    all.push(now);
                    log = sent;
                }
            }
            for (i, &at) in all.iter().enumerate() {
                let in_hour = all[i..].iter().take_while(|&&b| b < at + HOUR_MS).count();
                prop_assert!(in_hour <= 5, "{in_hour} codes in the hour from {at}");
                if i > 0 {
                    prop_assert!(at - all[i - 1] >= 60_000);
                }
            }
        }
    }
}
