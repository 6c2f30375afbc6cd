//! Secrets handed over in the environment (`MILLECTL_PEPPER`, `MILLECTL_PKCS11_PIN`)
//! are taken out of it as the process starts: read once, kept in zeroize-on-drop
//! memory, and removed from the environment so no child process, `/proc/<pid>/environ`
//! reader of a later moment or crash reporter sees them.
//!
//! Removal happens in [`take_all`], called first thing in `main`, while the process
//! has one thread: changing the environment while other threads may read it is
//! undefined behaviour in C's `getenv`, which is why it is done before the runtime
//! starts and never again.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use zeroize::Zeroizing;

/// The variables that hold secrets.
pub const SECRET_VARIABLES: &[&str] = &["MILLECTL_PEPPER", "MILLECTL_PKCS11_PIN"];

static TAKEN: OnceLock<Mutex<HashMap<&'static str, Zeroizing<String>>>> = OnceLock::new();

/// Move every secret variable out of the environment. Call once, before any thread
/// is started; later calls find nothing left to take.
pub fn take_all() {
    let taken = TAKEN.get_or_init(Mutex::default);
    let Ok(mut taken) = taken.lock() else {
        return;
    };
    for &name in SECRET_VARIABLES {
        if let Some(value) = std::env::var_os(name) {
            // Not Unicode: no pepper or PIN; kept as lossy text, refused when parsed.
            let text = Zeroizing::new(value.to_string_lossy().into_owned());
            let mut value = value.into_encoded_bytes();
            zeroize::Zeroize::zeroize(&mut value);
            wipe_in_place(name);
            std::env::remove_var(name);
            taken.insert(name, text);
        }
    }
}

/// The value a secret variable had at start (once: it is handed over, not copied).
/// Only the server takes one (a helpdesk build wipes them all the same).
#[cfg(feature = "server")]
pub fn take(name: &'static str) -> Option<Zeroizing<String>> {
    TAKEN.get()?.lock().ok()?.remove(name)
}

/// Overwrite the variable's value where the kernel put it. `remove_var` only unlinks
/// the entry from `environ`; the bytes stay in the process's initial stack, which
/// `/proc/<pid>/environ` shows to the same user for the whole life of the process.
#[cfg(unix)]
fn wipe_in_place(name: &str) {
    let Ok(name) = std::ffi::CString::new(name) else {
        return;
    };
    // SAFETY: one thread runs (see the module docs), so nothing reads or changes the
    // environment meanwhile; `getenv` returns NULL or a pointer to the value's
    // NUL-terminated bytes, all of which (up to, not including, the NUL) we overwrite
    // with 'x' so the block's layout and every other variable stay as they were.
    unsafe {
        let value = libc::getenv(name.as_ptr());
        if !value.is_null() {
            let length = libc::strlen(value);
            std::ptr::write_bytes(value.cast::<u8>(), b'x', length);
        }
    }
}

#[cfg(not(unix))]
fn wipe_in_place(_name: &str) {}
