//! The ledger's file (`vault.redb` under the worker's data dir) and its reads: job records
//! as JSON by id, the last job claimed from each inbox name, the unfinished jobs by claim
//! time (so a restart never scans the finished ones) and the conflict copies handled.

use std::path::Path;

use redb::{
    Database, ReadTransaction, ReadableDatabase, ReadableTable, ReadableTableMetadata,
    TableDefinition,
};

use super::{LedgerCounts, LedgerError, VaultJob};

/// Job id -> the `VaultJob` as JSON.
pub(super) const JOBS: TableDefinition<&str, &str> = TableDefinition::new("jobs");
/// Inbox file name -> the id of the last job claimed from it.
pub(super) const BY_SOURCE: TableDefinition<&str, &str> = TableDefinition::new("by_source");
/// (claimed at ms, job id) of every job not `Finished`: oldest claim first.
pub(super) const UNFINISHED: TableDefinition<(i64, &str), ()> = TableDefinition::new("unfinished");
/// (inbox file name, content hash) of a conflict copy moved away -> when it was moved.
pub(super) const CONFLICTS: TableDefinition<(&str, &str), i64> =
    TableDefinition::new("conflicts_handled");

/// The vault worker's durable ledger. Every write is one redb transaction, durable when the
/// call returns.
#[derive(Debug)]
pub struct Ledger {
    pub(super) database: Database,
    /// The file, for error messages.
    pub(super) path: String,
}

impl Ledger {
    /// Opens (or creates) `vault.redb` in `data_dir`, creating the directory when missing.
    pub fn open(data_dir: &Path) -> Result<Ledger, LedgerError> {
        let database = datafile::open_redb(data_dir, "vault.redb", |transaction| {
            transaction.open_table(JOBS)?;
            transaction.open_table(BY_SOURCE)?;
            transaction.open_table(UNFINISHED)?;
            transaction.open_table(CONFLICTS)?;
            Ok(())
        })
        .map_err(|error| match error.source {
            redb::Error::DatabaseAlreadyOpen => LedgerError::InUse { path: error.path },
            source => LedgerError::Open {
                path: error.path,
                source,
            },
        })?;
        let path = data_dir.join("vault.redb").display().to_string();
        Ok(Ledger { database, path })
    }

    /// The job with this id.
    pub fn get(&self, id: &str) -> Result<Option<VaultJob>, LedgerError> {
        let transaction = self.begin_read()?;
        self.job_in(&transaction, id)
    }

    /// The last job claimed from the inbox file `source_name`.
    pub fn by_source(&self, source_name: &str) -> Result<Option<VaultJob>, LedgerError> {
        let transaction = self.begin_read()?;
        let table = transaction.open_table(BY_SOURCE).map_err(self.database())?;
        let Some(id) = table.get(source_name).map_err(self.database())? else {
            return Ok(None);
        };
        // Records are never removed, so the id always names one.
        self.job_in(&transaction, id.value())
    }

    /// Every job not `Finished`, oldest claim first: what a restart has left to do.
    pub fn unfinished(&self) -> Result<Vec<VaultJob>, LedgerError> {
        let transaction = self.begin_read()?;
        let table = transaction
            .open_table(UNFINISHED)
            .map_err(self.database())?;
        let mut jobs = Vec::new();
        for entry in table.iter().map_err(self.database())? {
            let (key, _) = entry.map_err(self.database())?;
            let (_, id) = key.value();
            jobs.extend(self.job_in(&transaction, id)?);
        }
        Ok(jobs)
    }

    /// How many jobs are unfinished and finished (table lengths: cheap at any size).
    pub fn counts(&self) -> Result<LedgerCounts, LedgerError> {
        let transaction = self.begin_read()?;
        let jobs = transaction.open_table(JOBS).map_err(self.database())?;
        let unfinished = transaction
            .open_table(UNFINISHED)
            .map_err(self.database())?;
        let unfinished = unfinished.len().map_err(self.database())?;
        let all = jobs.len().map_err(self.database())?;
        Ok(LedgerCounts {
            unfinished,
            finished: all.saturating_sub(unfinished),
        })
    }

    pub(super) fn begin_read(&self) -> Result<ReadTransaction, LedgerError> {
        self.database.begin_read().map_err(self.database())
    }

    fn job_in(
        &self,
        transaction: &ReadTransaction,
        id: &str,
    ) -> Result<Option<VaultJob>, LedgerError> {
        let table = transaction.open_table(JOBS).map_err(self.database())?;
        let found = table.get(id).map_err(self.database())?;
        found.map(|json| self.decode(id, json.value())).transpose()
    }

    /// A redb failure, naming the file.
    pub(super) fn database<E: Into<redb::Error>>(&self) -> impl FnOnce(E) -> LedgerError + '_ {
        |source| LedgerError::Database {
            path: self.path.clone(),
            source: source.into(),
        }
    }

    pub(super) fn decode(&self, id: &str, json: &str) -> Result<VaultJob, LedgerError> {
        serde_json::from_str(json).map_err(|source| LedgerError::Corrupt {
            path: self.path.clone(),
            id: id.to_owned(),
            source,
        })
    }

    pub(super) fn encode(&self, job: &VaultJob) -> Result<String, LedgerError> {
        serde_json::to_string(job).map_err(|source| LedgerError::Encode {
            path: self.path.clone(),
            id: job.id.clone(),
            source,
        })
    }
}

#[cfg(test)]
mod tests;
