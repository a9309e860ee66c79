//! Which file names in `inbox/` may ever be job notes: never dot-files (Syncthing's
//! `.syncthing.*.tmp`, the worker's own `.runner-tmp-*`), Windows Syncthing temp files
//! (`~syncthing~*`), or anything but `.md`; `*.sync-conflict-*` copies are never run but are
//! surfaced in `conflicts/`.

/// The prefix of every temp file the worker writes (dot-prefixed: Obsidian hides it and a
/// `.stignore` line `(?d).runner-tmp-*` keeps Syncthing from shipping it).
pub const TEMP_PREFIX: &str = ".runner-tmp-";

/// What a file name in `inbox/` is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameKind {
    /// A markdown note that may be a job.
    Candidate,
    /// A Syncthing conflict copy (`why-sky.sync-conflict-20261202-170525-DRYE65A.md`): never
    /// run, moved to `conflicts/` once settled.
    SyncConflict,
    /// Never looked at again, with why (for the debug log).
    Ignored(&'static str),
}
