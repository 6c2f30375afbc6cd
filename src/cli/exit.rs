//! How a command ends when the world goes away under it: the reader of a pipe closed
//! (`millectl audit | head -1`: success, silently, like the rest of the pipeline), or
//! the person pressed Ctrl-C (exit 130 with one line, not a stack of errors).

use std::io;

use super::errors;

/// Whether `err` is, anywhere in its chain, a write to a pipe whose reader is gone.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        if let Some(io) = cause.downcast_ref::<io::Error>() {
            return io.kind() == io::ErrorKind::BrokenPipe;
        }
        if let Some(json) = cause.downcast_ref::<serde_json::Error>() {
            return json.io_error_kind() == Some(io::ErrorKind::BrokenPipe);
        }
        if let Some(csv) = cause.downcast_ref::<csv::Error>() {
            return matches!(csv.kind(), csv::ErrorKind::Io(e) if e.kind() == io::ErrorKind::BrokenPipe);
        }
        false
    })
}

/// From now on, Ctrl-C ends the process with exit 130 and the one line
/// `millectl: interrupted`, whatever it was waiting on (a request, a listing, a prompt
/// blocking the main thread: the watcher runs on a runtime worker). A terminal whose
/// echo a password prompt turned off gets its settings back first.
///
/// The handler is in place when this returns, not when a worker first gets to the
/// watcher: a Ctrl-C right after the first prompt appears must not find SIGINT's
/// default action (the process killed, no line, the terminal left without echo).
pub fn interrupt_on_ctrl_c(runtime: &tokio::runtime::Runtime) {
    let _ = TERMINAL.set(TerminalState::save());
    let _context = runtime.enter();
    let mut ctrl_c = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())
    {
        Ok(stream) => stream,
        // No handler could be installed: Ctrl-C keeps its default action.
        Err(_) => return,
    };
    runtime.spawn(async move {
        if ctrl_c.recv().await.is_some() {
            interrupted();
        }
    });
}

/// The terminal's settings before any prompt changed them.
static TERMINAL: std::sync::OnceLock<TerminalState> = std::sync::OnceLock::new();
/// Held by the one thread that prints the line and exits.
static EXITING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// End the process as interrupted: the terminal restored, one line, exit 130. Called
/// by the Ctrl-C watcher and by `main` when a prompt's read was cut by the signal
/// (EINTR), whichever comes first; the other waits here until the process ends.
pub fn interrupted() -> ! {
    let _guard = EXITING.lock();
    if let Some(terminal) = TERMINAL.get() {
        terminal.restore();
    }
    eprintln!("millectl: interrupted");
    std::process::exit(i32::from(errors::INTERRUPTED));
}

/// Whether `err` is a blocking read cut by a signal (Ctrl-C at a prompt).
pub fn is_interrupted(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        if let Some(io) = cause.downcast_ref::<io::Error>() {
            return io.kind() == io::ErrorKind::Interrupted;
        }
        if let Some(dialoguer::Error::IO(io)) = cause.downcast_ref::<dialoguer::Error>() {
            return io.kind() == io::ErrorKind::Interrupted;
        }
        false
    })
}

/// The settings of the terminal on stdin, if it is one.
struct TerminalState(Option<libc::termios>);

impl TerminalState {
    fn save() -> Self {
        // SAFETY: tcgetattr writes a termios into memory we own; on failure (stdin is
        // not a terminal) nothing is kept.
        unsafe {
            let mut state: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(libc::STDIN_FILENO, &mut state) == 0 {
                Self(Some(state))
            } else {
                Self(None)
            }
        }
    }

    fn restore(&self) {
        if let Some(state) = &self.0 {
            // SAFETY: the termios came from tcgetattr on the same descriptor.
            unsafe {
                libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, state);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_pipe_is_found_anywhere_in_the_chain() {
        let err = anyhow::Error::new(io::Error::from(io::ErrorKind::BrokenPipe))
            .context("writing the list");
        assert!(is_broken_pipe(&err));
        let json = serde_json::Error::io(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(is_broken_pipe(&anyhow::Error::new(json)));
        let other = anyhow::Error::new(io::Error::from(io::ErrorKind::PermissionDenied));
        assert!(!is_broken_pipe(&other));
    }
}
