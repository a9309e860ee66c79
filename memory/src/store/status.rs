//! What `runner memory status` shows about the embedded file: counts, size, last sync.

use rusqlite::{Connection, OptionalExtension, params};

use super::{MemoryDb, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoreStatus {
    /// Notes in the vault as last synced.
    pub notes: u64,
    /// Notes that left the vault (kept for "as of" queries).
    pub deleted_notes: u64,
    pub chunks: u64,
    pub chunks_embedded: u64,
    pub chunks_pending: u64,
    /// The file with its write-ahead log.
    pub file_bytes: u64,
    /// When the last sync ended; `None`: never.
    pub last_sync_ms: Option<i64>,
}

fn count(conn: &Connection, sql: &str) -> Result<u64, StoreError> {
    let n: i64 = conn.query_row(sql, [], |row| row.get(0))?;
    Ok(u64::try_from(n).unwrap_or_default())
}

impl MemoryDb {
    pub fn status(&self) -> Result<StoreStatus, StoreError> {
        let mut status = self.with(|conn| {
            Ok(StoreStatus {
                notes: count(conn, "SELECT count(*) FROM notes WHERE deleted_ms IS NULL")?,
                deleted_notes: count(
                    conn,
                    "SELECT count(*) FROM notes WHERE deleted_ms IS NOT NULL",
                )?,
                chunks: count(conn, "SELECT count(*) FROM chunks")?,
                chunks_embedded: count(
                    conn,
                    "SELECT count(*) FROM chunks WHERE embedded IS NOT NULL",
                )?,
                chunks_pending: count(conn, "SELECT count(*) FROM chunks WHERE embedded IS NULL")?,
                file_bytes: 0,
                last_sync_ms: meta(conn, "last_sync_ms")?.and_then(|ms| ms.parse().ok()),
            })
        })?;
        let mut wal = self.path().as_os_str().to_owned();
        wal.push("-wal");
        status.file_bytes = [self.path().as_os_str().to_owned(), wal]
            .iter()
            .filter_map(|file| std::fs::metadata(file).ok())
            .map(|metadata| metadata.len())
            .sum();
        Ok(status)
    }

    /// Records when a sync ended.
    pub fn set_last_sync(&self, at_ms: i64) -> Result<(), StoreError> {
        self.with(|conn| set_meta(conn, "last_sync_ms", &at_ms.to_string()))
    }
}

pub(super) fn meta(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
            row.get(0)
        })
        .optional()?)
}

pub(super) fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
        params![key, value],
    )?;
    Ok(())
}
