//! Listing and reading the vault: every note's bytes hashed and parsed (the graph and the link
//! resolver need every note), files too large or not UTF-8 skipped with the reason.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::report::SkippedNote;
use crate::note::ParsedNote;
use crate::vault::{self, MAX_NOTE_BYTES, Skipped, VaultError, VaultFile};

/// A note read from the vault now.
pub(super) struct ReadNote {
    pub parsed: ParsedNote,
    pub content: String,
    /// Hex SHA-256 of the file's bytes.
    pub hash: String,
}

pub(super) struct VaultScan {
    pub files: Vec<VaultFile>,
    pub notes: Vec<ReadNote>,
    pub skipped: Vec<SkippedNote>,
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn read_one(file: &VaultFile) -> Result<ReadNote, String> {
    if file.bytes > MAX_NOTE_BYTES {
        let skipped = Skipped::TooLarge {
            bytes: file.bytes,
            limit: MAX_NOTE_BYTES,
        };
        return Err(skipped.to_string());
    }
    let bytes = std::fs::read(&file.absolute).map_err(|error| format!("unreadable: {error}"))?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_NOTE_BYTES {
        let skipped = Skipped::TooLarge {
            bytes: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
            limit: MAX_NOTE_BYTES,
        };
        return Err(skipped.to_string());
    }
    let parsed = vault::read_note(file, &bytes).map_err(|skipped| skipped.to_string())?;
    let content = String::from_utf8_lossy(&bytes).into_owned();
    Ok(ReadNote {
        parsed,
        content,
        hash: hex_sha256(&bytes),
    })
}

/// Lists the vault at `root` and reads every note, calling `each` after each file.
pub(super) fn scan(
    root: &Path,
    mut each: impl FnMut(usize, usize),
) -> Result<VaultScan, VaultError> {
    let files = vault::list_notes(root)?;
    let mut notes = Vec::with_capacity(files.len());
    let mut skipped = Vec::new();
    for (done, file) in files.iter().enumerate() {
        match read_one(file) {
            Ok(note) => notes.push(note),
            Err(reason) => {
                tracing::warn!(note = %file.path, %reason, "note skipped");
                skipped.push(SkippedNote {
                    path: file.path.clone(),
                    reason,
                });
            }
        }
        each(done + 1, files.len());
    }
    Ok(VaultScan {
        files,
        notes,
        skipped,
    })
}
