//! The SQLite file itself: opening it (WAL, `synchronous=NORMAL`, schema checked or created)
//! and the one connection every part of the store shares behind a mutex. Callers are on blocking
//! threads (`tokio::task::spawn_blocking`).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rusqlite::Connection;

use super::{schema, vec_extension};

/// The embedded memory store: cheap to clone, every clone the same connection.
#[derive(Clone)]
pub struct MemoryDb {
    conn: Arc<Mutex<Connection>>,
    path: PathBuf,
}

impl std::fmt::Debug for MemoryDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryDb")
            .field("path", &self.path)
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the memory store {path} could not be opened: {reason}")]
    Open { path: PathBuf, reason: String },
    #[error(
        "the memory store {path} has schema version {found}, but this runner knows versions up to {known}: upgrade the runner, or delete the file and sync again to rebuild it"
    )]
    Schema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("the memory store failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the memory store holds a malformed {what}: {reason}")]
    Corrupt { what: &'static str, reason: String },
}

impl MemoryDb {
    /// Opens (or creates) the store at `path`, creating the schema or migrating an older one;
    /// refuses a file from a newer runner.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let open_error = |reason: String| StoreError::Open {
            path: path.to_owned(),
            reason,
        };
        vec_extension::register().map_err(open_error)?;
        let mut conn = Connection::open(path).map_err(|error| open_error(error.to_string()))?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(open_error(format!("journal mode {mode}, not WAL")));
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        schema::migrate(&mut conn, path)?;
        tracing::debug!(path = %path.display(), "memory store opened");
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
            path: path.to_owned(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// "embedded (/var/lib/…/memory.sqlite)".
    pub fn describe(&self) -> String {
        format!("embedded ({})", self.path.display())
    }

    /// Runs `f` on the connection (a panic elsewhere does not make the store unusable).
    pub(crate) fn with<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut conn)
    }
}
