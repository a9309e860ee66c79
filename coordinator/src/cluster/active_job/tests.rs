//! Unit tests of an active job's watchers.

use telemetry::TraceCarrier;

use super::*;

fn active() -> ActiveJob {
    let spans = JobSpans::start("01JOB", "gemma4:27b", &TraceCarrier::new());
    ActiveJob::new(
        Job {
            id: "01JOB".into(),
            ..Default::default()
        },
        0,
        spans,
        Instant::now(),
    )
}

#[test]
fn every_watcher_still_listening_hears_each_event_in_order() {
    let mut job = active();
    let mut first = job.subscribe();
    let gone = job.subscribe();
    let mut last = job.subscribe();
    drop(gone);
    job.publish_delta("Hel".to_owned());
    job.job.output = "Hello".into();
    job.publish_job();
    assert_eq!(job.watchers.len(), 2);
    for watcher in [&mut first, &mut last] {
        let delta = watcher.try_recv().unwrap().event;
        assert_eq!(delta, Some(job_event::Event::Delta("Hel".into())));
        let Some(job_event::Event::Job(record)) = watcher.try_recv().unwrap().event else {
            panic!("expected the job record");
        };
        assert_eq!(record.output, "Hello");
    }
    drop(last);
    job.publish_delta("lo".to_owned());
    assert_eq!(job.watchers.len(), 1);
    assert!(first.try_recv().is_ok());
}
