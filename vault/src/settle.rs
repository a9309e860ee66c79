//! A note is taken only once it has stopped changing for the settle time (Obsidian saves as
//! you type; Syncthing ships a save about every 10 s): same size, modification time and
//! content hash across the whole window. Pure: the caller passes the time.

/// What a file looked like at one look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub bytes: u64,
    pub modified_ms: i64,
    /// Hex SHA-256 of the content.
    pub sha256: String,
}

/// Whether a file has settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settling {
    Settled,
    /// Unchanged since `since_ms`; settled at `ready_at_ms` if nothing changes.
    Waiting {
        since_ms: i64,
        ready_at_ms: i64,
    },
}
