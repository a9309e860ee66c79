//! Reading the vault: which files are notes, each note parsed into properties, tags, links and
//! chunks, link targets resolved to notes as Obsidian resolves them, and what a note states
//! as graph facts. The sync pipeline calls [`list_notes`], then [`read_note`] for each file
//! whose size and hash say it changed, then [`note_facts`] with a [`LinkResolver`] built from
//! every note.

mod blocks;
mod chunk;
mod dates;
mod facts;
mod frontmatter;
mod inline_code;
mod lines;
mod links;
mod list;
mod nesting;
mod percent;
mod read;
mod resolve;
mod tags;
mod yaml_values;

use std::path::PathBuf;

pub use chunk::{MAX_CHARS as MAX_CHUNK_CHARS, MAX_CODE_CHARS as MAX_CHUNK_CODE_CHARS};
pub use facts::note_facts;
pub use list::list_notes;
pub use read::read_note;
pub use resolve::LinkResolver;

/// Notes larger than this are skipped with a reason, not read.
pub const MAX_NOTE_BYTES: u64 = 4 * 1024 * 1024;

/// A markdown file of the vault, before it is read.
#[derive(Debug, Clone, PartialEq)]
pub struct VaultFile {
    /// Vault-relative, `/`-separated.
    pub path: String,
    pub absolute: PathBuf,
    pub modified_ms: i64,
    pub bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("the vault {0} does not exist or is not a directory")]
    Missing(PathBuf),
    #[error("the vault {path} could not be read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Why a file was not indexed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Skipped {
    #[error("not UTF-8 at byte {at}")]
    NotUtf8 { at: usize },
    #[error("larger than {limit} bytes ({bytes})")]
    TooLarge { bytes: u64, limit: u64 },
}

#[cfg(test)]
mod tests;
