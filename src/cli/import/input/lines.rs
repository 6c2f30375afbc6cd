//! The input as physical lines, each at most [`MAX_LINE_BYTES`], hashed as they are
//! read: a line too long is reported and skipped a bounded piece at a time, so
//! memory stays flat whatever the file holds.

use std::io::{self, BufRead, BufReader, Read};

use sha2::{Digest, Sha256};

/// Longest line accepted; a real row is under 100 bytes.
pub const MAX_LINE_BYTES: u64 = 16 * 1024;

/// Hashes every byte read through it.
struct Hashing<R> {
    inner: R,
    hasher: Sha256,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// Physical lines, each at most [`MAX_LINE_BYTES`], numbered from 1. No valid row
/// spans lines, so a line is a record: line numbers are exact and a missing quote
/// stays on its own line.
pub(super) struct Lines<R> {
    inner: BufReader<Hashing<R>>,
    buf: Vec<u8>,
    number: u64,
}

pub(super) enum Line<'a> {
    Text(u64, &'a [u8]),
    TooLong(u64),
}

impl<R: Read> Lines<R> {
    pub(super) fn new(input: R) -> Self {
        Lines {
            inner: BufReader::with_capacity(
                64 * 1024,
                Hashing {
                    inner: input,
                    hasher: Sha256::new(),
                },
            ),
            buf: Vec::new(),
            number: 0,
        }
    }

    /// The number of the last line read (0 before the first).
    pub(super) fn number(&self) -> u64 {
        self.number
    }

    pub(super) fn next(&mut self) -> io::Result<Option<Line<'_>>> {
        self.buf.clear();
        let limit = MAX_LINE_BYTES + 1;
        let n = (&mut self.inner)
            .take(limit)
            .read_until(b'\n', &mut self.buf)?;
        if n == 0 {
            return Ok(None);
        }
        self.number += 1;
        if !self.buf.ends_with(b"\n") && n as u64 == limit {
            // Skip the rest of the line, a bounded piece at a time.
            loop {
                self.buf.clear();
                let n = (&mut self.inner)
                    .take(limit)
                    .read_until(b'\n', &mut self.buf)?;
                if n == 0 || self.buf.ends_with(b"\n") {
                    break;
                }
            }
            return Ok(Some(Line::TooLong(self.number)));
        }
        let mut text = &self.buf[..];
        if self.number == 1 {
            text = text.strip_prefix(b"\xef\xbb\xbf").unwrap_or(text);
        }
        let text = text.strip_suffix(b"\n").unwrap_or(text);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        Ok(Some(Line::Text(self.number, text)))
    }

    pub(super) fn sha256(self) -> String {
        hex::encode(self.inner.into_inner().hasher.finalize())
    }
}

pub(super) fn too_long() -> String {
    format!(
        "the line is longer than {} KiB; is this the right file?",
        MAX_LINE_BYTES / 1024
    )
}
