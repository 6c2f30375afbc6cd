//! The columns of each API record type, one file per type: what a person sees of it
//! by default, what `-o wide` adds, and how each value renders.

mod approvals;
mod audit;
mod tokens;
mod users;
