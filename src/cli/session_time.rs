//! Times as `config show` prints them: local time with how far away it is for people
//! ("2026-11-30 14:02 (in 14 min)"), RFC 3339 UTC with milliseconds for scripts. The
//! "tables" part of issue 16 owns the shared time style; this is the small piece the
//! profiles part needs, in the same shape, for the merger to fold into it.

use time::OffsetDateTime;

/// `2026-11-30 14:02 (in 14 min)` in the system's zone (`TZ` honoured).
pub fn local_with_relative(at: OffsetDateTime) -> String {
    let now = OffsetDateTime::now_utc();
    let Ok(stamp) = jiff::Timestamp::from_second(at.unix_timestamp()) else {
        return rfc3339_ms(at);
    };
    let local = stamp.to_zoned(jiff::tz::TimeZone::system());
    format!(
        "{} ({})",
        local.strftime("%Y-%m-%d %H:%M"),
        relative((at - now).whole_seconds())
    )
}

/// `in 14 min`, `3 h ago`, `now`: a span in its largest whole unit.
fn relative(seconds: i64) -> String {
    let size = seconds.unsigned_abs();
    let amount = match size {
        0..=59 => return "now".to_owned(),
        60..=3_599 => format!("{} min", size / 60),
        3_600..=172_799 => format!("{} h", size / 3_600),
        _ => format!("{} days", size / 86_400),
    };
    if seconds > 0 {
        format!("in {amount}")
    } else {
        format!("{amount} ago")
    }
}

/// RFC 3339 UTC with exactly three decimals, as JSON carries every time.
pub fn rfc3339_ms(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.millisecond()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_in_their_largest_unit() {
        assert_eq!(relative(0), "now");
        assert_eq!(relative(14 * 60 + 5), "in 14 min");
        assert_eq!(relative(-3 * 3_600), "3 h ago");
        assert_eq!(relative(30 * 86_400), "in 30 days");
    }

    #[test]
    fn json_times_have_three_decimals() {
        let at = time::macros::datetime!(2026-11-30 02:50:30.92 UTC);
        assert_eq!(rfc3339_ms(at), "2026-11-30T02:50:30.920Z");
    }
}
