//! A chunk's id: derived from its note, place and text, so re-reading an unchanged note gives
//! the same ids (idempotent re-ingest) and every store (SQLite, Qdrant) keys it the same way.

use sha2::{Digest, Sha256};

/// Fits SQLite's signed 64-bit integer keys and Qdrant's unsigned point ids alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChunkId(pub u64);

impl ChunkId {
    /// The id of the `ordinal`-th chunk of `note` (a vault path) holding `text`.
    pub fn of(note: &str, ordinal: u32, text: &str) -> Self {
        let mut hash = Sha256::new();
        hash.update(note.as_bytes());
        hash.update([0]);
        hash.update(ordinal.to_le_bytes());
        hash.update(text.as_bytes());
        let digest = hash.finalize();
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&digest[..8]);
        // The top bit cleared: positive as an SQLite INTEGER.
        Self(u64::from_le_bytes(bytes) & (u64::MAX >> 1))
    }

    /// As SQLite stores it.
    pub fn as_i64(self) -> i64 {
        i64::try_from(self.0).unwrap_or(i64::MAX)
    }
}

#[cfg(test)]
mod tests;
