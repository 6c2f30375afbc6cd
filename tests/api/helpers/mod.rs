//! One way to start a server for a test: the real `millectl` binary, `server --dev` on
//! a random 127.0.0.1 port with its own data directory and a fresh database — SQLite,
//! or a fresh PostgreSQL database when `TEST_DATABASE_URL` is set — and a typed client.
//!
//! Split by what a test reaches for: [`server`] starts processes (dev servers,
//! replicas, the CLI beside them) and reads their logs and metrics; [`api`] is the HTTP
//! client and its answers; [`requests`] the typed requests the suite repeats; [`login`]
//! builds login answers and logs people in; [`db`] runs a test on every database and
//! reads or writes them past the API; [`raw`] speaks TCP by hand for the tests of
//! hostile clients. The shape of `dev-credentials.json` is shared with the CLI tests
//! (`tests/common/dev_credentials.rs`). Everything is re-exported here, so a test file
//! needs only `use crate::helpers::*;`.

mod api;
mod db;
// The shape of `dev-credentials.json`, shared with the CLI tests.
#[path = "../../common/dev_credentials.rs"]
mod dev_credentials;
mod login;
mod raw;
mod requests;
mod server;

pub use api::*;
pub use db::*;
pub use dev_credentials::*;
pub use login::*;
pub use raw::*;
pub use requests::*;
pub use server::*;
