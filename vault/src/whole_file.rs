//! Writes and moves that other readers (Obsidian, Syncthing) only ever see whole: a temp file
//! (`.runner-tmp-*`) in the destination folder, fsynced, renamed into place, and the folder
//! fsynced so the new name survives a power cut. Creating and moving never replace an
//! existing note (`renameat2(RENAME_NOREPLACE)`).

/// What a create-only write or a no-replace move found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    /// Done now.
    Placed,
    /// The destination already existed; nothing was changed.
    AlreadyThere,
    /// (Moves only) the source no longer exists.
    SourceGone,
}

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::names::TEMP_PREFIX;

mod no_replace;

/// Writes `bytes` as `dir/name`, replacing what is there; readers see the old or the new
/// content, never a part.
pub fn write_whole(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let temp = write_temp(dir, bytes)?;
    if let Err(error) = std::fs::rename(&temp, dir.join(name)) {
        remove_quietly(&temp);
        return Err(error);
    }
    sync_dir(dir)
}

/// Writes `bytes` as `dir/name` unless `name` exists: a second create of the same note keeps
/// the first content (`AlreadyThere`).
pub fn create_whole(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<Placed> {
    let temp = write_temp(dir, bytes)?;
    match no_replace::rename(&temp, &dir.join(name)) {
        Ok(Placed::Placed) => {
            sync_dir(dir)?;
            Ok(Placed::Placed)
        }
        Ok(Placed::AlreadyThere) => {
            remove_quietly(&temp);
            Ok(Placed::AlreadyThere)
        }
        Ok(Placed::SourceGone) => Err(std::io::Error::new(
            ErrorKind::NotFound,
            "the temp file disappeared before it was renamed: is another process sweeping this folder?",
        )),
        Err(error) => {
            remove_quietly(&temp);
            Err(error)
        }
    }
}

/// Moves `from` to `to` (same filesystem) unless `to` exists; `SourceGone` when `from` does
/// not exist. Both folders are fsynced after a move.
pub fn move_no_replace(from: &Path, to: &Path) -> std::io::Result<Placed> {
    let placed = no_replace::rename(from, to)?;
    if placed == Placed::Placed {
        let from_dir = parent_dir(from);
        let to_dir = parent_dir(to);
        sync_dir(&to_dir)?;
        if from_dir != to_dir {
            sync_dir(&from_dir)?;
        }
    }
    Ok(placed)
}

/// Removes `path` and fsyncs its folder; `false` when it was already gone.
pub fn remove_durably(path: &Path) -> std::io::Result<bool> {
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(error) if error.kind() == ErrorKind::NotFound => return Ok(false),
        Err(error) => return Err(error),
    }
    sync_dir(&parent_dir(path))?;
    Ok(true)
}

/// Removes the `.runner-tmp-*` files a crash left in `dir`; how many. Call it before this
/// process writes into `dir`: a temp file being written now would be removed too.
pub fn sweep_temp_files(dir: &Path) -> std::io::Result<usize> {
    let mut removed = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let is_temp = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with(TEMP_PREFIX));
        if !is_temp || !entry.file_type()?.is_file() {
            continue;
        }
        match std::fs::remove_file(entry.path()) {
            Ok(()) => removed += 1,
            Err(error) if error.kind() == ErrorKind::NotFound => {}
            Err(error) => return Err(error),
        }
    }
    if removed > 0 {
        sync_dir(dir)?;
    }
    Ok(removed)
}

/// A new temp file in `dir` holding `bytes`, fsynced; removed again if writing fails.
fn write_temp(dir: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let temp = dir.join(temp_name());
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if let Err(error) = written {
        drop(file);
        remove_quietly(&temp);
        return Err(error);
    }
    Ok(temp)
}

/// `.runner-tmp-<pid>-<counter>-<nanoseconds>`: unique within the process by the counter,
/// across processes by the pid, across pid reuse by the time (and `create_new` refuses a clash).
fn temp_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.subsec_nanos());
    format!("{TEMP_PREFIX}{}-{count}-{nanos}", std::process::id())
}

/// Best-effort removal of a temp file on an error path: the error being returned matters more,
/// and `sweep_temp_files` removes what is left at the next start.
fn remove_quietly(path: &Path) {
    if let Err(error) = std::fs::remove_file(path) {
        tracing::warn!(path = %path.display(), %error, "could not remove a temp file");
    }
}

/// The folder holding `path` (`.` for a bare name).
fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Makes `dir`'s entries durable (a rename is atomic at once but durable only after this).
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(test)]
mod tests;
