//! `user find` and `user list` (issue 15): who the caller on the line is, from what
//! they say — a login, a name typed without its accents, the last digits of their
//! phone, or their company's MilleKod — and a company's users, filtered.
//!
//! Both follow `next_cursor` page by page until the last (the default, or `--all`)
//! unless `--limit N` is given; then at most N users are printed and, when more exist,
//! one line on stderr says so (the output itself stays a plain list for scripts). The
//! loop and the printing page by page are `cli/pages.rs`, shared with `audit`.

use clap::Args;

use super::super::{pages, Context};
use crate::api::{
    format_statuses, parse_statuses, AuthTool, ListUsersQuery, MilleKod, UserSearchQuery,
    UserStatus,
};
use crate::client::Client;

#[derive(Debug, Args)]
pub struct FindArgs {
    /// What the caller said: a login or its beginning (`jkowal`), a word of the name
    /// with or without accents (`wojcik`), the phone's last digits (`678`, `…678`,
    /// at least 3), or a MilleKod (`12345678`).
    pub query: String,
    /// Only this company (co-users always search their own).
    #[arg(long)]
    pub millekod: Option<MilleKod>,
    #[command(flatten)]
    pub filters: Filters,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Company code [default: your own, for co-users].
    #[arg(long)]
    pub millekod: Option<MilleKod>,
    /// Only blocked users (the same as `--status blocked`).
    #[arg(long)]
    pub blocked: bool,
    #[command(flatten)]
    pub filters: Filters,
}

#[derive(Debug, Default, Args)]
pub struct Filters {
    /// Only users in this status (repeatable): pending_activation, active, blocked,
    /// awaiting_new_password.
    #[arg(long = "status", value_name = "STATUS", value_parser = status)]
    pub statuses: Vec<UserStatus>,
    /// Only users of this authorization tool.
    #[arg(long, value_name = "sms|token", value_parser = tool)]
    pub tool: Option<AuthTool>,
    /// Print at most N users [default: every one, read 1000 a page].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..),
          conflicts_with = "all")]
    pub limit: Option<u32>,
    /// Print every user (the default; a script can say so).
    #[arg(long)]
    pub all: bool,
}

impl Filters {
    /// How many users to print: every one unless `--limit`.
    fn wanted(&self) -> Option<u64> {
        pages::wanted(self.limit, self.all, None)
    }
}

fn status(text: &str) -> Result<UserStatus, String> {
    Ok(parse_statuses(text)?.remove(0))
}

fn tool(text: &str) -> Result<AuthTool, String> {
    AuthTool::parse(text).ok_or_else(|| format!("unknown tool {text:?}; known: sms, token"))
}

pub async fn find(ctx: &Context, client: &Client, args: FindArgs) -> anyhow::Result<()> {
    let mut query = UserSearchQuery {
        q: args.query,
        millekod: args.millekod,
        status: format_statuses(&args.filters.statuses),
        tool: args.filters.tool,
        ..Default::default()
    };
    let wanted = args.filters.wanted();
    pages::print_pages(&ctx.output, wanted, "users", |cursor, limit| {
        query.cursor = cursor;
        query.limit = Some(limit);
        let query = query.clone();
        async move {
            let found = client.find_users(&query).await?;
            Ok((found.users, found.next_cursor))
        }
    })
    .await
}

pub async fn list(ctx: &Context, client: &Client, args: ListArgs) -> anyhow::Result<()> {
    let millekod = ctx.millekod(client, args.millekod).await?;
    let wanted = args.filters.wanted();
    let mut statuses = args.filters.statuses;
    if args.blocked && !statuses.contains(&UserStatus::Blocked) {
        statuses.push(UserStatus::Blocked);
    }
    let mut query = ListUsersQuery {
        status: format_statuses(&statuses),
        tool: args.filters.tool,
        ..Default::default()
    };
    pages::print_pages(&ctx.output, wanted, "users", |cursor, limit| {
        query.cursor = cursor;
        query.limit = Some(limit);
        let (query, millekod) = (query.clone(), &millekod);
        async move {
            let listed = client.list_users(millekod, &query).await?;
            Ok((listed.users, listed.next_cursor))
        }
    })
    .await
}
