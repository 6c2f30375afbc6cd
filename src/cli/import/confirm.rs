//! The one question before an import changes anything: what it will do (and what an
//! earlier, interrupted run already did), asked on a terminal, `--yes` in scripts.
//!
//! Unlike the other state-changing commands, "no" is an answer here, not an error:
//! the import ends with status 0, saying nothing changed. Nothing was written before
//! the question (the journal included), so the next run does not "resume" a batch
//! that was never started.

use super::batch::Planned;
use super::input::{Checked, Source};
use super::ImportArgs;
use crate::cli::errors::CliError;
use crate::cli::Context;

/// Whether to go on: always for a dry run and with `--yes`; else the person's answer.
pub(super) fn confirm_batch(
    ctx: &Context,
    args: &ImportArgs,
    source: &Source,
    checked: &Checked,
    batch: &Planned,
) -> anyhow::Result<bool> {
    let Some((journal, _)) = &batch.journal else {
        return Ok(true);
    };
    let batch_id = &batch.id;
    let chunks = checked.rows.div_ceil(batch.chunk_size as u64);
    if batch.resumed {
        eprintln!(
            "Resuming batch {batch_id}: {} of {chunks} chunks already done (journal {}).",
            batch.done_before,
            journal.path().display()
        );
    }
    if args.change.yes {
        return Ok(true);
    }
    if !ctx.interactive() {
        return Err(CliError::usage(
            "refusing to change anything without confirmation: no terminal to ask on",
        )
        .hint("pass --yes to confirm in scripts")
        .into());
    }
    let question = format!(
        "{} the mobile numbers of {} users from {source} on {} (batch {batch_id})?",
        if batch.resumed {
            "Go on changing"
        } else {
            "Change"
        },
        checked.rows,
        ctx.server
    );
    let yes = dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()?;
    if !yes {
        if batch.resumed {
            eprintln!(
                "Not resumed; nothing changed. The journal {} is kept: run the same command again to resume.",
                journal.path().display()
            );
        } else {
            eprintln!("Cancelled; nothing changed.");
        }
    }
    Ok(yes)
}
