//! One retry policy for every request we repeat: the client's reads, the phone
//! import's chunks and the SMS gateway. Each caller keeps its own limits (a
//! [`RetryPolicy`] value) and says which answers are worth another try (its `judge`);
//! how long to wait, and when to stop, is decided here alone.
//!
//! - **Backoff**: the first pause, doubled after each failure up to a cap, with equal
//!   jitter (each pause is between half and all of its step), so clients that failed
//!   together do not come back together.
//! - **Stop**: after so many tries, or once the failures have lasted so long (counted
//!   from the first failure, not the first try: a long import that meets a restart
//!   gets its whole allowance).
//! - **`Retry-After`** (a 429 or 503), in seconds or as an HTTP date, takes the place
//!   of the backoff's pause: the server knows when it will have room. A long ask is
//!   either shortened to a cap (unattended jobs: the try is still made) or ends the
//!   retries (a person is waiting and reads when to try again in the error), as the
//!   policy says. An ask shorter than the first pause (`Retry-After: 0`) waits the
//!   first pause, so a server cannot turn retries into a storm.
//!
//! Own code rather than `backon`: `backon` retries on errors and counts sleep time,
//! whereas the client retries on *answers* (a 503 is a response it hands back once the
//! tries are spent) and the import's deadline is wall time since the first failure.

use std::future::Future;
use std::time::{Duration, Instant, SystemTime};

use rand::Rng;

/// How a caller retries. `const`-constructible, so each caller states its limits
/// beside its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries in all, the first included; `None`: as many as `give_up_after` allows.
    pub attempts: Option<u32>,
    /// No further try once the failures have lasted this long; `None`: no deadline.
    pub give_up_after: Option<Duration>,
    /// The first pause; each next one is twice the last, up to `max_delay`.
    pub first_delay: Duration,
    pub max_delay: Duration,
    /// What a server's `Retry-After` may make us wait.
    pub retry_after: RetryAfterLimit,
}

/// What to do with a `Retry-After` longer than the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryAfterLimit {
    /// Wait at most this long, then try anyway.
    CappedAt(Duration),
    /// A longer ask ends the retries: the caller hands the last answer on.
    GiveUpBeyond(Duration),
}

/// What the caller makes of one try's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Keep it: a success, or a failure another try will not mend.
    Done,
    /// Worth another try, after the server's `Retry-After` if it sent one.
    Retry { retry_after: Option<Duration> },
}

/// How a run of tries ended.
#[derive(Debug)]
pub enum Outcome<T> {
    /// The judge kept this result.
    Done(T),
    /// Still failing when the policy ran out: the last result, and for how long the
    /// tries had been failing.
    GaveUp { last: T, failing_for: Duration },
}

impl<T> Outcome<T> {
    /// The last result, however the run ended.
    pub fn into_last(self) -> T {
        match self {
            Outcome::Done(last) | Outcome::GaveUp { last, .. } => last,
        }
    }
}

impl RetryPolicy {
    /// Try `attempt` until `judge` keeps a result or the policy runs out; `waiting` is
    /// told of each pause before it is taken (to log or show it).
    pub async fn run<T, Fut>(
        &self,
        mut attempt: impl FnMut() -> Fut,
        mut judge: impl FnMut(&T) -> Verdict,
        mut waiting: impl FnMut(&T, Duration),
    ) -> Outcome<T>
    where
        Fut: Future<Output = T>,
    {
        let mut schedule = self.schedule();
        loop {
            let result = attempt().await;
            let Verdict::Retry { retry_after } = judge(&result) else {
                return Outcome::Done(result);
            };
            match schedule.next(retry_after) {
                Some(wait) => {
                    waiting(&result, wait);
                    tokio::time::sleep(wait).await;
                }
                None => {
                    return Outcome::GaveUp {
                        failing_for: schedule.failing_for(),
                        last: result,
                    }
                }
            }
        }
    }

    /// The pauses of one run, failure by failure.
    pub fn schedule(&self) -> Schedule {
        Schedule {
            policy: *self,
            failures: 0,
            failing_since: None,
            step: self.first_delay,
        }
    }
}

/// Where a run stands: failures so far, since when, the next backoff step.
#[derive(Debug, Clone)]
pub struct Schedule {
    policy: RetryPolicy,
    failures: u32,
    failing_since: Option<Instant>,
    step: Duration,
}

impl Schedule {
    /// After a failed try: how long to wait before the next one, or `None` to stop.
    pub fn next(&mut self, retry_after: Option<Duration>) -> Option<Duration> {
        self.next_at(Instant::now(), retry_after, jitter)
    }

    /// How long the tries have been failing.
    pub fn failing_for(&self) -> Duration {
        self.failing_since.map(|t| t.elapsed()).unwrap_or_default()
    }

    fn next_at(
        &mut self,
        now: Instant,
        retry_after: Option<Duration>,
        jitter: impl FnOnce(Duration) -> Duration,
    ) -> Option<Duration> {
        let policy = &self.policy;
        self.failures += 1;
        let since = *self.failing_since.get_or_insert(now);
        if policy.attempts.is_some_and(|n| self.failures >= n) {
            return None;
        }
        if policy
            .give_up_after
            .is_some_and(|limit| now.saturating_duration_since(since) >= limit)
        {
            return None;
        }
        let step = self.step;
        self.step = (self.step * 2).min(policy.max_delay);
        match (retry_after, policy.retry_after) {
            (None, _) => Some(jitter(step)),
            (Some(ask), RetryAfterLimit::CappedAt(cap)) => {
                Some(ask.min(cap).max(policy.first_delay))
            }
            (Some(ask), RetryAfterLimit::GiveUpBeyond(limit)) => {
                (ask <= limit).then(|| ask.max(policy.first_delay))
            }
        }
    }
}

/// Equal jitter: between half of `step` and all of it.
fn jitter(step: Duration) -> Duration {
    let half = step / 2;
    let extra = rand::thread_rng().gen_range(0..=half.as_millis() as u64);
    half + Duration::from_millis(extra)
}

/// A `Retry-After` header's value as a wait from `now`: delay-seconds, or an HTTP date
/// (any of the three forms RFC 9110 makes a recipient accept; a date past is no wait).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse().ok().map(Duration::from_secs);
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    fn policy() -> RetryPolicy {
        RetryPolicy {
            attempts: None,
            give_up_after: None,
            first_delay: 200 * MS,
            max_delay: 1000 * MS,
            retry_after: RetryAfterLimit::CappedAt(Duration::from_secs(60)),
        }
    }

    /// The pauses without jitter, each failure `apart` after the last.
    fn pauses(
        policy: RetryPolicy,
        asks: &[Option<Duration>],
        apart: Duration,
    ) -> Vec<Option<Duration>> {
        let mut schedule = policy.schedule();
        let start = Instant::now();
        (0u32..)
            .zip(asks)
            .map(|(n, ask)| schedule.next_at(start + apart * n, *ask, |step| step))
            .collect()
    }

    #[test]
    fn backoff_doubles_up_to_its_cap() {
        let got = pauses(policy(), &[None; 6], Duration::ZERO);
        let want = [200, 400, 800, 1000, 1000, 1000].map(|ms| Some(ms * MS));
        assert_eq!(got, want);
    }

    #[test]
    fn attempts_count_the_first_try() {
        let three = RetryPolicy {
            attempts: Some(3),
            ..policy()
        };
        assert_eq!(
            pauses(three, &[None; 3], Duration::ZERO),
            [Some(200 * MS), Some(400 * MS), None]
        );
        let once = RetryPolicy {
            attempts: Some(1),
            ..policy()
        };
        assert_eq!(pauses(once, &[None], Duration::ZERO), [None]);
    }

    #[test]
    fn the_deadline_counts_from_the_first_failure() {
        let two_seconds = RetryPolicy {
            give_up_after: Some(Duration::from_secs(2)),
            ..policy()
        };
        let got = pauses(two_seconds, &[None; 4], 900 * MS);
        assert_eq!(got, [Some(200 * MS), Some(400 * MS), Some(800 * MS), None]);
    }

    #[test]
    fn retry_after_takes_the_place_of_the_backoff() {
        let ask = Some(Duration::from_secs(3));
        let got = pauses(policy(), &[ask, None, ask], Duration::ZERO);
        // The backoff went on counting underneath.
        assert_eq!(got, [ask, Some(400 * MS), ask]);
    }

    #[test]
    fn a_long_retry_after_is_capped_or_ends_the_retries() {
        let long = Some(Duration::from_secs(3600));
        assert_eq!(
            pauses(policy(), &[long], Duration::ZERO),
            [Some(Duration::from_secs(60))]
        );
        let person = RetryPolicy {
            retry_after: RetryAfterLimit::GiveUpBeyond(Duration::from_secs(5)),
            ..policy()
        };
        let five = Some(Duration::from_secs(5));
        assert_eq!(pauses(person, &[five, long], Duration::ZERO), [five, None]);
    }

    #[test]
    fn retry_after_zero_waits_the_first_pause() {
        assert_eq!(
            pauses(policy(), &[Some(Duration::ZERO)], Duration::ZERO),
            [Some(200 * MS)]
        );
    }

    #[test]
    fn jitter_keeps_between_half_and_all_of_the_step() {
        for _ in 0..1000 {
            let wait = jitter(800 * MS);
            assert!((400 * MS..=800 * MS).contains(&wait), "{wait:?}");
        }
        let mut schedule = policy().schedule();
        let wait = schedule.next(None).expect("a pause");
        assert!((100 * MS..=200 * MS).contains(&wait), "{wait:?}");
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").expect("date");
        let secs = |s| Some(Duration::from_secs(s));
        assert_eq!(parse_retry_after("120", now), secs(120));
        assert_eq!(parse_retry_after(" 0 ", now), secs(0));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:50:37 GMT", now),
            secs(60)
        );
        // The obsolete forms a recipient must still read.
        assert_eq!(
            parse_retry_after("Sunday, 06-Nov-94 08:49:47 GMT", now),
            secs(10)
        );
        assert_eq!(parse_retry_after("Sun Nov  6 08:49:39 1994", now), secs(2));
        // A date past is no wait at all.
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            secs(0)
        );
        for junk in ["", "-1", "1.5", "soon", "99999999999999999999999"] {
            assert_eq!(parse_retry_after(junk, now), None, "{junk:?}");
        }
    }

    #[tokio::test]
    async fn run_hands_back_the_kept_result_or_the_last_one() {
        let three = RetryPolicy {
            attempts: Some(3),
            first_delay: MS,
            ..policy()
        };
        let mut tries = 0;
        let mut waits = Vec::new();
        let outcome = three
            .run(
                || {
                    tries += 1;
                    std::future::ready(tries)
                },
                |n: &u32| {
                    if *n < 2 {
                        Verdict::Retry { retry_after: None }
                    } else {
                        Verdict::Done
                    }
                },
                |n, wait| waits.push((*n, wait)),
            )
            .await;
        assert!(matches!(outcome, Outcome::Done(2)), "{outcome:?}");
        assert_eq!(waits.len(), 1);

        let outcome = three
            .run(
                || std::future::ready("busy"),
                |_| Verdict::Retry {
                    retry_after: Some(20 * MS),
                },
                |_, wait| assert_eq!(wait, 20 * MS),
            )
            .await;
        assert!(
            matches!(outcome, Outcome::GaveUp { last: "busy", failing_for } if failing_for >= 40 * MS),
            "{outcome:?}"
        );
    }
}
