//! The journal of an import: which chunks are finished, and how each row ended.
//!
//! JSON lines, appended and flushed to disk (`fsync`) after every finished chunk: a
//! `start` line (batch id, input hash, server, chunk size, reason), one `chunk` line
//! per finished chunk (an outcome letter per row, messages of the rows that were not
//! applied) and a `finished` line. A process killed mid-write leaves at most a torn
//! last line, which is dropped. The journal is locked while an import runs, so two
//! runs of one import cannot interleave.
//!
//! Resuming reuses the batch id, hence the chunks' idempotency keys: a chunk the server
//! applied but whose answer was lost is answered again from the server's record, never
//! applied twice.
//!
//! Nothing is written before the import is confirmed: [`Journal::find`] only reads
//! (and locks a journal that exists), [`Found::begin`] writes. An import answered "no"
//! leaves no journal, so the next run starts afresh rather than "resuming".

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::api::RowOutcome;

const VERSION: u32 = 1;

/// What an import is: the same file against the same server, in the same chunks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Start {
    pub version: u32,
    pub batch_id: String,
    pub input_sha256: String,
    pub server: String,
    pub chunk_size: usize,
    pub rows: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A finished chunk: one letter per row (see [`letter`]) and the messages of rows
/// that were not applied, by index in the chunk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkDone {
    pub chunk: u64,
    pub outcomes: String,
    /// `[index, message]` pairs (a map with number keys would not survive serde's
    /// internally tagged enums).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<(u32, String)>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Entry {
    Start(Start),
    Chunk(ChunkDone),
    Finished,
}

/// An open, locked journal.
pub struct Journal {
    path: PathBuf,
    file: File,
    pub start: Start,
    /// Chunks finished by earlier runs.
    pub done: BTreeMap<u64, ChunkDone>,
}

/// What [`Journal::find`] found at the journal's path, before anything is written: the
/// file (locked) if it exists, and whether its import goes on or a new one starts.
/// [`Found::begin`] writes, once the import is confirmed.
pub struct Found {
    path: PathBuf,
    /// The existing journal, open and locked; `None` when there is none yet.
    file: Option<File>,
    pub start: Start,
    /// Chunks finished by earlier runs (empty unless resumed).
    pub done: BTreeMap<u64, ChunkDone>,
    /// An unfinished import of the same file: it goes on where it stopped.
    pub resumed: bool,
    /// The length of the whole entries (a torn last line is cut off at `begin`).
    good_len: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("the journal {0} is in use by another millectl")]
    Locked(PathBuf),
    #[error(
        "the journal {0} was created by another millectl while this one asked for confirmation"
    )]
    Appeared(PathBuf),
    #[error("the journal {path} belongs to another import ({why})")]
    Mismatch { path: PathBuf, why: String },
    #[error("the journal {path} is damaged at line {line}")]
    Damaged { path: PathBuf, line: usize },
    #[error("cannot use the journal {path}: {err}")]
    Io { path: PathBuf, err: std::io::Error },
}

impl Journal {
    /// Look at the journal at `path` for an import described by `fresh` (whose batch id
    /// is used only when a new batch starts), writing nothing: no directory, no file, no
    /// line. An existing journal is opened and locked, so no other run can take it while
    /// the confirmation is asked.
    pub fn find(path: &Path, fresh: Start) -> Result<Found, JournalError> {
        let io = |err| JournalError::Io {
            path: path.to_owned(),
            err,
        };
        let file = match OpenOptions::new().read(true).write(true).open(path) {
            Ok(file) => file,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Found {
                    path: path.to_owned(),
                    file: None,
                    start: fresh,
                    done: BTreeMap::new(),
                    resumed: false,
                    good_len: 0,
                })
            }
            Err(err) => return Err(io(err)),
        };
        lock(&file, path)?;

        let (entries, good_len) = read_entries(&file, path)?;
        let mut entries = entries.into_iter();
        let previous = match entries.next() {
            Some(Entry::Start(start)) => Some(start),
            Some(_) => {
                return Err(JournalError::Damaged {
                    path: path.to_owned(),
                    line: 1,
                })
            }
            None => None,
        };
        let mut done = BTreeMap::new();
        let mut finished = false;
        for entry in entries {
            match entry {
                Entry::Chunk(chunk) => {
                    done.insert(chunk.chunk, chunk);
                }
                Entry::Finished => finished = true,
                Entry::Start(_) => {}
            }
        }

        let resumable = match previous {
            Some(previous) if !finished => {
                let why = if previous.version != VERSION {
                    Some("written by another version of millectl".to_owned())
                } else if previous.input_sha256 != fresh.input_sha256 {
                    Some("a different file".to_owned())
                } else if previous.server != fresh.server {
                    Some(format!("server {}", previous.server))
                } else if previous.reason != fresh.reason {
                    Some(match &previous.reason {
                        Some(reason) => format!("started with --reason {reason:?}"),
                        None => "started without --reason".to_owned(),
                    })
                } else {
                    None
                };
                if let Some(why) = why {
                    return Err(JournalError::Mismatch {
                        path: path.to_owned(),
                        why,
                    });
                }
                Some(previous)
            }
            _ => None,
        };
        Ok(match resumable {
            Some(start) => Found {
                path: path.to_owned(),
                file: Some(file),
                start,
                done,
                resumed: true,
                good_len,
            },
            None => Found {
                path: path.to_owned(),
                file: Some(file),
                start: fresh,
                done: BTreeMap::new(),
                resumed: false,
                good_len: 0,
            },
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn record_chunk(&mut self, chunk: ChunkDone) -> Result<(), JournalError> {
        self.append(&Entry::Chunk(chunk))
    }

    pub fn finish(mut self) -> Result<(), JournalError> {
        self.append(&Entry::Finished)
    }

    fn append(&mut self, entry: &Entry) -> Result<(), JournalError> {
        let mut line = serde_json::to_vec(entry).map_err(|e| JournalError::Io {
            path: self.path.clone(),
            err: e.into(),
        })?;
        line.push(b'\n');
        self.file
            .write_all(&line)
            .and_then(|()| self.file.sync_data())
            .map_err(|err| JournalError::Io {
                path: self.path.clone(),
                err,
            })
    }
}

impl Found {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The import is confirmed: write the journal. A resumed one loses its torn last
    /// line and is appended to; otherwise the file (made now, with its directory, if
    /// there was none) starts over with the new batch's `start` line.
    pub fn begin(self) -> Result<Journal, JournalError> {
        let path = self.path;
        let io = |err| JournalError::Io {
            path: path.clone(),
            err,
        };
        let file = match self.file {
            Some(file) => file,
            None => {
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent).map_err(io)?;
                }
                // `create_new`: a journal made by another run while we asked is theirs.
                let mut options = OpenOptions::new();
                options.read(true).write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                let file = match options.open(&path) {
                    Ok(file) => file,
                    Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
                        return Err(JournalError::Appeared(path))
                    }
                    Err(err) => return Err(io(err)),
                };
                lock(&file, &path)?;
                file
            }
        };
        let mut journal = Journal {
            path: path.clone(),
            file,
            start: self.start,
            done: self.done,
        };
        if self.resumed {
            journal.file.set_len(self.good_len).map_err(io)?;
            journal.file.seek(SeekFrom::End(0)).map_err(io)?;
        } else {
            journal.file.set_len(0).map_err(io)?;
            journal.file.seek(SeekFrom::Start(0)).map_err(io)?;
            journal.append(&Entry::Start(journal.start.clone()))?;
        }
        Ok(journal)
    }
}

/// Take the journal's lock, or say another millectl holds it.
fn lock(file: &File, path: &Path) -> Result<(), JournalError> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => Err(JournalError::Locked(path.to_owned())),
        Err(std::fs::TryLockError::Error(err)) => Err(JournalError::Io {
            path: path.to_owned(),
            err,
        }),
    }
}

/// Every whole entry, and the length of the file up to the last of them (a torn last
/// line, from a process killed mid-write, is dropped).
fn read_entries(file: &File, path: &Path) -> Result<(Vec<Entry>, u64), JournalError> {
    let mut reader = BufReader::new(file);
    let mut entries = Vec::new();
    let mut good_len = 0u64;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|err| JournalError::Io {
                path: path.to_owned(),
                err,
            })?;
        if n == 0 {
            break;
        }
        let whole = line.ends_with(b"\n");
        match serde_json::from_slice::<Entry>(&line) {
            Ok(entry) if whole => {
                entries.push(entry);
                good_len += n as u64;
            }
            _ if !whole => break,
            _ => {
                return Err(JournalError::Damaged {
                    path: path.to_owned(),
                    line: entries.len() + 1,
                })
            }
        }
    }
    Ok((entries, good_len))
}

/// One letter per outcome, so a chunk of 1000 rows is a 1000-character line.
pub fn letter(outcome: RowOutcome) -> char {
    match outcome {
        RowOutcome::Updated => 'U',
        RowOutcome::Unchanged => '=',
        RowOutcome::NotFound => 'N',
        RowOutcome::Forbidden => 'F',
        RowOutcome::Conflict => 'C',
        RowOutcome::Invalid => 'I',
    }
}

pub fn outcome_of(letter: char) -> Option<RowOutcome> {
    Some(match letter {
        'U' => RowOutcome::Updated,
        '=' => RowOutcome::Unchanged,
        'N' => RowOutcome::NotFound,
        'F' => RowOutcome::Forbidden,
        'C' => RowOutcome::Conflict,
        'I' => RowOutcome::Invalid,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(batch: &str) -> Start {
        Start {
            version: VERSION,
            batch_id: batch.into(),
            input_sha256: "ab".into(),
            server: "http://127.0.0.1:7070/".into(),
            chunk_size: 2,
            rows: 4,
            reason: None,
        }
    }

    /// Find and begin, as a confirmed import does.
    fn open(path: &Path, fresh: Start) -> (Journal, bool) {
        let found = Journal::find(path, fresh).ok().unwrap();
        let resumed = found.resumed;
        (found.begin().ok().unwrap(), resumed)
    }

    fn chunk(n: u64) -> ChunkDone {
        ChunkDone {
            chunk: n,
            outcomes: "UC".into(),
            messages: vec![(1, "conflict".into())],
        }
    }

    #[test]
    fn an_unfinished_import_resumes_with_its_batch_and_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let (mut journal, resumed) = open(&path, start("one"));
        assert!(!resumed);
        journal.record_chunk(chunk(0)).unwrap();
        drop(journal);
        // A torn line from a kill mid-write is dropped.
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"{\"type\":\"chunk\",\"chu")
            .unwrap();
        let (mut journal, resumed) = open(&path, start("two"));
        assert!(resumed);
        assert_eq!(journal.start.batch_id, "one");
        assert_eq!(journal.done.keys().copied().collect::<Vec<_>>(), vec![0]);
        assert_eq!(journal.done[&0], chunk(0));
        journal.record_chunk(chunk(1)).unwrap();
        journal.finish().unwrap();
        let (journal, resumed) = open(&path, start("three"));
        assert!(!resumed, "a finished import must start afresh");
        assert_eq!(journal.start.batch_id, "three");
        assert!(journal.done.is_empty());
    }

    #[test]
    fn another_file_server_or_reason_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        drop(open(&path, start("one")));
        let mut other = start("two");
        other.input_sha256 = "cd".into();
        assert!(matches!(
            Journal::find(&path, other),
            Err(JournalError::Mismatch { .. })
        ));
        let mut other = start("two");
        other.reason = Some("TICKET-1".into());
        let err = Journal::find(&path, other).err().unwrap().to_string();
        assert!(err.contains("started without --reason"), "{err}");
    }

    #[test]
    fn a_journal_in_use_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let _held = open(&path, start("one"));
        assert!(matches!(
            Journal::find(&path, start("two")),
            Err(JournalError::Locked(_))
        ));
    }

    #[test]
    fn damage_in_the_middle_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        drop(open(&path, start("one")));
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"not json\n{\"type\":\"finished\"}\n")
            .unwrap();
        assert!(matches!(
            Journal::find(&path, start("one")),
            Err(JournalError::Damaged { line: 2, .. })
        ));
    }

    #[test]
    fn letters_round_trip() {
        for outcome in RowOutcome::ALL {
            assert_eq!(outcome_of(letter(outcome)), Some(outcome));
        }
    }

    #[test]
    fn finding_writes_nothing_until_begun() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("imports").join("j");
        let found = Journal::find(&path, start("one")).ok().unwrap();
        assert!(!found.resumed);
        drop(found);
        assert!(
            !dir.path().join("imports").exists(),
            "no directory before begin"
        );

        // An unfinished journal with a torn line: found, locked, left as it was.
        let (mut journal, _) = open(&path, start("one"));
        journal.record_chunk(chunk(0)).unwrap();
        drop(journal);
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"{\"type\":\"chu")
            .unwrap();
        let before = std::fs::read(&path).unwrap();
        let found = Journal::find(&path, start("two")).ok().unwrap();
        assert!(found.resumed);
        assert!(matches!(
            Journal::find(&path, start("two")),
            Err(JournalError::Locked(_))
        ));
        drop(found);
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_journal_made_while_asking_is_not_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let found = Journal::find(&path, start("one")).ok().unwrap();
        let (_other, _) = open(&path, start("two"));
        assert!(matches!(found.begin(), Err(JournalError::Appeared(_))));
    }
}
