//! The end of an import: the closing line that counts rows by outcome ("0 updated,
//! 30000 not found"), the counts `-o json` prints (a stable contract), what `--check`
//! prints, and the error (exit 9) when some rows were not applied.

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
    by_outcome: BTreeMap<Shown, u64>,
}

/// The outcomes in the order the closing line names them: what was done first, then
/// what was not (in the alphabetical order the error has always used).
const SHOWN: [RowOutcome; 6] = [
    RowOutcome::Updated,
    RowOutcome::Unchanged,
    RowOutcome::Conflict,
    RowOutcome::Forbidden,
    RowOutcome::Invalid,
    RowOutcome::NotFound,
];

/// An outcome's place in [`SHOWN`] (so the map iterates in that order).
type Shown = usize;

fn place(outcome: RowOutcome) -> Shown {
    SHOWN
        .iter()
        .position(|o| *o == outcome)
        .unwrap_or(SHOWN.len())
}

/// An outcome in words: `not found` (in a dry run, `would be updated`).
fn in_words(outcome: RowOutcome, dry_run: bool) -> String {
    match outcome {
        RowOutcome::Updated if dry_run => "would be updated".to_owned(),
        other => other.as_str().replace('_', " "),
    }
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
        *self.by_outcome.entry(place(outcome)).or_default() += 1;
    }

    pub(super) fn not_applied(&self) -> u64 {
        self.failed + self.conflicts
    }

    /// What happened, by outcome: `0 updated, 30000 not found`. Updated (or "would be
    /// updated") is always named, every other outcome when it happened.
    pub(super) fn counts(&self) -> String {
        let mut text = String::new();
        for (i, outcome) in SHOWN.iter().enumerate() {
            let n = self.by_outcome.get(&i).copied().unwrap_or(0);
            if n == 0 && *outcome != RowOutcome::Updated {
                continue;
            }
            let _ = write!(
                text,
                "{}{n} {}",
                if text.is_empty() { "" } else { ", " },
                in_words(*outcome, self.dry_run)
            );
        }
        text
    }

    /// The rows not applied, by outcome: `1 not found, 1 conflict`.
    fn not_applied_counts(&self) -> String {
        let mut text = String::new();
        for (i, outcome) in SHOWN.iter().enumerate() {
            let n = self.by_outcome.get(&i).copied().unwrap_or(0);
            if n == 0 || matches!(outcome, RowOutcome::Updated | RowOutcome::Unchanged) {
                continue;
            }
            let _ = write!(
                text,
                "{}{n} {}",
                if text.is_empty() { "" } else { ", " },
                in_words(*outcome, self.dry_run)
            );
        }
        text
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

/// `Err` (exit 9) when some rows were not applied: how many, of which outcome (unless
/// the closing line has just said so), and where to read each row's message.
pub(super) fn rows_not_applied(
    args: &ImportArgs,
    summary: &Summary,
    counts_shown: bool,
) -> anyhow::Result<()> {
    if summary.not_applied() == 0 {
        return Ok(());
    }
    let detail = if counts_shown {
        String::new()
    } else {
        format!(": {}", summary.not_applied_counts())
    };
    let hint = match &args.report {
        Some(path) => format!("see {} for each row's message", path.display()),
        None => "run again with --report OUT.csv to see each row's message".to_owned(),
    };
    Err(CliError::new(
        errors::ROWS_FAILED,
        format!(
            "{} of {} rows {}{detail}",
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

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(dry_run: bool, outcomes: &[(RowOutcome, u64)]) -> Summary {
        let mut summary = Summary::new("imp-1".into(), dry_run);
        for (outcome, n) in outcomes {
            for _ in 0..*n {
                summary.add(*outcome);
            }
        }
        summary
    }

    #[test]
    fn the_closing_line_names_every_outcome_that_happened_and_always_updated() {
        type Case<'a> = (bool, &'a [(RowOutcome, u64)], &'a str);
        let cases: [Case; 5] = [
            (
                false,
                &[(RowOutcome::NotFound, 30_000)],
                "0 updated, 30000 not found",
            ),
            (false, &[(RowOutcome::Updated, 3)], "3 updated"),
            (
                false,
                &[
                    (RowOutcome::Conflict, 1),
                    (RowOutcome::Updated, 2),
                    (RowOutcome::Invalid, 4),
                    (RowOutcome::Unchanged, 5),
                    (RowOutcome::Forbidden, 6),
                    (RowOutcome::NotFound, 7),
                ],
                "2 updated, 5 unchanged, 1 conflict, 6 forbidden, 4 invalid, 7 not found",
            ),
            (
                true,
                &[(RowOutcome::Updated, 150), (RowOutcome::NotFound, 1)],
                "150 would be updated, 1 not found",
            ),
            (false, &[], "0 updated"),
        ];
        for (dry_run, outcomes, expected) in cases {
            assert_eq!(summary(dry_run, outcomes).counts(), expected);
        }
    }

    #[test]
    fn rows_not_applied_are_counted_by_outcome() {
        let s = summary(
            false,
            &[
                (RowOutcome::Updated, 2),
                (RowOutcome::Conflict, 1),
                (RowOutcome::NotFound, 1),
            ],
        );
        assert_eq!(s.not_applied(), 2);
        assert_eq!(s.not_applied_counts(), "1 conflict, 1 not found");
        let all_missing = summary(false, &[(RowOutcome::NotFound, 30_000)]);
        assert_eq!(
            all_missing.not_applied(),
            30_000,
            "all not found is a failure"
        );
    }
}
