//! millectl: the auth API of a corporate e-banking login (masked passwords, one-time
//! codes, lockout and unblocking) and the helpdesk CLI that drives it.
//!
//! Data flows one way: `cli → client → (HTTP) → server → domain → store`. `domain` is
//! pure (no I/O, no async) so its rules can be tested in isolation; only `store` touches
//! the database and only `server` and `client` touch the network.

pub mod api;
pub mod cli;
pub mod client;
pub mod domain;
pub mod output;
pub mod retry;
pub mod secure_file;
#[cfg(feature = "server")]
pub mod server;
#[cfg(feature = "server")]
pub mod store;
