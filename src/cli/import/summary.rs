//! The end of an import: the counts `-o json` prints (a stable contract), what
//! `--check` prints, and the error when some rows were not applied.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::ImportArgs;
use crate::api::RowOutcome;
use crate::cli::errors::{self, CliError};
use crate::output::Tabular;

/// The end of an import, as `-o json` prints it.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub total: u64,
    /// Changed (in a dry run: would be changed).
    pub updated: u64,
    pub unchanged: u64,
    /// Not applied: not found, forbidden or invalid.
    pub failed: u64,
    /// Not applied: the current number was not the expected one.
    pub conflicts: u64,
    pub duration_ms: u64,
    pub batch_id: String,
    pub dry_run: bool,
    /// Rows whose outcome came from the journal of an earlier, interrupted run.
    pub resumed_rows: u64,
    #[serde(skip)]
    by_outcome: BTreeMap<&'static str, u64>,
}

impl Summary {
    pub(super) fn new(batch_id: String, dry_run: bool) -> Self {
        Summary {
            batch_id,
            dry_run,
            ..Summary::default()
        }
    }

    pub(super) fn add(&mut self, outcome: RowOutcome) {
        self.total += 1;
        match outcome {
            RowOutcome::Updated => self.updated += 1,
            RowOutcome::Unchanged => self.unchanged += 1,
            RowOutcome::Conflict => self.conflicts += 1,
            RowOutcome::NotFound | RowOutcome::Forbidden | RowOutcome::Invalid => self.failed += 1,
        }
        *self.by_outcome.entry(outcome.as_str()).or_default() += 1;
    }

    pub(super) fn not_applied(&self) -> u64 {
        self.failed + self.conflicts
    }
}

impl Tabular for Summary {
    fn headers() -> &'static [&'static str] {
        &[
            "total",
            "updated",
            "unchanged",
            "failed",
            "conflicts",
            "duration_ms",
            "batch_id",
            "dry_run",
            "resumed_rows",
        ]
    }

    fn row(&self) -> Vec<String> {
        vec![
            self.total.to_string(),
            self.updated.to_string(),
            self.unchanged.to_string(),
            self.failed.to_string(),
            self.conflicts.to_string(),
            self.duration_ms.to_string(),
            self.batch_id.clone(),
            self.dry_run.to_string(),
            self.resumed_rows.to_string(),
        ]
    }
}

/// `--check`: what a checked file holds.
#[derive(Debug, Serialize)]
pub(super) struct CheckedView {
    pub rows: u64,
    pub delimiter: String,
    pub sha256: String,
}

impl Tabular for CheckedView {
    fn headers() -> &'static [&'static str] {
        &["rows", "delimiter", "sha256"]
    }

    fn row(&self) -> Vec<String> {
        vec![
            self.rows.to_string(),
            self.delimiter.clone(),
            self.sha256.clone(),
        ]
    }
}

/// `Err` when some rows were not applied: how many, of which outcome, and where to
/// read each row's message.
pub(super) fn rows_not_applied(args: &ImportArgs, summary: &Summary) -> anyhow::Result<()> {
    if summary.not_applied() == 0 {
        return Ok(());
    }
    let mut detail = String::new();
    for (outcome, n) in summary
        .by_outcome
        .iter()
        .filter(|(o, _)| !matches!(**o, "updated" | "unchanged"))
    {
        let _ = write!(
            detail,
            "{}{n} {}",
            if detail.is_empty() { "" } else { ", " },
            outcome.replace('_', " ")
        );
    }
    let hint = match &args.report {
        Some(path) => format!("see {} for each row's message", path.display()),
        None => "run again with --report OUT.csv to see each row's message".to_owned(),
    };
    Err(CliError::new(
        errors::ROWS_FAILED,
        format!(
            "{} of {} rows {}: {detail}",
            summary.not_applied(),
            summary.total,
            if args.dry_run {
                "would not be applied"
            } else {
                "were not applied"
            }
        ),
    )
    .hint(hint)
    .into())
}
