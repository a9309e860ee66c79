//! Which files of the vault are notes: `.md` files, never in dot-folders (`.obsidian/`,
//! `.trash/`, `.stfolder/`), never dot-files, Syncthing temporary files or conflict copies;
//! symlinks are not followed. In path order.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use walkdir::{DirEntry, WalkDir};

use super::{VaultError, VaultFile};

/// Every note of the vault at `root`, in path order.
pub fn list_notes(root: &Path) -> Result<Vec<VaultFile>, VaultError> {
    if !root.is_dir() {
        return Err(VaultError::Missing(root.to_owned()));
    }
    let mut notes = Vec::new();
    let walk = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry));
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            // One unreadable folder or file deep in the vault costs only itself.
            Err(error) if error.depth() > 0 && root.is_dir() => {
                tracing::warn!(%error, "vault entry could not be read; skipped");
                continue;
            }
            Err(error) => return Err(read_error(root, error)),
        };
        if !entry.file_type().is_file() || !is_note(&entry) {
            continue;
        }
        let Ok(relative) = entry.path().strip_prefix(root) else {
            continue;
        };
        let Some(path) = vault_path(relative) else {
            tracing::warn!(file = %entry.path().display(), "note name is not UTF-8; skipped");
            continue;
        };
        let metadata = match entry.metadata() {
            Ok(metadata) => metadata,
            Err(error) => {
                tracing::warn!(%error, "note vanished or could not be read; skipped");
                continue;
            }
        };
        let modified_ms = metadata
            .modified()
            .ok()
            .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |since| {
                i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
            });
        notes.push(VaultFile {
            path,
            absolute: entry.path().to_owned(),
            modified_ms,
            bytes: metadata.len(),
        });
    }
    notes.sort_by(|left, right| left.path.cmp(&right.path));
    Ok(notes)
}

fn is_hidden(entry: &DirEntry) -> bool {
    entry
        .file_name()
        .to_str()
        .is_none_or(|name| name.starts_with('.'))
}

fn is_note(entry: &DirEntry) -> bool {
    let Some(name) = entry.file_name().to_str() else {
        return false;
    };
    let syncthing_temp = name.starts_with("~syncthing~") || name.starts_with(".syncthing.");
    name.ends_with(".md") && name.len() > 3 && !syncthing_temp && !name.contains(".sync-conflict-")
}

/// `Projects/AI governance.md`, `/`-separated on every platform.
fn vault_path(relative: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = relative
        .components()
        .map(|part| part.as_os_str().to_str())
        .collect();
    Some(parts?.join("/"))
}

/// A walk error at the root: the vault vanished, or it could not be read.
fn read_error(root: &Path, error: walkdir::Error) -> VaultError {
    if !root.is_dir() {
        return VaultError::Missing(root.to_owned());
    }
    let path: PathBuf = error.path().map_or_else(|| root.to_owned(), Path::to_owned);
    let source = error
        .into_io_error()
        .unwrap_or_else(|| std::io::Error::other("a symlink loop"));
    VaultError::Read { path, source }
}

#[cfg(test)]
mod tests;
