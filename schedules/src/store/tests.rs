//! schedules.redb: firings with the cursor in one transaction, open firings, recent ones, pausing.

use proto::v1::{AgentRun, Firing, FiringOutcome};

use super::*;

fn firing(schedule: &str, slot: i64, outcome: FiringOutcome) -> Firing {
    Firing {
        schedule: schedule.to_owned(),
        scheduled_at_ms: slot,
        outcome: outcome.into(),
        ..Firing::default()
    }
}

#[test]
fn a_firing_and_the_cursor_are_written_together_and_survive_a_reopen() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = ScheduleStore::open(dir.path()).unwrap();
        assert_eq!(store.cursor("briefing").unwrap(), None);
        let missed = firing("briefing", 1_000, FiringOutcome::Missed);
        let pending = firing("briefing", 2_000, FiringOutcome::Pending);
        store
            .record("briefing", &[missed, pending], Some(2_000))
            .unwrap();
    }
    let store = ScheduleStore::open(dir.path()).unwrap();
    assert_eq!(store.cursor("briefing").unwrap(), Some(2_000));
    let recent = store.recent("briefing", 10).unwrap();
    let slots: Vec<i64> = recent.iter().map(|firing| firing.scheduled_at_ms).collect();
    assert_eq!(slots, [2_000, 1_000], "newest first");
    let open = store.open_firings().unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].scheduled_at_ms, 2_000);
}

#[test]
fn a_started_job_closes_a_firing_and_a_running_agent_keeps_it_open() {
    let dir = tempfile::tempdir().unwrap();
    let store = ScheduleStore::open(dir.path()).unwrap();
    let mut job = firing("hourly", 5, FiringOutcome::Pending);
    store.put(&job).unwrap();
    job.outcome = FiringOutcome::Started.into();
    job.job_id = "01JOB".into();
    store.put(&job).unwrap();
    let mut agent = firing("brief", 7, FiringOutcome::Started);
    agent.run = Some(AgentRun {
        state: "running".into(),
        ..AgentRun::default()
    });
    store.put(&agent).unwrap();
    let open: Vec<String> = store
        .open_firings()
        .unwrap()
        .into_iter()
        .map(|f| f.schedule)
        .collect();
    assert_eq!(open, ["brief"]);
    agent.run.as_mut().unwrap().state = "succeeded".into();
    store.put(&agent).unwrap();
    assert!(store.open_firings().unwrap().is_empty());
    assert_eq!(store.firing("hourly", 5).unwrap().unwrap().job_id, "01JOB");
}

#[test]
fn recent_reads_one_schedule_only_and_at_most_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let store = ScheduleStore::open(dir.path()).unwrap();
    let firings: Vec<Firing> = (0..5)
        .map(|slot| firing("a", slot, FiringOutcome::Missed))
        .collect();
    store.record("a", &firings, Some(4)).unwrap();
    store.put(&firing("ab", 9, FiringOutcome::Missed)).unwrap();
    let recent = store.recent("a", 3).unwrap();
    assert_eq!(
        recent.iter().map(|f| f.scheduled_at_ms).collect::<Vec<_>>(),
        [4, 3, 2]
    );
    assert!(recent.iter().all(|firing| firing.schedule == "a"));
}

#[test]
fn pausing_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = ScheduleStore::open(dir.path()).unwrap();
        assert!(!store.paused("x").unwrap());
        store.set_paused("x", true, 5).unwrap();
    }
    let store = ScheduleStore::open(dir.path()).unwrap();
    assert!(store.paused("x").unwrap());
    store.set_paused("x", false, 9).unwrap();
    assert!(!store.paused("x").unwrap());
    assert_eq!(store.cursor("x").unwrap(), Some(9), "resumed from now");
}

#[test]
fn a_second_open_of_the_same_file_is_refused_with_words() {
    let dir = tempfile::tempdir().unwrap();
    let _first = ScheduleStore::open(dir.path()).unwrap();
    let second = ScheduleStore::open(dir.path()).unwrap_err();
    assert!(
        second.to_string().contains("another `runner serve`"),
        "{second}"
    );
}
