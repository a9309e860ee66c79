//! Reading the vault: which files are notes, each note parsed into properties, tags, links and
//! chunks, link targets resolved to notes as Obsidian resolves them, and what a note states
//! as graph facts.
//!
//! PLACEHOLDER SHAPE (replaced by the vault reader): the signatures below are the contract the
//! sync pipeline uses.

use std::path::{Path, PathBuf};

use crate::ChunkId;
use crate::graph::NoteFacts;
use crate::note::{ChunkDraft, ParsedNote};

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

/// Every note of the vault at `root`, in path order.
pub fn list_notes(root: &Path) -> Result<Vec<VaultFile>, VaultError> {
    if !root.is_dir() {
        return Err(VaultError::Missing(root.to_owned()));
    }
    Ok(Vec::new())
}

/// Parses one note's bytes.
pub fn read_note(file: &VaultFile, bytes: &[u8]) -> Result<ParsedNote, Skipped> {
    let text = std::str::from_utf8(bytes).map_err(|error| Skipped::NotUtf8 {
        at: error.valid_up_to(),
    })?;
    let title = file.path.trim_end_matches(".md").to_owned();
    let lines = u32::try_from(text.lines().count()).unwrap_or(u32::MAX);
    Ok(ParsedNote {
        path: file.path.clone(),
        title: title.clone(),
        content_hash: String::new(),
        modified_ms: file.modified_ms,
        date_ms: None,
        aliases: Vec::new(),
        properties: Vec::new(),
        tags: Vec::new(),
        links: Vec::new(),
        chunks: vec![ChunkDraft {
            id: ChunkId::of(&file.path, 0, text),
            ordinal: 0,
            headings: Vec::new(),
            text: format!("{title}\n{text}"),
            line_start: 1,
            line_end: lines.max(1),
        }],
        warnings: Vec::new(),
    })
}

/// Resolves link targets to note paths as Obsidian does (exact path, then the unique file
/// name, then an alias).
#[derive(Debug, Default, Clone)]
pub struct LinkResolver {}

impl LinkResolver {
    /// From every note's path and aliases.
    pub fn new<'a>(_notes: impl IntoIterator<Item = (&'a str, &'a [String])>) -> Self {
        Self {}
    }

    /// The note path `target` names, if any.
    pub fn resolve(&self, _target: &str) -> Option<String> {
        None
    }
}

/// What `note` states, as graph edges (links and embeds resolved, tags, properties, folder,
/// date).
pub fn note_facts(note: &ParsedNote, _resolver: &LinkResolver) -> NoteFacts {
    NoteFacts {
        note: note.path.clone(),
        title: note.title.clone(),
        edges: Vec::new(),
    }
}
