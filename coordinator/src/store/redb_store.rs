//! The durable job store: one redb file under `data_dir`, job id -> protobuf-encoded `Job`,
//! with the usage ledger's tables beside the jobs, written in the same transactions.

use std::path::Path;

use prost::Message;
use proto::v1::{Job, UsageReport};
use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};

use super::ledger::{RedbLedgerRead, RedbLedgerWrite, create_ledger_tables, record};
use super::{JobFilter, JobStore, StoreError, is_terminal};
use crate::usage::{UsageQuery, usage_report};

const JOBS: TableDefinition<&str, &[u8]> = TableDefinition::new("jobs");
/// Idempotency key -> the id of the first job written with it (`JobStore::job_with_key`).
const JOBS_BY_IDEMPOTENCY_KEY: TableDefinition<&str, &str> =
    TableDefinition::new("jobs_by_idempotency_key");

#[derive(Debug)]
pub struct RedbJobStore {
    database: Database,
}

impl RedbJobStore {
    /// Opens (or creates) `jobs.redb` in `data_dir`, creating the directory when missing.
    pub fn open(data_dir: &Path) -> Result<Self, StoreError> {
        let database = datafile::open_redb(data_dir, "jobs.redb", |transaction| {
            transaction.open_table(JOBS)?;
            transaction.open_table(JOBS_BY_IDEMPOTENCY_KEY)?;
            create_ledger_tables(transaction)
        })
        .map_err(|error| match error.source {
            redb::Error::DatabaseAlreadyOpen => StoreError::InUse { path: error.path },
            source => StoreError::Open {
                path: error.path,
                source,
            },
        })?;
        Ok(Self { database })
    }

    fn decode(id: &str, bytes: &[u8]) -> Result<Job, StoreError> {
        Job::decode(bytes).map_err(|source| StoreError::Corrupt {
            id: id.to_owned(),
            source,
        })
    }
}

impl JobStore for RedbJobStore {
    fn put_all(&self, jobs: &[Job]) -> Result<(), StoreError> {
        let transaction = self.database.begin_write().map_err(redb::Error::from)?;
        {
            let mut table = transaction.open_table(JOBS).map_err(redb::Error::from)?;
            let mut keys = transaction
                .open_table(JOBS_BY_IDEMPOTENCY_KEY)
                .map_err(redb::Error::from)?;
            let mut ledger = RedbLedgerWrite::open(&transaction)?;
            for job in jobs {
                record(&mut ledger, job)?;
                if let Some(key) = super::idempotency_key(job)
                    && keys.get(key).map_err(redb::Error::from)?.is_none()
                {
                    keys.insert(key, job.id.as_str())
                        .map_err(redb::Error::from)?;
                }
                table
                    .insert(job.id.as_str(), job.encode_to_vec().as_slice())
                    .map_err(redb::Error::from)?;
            }
        }
        transaction.commit().map_err(redb::Error::from)?;
        Ok(())
    }

    fn get(&self, id: &str) -> Result<Option<Job>, StoreError> {
        let transaction = self.database.begin_read().map_err(redb::Error::from)?;
        let table = transaction.open_table(JOBS).map_err(redb::Error::from)?;
        let found = table.get(id).map_err(redb::Error::from)?;
        found
            .map(|value| Self::decode(id, value.value()))
            .transpose()
    }

    fn job_with_key(&self, idempotency_key: &str) -> Result<Option<Job>, StoreError> {
        let transaction = self.database.begin_read().map_err(redb::Error::from)?;
        let keys = transaction
            .open_table(JOBS_BY_IDEMPOTENCY_KEY)
            .map_err(redb::Error::from)?;
        let Some(id) = keys.get(idempotency_key).map_err(redb::Error::from)? else {
            return Ok(None);
        };
        let table = transaction.open_table(JOBS).map_err(redb::Error::from)?;
        let id = id.value();
        let found = table.get(id).map_err(redb::Error::from)?;
        found
            .map(|value| Self::decode(id, value.value()))
            .transpose()
    }

    fn ids_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<String>, StoreError> {
        let transaction = self.database.begin_read().map_err(redb::Error::from)?;
        let table = transaction.open_table(JOBS).map_err(redb::Error::from)?;
        let mut ids = Vec::new();
        for entry in table.range(prefix..).map_err(redb::Error::from)? {
            let (key, _) = entry.map_err(redb::Error::from)?;
            let id = key.value();
            if !id.starts_with(prefix) || ids.len() >= limit {
                break;
            }
            ids.push(id.to_owned());
        }
        Ok(ids)
    }

    fn list(&self, filter: &JobFilter) -> Result<Vec<Job>, StoreError> {
        let transaction = self.database.begin_read().map_err(redb::Error::from)?;
        let table = transaction.open_table(JOBS).map_err(redb::Error::from)?;
        let range = match filter.before_id.as_deref() {
            Some(before) => table.range(..before),
            None => table.range::<&str>(..),
        }
        .map_err(redb::Error::from)?;
        let mut jobs = Vec::new();
        for entry in range.rev() {
            let (key, value) = entry.map_err(redb::Error::from)?;
            let job = Self::decode(key.value(), value.value())?;
            if filter.matches(&job) {
                jobs.push(job);
                if jobs.len() >= filter.limit {
                    break;
                }
            }
        }
        Ok(jobs)
    }

    fn usage(&self, query: &UsageQuery) -> Result<UsageReport, StoreError> {
        let transaction = self.database.begin_read().map_err(redb::Error::from)?;
        usage_report(query, &RedbLedgerRead::open(&transaction)?)
    }

    fn unfinished(&self) -> Result<Vec<Job>, StoreError> {
        let transaction = self.database.begin_read().map_err(redb::Error::from)?;
        let table = transaction.open_table(JOBS).map_err(redb::Error::from)?;
        let mut jobs = Vec::new();
        for entry in table.iter().map_err(redb::Error::from)? {
            let (key, value) = entry.map_err(redb::Error::from)?;
            let job = Self::decode(key.value(), value.value())?;
            if !is_terminal(job.state) {
                jobs.push(job);
            }
        }
        Ok(jobs)
    }
}

#[cfg(test)]
mod tests;
