//! One contract, run against both stores.

use proto::v1::{Job, JobSpec, JobState};

use super::{JobFilter, JobStore, MemoryJobStore, RedbJobStore};
use crate::job_id::{JobIdError, resolve_job_id};

fn job(id: &str, model: &str, node: &str, state: JobState) -> Job {
    Job {
        id: id.to_owned(),
        spec: Some(JobSpec {
            model: model.to_owned(),
            ..Default::default()
        }),
        state: state as i32,
        node: node.to_owned(),
        ..Default::default()
    }
}

fn check_contract(store: &dyn JobStore) {
    store
        .put_all(&[
            job("A1", "gemma4:27b", "davas", JobState::Succeeded),
            job("A2", "qwen2.5:14b", "homelab", JobState::Running),
            job("A3", "gemma4:27b", "", JobState::Rejected),
            job("A4", "qwen2.5:14b", "contabo", JobState::Queued),
        ])
        .unwrap();
    assert_eq!(store.get("A2").unwrap().unwrap().node, "homelab");
    assert!(store.get("nope").unwrap().is_none());

    let all = JobFilter {
        limit: 10,
        ..Default::default()
    };
    let ids: Vec<String> = store
        .list(&all)
        .unwrap()
        .into_iter()
        .map(|job| job.id)
        .collect();
    assert_eq!(ids, ["A4", "A3", "A2", "A1"], "newest first");

    let gemma = JobFilter {
        model: Some("gemma4:27b".into()),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(store.list(&gemma).unwrap().len(), 2);
    let rejected = JobFilter {
        state: Some(JobState::Rejected),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(store.list(&rejected).unwrap()[0].id, "A3");
    let page = JobFilter {
        before_id: Some("A3".into()),
        limit: 1,
        ..Default::default()
    };
    assert_eq!(store.list(&page).unwrap()[0].id, "A2");
    let on_davas = JobFilter {
        node: Some("davas".into()),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(store.list(&on_davas).unwrap().len(), 1);

    let mut unfinished: Vec<String> = store
        .unfinished()
        .unwrap()
        .into_iter()
        .map(|job| job.id)
        .collect();
    unfinished.sort();
    assert_eq!(unfinished, ["A2", "A4"]);

    store
        .put_all(&[job("A2", "qwen2.5:14b", "homelab", JobState::Failed)])
        .unwrap();
    assert_eq!(
        store.get("A2").unwrap().unwrap().state,
        JobState::Failed as i32
    );
}

/// Prefixes are found by a range scan and resolved to one id, in any case.
fn check_prefix_contract(store: &dyn JobStore) {
    let ids = [
        "01KB3ZQ4T8ABCDEFGH00000000",
        "01KB3ZQ4T8ABCDEFGH00000001",
        "01KB3ZQ4T9ZZZZZZZZ00000000",
        "01KB3ZQ4TAZZZZZZZZ00000000",
    ];
    let jobs: Vec<Job> = ids
        .iter()
        .map(|id| job(id, "m", "n", JobState::Succeeded))
        .collect();
    store.put_all(&jobs).unwrap();
    assert_eq!(store.ids_with_prefix("01KB3ZQ4T8", 10).unwrap(), ids[..2]);
    assert_eq!(store.ids_with_prefix("01KB3ZQ4T8", 1).unwrap(), ids[..1]);
    assert_eq!(store.ids_with_prefix("01KB3ZQ4T9", 10).unwrap(), ids[2..3]);
    assert!(store.ids_with_prefix("01KB3ZQ4T7", 10).unwrap().is_empty());
    assert!(store.ids_with_prefix("01KB3ZQ4TB", 10).unwrap().is_empty());

    assert_eq!(resolve_job_id(store, "01kb3zq4t9").unwrap(), ids[2]);
    assert_eq!(
        resolve_job_id(store, "01KB3ZQ4T8ABCDEFGH00000001").unwrap(),
        ids[1]
    );
    assert_eq!(
        resolve_job_id(store, "01KB3ZQ4T8"),
        Err(JobIdError::Ambiguous {
            prefix: "01KB3ZQ4T8".into(),
            matches: vec![ids[0].into(), ids[1].into()],
            more: false,
        })
    );
    assert_eq!(
        resolve_job_id(store, "01kb3zq4t7"),
        Err(JobIdError::NotFound("01KB3ZQ4T7".into()))
    );
    assert!(matches!(
        resolve_job_id(store, "01KB3"),
        Err(JobIdError::TooShort(_))
    ));
    assert!(matches!(
        resolve_job_id(store, "01KB3ZQ4TU"),
        Err(JobIdError::NotBase32 { character: 'U', .. })
    ));
}

fn keyed(id: &str, key: &str, state: JobState) -> Job {
    let mut job = job(id, "qwen2.5:14b", "homelab", state);
    if let Some(spec) = job.spec.as_mut() {
        spec.idempotency_key = key.to_owned();
    }
    job
}

/// A key finds the latest record of the first job written with it; other jobs never take it.
fn check_idempotency_key_contract(store: &dyn JobStore) {
    store
        .put_all(&[
            keyed("K1", "vault:01KB", JobState::Queued),
            keyed("K2", "", JobState::Queued),
            keyed("K3", "vault:02KB", JobState::Rejected),
        ])
        .unwrap();
    assert_eq!(store.job_with_key("vault:01KB").unwrap().unwrap().id, "K1");
    assert_eq!(store.job_with_key("vault:02KB").unwrap().unwrap().id, "K3");
    assert!(store.job_with_key("vault:03KB").unwrap().is_none());
    assert!(
        store.job_with_key("").unwrap().is_none(),
        "no key is no key"
    );
    store
        .put_all(&[
            keyed("K1", "vault:01KB", JobState::Succeeded),
            keyed("K4", "vault:01KB", JobState::Queued),
        ])
        .unwrap();
    let first = store.job_with_key("vault:01KB").unwrap().unwrap();
    assert_eq!(first.id, "K1", "the first job keeps its key");
    assert_eq!(first.state, JobState::Succeeded as i32, "its latest record");
}

#[test]
fn memory_store_keeps_the_idempotency_key_contract() {
    check_idempotency_key_contract(&MemoryJobStore::default());
}

#[test]
fn redb_store_keeps_the_idempotency_key_contract_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = RedbJobStore::open(dir.path()).unwrap();
        check_idempotency_key_contract(&store);
    }
    let reopened = RedbJobStore::open(dir.path()).unwrap();
    let first = reopened.job_with_key("vault:01KB").unwrap().unwrap();
    assert_eq!(
        (first.id.as_str(), first.state),
        ("K1", JobState::Succeeded as i32)
    );
    assert_eq!(
        reopened.job_with_key("vault:02KB").unwrap().unwrap().id,
        "K3"
    );
    assert!(reopened.job_with_key("vault:03KB").unwrap().is_none());
}

#[test]
fn memory_store_keeps_the_prefix_contract() {
    check_prefix_contract(&MemoryJobStore::default());
}

#[test]
fn redb_store_keeps_the_prefix_contract() {
    let dir = tempfile::tempdir().unwrap();
    check_prefix_contract(&RedbJobStore::open(dir.path()).unwrap());
}

#[test]
fn memory_store_keeps_the_contract() {
    check_contract(&MemoryJobStore::default());
}

#[test]
fn redb_store_keeps_the_contract_and_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = RedbJobStore::open(dir.path()).unwrap();
        check_contract(&store);
    }
    let reopened = RedbJobStore::open(dir.path()).unwrap();
    assert_eq!(
        reopened
            .list(&JobFilter {
                limit: 10,
                ..Default::default()
            })
            .unwrap()
            .len(),
        4
    );
}

#[tokio::test]
async fn the_writer_reports_durability_after_the_commit() {
    let store = std::sync::Arc::new(MemoryJobStore::default());
    let (writer, handle) = super::StoreWriter::start(store.clone());
    let (durable, written) = tokio::sync::oneshot::channel();
    writer.write(job("B1", "m", "n", JobState::Queued), None);
    writer.write(job("B1", "m", "n", JobState::Running), Some(durable));
    written.await.unwrap().unwrap();
    assert_eq!(
        store.get("B1").unwrap().unwrap().state,
        JobState::Running as i32
    );
    drop(writer);
    handle.await.unwrap().unwrap();
}
