//! A rename that never replaces: `renameat2(RENAME_NOREPLACE)`, and where the filesystem does
//! not support that flag (some network and FUSE filesystems), a hard link (which fails on an
//! existing name too) followed by removing the old name.

use std::io::ErrorKind;
use std::path::Path;

use rustix::fs::{CWD, RenameFlags, renameat_with};
use rustix::io::Errno;

use super::Placed;

/// Renames `from` to `to` unless `to` exists (`AlreadyThere`) or `from` does not
/// (`SourceGone`). Does not fsync.
pub fn rename(from: &Path, to: &Path) -> std::io::Result<Placed> {
    match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
        Ok(()) => Ok(Placed::Placed),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => link_then_unlink(from, to),
        Err(errno) => explain(from, std::io::Error::from(errno)),
    }
}

/// The fallback: `link` refuses an existing `to` like `RENAME_NOREPLACE` does; for a moment
/// the note has both names, which the ledger (not the file's place) makes harmless.
pub fn link_then_unlink(from: &Path, to: &Path) -> std::io::Result<Placed> {
    if let Err(error) = std::fs::hard_link(from, to) {
        return explain(from, error);
    }
    match std::fs::remove_file(from) {
        Err(error) if error.kind() != ErrorKind::NotFound => Err(error),
        _ => Ok(Placed::Placed),
    }
}

/// An existing target is `AlreadyThere`; a missing source is `SourceGone` (a missing target
/// folder gives the same errno, so the source is looked at); anything else is an error.
fn explain(from: &Path, error: std::io::Error) -> std::io::Result<Placed> {
    match error.kind() {
        ErrorKind::AlreadyExists => Ok(Placed::AlreadyThere),
        ErrorKind::NotFound if std::fs::symlink_metadata(from).is_err() => Ok(Placed::SourceGone),
        _ => Err(error),
    }
}
