//! Registers the statically linked sqlite-vec (`vec0`, `vec_*`) with SQLite, once per process,
//! so every connection opened afterwards has it. The ONLY unsafe code of the crate: sqlite-vec
//! exports its C entry point as `fn()`, and `sqlite3_auto_extension` wants the three-argument
//! extension entry point; no safe API of rusqlite or sqlite-vec does this registration.
#![allow(unsafe_code)]

use std::os::raw::{c_char, c_int};
use std::sync::OnceLock;

use rusqlite::ffi;

type EntryPoint = unsafe extern "C" fn(
    *mut ffi::sqlite3,
    *mut *mut c_char,
    *const ffi::sqlite3_api_routines,
) -> c_int;

static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();

/// Makes `vec0` available to every connection opened after it; later calls return the first
/// call's outcome.
pub(super) fn register() -> Result<(), String> {
    REGISTERED
        .get_or_init(|| {
            // SAFETY: `sqlite3_vec_init` is sqlite-vec's C extension entry point, whose real
            // signature is `EntryPoint` (int (*)(sqlite3*, char**, const sqlite3_api_routines*));
            // the crate merely declares it without arguments. Both are `extern "C"` function
            // pointers of the same size, and SQLite calls it with exactly those arguments.
            let entry = unsafe {
                std::mem::transmute::<unsafe extern "C" fn(), EntryPoint>(
                    sqlite_vec::sqlite3_vec_init,
                )
            };
            // SAFETY: registers a static function pointer that lives for the whole process.
            let rc = unsafe { ffi::sqlite3_auto_extension(Some(entry)) };
            if rc == ffi::SQLITE_OK {
                Ok(())
            } else {
                Err(format!(
                    "registering sqlite-vec with SQLite failed (code {rc})"
                ))
            }
        })
        .clone()
}
