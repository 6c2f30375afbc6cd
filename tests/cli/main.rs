//! Black-box tests of the helpdesk CLI: the real `millectl` binary, each test with its
//! own `millectl server --dev` (SQLite) on a random port and its own HOME/config dir.

mod admin;
mod audit_filters;
mod binding;
mod bulk;
mod config;
mod csv_injection;
mod errors;
mod find;
// Shared by every test file; no one file uses all of it.
#[allow(dead_code)]
mod helpers;
mod history;
mod holds;
mod import;
mod import_confirm;
mod jq;
mod lists;
mod login;
mod password_reset;
mod phone;
mod pipes;
mod pty;
mod suspend;
mod tables;
mod terminal;
mod tokens;
mod unblock;
mod users;
