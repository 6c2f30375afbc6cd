//! Every time on the wire, one way (issue 16): RFC 3339 in UTC with exactly three
//! fractional digits, `2026-11-30T02:50:30.920Z`.
//!
//! Before this module each field went through `time::serde::rfc3339`, which writes as
//! many digits as the value has (`…:30.92Z` beside `…:11.334Z`, none at all on a whole
//! second), so two times from one answer did not even line up, and a script comparing
//! them as text got the order wrong. The server keeps milliseconds (`store::Millis`),
//! so three digits lose nothing it has; finer digits are cut, never rounded up into
//! the next second.
//!
//! Reading stays liberal: any RFC 3339 time, any offset, any number of digits, so a
//! new client reads an old server's answers and an old client's query parameters still
//! work. Use it as `#[serde(with = "crate::api::timestamp")]`, or
//! `…::timestamp::option` for an `Option` (absent on the wire is `None` only with
//! `#[serde(default)]`, as with `time`'s own modules).

use serde::{Deserialize, Deserializer, Serializer};
use time::format_description::well_known::Rfc3339;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

/// `2026-11-30T02:50:30.920Z`: the time in UTC, milliseconds always written.
const WIRE: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");

/// The wire text of `at`: UTC, three fractional digits. `None` for a year RFC 3339
/// cannot write (before 0000 or after 9999), which no time the server keeps has.
pub fn format(at: OffsetDateTime) -> Option<String> {
    let utc = at.to_offset(UtcOffset::UTC);
    if !(0..=9999).contains(&utc.year()) {
        return None;
    }
    utc.format(WIRE).ok()
}

/// Any RFC 3339 time (any offset, any number of fractional digits).
pub fn parse(text: &str) -> Result<OffsetDateTime, time::error::Parse> {
    OffsetDateTime::parse(text, &Rfc3339)
}

pub fn serialize<S: Serializer>(at: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
    let text = format(*at).ok_or_else(|| {
        serde::ser::Error::custom(format!("{at} has a year RFC 3339 cannot write"))
    })?;
    serializer.serialize_str(&text)
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
    parse(&text).map_err(|e| {
        serde::de::Error::custom(format!(
            "{:?} is not an RFC 3339 time ({e})",
            crate::domain::shorten(&text, 40)
        ))
    })
}

/// The same for an `Option`: `null` is `None`.
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(
        at: &Option<OffsetDateTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => super::serialize(at, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped(#[serde(with = "super")] OffsetDateTime);
        Ok(Option::<Wrapped>::deserialize(deserializer)?.map(|Wrapped(at)| at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Times {
        #[serde(with = "super")]
        at: OffsetDateTime,
        #[serde(default, with = "super::option")]
        maybe: Option<OffsetDateTime>,
    }

    #[test]
    fn written_in_utc_with_exactly_three_fractional_digits() {
        for (at, wire) in [
            (
                datetime!(2026-11-30 02:50:30.92 UTC),
                "2026-11-30T02:50:30.920Z",
            ),
            (
                datetime!(2026-11-30 02:50:11.334 UTC),
                "2026-11-30T02:50:11.334Z",
            ),
            (datetime!(2026-11-30 02:50 UTC), "2026-11-30T02:50:00.000Z"),
            // Finer digits are cut, not rounded into the next second.
            (
                datetime!(2026-12-31 23:59:59.999_999 UTC),
                "2026-12-31T23:59:59.999Z",
            ),
            // Another offset is written as the same instant in UTC.
            (
                datetime!(2026-11-30 03:50:30.1 +01:00),
                "2026-11-30T02:50:30.100Z",
            ),
            (datetime!(0000-01-01 00:00 UTC), "0000-01-01T00:00:00.000Z"),
        ] {
            assert_eq!(format(at).as_deref(), Some(wire), "{at}");
            let json = serde_json::to_value(Times {
                at,
                maybe: Some(at),
            })
            .unwrap();
            assert_eq!(json["at"], wire);
            assert_eq!(json["maybe"], wire);
        }
        let none = serde_json::to_value(Times {
            at: datetime!(2026-11-30 02:50 UTC),
            maybe: None,
        })
        .unwrap();
        assert!(none["maybe"].is_null());
        assert_eq!(format(datetime!(-0001-12-31 23:00 UTC)), None);
    }

    #[test]
    fn any_rfc3339_time_is_read() {
        for (text, at) in [
            (
                "2026-11-30T02:50:30.92Z",
                datetime!(2026-11-30 02:50:30.92 UTC),
            ),
            ("2026-11-30T02:50:30Z", datetime!(2026-11-30 02:50:30 UTC)),
            (
                "2026-11-30T03:50:30.123456789+01:00",
                datetime!(2026-11-30 02:50:30.123456789 UTC),
            ),
            ("2026-11-30t02:50:30z", datetime!(2026-11-30 02:50:30 UTC)),
        ] {
            let json = format!(r#"{{"at":"{text}","maybe":"{text}"}}"#);
            let read: Times = serde_json::from_str(&json).expect(text);
            assert_eq!((read.at, read.maybe), (at, Some(at)), "{text}");
        }
        let read: Times = serde_json::from_str(r#"{"at":"2026-11-30T02:50:30Z"}"#).unwrap();
        assert_eq!(read.maybe, None);
        let read: Times =
            serde_json::from_str(r#"{"at":"2026-11-30T02:50:30Z","maybe":null}"#).unwrap();
        assert_eq!(read.maybe, None);
        for bad in [
            "",
            "2026-11-30",
            "2026-11-30 02:50:30",
            "2026-11-30T02:50:30",
            "yesterday",
            "2026-13-30T02:50:30Z",
        ] {
            let json = format!(r#"{{"at":"{bad}"}}"#);
            let err = serde_json::from_str::<Times>(&json).unwrap_err();
            assert!(
                err.to_string().contains("not an RFC 3339 time"),
                "{bad}: {err}"
            );
        }
        // A 10 kB value is named shortened in the error, not echoed whole.
        let long = "9".repeat(10_000);
        let err = serde_json::from_str::<Times>(&format!(r#"{{"at":"{long}"}}"#)).unwrap_err();
        assert!(err.to_string().len() < 300, "{err}");
    }
}
