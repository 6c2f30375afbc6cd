//! Times typed by people (issue 16): what `--since` and `--until` take, everywhere.
//!
//! Three forms, tried in this order, each with one meaning:
//!
//! - **RFC 3339 with `Z` or an offset** (`2026-11-30T13:02:00Z`, `…T14:02+01:00`): that
//!   instant, whatever the local zone. Tried first because only it names its zone.
//! - **A span back from now** in jiff's friendly format (`90m`, `1h30m`, `2d`, `1w`,
//!   `1 hour`) or ISO 8601 (`PT90M`). Hours and smaller are exact (`2h` is 7200 s ago);
//!   days and larger are calendar units in the local zone, so `1d` is the same wall-clock
//!   time yesterday, 23 or 25 hours ago across a DST change (what "since yesterday this
//!   time" means to the person typing it). Negative or zero spans are refused: a
//!   `--since` in the future is a typo.
//! - **A local date-time** (`2026-11-30 14:02`, `2026-11-30T14:02`, seconds optional) or
//!   a **date** (`2026-11-30`, its midnight), in the local time zone: `TZ`, else the
//!   system's (`--utc` makes it UTC). A time that a DST change skips (02:30 on the
//!   spring-forward night in Europe/Warsaw) means the instant as far after the gap's
//!   start as typed (03:30 CEST, 01:30Z); one that happens twice (02:30 on the autumn
//!   night) means the first (CEST, 00:30Z): jiff's "compatible" rule, as RFC 5545 and
//!   java.time do. A date whose midnight is skipped begins when the day does.
//!
//! Parsing (clap, at the command line) only reads the form; [`When::resolve`] gives it
//! its instant against a [`Clock`] (now and the zone), so the tests below pin every
//! meaning with a fixed now and a fixed zone. Anything else is an invalid-input error
//! (exit 7) naming the value and the forms. This replaces `admin::parse_since`, whose
//! bare date meant midnight UTC and which refused `1h30m` and `2026-11-30 14:02`.

use std::str::FromStr;

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
use time::OffsetDateTime;

use super::errors::CliError;
use super::Context;
use crate::output::Clock;

/// The forms, as an error message names them.
const FORMS: &str = "give a span back from now (90m, 1h30m, 2d, 1w), a date-time in the \
                     local time zone (2026-11-30 14:02, or 2026-11-30 for its midnight), \
                     or one with Z or an offset (2026-11-30T13:02:00Z, 2026-11-30T14:02+01:00)";

/// A time as typed, before it meets the clock.
#[derive(Debug, Clone)]
pub enum When {
    /// An instant with its own offset.
    Instant(Timestamp),
    /// This long before now.
    Ago(Span),
    /// A wall-clock time in the local zone.
    Local(DateTime),
    /// A day in the local zone, from its start.
    Day(Date),
}

impl FromStr for When {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let wrong = || {
            format!(
                "{:?} is not a time; {FORMS}",
                crate::domain::shorten(text, 40)
            )
        };
        // Nothing a person types is this long; jiff need not read 10 kB to say so.
        if text.is_empty() || text.len() > 64 {
            return Err(wrong());
        }
        if let Ok(at) = text.parse::<Timestamp>() {
            return Ok(When::Instant(at));
        }
        if let Ok(span) = text.parse::<Span>() {
            if span.is_negative() {
                return Err(format!(
                    "{text:?} reaches into the future; a span goes back from now, e.g. 90m"
                ));
            }
            if span.is_zero() {
                return Err(format!("{text:?} is no time at all; e.g. 90m or 2d"));
            }
            return Ok(When::Ago(span));
        }
        // A date alone parses as a date-time at midnight too: keep it a day, so a
        // skipped midnight means the day's start.
        if let Ok(date) = text.parse::<Date>() {
            if !text.contains(['T', 't', ' ']) {
                return Ok(When::Day(date));
            }
        }
        if let Ok(at) = text.parse::<DateTime>() {
            return Ok(When::Local(at));
        }
        Err(wrong())
    }
}

impl Context {
    /// The clock that `--since`/`--until` are read against: the one tables show
    /// times by (the system's zone, or UTC under `--utc`).
    pub fn clock(&self) -> Clock {
        self.output.clock.clone()
    }
}

impl When {
    /// The instant this means on `clock`.
    pub fn resolve(&self, clock: &Clock) -> Result<Timestamp, String> {
        let at = match self {
            When::Instant(at) => Ok(*at),
            When::Ago(span) => clock
                .now
                .to_zoned(clock.zone.clone())
                .checked_sub(*span)
                .map(|z| z.timestamp()),
            When::Local(at) => at.to_zoned(clock.zone.clone()).map(|z| z.timestamp()),
            When::Day(day) => day.to_zoned(clock.zone.clone()).map(|z| z.timestamp()),
        }
        .map_err(|e| format!("{self} cannot be a time here: {e}"))?;
        // The wire writes four-digit years.
        let year = at.to_zoned(TimeZone::UTC).year();
        if !(0..=9999).contains(&year) {
            return Err(format!("{self} is outside the years 0000 to 9999"));
        }
        Ok(at)
    }

    /// [`Self::resolve`] as the API's time type, or an invalid-input error naming the
    /// option (`--since`).
    pub fn to_api(&self, option: &str, clock: &Clock) -> Result<OffsetDateTime, CliError> {
        let at = self
            .resolve(clock)
            .map_err(|e| CliError::invalid(format!("{option}: {e}")))?;
        OffsetDateTime::from_unix_timestamp_nanos(at.as_nanosecond())
            .map_err(|e| CliError::invalid(format!("{option}: {self} is out of range: {e}")))
    }
}

impl std::fmt::Display for When {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            When::Instant(at) => write!(f, "{at}"),
            When::Ago(span) => write!(f, "{span:#} ago"),
            When::Local(at) => write!(f, "{at}"),
            When::Day(day) => write!(f, "{day}"),
        }
    }
}

/// Both options at once, as the commands take them.
pub fn resolve_range(
    clock: &Clock,
    since: Option<&When>,
    until: Option<&When>,
) -> Result<(Option<OffsetDateTime>, Option<OffsetDateTime>), CliError> {
    let since = since.map(|w| w.to_api("--since", clock)).transpose()?;
    let until = until.map(|w| w.to_api("--until", clock)).transpose()?;
    Ok((since, until))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Europe/Warsaw's rule, without the tz database: CET, CEST from the last Sunday of
    /// March 02:00 to the last Sunday of October 03:00.
    fn warsaw() -> TimeZone {
        TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap()
    }

    /// Monday 2026-11-30 14:02:30.5 in Warsaw (13:02:30.5Z).
    fn clock() -> Clock {
        Clock {
            now: "2026-11-30T13:02:30.5Z".parse().unwrap(),
            zone: warsaw(),
        }
    }

    fn meaning(text: &str, clock: &Clock) -> Result<String, String> {
        let when: When = text.parse()?;
        Ok(when.resolve(clock)?.to_string())
    }

    #[test]
    fn each_form_has_one_exact_meaning() {
        let c = clock();
        for (typed, instant) in [
            // Spans back from now: hours and less are exact ...
            ("90m", "2026-11-30T11:32:30.5Z"),
            ("1h30m", "2026-11-30T11:32:30.5Z"),
            ("1h 30m", "2026-11-30T11:32:30.5Z"),
            ("1 hour", "2026-11-30T12:02:30.5Z"),
            ("PT90M", "2026-11-30T11:32:30.5Z"),
            ("3600s", "2026-11-30T12:02:30.5Z"),
            ("36h", "2026-11-29T01:02:30.5Z"),
            // ... days and weeks are calendar days in the zone.
            ("2d", "2026-11-28T13:02:30.5Z"),
            ("1w", "2026-11-23T13:02:30.5Z"),
            // Local date-times and dates, in Warsaw (CET, +01:00, in November).
            ("2026-11-30 14:02", "2026-11-30T13:02:00Z"),
            ("2026-11-30T14:02", "2026-11-30T13:02:00Z"),
            ("2026-11-30 14:02:15", "2026-11-30T13:02:15Z"),
            ("2026-11-30", "2026-11-29T23:00:00Z"),
            ("2026-07-01", "2026-06-30T22:00:00Z"),
            ("  2026-11-30 ", "2026-11-29T23:00:00Z"),
            // RFC 3339 with its offset, whatever the zone.
            ("2026-11-30T13:02:00Z", "2026-11-30T13:02:00Z"),
            ("2026-11-30T14:02:00+01:00", "2026-11-30T13:02:00Z"),
            ("2026-11-30T14:02+01:00", "2026-11-30T13:02:00Z"),
            ("2026-11-30 13:02:00.25Z", "2026-11-30T13:02:00.25Z"),
            // DST gap (2026-03-29 02:00 → 03:00): after the gap, as far as typed.
            ("2026-03-29 02:30", "2026-03-29T01:30:00Z"),
            // DST fold (2026-10-25 03:00 → 02:00): the first 02:30 (CEST).
            ("2026-10-25 02:30", "2026-10-25T00:30:00Z"),
            ("2026-10-25 03:30", "2026-10-25T02:30:00Z"),
        ] {
            assert_eq!(meaning(typed, &c).as_deref(), Ok(instant), "{typed:?}");
        }
    }

    #[test]
    fn a_day_back_across_a_dst_change_is_a_calendar_day() {
        // 2026-03-29 12:00 CEST (10:00Z): one day back is 12:00 CET the day before,
        // 23 hours earlier; 24h back is 11:00 CET.
        let c = Clock {
            now: "2026-03-29T10:00:00Z".parse().unwrap(),
            zone: warsaw(),
        };
        assert_eq!(meaning("1d", &c).as_deref(), Ok("2026-03-28T11:00:00Z"));
        assert_eq!(meaning("24h", &c).as_deref(), Ok("2026-03-28T10:00:00Z"));
    }

    #[test]
    fn utc_reads_local_times_as_utc() {
        let c = Clock {
            zone: TimeZone::UTC,
            ..clock()
        };
        assert_eq!(
            meaning("2026-11-30", &c).as_deref(),
            Ok("2026-11-30T00:00:00Z")
        );
        assert_eq!(
            meaning("2026-11-30 14:02", &c).as_deref(),
            Ok("2026-11-30T14:02:00Z")
        );
        assert_eq!(meaning("2d", &c).as_deref(), Ok("2026-11-28T13:02:30.5Z"));
    }

    #[test]
    fn anything_else_is_refused_naming_the_value_and_the_forms() {
        for bad in [
            "",
            "   ",
            "yesterday",
            "soon",
            "1 h ago ago",
            "1.5.3h",
            "h1",
            "2026-13-01",
            "2026-11-31",
            "2026-11-30 25:00",
            "30/11/2026",
            "'; DROP TABLE audit; --",
            "2026-11-30T14:02Z[",
        ] {
            let err = bad.parse::<When>().unwrap_err();
            assert!(err.contains("is not a time"), "{bad:?}: {err}");
            assert!(err.contains("90m, 1h30m, 2d, 1w"), "{bad:?}: {err}");
            assert!(err.contains("local time zone"), "{bad:?}: {err}");
        }
        for future in ["-1h", "1h ago", "-P1D"] {
            let err = future.parse::<When>().unwrap_err();
            assert!(err.contains("future"), "{future:?}: {err}");
        }
        for nothing in ["0s", "0m", "PT0S"] {
            let err = nothing.parse::<When>().unwrap_err();
            assert!(err.contains("no time at all"), "{nothing:?}: {err}");
        }
        // A long value is named shortened, and not parsed at all.
        let long = "9".repeat(10_000);
        let err = long.parse::<When>().unwrap_err();
        assert!(err.len() < 400, "{err}");
    }

    #[test]
    fn times_the_wire_cannot_carry_are_refused() {
        let c = clock();
        // Back beyond year 0, or a date before it.
        for far in ["9000y", "-0001-01-01T00:00:00Z"] {
            let result = far.parse::<When>().and_then(|w| w.resolve(&c));
            assert!(result.is_err(), "{far:?}: {result:?}");
        }
        let when: When = "2026-11-30 14:02".parse().unwrap();
        let at = when.to_api("--since", &c).unwrap();
        assert_eq!(at, time::macros::datetime!(2026-11-30 13:02 UTC));
    }
}
