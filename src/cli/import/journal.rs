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

/// What was found at the journal's path.
pub enum Opened {
    /// Nothing, or a finished import: a new batch starts.
    Fresh(Journal),
    /// An unfinished import of the same file: it goes on where it stopped.
    Resumed(Journal),
}

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("the journal {0} is in use by another millectl")]
    Locked(PathBuf),
    #[error("the journal {path} belongs to another import ({why})")]
    Mismatch { path: PathBuf, why: String },
    #[error("the journal {path} is damaged at line {line}")]
    Damaged { path: PathBuf, line: usize },
    #[error("cannot use the journal {path}: {err}")]
    Io { path: PathBuf, err: std::io::Error },
}

impl Journal {
    /// Open the journal at `path` for an import described by `fresh` (whose batch id is
    /// used only when a new batch starts).
    pub fn open(path: &Path, fresh: Start) -> Result<Opened, JournalError> {
        let io = |err| JournalError::Io {
            path: path.to_owned(),
            err,
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(path).map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(JournalError::Locked(path.to_owned()))
            }
            Err(std::fs::TryLockError::Error(err)) => return Err(io(err)),
        }

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
        match resumable {
            Some(start) => {
                file.set_len(good_len).map_err(io)?;
                file.seek(SeekFrom::End(0)).map_err(io)?;
                Ok(Opened::Resumed(Journal {
                    path: path.to_owned(),
                    file,
                    start,
                    done,
                }))
            }
            None => {
                file.set_len(0).map_err(io)?;
                file.seek(SeekFrom::Start(0)).map_err(io)?;
                let mut journal = Journal {
                    path: path.to_owned(),
                    file,
                    start: fresh,
                    done: BTreeMap::new(),
                };
                journal.append(&Entry::Start(journal.start.clone()))?;
                Ok(Opened::Fresh(journal))
            }
        }
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
        let Ok(Opened::Fresh(mut journal)) = Journal::open(&path, start("one")) else {
            panic!("not fresh")
        };
        journal.record_chunk(chunk(0)).unwrap();
        drop(journal);
        // A torn line from a kill mid-write is dropped.
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"{\"type\":\"chunk\",\"chu")
            .unwrap();
        let Ok(Opened::Resumed(mut journal)) = Journal::open(&path, start("two")) else {
            panic!("not resumed")
        };
        assert_eq!(journal.start.batch_id, "one");
        assert_eq!(journal.done.keys().copied().collect::<Vec<_>>(), vec![0]);
        assert_eq!(journal.done[&0], chunk(0));
        journal.record_chunk(chunk(1)).unwrap();
        journal.finish().unwrap();
        let Ok(Opened::Fresh(journal)) = Journal::open(&path, start("three")) else {
            panic!("a finished import must start afresh")
        };
        assert_eq!(journal.start.batch_id, "three");
        assert!(journal.done.is_empty());
    }

    #[test]
    fn another_file_server_or_reason_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        drop(Journal::open(&path, start("one")).ok().unwrap());
        let mut other = start("two");
        other.input_sha256 = "cd".into();
        assert!(matches!(
            Journal::open(&path, other),
            Err(JournalError::Mismatch { .. })
        ));
        let mut other = start("two");
        other.reason = Some("TICKET-1".into());
        let err = Journal::open(&path, other).err().unwrap().to_string();
        assert!(err.contains("started without --reason"), "{err}");
    }

    #[test]
    fn a_journal_in_use_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let _held = Journal::open(&path, start("one")).ok().unwrap();
        assert!(matches!(
            Journal::open(&path, start("two")),
            Err(JournalError::Locked(_))
        ));
    }

    #[test]
    fn damage_in_the_middle_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        drop(Journal::open(&path, start("one")).ok().unwrap());
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"not json\n{\"type\":\"finished\"}\n")
            .unwrap();
        assert!(matches!(
            Journal::open(&path, start("one")),
            Err(JournalError::Damaged { line: 2, .. })
        ));
    }

    #[test]
    fn letters_round_trip() {
        for outcome in [
            RowOutcome::Updated,
            RowOutcome::Unchanged,
            RowOutcome::NotFound,
            RowOutcome::Forbidden,
            RowOutcome::Conflict,
            RowOutcome::Invalid,
        ] {
            assert_eq!(outcome_of(letter(outcome)), Some(outcome));
        }
    }
}
