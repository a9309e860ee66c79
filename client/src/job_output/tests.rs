//! Tests of following a job's output: tokens, restarts on retry, and the end's tail.

use proto::v1::{Job, JobEvent, JobState, job_event};

use super::*;

fn job(state: JobState, attempt: u32, output: &str) -> Job {
    Job {
        id: "J".into(),
        state: state as i32,
        attempt,
        output: output.into(),
        ..Default::default()
    }
}

fn delta(text: &str) -> JobEvent {
    JobEvent {
        event: Some(job_event::Event::Delta(text.into())),
    }
}

fn snapshot(job: Job) -> JobEvent {
    JobEvent {
        event: Some(job_event::Event::Job(job)),
    }
}

#[test]
fn tokens_follow_the_first_snapshot_and_the_end_adds_nothing_shown() {
    let mut output = JobOutput::new(&job(JobState::Running, 1, "Hel"));
    assert_eq!(output.apply(delta("lo")), OutputStep::Tokens("lo".into()));
    assert_eq!(
        output.apply(snapshot(job(JobState::Running, 1, "Hello"))),
        OutputStep::Changed(job(JobState::Running, 1, "Hello"))
    );
    let OutputStep::Ended {
        tail, restarted, ..
    } = output.apply(snapshot(job(JobState::Succeeded, 1, "Hello")))
    else {
        panic!("not ended")
    };
    assert_eq!((tail.as_str(), restarted), ("", false));
}

#[test]
fn a_higher_attempt_restarts_the_output() {
    let mut output = JobOutput::new(&job(JobState::Running, 1, ""));
    output.apply(delta("partial answer of attempt one"));
    let step = output.apply(snapshot(job(JobState::Queued, 2, "")));
    assert!(matches!(step, OutputStep::Restarted(ref job) if job.attempt == 2));
    assert_eq!(output.shown(), "");
    output.apply(delta("Second"));
    let OutputStep::Ended {
        tail, restarted, ..
    } = output.apply(snapshot(job(JobState::Succeeded, 2, "Second try")))
    else {
        panic!("not ended")
    };
    assert_eq!((tail.as_str(), restarted), (" try", false));
    assert_eq!(output.shown(), "Second try");
}

#[test]
fn an_end_from_a_later_attempt_replaces_what_was_shown() {
    let mut output = JobOutput::new(&job(JobState::Running, 1, ""));
    output.apply(delta("abandoned"));
    let OutputStep::Ended {
        tail, restarted, ..
    } = output.end(job(JobState::Succeeded, 2, "fresh"))
    else {
        panic!("not ended")
    };
    assert_eq!((tail.as_str(), restarted), ("fresh", true));
}

#[test]
fn an_end_fetched_after_a_broken_stream_gives_the_unseen_tail() {
    let mut output = JobOutput::new(&job(JobState::Running, 1, "ab"));
    output.apply(delta("c"));
    let OutputStep::Ended {
        tail, restarted, ..
    } = output.end(job(JobState::Succeeded, 1, "abcdef"))
    else {
        panic!("not ended")
    };
    assert_eq!((tail.as_str(), restarted), ("def", false));
}

#[test]
fn an_unknown_event_kind_shows_nothing() {
    let mut output = JobOutput::new(&job(JobState::Running, 1, "x"));
    assert_eq!(output.apply(JobEvent { event: None }), OutputStep::Unknown);
    assert_eq!(output.shown(), "x");
}
