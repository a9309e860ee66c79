//! Start-up recovery ends what the last run left queued or running, with the reason, and
//! leaves ended jobs alone.

use proto::v1::{FailureCause, Job, JobState};

use super::recover_unfinished_jobs;
use crate::store::{JobStore, MemoryJobStore};

fn job(id: &str, state: JobState, node: &str) -> Job {
    Job {
        id: id.into(),
        state: state as i32,
        node: node.into(),
        ..Default::default()
    }
}

#[test]
fn unfinished_jobs_fail_as_coordinator_restarted_and_ended_ones_stay() {
    let store = MemoryJobStore::default();
    store
        .put_all(&[
            job("R1", JobState::Running, "davas"),
            job("Q1", JobState::Queued, ""),
            job("S1", JobState::Succeeded, "davas"),
        ])
        .unwrap();
    recover_unfinished_jobs(&store).unwrap();
    let running = store.get("R1").unwrap().unwrap();
    assert_eq!(running.state, JobState::Failed as i32);
    assert_eq!(running.cause, FailureCause::CoordinatorRestarted as i32);
    assert!(
        running
            .reason
            .ends_with("while the job was running on davas"),
        "{}",
        running.reason
    );
    let queued = store.get("Q1").unwrap().unwrap();
    assert!(
        queued.reason.ends_with("while the job was queued"),
        "{}",
        queued.reason
    );
    assert_eq!(
        store.get("S1").unwrap().unwrap().state,
        JobState::Succeeded as i32
    );
    assert!(store.unfinished().unwrap().is_empty());
}
