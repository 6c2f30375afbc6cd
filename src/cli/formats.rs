//! `-o csv` is honoured or refused clearly: a command whose output is not rows (a
//! secret printed once, a message) says so with exit 7 instead of printing something
//! that is not CSV.

use super::errors::CliError;
use super::Context;
use crate::output::Format;

/// Refuse `-o csv` for `command`, which has no rows to print.
pub fn refuse_csv(ctx: &Context, command: &str) -> Result<(), CliError> {
    if ctx.output.format == Format::Csv {
        return Err(CliError::invalid(format!(
            "{command}: -o csv is not available for this command; use -o json"
        )));
    }
    Ok(())
}
