//! Black-box tests of the auth API: the real `millectl server` binary on 127.0.0.1
//! with a real database (SQLite always, PostgreSQL when `TEST_DATABASE_URL` is set).

mod aborts;
mod admin;
mod audit_filters;
mod audit_gaps;
mod audit_paging;
mod audit_records;
mod backup;
mod bad_input;
mod concurrency;
mod delivery;
mod enumeration;
mod envelopes;
mod hardware_tokens;
// Shared by every test file; no one file uses all of it.
#[allow(dead_code)]
mod helpers;
mod history;
mod housekeeping;
mod lockout;
mod login;
mod logs;
mod masked_passwords;
mod meta;
mod metrics;
mod one_time_codes;
mod openapi_contract;
mod operators;
mod overload;
mod password_reset;
mod phone_changes;
mod phone_holds;
mod phones;
mod pkcs11;
mod proxy;
mod resend;
mod rules;
mod search;
mod secrets;
mod server_config;
mod sessions;
mod shutdown;
mod slow_clients;
mod smoke;
mod sms_limits;
mod state_changes;
mod suspension;
mod token_binding;
mod unblock;
