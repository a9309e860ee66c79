//! The ledger's writes of job records: the claim (once per id) and each stage after it.

use redb::{ReadableTable, WriteTransaction};

use super::redb_ledger::{BY_SOURCE, JOBS, UNFINISHED};
use super::{Claim, Ledger, LedgerError, Stage, VaultJob};

impl Ledger {
    /// Claims `job` in one transaction: a job with its id already in the ledger is `Known`
    /// (and nothing is written); otherwise the record is stored, its inbox name points at it,
    /// and it is `New`. Durable when this returns.
    pub fn claim(&self, job: &VaultJob) -> Result<Claim, LedgerError> {
        let json = self.encode(job)?;
        let transaction = self.database.begin_write().map_err(self.database())?;
        let known = self.stored(&transaction, &job.id)?;
        if let Some(known) = known {
            transaction.abort().map_err(self.database())?;
            return Ok(Claim::Known(known));
        }
        {
            let mut jobs = transaction.open_table(JOBS).map_err(self.database())?;
            jobs.insert(job.id.as_str(), json.as_str())
                .map_err(self.database())?;
            let mut by_source = transaction.open_table(BY_SOURCE).map_err(self.database())?;
            by_source
                .insert(job.source_name.as_str(), job.id.as_str())
                .map_err(self.database())?;
            if job.stage != Stage::Finished {
                let mut unfinished = transaction
                    .open_table(UNFINISHED)
                    .map_err(self.database())?;
                unfinished
                    .insert((job.claimed_at_ms, job.id.as_str()), ())
                    .map_err(self.database())?;
            }
        }
        transaction.commit().map_err(self.database())?;
        Ok(Claim::New)
    }

    /// Replaces the record of a claimed job. A stage lower than the stored one is refused (a
    /// bug guard: each stage's effect is done before the ledger says so, and never undone).
    /// `id`, `source_name` and `claimed_at_ms` are the claim's and stay as they were.
    pub fn advance(&self, job: &VaultJob) -> Result<(), LedgerError> {
        let json = self.encode(job)?;
        let transaction = self.database.begin_write().map_err(self.database())?;
        let Some(stored) = self.stored(&transaction, &job.id)? else {
            transaction.abort().map_err(self.database())?;
            return Err(LedgerError::Unknown {
                path: self.path.clone(),
                id: job.id.clone(),
            });
        };
        if job.stage < stored.stage {
            transaction.abort().map_err(self.database())?;
            return Err(LedgerError::StageBackwards {
                path: self.path.clone(),
                id: job.id.clone(),
                stored: stored.stage,
                attempted: job.stage,
            });
        }
        {
            let mut jobs = transaction.open_table(JOBS).map_err(self.database())?;
            jobs.insert(job.id.as_str(), json.as_str())
                .map_err(self.database())?;
            let mut unfinished = transaction
                .open_table(UNFINISHED)
                .map_err(self.database())?;
            unfinished
                .remove((stored.claimed_at_ms, job.id.as_str()))
                .map_err(self.database())?;
            if job.stage != Stage::Finished {
                unfinished
                    .insert((job.claimed_at_ms, job.id.as_str()), ())
                    .map_err(self.database())?;
            }
        }
        transaction.commit().map_err(self.database())?;
        Ok(())
    }

    /// The stored record of `id`, read inside a write transaction.
    fn stored(
        &self,
        transaction: &WriteTransaction,
        id: &str,
    ) -> Result<Option<VaultJob>, LedgerError> {
        let jobs = transaction.open_table(JOBS).map_err(self.database())?;
        let found = jobs.get(id).map_err(self.database())?;
        found.map(|json| self.decode(id, json.value())).transpose()
    }
}

#[cfg(test)]
mod tests;
