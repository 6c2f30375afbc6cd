//! Black-box tests of the auth API: the real `millectl server` binary on 127.0.0.1
//! with a real database (SQLite always, PostgreSQL when `TEST_DATABASE_URL` is set).

mod admin;
mod bad_input;
mod helpers;
mod meta;
mod phones;
mod secrets;
mod smoke;
