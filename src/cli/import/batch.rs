//! Before anything is sent: the file checked whole (its problems listed by line), and
//! the batch it belongs to — a fresh one, or the one its journal says was
//! interrupted — with the journal errors said in the CLI's words. The batch is
//! planned ([`Planned`], nothing written) before the confirmation and begun
//! ([`Planned::begin`], the journal written) after it.

use std::path::PathBuf;

use sha2::{Digest, Sha256};

use super::input::{self, Checked, Source};
use super::journal::{Found, Journal, JournalError, Start};
use super::ImportArgs;
use crate::cli::errors::{self, CliError};
use crate::cli::Context;
use crate::domain::display_text::Reason;

/// Check the whole input (off the async threads: it reads and parses it all).
pub(super) async fn check_file(source: Source) -> anyhow::Result<Checked> {
    let shown = source.to_string();
    let checked = tokio::task::spawn_blocking(move || input::check(&source))
        .await?
        .map_err(|e| CliError::invalid(format!("cannot read {shown}: {e}")))?;
    match checked {
        Ok(checked) => Ok(checked),
        Err(refused) => {
            let first = &refused.problems[0];
            if refused.total == 1 {
                return Err(CliError::invalid(format!(
                    "{shown} line {}: {}; nothing was sent",
                    first.line, first.message
                ))
                .hint("fix the file and run the same command again")
                .into());
            }
            for problem in &refused.problems {
                eprintln!("{shown} line {}: {}", problem.line, problem.message);
            }
            let listed = refused.problems.len() as u64;
            if refused.total > listed {
                eprintln!("… and {} more", refused.total - listed);
            }
            Err(CliError::invalid(format!(
                "{shown} has {} bad rows (the first at line {}: {}); nothing was sent",
                refused.total, first.line, first.message
            ))
            .hint("fix the file and run the same command again; --check checks without sending")
            .into())
        }
    }
}

/// `<config dir>/imports/<hash of the input and server>.journal`: the same command
/// finds the same journal, whichever directory it runs in, and stdin too.
fn default_journal(input_sha256: &str, server: &str) -> anyhow::Result<PathBuf> {
    let mut hasher = Sha256::new();
    hasher.update(input_sha256.as_bytes());
    hasher.update(b"\n");
    hasher.update(server.as_bytes());
    let name = hex::encode(&hasher.finalize()[..12]);
    Ok(crate::cli::config::config_dir()?
        .join("imports")
        .join(format!("{name}.journal")))
}

pub(super) fn journal_error(err: JournalError) -> anyhow::Error {
    let (code, hint) = match &err {
        JournalError::Locked(_) => (
            errors::CONFLICT,
            "wait for the other import to end, or pass another --journal".to_owned(),
        ),
        JournalError::Appeared(_) => (
            errors::CONFLICT,
            "nothing was sent; run the same command again to see what the other import did"
                .to_owned(),
        ),
        JournalError::Mismatch { path, .. } => (
            errors::CONFLICT,
            format!(
                "resume with the same file, server and --reason, or start anew with another --journal (or delete {})",
                path.display()
            ),
        ),
        JournalError::Damaged { path, .. } => (
            errors::OTHER,
            format!("delete {} to start the import anew", path.display()),
        ),
        JournalError::Io { .. } => (errors::OTHER, "pass a writable --journal PATH".to_owned()),
    };
    CliError::new(code, err.to_string()).hint(hint).into()
}

/// What this run will send as, before the confirmation: the batch id, the chunk size
/// and the journal found (not yet written), with whether it was ours to pick.
pub(super) struct Planned {
    pub id: String,
    pub chunk_size: usize,
    pub journal: Option<(Found, bool)>,
    /// Chunks an earlier, interrupted run finished.
    pub done_before: usize,
    pub resumed: bool,
}

/// What this run sends as: its batch id (and so the chunks' idempotency keys), the
/// chunk size, and the journal with whether it was ours to pick (a dry run has none).
pub(super) struct Batch {
    pub id: String,
    pub chunk_size: usize,
    pub journal: Option<(Journal, bool)>,
}

impl Planned {
    /// A fresh batch, or the one the journal of an interrupted run names; nothing is
    /// written (a journal that exists is locked).
    pub(super) fn new(ctx: &Context, args: &ImportArgs, checked: &Checked) -> anyhow::Result<Self> {
        let fresh_batch = format!("imp-{}", &uuid::Uuid::new_v4().simple().to_string()[..16]);
        if args.dry_run {
            return Ok(Planned {
                id: format!("dry-{}", &fresh_batch[4..]),
                chunk_size: usize::from(args.chunk_size),
                journal: None,
                done_before: 0,
                resumed: false,
            });
        }
        let default_path = args.journal.is_none();
        let path = match &args.journal {
            Some(path) => path.clone(),
            None => default_journal(&checked.sha256, ctx.server.as_str())?,
        };
        let start = Start {
            version: 1,
            batch_id: fresh_batch,
            input_sha256: checked.sha256.clone(),
            server: ctx.server.to_string(),
            chunk_size: usize::from(args.chunk_size),
            rows: checked.rows,
            reason: args.change.reason.as_ref().map(Reason::to_string),
        };
        let found = Journal::find(&path, start).map_err(journal_error)?;
        Ok(Planned {
            id: found.start.batch_id.clone(),
            chunk_size: found.start.chunk_size,
            done_before: found.done.len(),
            resumed: found.resumed,
            journal: Some((found, default_path)),
        })
    }

    /// Confirmed: write the journal (a fresh one, or the interrupted one appended to).
    pub(super) fn begin(self) -> anyhow::Result<Batch> {
        let journal = match self.journal {
            Some((found, default_path)) => {
                Some((found.begin().map_err(journal_error)?, default_path))
            }
            None => None,
        };
        Ok(Batch {
            id: self.id,
            chunk_size: self.chunk_size,
            journal,
        })
    }
}
