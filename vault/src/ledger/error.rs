//! Why the ledger could not do what was asked, each naming the ledger's file.

use super::Stage;

#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error("vault ledger at {path}: {source}")]
    Open {
        path: String,
        #[source]
        source: redb::Error,
    },
    /// Another process (most likely a second worker on the same data dir) holds the file.
    #[error(
        "vault ledger at {path} is in use by another worker; stop it, or give this one another data_dir"
    )]
    InUse { path: String },
    #[error("vault ledger at {path}: {source}")]
    Database {
        path: String,
        #[source]
        source: redb::Error,
    },
    #[error("vault ledger at {path} holds an unreadable record for {id}: {source}")]
    Corrupt {
        path: String,
        id: String,
        #[source]
        source: serde_json::Error,
    },
    #[error("vault ledger at {path} could not encode the record for {id}: {source}")]
    Encode {
        path: String,
        id: String,
        #[source]
        source: serde_json::Error,
    },
    /// `advance` of a job never claimed: a bug in the worker.
    #[error(
        "vault ledger at {path} has no job {id} to advance (a bug in the worker: claim it first)"
    )]
    Unknown { path: String, id: String },
    /// `advance` to an earlier stage than the stored one: a bug in the worker.
    #[error(
        "vault ledger at {path}: refusing to move job {id} back from stage {stored:?} to {attempted:?} \
         (a bug in the worker; the record is unchanged)"
    )]
    StageBackwards {
        path: String,
        id: String,
        stored: Stage,
        attempted: Stage,
    },
}
