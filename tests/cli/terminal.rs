//! The real binary on a pseudo-terminal (expectrl), waited on without spinning.
//!
//! expectrl's own `expect` polls the pty in a busy loop. On CI's two cores two such
//! loops (two pty tests at once) take both cores from the very processes they wait
//! for, the server and millectl, and a prompt that comes in a second locally misses a
//! 30 s deadline there. Here each wait sleeps in poll(2) until the pty has bytes or its
//! other end is closed.
//!
//! A miss says what happened: everything the terminal showed since the start, the
//! terminal's modes, and what millectl is blocked in (from /proc), so a hang seen once
//! in CI can be told apart from a slow machine without a second run.

use std::os::fd::AsRawFd;
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::{Captures, Eof, Needle, Regex, Session, WaitStatus};

/// How long a prompt or the end may take: a deadline for a hung program, not a pace.
const PATIENCE: Duration = Duration::from_secs(120);

/// millectl on a pseudo-terminal, with everything it has shown so far.
pub struct Terminal {
    session: Session,
    /// Every byte a wait consumed, in order (what `check` hands back is gone from the
    /// session's buffer).
    shown: Vec<u8>,
}

/// `cmd` on a new pseudo-terminal.
pub fn spawn(cmd: Command) -> Terminal {
    Terminal {
        session: Session::spawn(cmd).expect("spawn on a pty"),
        shown: Vec::new(),
    }
}

impl Terminal {
    /// Wait until the terminal shows `needle` (`what` names it in a failure).
    pub fn expect<N: Needle>(&mut self, needle: N, what: &str) -> Captures {
        let deadline = Instant::now() + PATIENCE;
        loop {
            match self.session.check(&needle) {
                Ok(found) if !found.is_empty() => {
                    self.shown.extend_from_slice(found.as_bytes());
                    return found;
                }
                Ok(_) => {}
                Err(expectrl::Error::Eof) => {
                    panic!("millectl ended before {what}\n{}", self.report())
                }
                Err(err) => panic!(
                    "reading the terminal while waiting for {what}: {err}\n{}",
                    self.report()
                ),
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                panic!("no {what} within {PATIENCE:?}\n{}", self.report());
            }
            self.readable(left);
        }
    }

    /// Type `text` and Enter.
    pub fn send_line(&mut self, text: &str) {
        self.session.send_line(text).expect("type");
    }

    /// Type `text` alone (a key of a y/n question).
    pub fn send(&mut self, text: &str) {
        self.session.send(text).expect("type");
    }

    /// millectl's process id (to signal it).
    pub fn pid(&self) -> i32 {
        self.session.get_process().pid().as_raw()
    }

    /// Everything the process still prints, then its exit code.
    pub fn finish(&mut self) -> (String, i32) {
        let rest = self.expect(Eof, "the end of output");
        let text = String::from_utf8_lossy(rest.as_bytes()).into_owned();
        match self.session.get_process().wait().expect("wait") {
            WaitStatus::Exited(_, code) => (text, code),
            other => panic!("millectl did not exit normally: {other:?}\n{text}"),
        }
    }

    /// Sleep until the pty has something to read (or hung up), at most `left`.
    fn readable(&self, left: Duration) {
        let mut fd = libc::pollfd {
            fd: self.session.get_stream().as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let millis = libc::c_int::try_from(left.as_millis().max(1)).unwrap_or(libc::c_int::MAX);
        // SAFETY: one pollfd that lives for the call; the fd is the session's open pty.
        unsafe { libc::poll(&mut fd, 1, millis) };
    }

    /// What a failure shows: the whole transcript, the terminal's modes, and where
    /// millectl's threads are (a hang in a read of the terminal, a request, a lock).
    fn report(&mut self) -> String {
        let unread = match self.session.check(Regex("(?s).+")) {
            Ok(found) => found.as_bytes().to_vec(),
            Err(err) => format!("(unreadable: {err})").into_bytes(),
        };
        self.shown.extend_from_slice(&unread);
        let pid = self.pid();
        format!(
            "the terminal showed, from the start: {:?}\n\
             of which not yet matched: {:?}\n\
             terminal modes: {}\n\
             millectl (pid {pid}):\n{}",
            String::from_utf8_lossy(&self.shown),
            String::from_utf8_lossy(&unread),
            self.modes(),
            threads(pid),
        )
    }

    /// The pty's termios (the pair shares one): the local flags that matter to a prompt
    /// and the special characters.
    fn modes(&self) -> String {
        // SAFETY: tcgetattr writes a termios into memory we own; the fd is the session's
        // open pty master.
        let state = unsafe {
            let mut state: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(self.session.get_stream().as_raw_fd(), &mut state) != 0 {
                return format!("(tcgetattr: {})", std::io::Error::last_os_error());
            }
            state
        };
        let flag = |bit: libc::tcflag_t, name: &str| {
            format!("{}{name}", if state.c_lflag & bit != 0 { "" } else { "-" })
        };
        let cc = [
            ("intr", libc::VINTR),
            ("quit", libc::VQUIT),
            ("erase", libc::VERASE),
            ("kill", libc::VKILL),
            ("eof", libc::VEOF),
            ("eol", libc::VEOL),
            ("werase", libc::VWERASE),
            ("lnext", libc::VLNEXT),
            ("reprint", libc::VREPRINT),
            ("min", libc::VMIN),
            ("time", libc::VTIME),
        ]
        .iter()
        .map(|(name, index)| format!("{name}={:#04x}", state.c_cc[*index]))
        .collect::<Vec<_>>()
        .join(" ");
        format!(
            "{} {} {} {} iflag={:#o} {cc}",
            flag(libc::ECHO, "echo"),
            flag(libc::ICANON, "icanon"),
            flag(libc::ISIG, "isig"),
            flag(libc::IEXTEN, "iexten"),
            state.c_iflag,
        )
    }
}

/// Each thread of `pid`: its name, state, kernel wait channel and current system call
/// (number and arguments, as /proc shows them; 0 is read on x86-64 and 63 on arm64).
fn threads(pid: i32) -> String {
    let read = |path: String| {
        std::fs::read_to_string(&path)
            .map(|text| text.trim().to_owned())
            .unwrap_or_else(|err| format!("({path}: {err})"))
    };
    let tasks = match std::fs::read_dir(format!("/proc/{pid}/task")) {
        Ok(tasks) => tasks,
        Err(err) => return format!("  (no /proc/{pid}/task: {err})"),
    };
    let mut lines: Vec<String> = tasks
        .filter_map(Result::ok)
        .map(|task| {
            let dir = task.path().display().to_string();
            let stat = read(format!("{dir}/stat"));
            // The state is the field after the parenthesised name.
            let state = stat
                .rsplit_once(") ")
                .map(|(_, rest)| rest.split(' ').next().unwrap_or("?").to_owned())
                .unwrap_or(stat);
            format!(
                "  {} {:?} state {state} wchan {} syscall {}",
                task.file_name().to_string_lossy(),
                read(format!("{dir}/comm")),
                read(format!("{dir}/wchan")),
                read(format!("{dir}/syscall")),
            )
        })
        .collect();
    lines.sort();
    lines.join("\n")
}
