//! What a search or a filtered list of users asks the store (issue 15), in the store's
//! own words: the keys of a typed query (`domain::search::SearchQuery`), the filters,
//! and where the previous page ended (keyset paging: a page is a range of an index,
//! never an offset, so it costs the same on page 1 and page 10,000 and a user added
//! meanwhile never shifts another onto a page twice).

use crate::domain::ids::{Login, MilleKod};
use crate::domain::lockout::UserStatus;
use crate::domain::search::SearchQuery;
use crate::domain::user::AuthTool;

/// Filters shared by a search and a company's list.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    /// Any of these statuses; empty: every status.
    pub statuses: Vec<UserStatus>,
    pub tool: Option<AuthTool>,
    /// Rows at most (the caller asks one more than it shows, to know a next page exists).
    pub limit: u32,
}

/// A search across companies, by id after `after_id`.
#[derive(Debug, Clone)]
pub struct UserSearch<'a> {
    pub query: &'a SearchQuery,
    /// Only this company (a co-user's own; an operator's filter).
    pub millekod: Option<&'a MilleKod>,
    pub filter: &'a UserFilter,
    pub after_id: Option<i64>,
}

/// A company's users, by login after `after_login`.
#[derive(Debug, Clone)]
pub struct UserListing<'a> {
    pub millekod: &'a MilleKod,
    pub filter: &'a UserFilter,
    pub after_login: Option<&'a Login>,
}
