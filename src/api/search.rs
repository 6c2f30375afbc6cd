//! Wire types of finding users (issue 15): `GET /v1/users` (a search across companies)
//! and the filters and paging that `GET /v1/companies/{millekod}/users` shares with it.
//!
//! Statuses travel as one comma-separated parameter (`status=blocked,active`), so a
//! plain query string carries several. A cursor is opaque to clients: base64 of the
//! last key of the page (`i:<id>` of a search, `l:<login>` of a list), refused as a
//! whole when it does not decode to the kind of key the route pages by.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{AuthTool, Login, MilleKod, UserStatus, UserView};

/// Users in one page unless `limit` says otherwise.
pub const DEFAULT_PAGE: u32 = 50;
/// Most users in one page.
pub const MAX_PAGE: u32 = 1000;

/// `GET /v1/users`: who a login prefix, a word of a name, the phone's last digits or a
/// whole MilleKod finds.
#[derive(Debug, Clone, Default, Serialize, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UserSearchQuery {
    /// What the caller said: `jkowal`, `wojcik`, `678` / `…678` (at least 3 digits), or
    /// `12345678`. At most 100 characters.
    pub q: String,
    /// Only this company (co-users search only their own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub millekod: Option<MilleKod>,
    /// Only these statuses, comma-separated, e.g. `blocked,awaiting_new_password`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Only users of this authorization tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool: Option<AuthTool>,
    /// Users per page, 1..=1000 (default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[param(minimum = 1, maximum = 1000)]
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// One page of a search; `next_cursor` when more users match.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UserSearchPage {
    pub users: Vec<UserView>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// `status=a,b` as statuses; the error names the first unknown word.
pub fn parse_statuses(text: &str) -> Result<Vec<UserStatus>, String> {
    let mut statuses = Vec::new();
    for word in text.split(',').map(str::trim) {
        let status = UserStatus::parse(word).ok_or_else(|| {
            format!(
                "unknown status {:?}; known: pending_activation, active, blocked, \
                 awaiting_new_password, suspended",
                crate::domain::shorten(word, 40)
            )
        })?;
        if !statuses.contains(&status) {
            statuses.push(status);
        }
    }
    Ok(statuses)
}

/// Statuses as `status=` carries them.
pub fn format_statuses(statuses: &[UserStatus]) -> Option<String> {
    (!statuses.is_empty()).then(|| {
        statuses
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(",")
    })
}

/// `limit` within 1..=[`MAX_PAGE`], [`DEFAULT_PAGE`] when absent.
pub fn page_size(limit: Option<u32>) -> Result<u32, String> {
    match limit {
        None => Ok(DEFAULT_PAGE),
        Some(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
        Some(n) => Err(format!("limit {n} is out of range; give 1 to {MAX_PAGE}")),
    }
}

/// A company's list: `limit` within 1..=[`MAX_PAGE`], [`MAX_PAGE`] when absent (a
/// client from before paging, which ignores `next_cursor`, still gets companies of up
/// to 1000 users whole).
pub fn list_page_size(limit: Option<u32>) -> Result<u32, String> {
    page_size(Some(limit.unwrap_or(MAX_PAGE)))
}

const BAD_CURSOR: &str = "the cursor is not one this server gave; start again without it";

/// The cursor after user `id` of a search.
pub fn search_cursor(id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("i:{id}"))
}

/// The id a search cursor names.
pub fn parse_search_cursor(cursor: &str) -> Result<i64, String> {
    decode(cursor)
        .and_then(|text| text.strip_prefix("i:")?.parse::<i64>().ok())
        .filter(|id| *id > 0)
        .ok_or_else(|| BAD_CURSOR.to_owned())
}

/// The cursor after `login` of a company's list.
pub fn list_cursor(login: &Login) -> String {
    URL_SAFE_NO_PAD.encode(format!("l:{login}"))
}

/// The login a list cursor names.
pub fn parse_list_cursor(cursor: &str) -> Result<Login, String> {
    decode(cursor)
        .and_then(|text| Login::parse(text.strip_prefix("l:")?).ok())
        .ok_or_else(|| BAD_CURSOR.to_owned())
}

fn decode(cursor: &str) -> Option<String> {
    if cursor.len() > 200 {
        return None;
    }
    String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_anything_else() {
        assert_eq!(parse_search_cursor(&search_cursor(42)), Ok(42));
        let login = Login::parse("jan").unwrap();
        assert_eq!(parse_list_cursor(&list_cursor(&login)), Ok(login.clone()));
        for bad in ["", "!!!", "aTp4", &list_cursor(&login), &"A".repeat(10_000)] {
            assert!(parse_search_cursor(bad).is_err(), "{bad}");
        }
        assert!(parse_list_cursor(&search_cursor(1)).is_err());
        assert!(parse_search_cursor(&URL_SAFE_NO_PAD.encode("i:-1")).is_err());
    }

    #[test]
    fn statuses_and_limits_are_checked() {
        assert_eq!(
            parse_statuses("blocked, active,blocked"),
            Ok(vec![UserStatus::Blocked, UserStatus::Active])
        );
        let err = parse_statuses("blocked,lockd").unwrap_err();
        assert!(err.contains("\"lockd\""), "{err}");
        assert!(parse_statuses("").is_err());
        assert_eq!(page_size(None), Ok(DEFAULT_PAGE));
        assert!(page_size(Some(0)).is_err());
        assert!(page_size(Some(100_000)).is_err());
    }
}
