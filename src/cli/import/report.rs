//! `--report`: one CSV line per input row, in file order, its number masked.

use std::path::Path;

use super::input::Row;
use crate::api::RowOutcome;
use crate::cli::errors::CliError;
use crate::domain::phone::PhoneNumber;
use crate::output::csv_safe;

const HEADERS: [&str; 6] = ["line", "millekod", "login", "phone", "outcome", "message"];

/// `--report`: one line per input row, in file order.
pub(super) struct ReportWriter {
    out: csv::Writer<std::fs::File>,
    dry_run: bool,
}

impl ReportWriter {
    pub(super) fn create(path: &Path, dry_run: bool) -> anyhow::Result<Self> {
        let file = std::fs::File::create(path).map_err(|e| {
            CliError::invalid(format!("cannot write the report {}: {e}", path.display()))
        })?;
        let mut out = csv::Writer::from_writer(file);
        out.write_record(HEADERS)?;
        Ok(Self { out, dry_run })
    }

    pub(super) fn write(
        &mut self,
        row: &Row,
        outcome: RowOutcome,
        message: Option<&str>,
    ) -> anyhow::Result<()> {
        let masked = PhoneNumber::from_stored(&row.phone)
            .map(|p| p.masked())
            .unwrap_or_default();
        let outcome = match outcome {
            RowOutcome::Updated if self.dry_run => "would_update",
            other => other.as_str(),
        };
        let cells = [
            row.line.to_string(),
            row.millekod.clone(),
            row.login.clone(),
            masked,
            outcome.to_owned(),
            message.unwrap_or("").to_owned(),
        ];
        // The input file's text and the server's messages never start a spreadsheet
        // formula; the (masked) phone keeps its `+`.
        self.out.write_record(csv_safe::row(&HEADERS, &cells))?;
        Ok(())
    }

    pub(super) fn finish(mut self) -> anyhow::Result<()> {
        self.out.flush()?;
        Ok(())
    }
}
