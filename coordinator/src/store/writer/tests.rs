//! The writer on a store whose disk is full: nobody is told a record is durable when it is
//! not, and the writer ends with the reason instead of carrying on.

use std::sync::Arc;

use proto::v1::{Job, UsageReport};

use super::StoreWriter;
use crate::store::{JobFilter, JobStore, StoreError};
use crate::usage::UsageQuery;

/// A store whose every write fails the way a full disk does.
struct FullDiskJobStore;

impl JobStore for FullDiskJobStore {
    fn put_all(&self, _jobs: &[Job]) -> Result<(), StoreError> {
        let full = std::io::Error::from_raw_os_error(28);
        Err(StoreError::Database(redb::Error::Io(full)))
    }
    fn get(&self, _id: &str) -> Result<Option<Job>, StoreError> {
        Ok(None)
    }
    fn job_with_key(&self, _key: &str) -> Result<Option<Job>, StoreError> {
        Ok(None)
    }
    fn ids_with_prefix(&self, _prefix: &str, _limit: usize) -> Result<Vec<String>, StoreError> {
        Ok(Vec::new())
    }
    fn list(&self, _filter: &JobFilter) -> Result<Vec<Job>, StoreError> {
        Ok(Vec::new())
    }
    fn unfinished(&self) -> Result<Vec<Job>, StoreError> {
        Ok(Vec::new())
    }
    fn usage(&self, _query: &UsageQuery) -> Result<UsageReport, StoreError> {
        Ok(UsageReport::default())
    }
}

fn job(id: &str) -> Job {
    Job {
        id: id.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_failed_commit_tells_the_submitter_and_ends_the_writer_with_the_reason() {
    let (writer, handle) = StoreWriter::start(Arc::new(FullDiskJobStore));
    let (durable, answer) = tokio::sync::oneshot::channel();
    writer.write(job("F1"), Some(durable));
    let told = answer.await.unwrap().unwrap_err();
    assert!(told.contains("No space left on device"), "{told}");
    assert!(told.contains("free space"), "{told}");
    let ended = handle.await.unwrap().unwrap_err();
    assert_eq!(ended.records, 1);
    assert!(
        ended.to_string().contains("restart the coordinator"),
        "{ended}"
    );
    // Later records fail at once: a submitter waiting on one hears that it was not stored.
    let (durable, answer) = tokio::sync::oneshot::channel();
    writer.write(job("F2"), Some(durable));
    assert!(
        answer.await.is_err(),
        "a record after the failure was reported durable"
    );
}

#[tokio::test]
async fn a_barrier_is_told_once_every_record_before_it_is_stored() {
    let store = Arc::new(crate::store::MemoryJobStore::default());
    let (writer, handle) = StoreWriter::start(store.clone());
    for index in 0..50 {
        writer.write(job(&format!("W{index:02}")), None);
    }
    let (durable, answer) = tokio::sync::oneshot::channel();
    writer.after_pending(durable);
    answer.await.unwrap().unwrap();
    assert!(
        store.get("W49").unwrap().is_some(),
        "the last record before the barrier"
    );
    // A barrier with nothing before it is answered too.
    let (durable, answer) = tokio::sync::oneshot::channel();
    writer.after_pending(durable);
    answer.await.unwrap().unwrap();
    drop(writer);
    handle.await.unwrap().unwrap();
}

#[tokio::test]
async fn a_barrier_behind_a_failed_commit_hears_it_failed() {
    let (writer, handle) = StoreWriter::start(Arc::new(FullDiskJobStore));
    writer.write(job("F1"), None);
    let (durable, answer) = tokio::sync::oneshot::channel();
    writer.after_pending(durable);
    // Told the reason when it was in the failed batch or still queued; dropped once the
    // writer had stopped: never told it is durable.
    assert!(!matches!(answer.await, Ok(Ok(()))));
    assert!(handle.await.unwrap().is_err());
}
