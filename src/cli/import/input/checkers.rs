//! The rows checked on a few threads: blocks of lines go round to the checkers, and
//! one collector takes their verdicts back in block order, so the outcome is exactly
//! that of one thread (a phone number costs about 2 µs, most of a row's time).

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::sync::mpsc;

use super::duplicates::{user_key, Bloom};
use super::fields::{check_row, Columns, Fields};
use super::lines::{too_long, Line, Lines};
use super::spool::write_spooled;
use super::Problems;

/// Checker threads at most: phone numbers are most of a row's cost.
const MAX_CHECKERS: usize = 4;
/// A block closes at this many lines or bytes, whichever comes first: lines are few
/// enough to keep the threads busy, bytes bound the memory held in flight however
/// long the lines.
const BLOCK_LINES: usize = 1024;
const BLOCK_BYTES: usize = 256 * 1024;

/// Consecutive lines for a checker thread, copied into one buffer.
#[derive(Default)]
struct Block {
    text: Vec<u8>,
    /// Line number, and its text's end in `text` (`None`: the line was too long).
    lines: Vec<(u64, Option<usize>)>,
}

/// What a checker made of a block: its rows already in spool form, so no row
/// crosses threads (allocations stay in the thread that made them).
#[derive(Default)]
struct Verdicts {
    /// The accepted rows' spool lines.
    spool: Vec<u8>,
    /// The accepted rows' users, for the duplicate filter.
    users: Vec<u64>,
    problems: Vec<(u64, String)>,
}

impl Block {
    fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Add a line; true when the block is full.
    fn push(&mut self, number: u64, text: &[u8]) -> bool {
        self.text.extend_from_slice(text);
        self.lines.push((number, Some(self.text.len())));
        self.lines.len() >= BLOCK_LINES || self.text.len() >= BLOCK_BYTES
    }

    fn push_too_long(&mut self, number: u64) -> bool {
        self.lines.push((number, None));
        self.lines.len() >= BLOCK_LINES
    }

    fn check(&self, fields: &mut Fields, columns: &Columns) -> io::Result<Verdicts> {
        let mut verdicts = Verdicts::default();
        let mut start = 0;
        for &(number, end) in &self.lines {
            let Some(end) = end else {
                verdicts.problems.push((number, too_long()));
                continue;
            };
            let line = &self.text[start..end];
            start = end;
            if let Err(message) = fields.split(line) {
                verdicts.problems.push((number, message));
                continue;
            }
            if fields.is_blank() {
                continue;
            }
            match check_row(fields, columns, number) {
                Ok(row) => {
                    verdicts.users.push(user_key(&row.millekod, &row.login));
                    write_spooled(&mut verdicts.spool, &row)?;
                }
                Err(message) => verdicts.problems.push((number, message)),
            }
        }
        Ok(verdicts)
    }
}

/// The checked rows, in file order: spooled while no problem was found.
pub(super) struct Collected {
    pub spool: File,
    pub problems: Problems,
    /// Users the Bloom filter may have seen twice.
    pub candidates: HashSet<u64>,
    pub rows: u64,
}

/// Take the checkers' verdicts back in block order.
fn collect(
    verdicts: mpsc::Receiver<(u64, io::Result<Verdicts>)>,
    mut spool: BufWriter<File>,
) -> io::Result<Collected> {
    let mut problems = Problems::default();
    let mut seen = Bloom::new();
    let mut candidates: HashSet<u64> = HashSet::new();
    let mut rows = 0u64;
    let mut early: BTreeMap<u64, Verdicts> = BTreeMap::new();
    let mut next = 0u64;
    for (number, block) in verdicts {
        early.insert(number, block?);
        while let Some(block) = early.remove(&next) {
            next += 1;
            for (line, message) in block.problems {
                problems.add(line, message);
            }
            for key in &block.users {
                if seen.check_and_set(key) {
                    candidates.insert(*key);
                }
            }
            rows += block.users.len() as u64;
            // A file with a problem is refused: its spool is not needed.
            if problems.total == 0 {
                spool.write_all(&block.spool)?;
            }
        }
    }
    Ok(Collected {
        spool: spool.into_inner().map_err(|e| e.into_error())?,
        problems,
        candidates,
        rows,
    })
}

/// Check every line after the header, spooling the accepted rows; gives the lines
/// back (their hash is taken when all are read).
pub(super) fn check_rows<R: Read>(
    mut lines: Lines<R>,
    columns: Columns,
    delimiter: u8,
    spool: BufWriter<File>,
) -> (io::Result<Collected>, Lines<R>) {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_CHECKERS));
    // Blocks of lines go round to the checker threads; the collector takes their
    // verdicts back in block order, so the outcome is exactly a single thread's.
    std::thread::scope(|scope| {
        let (verdicts_out, verdicts_in) =
            mpsc::sync_channel::<(u64, io::Result<Verdicts>)>(workers * 2);
        let mut inboxes = Vec::with_capacity(workers);
        for _ in 0..workers {
            let (inbox, blocks) = mpsc::sync_channel::<(u64, Block)>(2);
            let verdicts_out = verdicts_out.clone();
            scope.spawn(move || {
                let mut fields = Fields::new(delimiter);
                for (number, block) in blocks {
                    let verdicts = block.check(&mut fields, &columns);
                    if verdicts_out.send((number, verdicts)).is_err() {
                        break; // the collector stopped on an error
                    }
                }
            });
            inboxes.push(inbox);
        }
        drop(verdicts_out);
        let collector = scope.spawn(move || collect(verdicts_in, spool));

        let mut block = Block::default();
        let mut sent = 0u64;
        let read = loop {
            let line = match lines.next() {
                Ok(line) => line,
                Err(err) => break Err(err),
            };
            let full = match line {
                None => !block.is_empty(),
                Some(Line::TooLong(number)) => block.push_too_long(number),
                Some(Line::Text(number, text)) => block.push(number, text),
            };
            if full {
                let worker = usize::try_from(sent).unwrap_or(0) % workers;
                if inboxes[worker]
                    .send((sent, std::mem::take(&mut block)))
                    .is_err()
                {
                    break Ok(()); // the collector stopped on an error
                }
                sent += 1;
            }
            if line.is_none() {
                break Ok(());
            }
        };
        drop(inboxes);
        let collected = collector
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the import check failed")));
        (read.and(collected), lines)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_of_long_lines_close_early() {
        let mut block = Block::default();
        let line = [b'a'; 1_000];
        let pushed = (1..).take_while(|&n| !block.push(n, &line)).count() + 1;
        assert_eq!(pushed, BLOCK_BYTES / 1_000 + 1);
        assert!(pushed < BLOCK_LINES);
    }
}
