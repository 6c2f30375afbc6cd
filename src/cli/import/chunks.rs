//! The chunks in file order: each sent (or taken from the journal of an earlier run),
//! a few in flight at once, and their outcomes journaled, reported and counted in
//! file order as they finish.

use std::collections::BTreeMap;

use futures_util::StreamExt;

use super::batch::{journal_error, Batch};
use super::input::{self, Checked, Row};
use super::journal::{self, ChunkDone};
use super::progress::Progress;
use super::report::ReportWriter;
use super::sender::Sender;
use super::summary::Summary;
use crate::api::RowOutcome;
use crate::cli::errors::{self, CliError};

/// A chunk with the outcome of every row, in file order.
pub(super) struct Finished {
    pub number: u64,
    pub rows: Vec<Row>,
    pub outcomes: Vec<(RowOutcome, Option<String>)>,
    /// From this run (journal it), not from the journal of an earlier one.
    pub sent: bool,
}

/// Send (or take from the journal) every chunk of `checked`, `concurrency` at once, and
/// take their outcomes in file order.
pub(super) async fn drive(
    checked: &Checked,
    batch: Batch,
    concurrency: usize,
    sender: &Sender,
    mut report: Option<ReportWriter>,
    progress: &Progress,
    summary: &mut Summary,
) -> anyhow::Result<()> {
    let mut journal = batch.journal;
    let done_before = journal
        .as_mut()
        .map(|(journal, _)| std::mem::take(&mut journal.done))
        .unwrap_or_default();
    let chunks = Chunks {
        rows: checked.rows()?,
        size: batch.chunk_size,
    };
    let mut finished = futures_util::stream::iter((0u64..).zip(chunks))
        .map(|(number, rows)| {
            let earlier = done_before.get(&number);
            async move {
                let rows = rows?;
                match earlier {
                    Some(done) => from_journal(number, rows, done),
                    None => sender.send(number, rows, progress).await,
                }
            }
        })
        .buffered(concurrency);
    while let Some(chunk) = finished.next().await {
        let chunk = chunk?;
        if chunk.sent {
            if let Some((journal, _)) = &mut journal {
                journal
                    .record_chunk(journaled(&chunk))
                    .map_err(journal_error)?;
            }
        } else {
            summary.resumed_rows += chunk.rows.len() as u64;
        }
        for (row, (outcome, message)) in chunk.rows.iter().zip(&chunk.outcomes) {
            summary.add(*outcome);
            if let Some(report) = &mut report {
                report.write(row, *outcome, message.as_deref())?;
            }
        }
        progress.advance(chunk.rows.len() as u64);
    }
    if let Some(report) = report {
        report.finish()?;
    }
    if let Some((journal, default_path)) = journal {
        let path = journal.path().to_owned();
        journal.finish().map_err(journal_error)?;
        // A journal of our own choosing is clutter once the import is done; one the
        // user named is kept as the record they asked for.
        if default_path {
            let _ = std::fs::remove_file(path);
        }
    }
    Ok(())
}

fn journaled(chunk: &Finished) -> ChunkDone {
    let mut messages = Vec::new();
    let mut outcomes = String::with_capacity(chunk.outcomes.len());
    for (index, (outcome, message)) in (0u32..).zip(&chunk.outcomes) {
        outcomes.push(journal::letter(*outcome));
        if let Some(message) = message {
            messages.push((index, message.clone()));
        }
    }
    ChunkDone {
        chunk: chunk.number,
        outcomes,
        messages,
    }
}

fn from_journal(number: u64, rows: Vec<Row>, done: &ChunkDone) -> anyhow::Result<Finished> {
    let messages: BTreeMap<u32, &String> = done.messages.iter().map(|(i, m)| (*i, m)).collect();
    let outcomes: Option<Vec<_>> = (0u32..)
        .zip(done.outcomes.chars())
        .map(|(index, letter)| {
            journal::outcome_of(letter).map(|o| (o, messages.get(&index).map(|m| (*m).clone())))
        })
        .collect();
    match outcomes {
        Some(outcomes) if outcomes.len() == rows.len() => Ok(Finished {
            number,
            rows,
            outcomes,
            sent: false,
        }),
        _ => Err(CliError::new(
            errors::OTHER,
            format!("the journal's chunk {number} does not match the file"),
        )
        .hint("delete the journal to start the import anew")
        .into()),
    }
}

/// The checked rows, `size` at a time.
struct Chunks {
    rows: input::SpoolReader,
    size: usize,
}

impl Iterator for Chunks {
    type Item = std::io::Result<Vec<Row>>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut chunk = Vec::with_capacity(self.size);
        for row in self.rows.by_ref() {
            match row {
                Ok(row) => chunk.push(row),
                Err(err) => return Some(Err(err)),
            }
            if chunk.len() == self.size {
                break;
            }
        }
        (!chunk.is_empty()).then_some(Ok(chunk))
    }
}
