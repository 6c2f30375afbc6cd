//! Times as a person reads them in a table: local, short, with a hint how long ago.
//!
//! Scripts get RFC 3339 UTC with exactly three decimals ([`Clock::for_scripts`]), so
//! every cell of a column has the same shape and sorts as text. People get the
//! wall-clock time in the zone they live in (the system's, `TZ` honoured through
//! jiff; `--utc` for UTC) in one rule:
//!
//! - today (in that zone): `14:02`
//! - any other day: `2026-11-28 14:02` — ISO order, no month names to translate, and
//!   the same width in every row;
//! - today, a hint in words: `14:02 (3 min ago)`, `16:19 (in 2 h)` (whole minutes
//!   under an hour, whole hours under a day: the hint says how recent, the time says
//!   exactly when).
//!
//! The clock (`now` and the zone) is data held by [`super::Output`], so unit tests
//! render a fixed instant in a fixed zone — no test hook in the binary.

use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};
use time::OffsetDateTime;

/// "Now" and the zone that tables show times in.
#[derive(Debug, Clone)]
pub struct Clock {
    pub(crate) now: Timestamp,
    pub(crate) zone: TimeZone,
}

impl Clock {
    pub fn new(now: Timestamp, zone: TimeZone) -> Self {
        Self { now, zone }
    }

    /// The real clock in the system's zone (`TZ` honoured), or UTC.
    pub fn system(utc: bool) -> Self {
        let zone = if utc {
            TimeZone::UTC
        } else {
            TimeZone::system()
        };
        Self::new(Timestamp::now(), zone)
    }

    /// RFC 3339 in UTC with exactly three decimals: `2026-11-30T02:50:30.920Z`.
    pub fn for_scripts(t: OffsetDateTime) -> String {
        format!("{:.3}", timestamp(t))
    }

    /// The short local form, with a hint when within a day of now.
    pub fn when(&self, t: OffsetDateTime) -> String {
        let t = timestamp(t);
        match self.hint(t) {
            Some(hint) => format!("{} ({hint})", self.short(t)),
            None => self.short(t),
        }
    }

    /// `14:02` today, `2026-11-28 14:02` on any other day.
    fn short(&self, t: Timestamp) -> String {
        let local = t.to_zoned(self.zone.clone());
        let today = self.now_local().date();
        if local.date() == today {
            local.strftime("%H:%M").to_string()
        } else {
            local.strftime("%Y-%m-%d %H:%M").to_string()
        }
    }

    /// "3 min ago" / "in 14 min" for a time today and within a day of now (the
    /// date says enough on other days, and keeps the column narrow).
    fn hint(&self, t: Timestamp) -> Option<String> {
        let seconds = self.now.as_second() - t.as_second();
        let today = t.to_zoned(self.zone.clone()).date() == self.now_local().date();
        (today && seconds.abs() < 86_400).then(|| relative(seconds))
    }

    /// How far from now, in words, however far: "in 14 min", "3 days ago" (whoami).
    pub fn from_now(&self, t: OffsetDateTime) -> String {
        relative(self.now.as_second() - timestamp(t).as_second())
    }

    /// The local date-time in full, with its zone: `2026-11-30 14:02:07 CET`.
    pub fn full(&self, t: OffsetDateTime) -> String {
        timestamp(t)
            .to_zoned(self.zone.clone())
            .strftime("%Y-%m-%d %H:%M:%S %Z")
            .to_string()
    }

    fn now_local(&self) -> Zoned {
        self.now.to_zoned(self.zone.clone())
    }
}

/// `seconds` = now − then: positive is the past.
fn relative(seconds: i64) -> String {
    let (amount, past) = (seconds.unsigned_abs(), seconds >= 0);
    let words = match amount {
        0..=59 => return if past { "just now" } else { "in a moment" }.to_owned(),
        60..=3_599 => format!("{} min", amount / 60),
        3_600..=86_399 => format!("{} h", amount / 3_600),
        _ => match amount / 86_400 {
            1 => "1 day".to_owned(),
            days => format!("{days} days"),
        },
    };
    if past {
        format!("{words} ago")
    } else {
        format!("in {words}")
    }
}

fn timestamp(t: OffsetDateTime) -> Timestamp {
    // Every OffsetDateTime the API carries is within jiff's range (years -9999..=9999).
    Timestamp::from_nanosecond(t.unix_timestamp_nanos()).unwrap_or(Timestamp::UNIX_EPOCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> OffsetDateTime {
        OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
            .expect("RFC 3339")
    }

    fn warsaw(now: &str) -> Clock {
        let zone = TimeZone::get("Europe/Warsaw").expect("tzdb has Europe/Warsaw");
        Clock::new(now.parse().expect("timestamp"), zone)
    }

    #[test]
    fn today_is_the_time_with_a_hint_and_other_days_carry_the_date() {
        let clock = warsaw("2026-11-30T13:05:00Z"); // 14:05 in Warsaw (CET, +01)
        let cases = [
            ("2026-11-30T13:02:00Z", "14:02 (3 min ago)"),
            ("2026-11-30T13:04:30Z", "14:04 (just now)"),
            ("2026-11-30T13:19:00Z", "14:19 (in 14 min)"),
            ("2026-11-30T10:35:00Z", "11:35 (2 h ago)"),
            ("2026-11-29T23:01:00Z", "00:01 (14 h ago)"),
            ("2026-11-29T22:59:00Z", "2026-11-29 23:59"),
            ("2026-11-28T13:02:00Z", "2026-11-28 14:02"),
            ("2025-01-02T03:04:05Z", "2025-01-02 04:04"),
        ];
        for (time, shown) in cases {
            assert_eq!(clock.when(at(time)), shown, "{time}");
        }
    }

    #[test]
    fn a_dst_change_moves_the_wall_clock_not_the_instant() {
        // Warsaw leaves summer time on 2026-10-25 at 03:00 CEST → 02:00 CET.
        let clock = warsaw("2026-10-25T12:00:00Z"); // 13:00 CET
        assert_eq!(clock.when(at("2026-10-25T00:30:00Z")), "02:30 (11 h ago)");
        assert_eq!(clock.when(at("2026-10-25T01:30:00Z")), "02:30 (10 h ago)");
        // Exactly a day ago: the date, no hint (and 14:00, summer time, that day).
        assert_eq!(clock.when(at("2026-10-24T12:00:00Z")), "2026-10-24 14:00");
        assert_eq!(
            clock.full(at("2026-10-25T00:30:00Z")),
            "2026-10-25 02:30:00 CEST"
        );
        assert_eq!(
            clock.full(at("2026-10-25T01:30:00Z")),
            "2026-10-25 02:30:00 CET"
        );
    }

    #[test]
    fn utc_shows_utc() {
        let clock = Clock::new("2026-11-30T13:05:00Z".parse().expect("ts"), TimeZone::UTC);
        assert_eq!(clock.when(at("2026-11-30T13:02:00Z")), "13:02 (3 min ago)");
    }

    #[test]
    fn scripts_get_utc_with_exactly_three_decimals() {
        let cases = [
            ("2026-11-30T02:50:30.92Z", "2026-11-30T02:50:30.920Z"),
            ("2026-11-30T02:50:11.334567Z", "2026-11-30T02:50:11.334Z"),
            ("2026-11-30T03:50:11+01:00", "2026-11-30T02:50:11.000Z"),
        ];
        for (time, shown) in cases {
            assert_eq!(Clock::for_scripts(at(time)), shown, "{time}");
        }
    }

    #[test]
    fn from_now_says_how_long_in_words() {
        let clock = warsaw("2026-11-30T13:05:00Z");
        assert_eq!(clock.from_now(at("2026-11-30T13:19:00Z")), "in 14 min");
        assert_eq!(clock.from_now(at("2026-12-03T13:19:00Z")), "in 3 days");
        assert_eq!(clock.from_now(at("2026-11-30T12:05:00Z")), "1 h ago");
    }
}
