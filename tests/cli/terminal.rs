//! The real binary on a pseudo-terminal (expectrl), waited on without spinning.
//!
//! expectrl's own `expect` polls the pty in a busy loop. On CI's two cores two such
//! loops (two pty tests at once) take both cores from the very processes they wait
//! for, the server and millectl, and a prompt that comes in a second locally misses a
//! 30 s deadline there. Here each wait sleeps in poll(2) until the pty has bytes or its
//! other end is closed, and a miss shows what the terminal did show.

use std::os::fd::AsRawFd;
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::{Captures, Eof, Needle, Regex, Session, WaitStatus};

/// How long a prompt or the end may take: a deadline for a hung program, not a pace.
const PATIENCE: Duration = Duration::from_secs(120);

/// `cmd` on a new pseudo-terminal.
pub fn spawn(cmd: Command) -> Session {
    Session::spawn(cmd).expect("spawn on a pty")
}

/// Wait until the terminal shows `needle` (`what` names it in a failure).
pub fn expect<N: Needle>(session: &mut Session, needle: N, what: &str) -> Captures {
    let deadline = Instant::now() + PATIENCE;
    loop {
        match session.check(&needle) {
            Ok(found) if !found.is_empty() => return found,
            Ok(_) => {}
            Err(expectrl::Error::Eof) => panic!("millectl ended before {what}"),
            Err(err) => panic!("reading the terminal while waiting for {what}: {err}"),
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            panic!(
                "no {what} within {PATIENCE:?}; the terminal shows: {:?}",
                shown(session)
            );
        }
        readable(session, left);
    }
}

/// Type `text` and Enter into a hidden prompt (a password, a character of one).
///
/// Such a prompt turns echo off with `TCSAFLUSH`, which throws away whatever was typed
/// before (as getpass(3) does): keys sent as soon as the prompt's text shows can be
/// lost if the program has not switched the terminal yet, and it then waits for ever.
/// So wait until the terminal's echo is off (the pty pair shares one termios), then type.
pub fn send_secret(session: &mut Session, text: &str, what: &str) {
    let deadline = Instant::now() + PATIENCE;
    while echo_on(session) {
        if Instant::now() >= deadline {
            panic!("{what} never turned the terminal's echo off within {PATIENCE:?}");
        }
        // No event says "termios changed"; look again shortly.
        std::thread::sleep(Duration::from_millis(5));
    }
    session.send_line(text).expect("type");
}

/// Whether the terminal echoes what is typed.
fn echo_on(session: &Session) -> bool {
    // SAFETY: tcgetattr writes a termios into memory we own; the fd is the session's
    // open pty master.
    unsafe {
        let mut state: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(session.get_stream().as_raw_fd(), &mut state) != 0 {
            panic!("tcgetattr on the pty: {}", std::io::Error::last_os_error());
        }
        state.c_lflag & libc::ECHO != 0
    }
}

/// Everything the process still prints, then its exit code.
pub fn finish(session: &mut Session) -> (String, i32) {
    let rest = expect(session, Eof, "the end of output");
    let text = String::from_utf8_lossy(rest.as_bytes()).into_owned();
    match session.get_process().wait().expect("wait") {
        WaitStatus::Exited(_, code) => (text, code),
        other => panic!("millectl did not exit normally: {other:?}\n{text}"),
    }
}

/// Sleep until the pty has something to read (or hung up), at most `left`.
fn readable(session: &Session, left: Duration) {
    let mut fd = libc::pollfd {
        fd: session.get_stream().as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    let millis = libc::c_int::try_from(left.as_millis().max(1)).unwrap_or(libc::c_int::MAX);
    // SAFETY: one pollfd that lives for the call; the fd is the session's open pty.
    unsafe { libc::poll(&mut fd, 1, millis) };
}

/// What is in the buffer now (for a failure message).
fn shown(session: &mut Session) -> String {
    match session.check(Regex("(?s).+")) {
        Ok(found) => String::from_utf8_lossy(found.as_bytes()).into_owned(),
        Err(err) => format!("(unreadable: {err})"),
    }
}
