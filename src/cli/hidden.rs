//! Secrets typed at a terminal without showing them, asked the way getpass(3) asks:
//! echo off first, then the prompt.
//!
//! dialoguer's `Password` (console's `read_secure`) prints the prompt and only then
//! turns echo off with `TCSAFLUSH`, which throws away every key the terminal holds
//! unread. A key typed as soon as the prompt shows (a quick typist, a password
//! manager's auto-type, a loaded machine where the gap is long) can land in that gap
//! and vanish, and the prompt then waits for ever for a character already typed. It
//! also turns echo back on, again with a flush, after every line, so the next
//! character of a masked password typed before its prompt appeared was lost too.
//!
//! Here a [`Hidden`] turns echo off once, flushing only what was typed before its
//! first prompt showed; each prompt is printed when the terminal is already hidden,
//! so whatever is typed after seeing it is kept (and never echoed), also across the
//! characters of a masked password. The settings come back when it is dropped, with a
//! flush: keys typed past the last line asked are hidden text that must not reach
//! the shell. Ctrl-C still works (ISIG stays on):
//! `exit::interrupted` restores the settings saved at start.

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::{AsRawFd, RawFd};

use secrecy::SecretString;
use zeroize::Zeroizing;

/// A terminal with echo off until this is dropped.
pub struct Hidden {
    /// `/dev/tty` when stdin is not the terminal (it is read then, as dialoguer did).
    tty: Option<File>,
    saved: libc::termios,
}

impl Hidden {
    /// Echo off on the terminal, discarding what was typed before (as getpass does:
    /// keys typed ahead were shown, and are not meant for a hidden prompt).
    pub fn start() -> io::Result<Self> {
        // SAFETY: isatty only inspects the descriptor.
        let tty = if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
            None
        } else {
            Some(File::options().read(true).write(true).open("/dev/tty")?)
        };
        let fd = tty.as_ref().map_or(libc::STDIN_FILENO, File::as_raw_fd);
        // SAFETY: tcgetattr writes a termios into memory we own; tcsetattr reads one.
        let saved = unsafe {
            let mut saved: libc::termios = std::mem::zeroed();
            check(libc::tcgetattr(fd, &mut saved))?;
            let mut hidden = saved;
            hidden.c_lflag &= !(libc::ECHO | libc::ECHONL);
            hidden.c_lflag |= libc::ICANON;
            check(libc::tcsetattr(fd, libc::TCSAFLUSH, &hidden))?;
            saved
        };
        Ok(Self { tty, saved })
    }

    /// Show `prompt` (as dialoguer does, `prompt: ` on stderr) and read one line; the
    /// Enter the terminal did not echo is printed after it.
    pub fn line(&mut self, prompt: &str) -> io::Result<SecretString> {
        let mut err = io::stderr().lock();
        write!(err, "{prompt}: ")?;
        err.flush()?;
        let line = self.read_line()?;
        writeln!(err)?;
        let text = String::from_utf8(line.to_vec()).map_err(|_| {
            io::Error::new(io::ErrorKind::InvalidData, "what was typed is not UTF-8")
        })?;
        Ok(SecretString::from(text))
    }

    /// One line, without its end, read a byte at a time so nothing past it is taken
    /// from the terminal (the next character's answer typed ahead stays there).
    fn read_line(&self) -> io::Result<Zeroizing<Vec<u8>>> {
        let mut line = Zeroizing::new(Vec::new());
        loop {
            let mut byte = 0u8;
            // SAFETY: reads at most one byte into a byte we own.
            let n = unsafe { libc::read(self.fd(), (&mut byte as *mut u8).cast(), 1) };
            match n {
                1 if byte == b'\n' => break,
                1 => line.push(byte),
                0 if line.is_empty() => {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "the terminal closed before a line was typed",
                    ))
                }
                0 => break,
                _ => return Err(io::Error::last_os_error()),
            }
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        Ok(line)
    }

    fn fd(&self) -> RawFd {
        self.tty
            .as_ref()
            .map_or(libc::STDIN_FILENO, File::as_raw_fd)
    }
}

impl Drop for Hidden {
    fn drop(&mut self) {
        // SAFETY: the termios came from tcgetattr on the same descriptor.
        unsafe {
            libc::tcsetattr(self.fd(), libc::TCSAFLUSH, &self.saved);
        }
    }
}

fn check(rc: libc::c_int) -> io::Result<()> {
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}
