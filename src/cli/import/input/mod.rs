//! The import file: CSV with a header, checked whole before anything is sent.
//!
//! `check` reads the input once, as a stream: it finds the delimiter (`,` or `;`),
//! maps the header, checks every row (MilleKod, login, phone, expected phone) and
//! remembers the rows it accepted in a spool file of canonical values, so the sending
//! pass neither parses a phone number twice nor sees a file that changed in between
//! (and `-`, stdin, can be read more than once). Memory stays flat however long the
//! file: a line is at most [`lines::MAX_LINE_BYTES`], and duplicate users are found
//! with a fixed-size Bloom filter (8 MiB) plus a second pass over the spool for its
//! few candidates. Lines are checked on a few threads in blocks (a phone number costs
//! about 2 µs, most of a row's time) and their verdicts collected back in file order,
//! so the outcome is exactly that of one thread.
//!
//! One idea a file: [`lines`] (reading, hashing, the length limit), [`fields`] (CSV
//! fields, the header and its delimiter, one row's checks), [`checkers`] (the threads
//! and the collector), [`spool`] (the accepted rows on disk), [`duplicates`] (the
//! filter and its second pass); this file ties them into [`check`].

mod checkers;
mod duplicates;
mod fields;
mod lines;
mod spool;
#[cfg(test)]
mod tests;

use std::fmt;
use std::fs::File;
use std::io::{self, BufWriter, Read};
use std::path::{Path, PathBuf};

pub use spool::SpoolReader;

/// Problems listed before the rest are only counted.
pub const MAX_LISTED_PROBLEMS: usize = 50;

/// Where the rows come from.
#[derive(Debug, Clone)]
pub enum Source {
    Path(PathBuf),
    Stdin,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Path(path) => write!(f, "{}", path.display()),
            Source::Stdin => f.write_str("<stdin>"),
        }
    }
}

/// One problem of the file, at a line (1-based, the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineProblem {
    pub line: u64,
    pub message: String,
}

/// Why a file was refused: the first problems, and how many there were in all.
#[derive(Debug)]
pub struct Refused {
    pub problems: Vec<LineProblem>,
    pub total: u64,
}

impl Refused {
    pub(super) fn one(line: u64, message: impl Into<String>) -> Self {
        Refused {
            problems: vec![LineProblem {
                line,
                message: message.into(),
            }],
            total: 1,
        }
    }
}

/// A row that passed every check, in canonical form (E.164, lower-case login).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    pub millekod: String,
    pub login: String,
    pub phone: String,
    pub expected_phone: Option<String>,
}

/// A checked file: its rows in the spool, and what identifies the input.
pub struct Checked {
    /// A temp file without a name (unlinked at once), so even `kill -9` leaves no copy
    /// of the numbers behind; it is read again through its handle.
    spool: File,
    pub rows: u64,
    /// SHA-256 of the input bytes, hex: the same file gives the same import.
    pub sha256: String,
    pub delimiter: u8,
}

impl Checked {
    /// The accepted rows, in file order. Readers share the spool's file position, so
    /// one is read at a time.
    pub fn rows(&self) -> io::Result<SpoolReader> {
        SpoolReader::new(&self.spool)
    }
}

/// Read and check the whole input. `Err(Refused)` lists what is wrong, by line;
/// an `io::Error` is a file that cannot be read at all.
pub fn check(source: &Source) -> Result<Result<Checked, Refused>, io::Error> {
    let input: Box<dyn Read> = match source {
        Source::Path(path) => Box::new(File::open(path)?),
        Source::Stdin => Box::new(io::stdin().lock()),
    };
    let spool_dir = std::env::temp_dir();
    check_reader(input, &spool_dir)
}

/// Collects problems: the first [`MAX_LISTED_PROBLEMS`] kept, all counted.
#[derive(Default)]
pub(super) struct Problems {
    listed: Vec<LineProblem>,
    total: u64,
}

impl Problems {
    pub(super) fn add(&mut self, line: u64, message: String) {
        self.total += 1;
        if self.listed.len() < MAX_LISTED_PROBLEMS {
            self.listed.push(LineProblem { line, message });
        }
    }
}

pub(crate) fn check_reader(
    input: impl Read,
    spool_dir: &Path,
) -> Result<Result<Checked, Refused>, io::Error> {
    let mut lines = lines::Lines::new(input);
    let header = match fields::read_header(&mut lines)? {
        Ok(header) => header,
        Err(refused) => return Ok(Err(refused)),
    };
    let spool = BufWriter::with_capacity(256 * 1024, tempfile::tempfile_in(spool_dir)?);
    let (collected, lines) = checkers::check_rows(lines, header.columns, header.delimiter, spool);

    let checkers::Collected {
        spool,
        mut problems,
        candidates,
        rows,
    } = collected?;
    let sha256 = lines.sha256();

    if problems.total == 0 && !candidates.is_empty() {
        for (line, first) in duplicates::duplicates(&spool, &candidates)? {
            problems.add(
                line,
                format!("the same user as line {first} (one change per user and file)"),
            );
        }
    }
    if problems.total > 0 {
        problems.listed.sort_by_key(|p| p.line);
        return Ok(Err(Refused {
            problems: problems.listed,
            total: problems.total,
        }));
    }
    if rows == 0 {
        return Ok(Err(Refused::one(
            header.line + 1,
            "the file has a header but no rows; nothing to import",
        )));
    }
    Ok(Ok(Checked {
        spool,
        rows,
        sha256,
        delimiter: header.delimiter,
    }))
}
