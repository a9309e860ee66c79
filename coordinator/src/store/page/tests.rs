//! Paging: the cursor is there exactly when an older matching job is.

use proto::v1::{Job, JobState};

use super::*;
use crate::store::MemoryJobStore;

fn stored(states: &[(&str, JobState)]) -> MemoryJobStore {
    let store = MemoryJobStore::default();
    let jobs: Vec<Job> = states
        .iter()
        .map(|(id, state)| Job {
            id: (*id).into(),
            state: *state as i32,
            ..Default::default()
        })
        .collect();
    store.put_all(&jobs).unwrap();
    store
}

fn filter(limit: usize, state: Option<JobState>, before_id: Option<&str>) -> JobFilter {
    JobFilter {
        state,
        before_id: before_id.map(Into::into),
        limit,
        ..Default::default()
    }
}

#[test]
fn a_full_page_with_older_jobs_names_the_next_cursor() {
    let store = stored(&[
        ("A1", JobState::Failed),
        ("A2", JobState::Succeeded),
        ("A3", JobState::Failed),
        ("A4", JobState::Failed),
    ]);
    let first = list_page(&store, filter(2, None, None)).unwrap();
    let ids: Vec<&str> = first.jobs.iter().map(|job| job.id.as_str()).collect();
    assert_eq!(
        (ids, first.next_before_id.as_str()),
        (vec!["A4", "A3"], "A3")
    );
    let second = list_page(&store, filter(2, None, Some("A3"))).unwrap();
    assert_eq!(second.jobs.len(), 2);
    assert_eq!(second.next_before_id, "", "nothing older than A1");
}

#[test]
fn the_cursor_counts_only_matching_jobs() {
    let store = stored(&[
        ("A1", JobState::Succeeded),
        ("A2", JobState::Failed),
        ("A3", JobState::Failed),
    ]);
    let failed = list_page(&store, filter(2, Some(JobState::Failed), None)).unwrap();
    assert_eq!(failed.jobs.len(), 2);
    assert_eq!(failed.next_before_id, "", "A1 is older but did not fail");
    let one = list_page(&store, filter(1, Some(JobState::Failed), None)).unwrap();
    assert_eq!(one.next_before_id, "A3");
}
