//! The job event stream: tokens, status, the final turn, and a lost node shown, not hung on.

use proto::v1::{Job, JobEvent, JobState, job_event};

use crate::test_support::{TestApp, running_job};

fn job_event(job: Job) -> JobEvent {
    JobEvent {
        event: Some(job_event::Event::Job(job)),
    }
}

fn delta(text: &str) -> JobEvent {
    JobEvent {
        event: Some(job_event::Event::Delta(text.to_owned())),
    }
}

#[tokio::test]
async fn tokens_stream_and_the_final_answer_names_node_and_speed() {
    let app = TestApp::start().await;
    let mut done = running_job("J1", "qwen2.5:14b");
    done.state = JobState::Succeeded as i32;
    done.served_model = "qwen2.5:14b".into();
    done.output = "Hello <world>".into();
    app.coordinator.script_job_events(
        "J1",
        vec![
            job_event(running_job("J1", "qwen2.5:14b")),
            delta("Hello "),
            delta("<world>"),
            job_event(done),
        ],
    );
    let events = app
        .read_events("/jobs/J1/events?view=chat", "event: done")
        .await;
    assert!(events.contains("event: meta\ndata: <span class=\"spinner\" aria-hidden=\"true\"></span>running on contabo"), "{events}");
    assert!(
        events.contains("event: token\ndata: <span>&lt;world&gt;</span>"),
        "tokens are escaped: {events}"
    );
    assert!(
        events.contains(r#"data-state="succeeded""#) && events.contains("contabo · qwen2.5:14b")
    );
}

#[tokio::test]
async fn a_lost_node_ends_the_answer_with_its_reason() {
    let app = TestApp::start().await;
    let mut lost = running_job("J1", "gemma4:27b");
    lost.state = JobState::Failed as i32;
    lost.reason = "node_lost: davas stopped answering".into();
    app.coordinator.script_job_events(
        "J1",
        vec![
            job_event(running_job("J1", "gemma4:27b")),
            delta("half"),
            job_event(lost),
        ],
    );
    let events = app
        .read_events("/jobs/J1/events?view=chat", "event: done")
        .await;
    assert!(
        events.contains(r#"data-state="failed""#)
            && events.contains("node_lost: davas stopped answering"),
        "{events}"
    );
}

#[tokio::test]
async fn a_stream_that_ends_early_or_fails_still_ends_the_page() {
    let app = TestApp::start().await;
    app.coordinator
        .script_job_events("J1", vec![job_event(running_job("J1", "qwen2.5:14b"))]);
    app.coordinator.put_job(running_job("J1", "qwen2.5:14b"));
    let events = app
        .read_events("/jobs/J1/events?view=job", "event: done")
        .await;
    assert!(
        events.contains("stream ended before the job did"),
        "{events}"
    );
    let missing = app.read_events("/jobs/NOPE/events", "event: done").await;
    assert!(
        missing.contains("cannot follow the job: no job NOPE"),
        "{missing}"
    );
}

#[tokio::test]
async fn output_made_before_the_page_looked_arrives_first() {
    let app = TestApp::start().await;
    let mut partway = running_job("J1", "qwen2.5:14b");
    partway.output = "already said".into();
    app.coordinator.put_job(partway);
    let events = app
        .read_events("/jobs/J1/events?view=job", "already said")
        .await;
    assert!(
        events.contains("event: token\ndata: <span>already said</span>"),
        "{events}"
    );
}

#[tokio::test]
async fn a_retry_after_a_lost_node_replaces_the_output_shown() {
    let app = TestApp::start().await;
    let mut first = running_job("J1", "qwen2.5:14b");
    first.attempt = 1;
    let mut second = running_job("J1", "qwen2.5:14b");
    second.attempt = 2;
    second.node = "homelab".into();
    let mut done = second.clone();
    done.state = JobState::Succeeded as i32;
    done.output = "whole answer".into();
    app.coordinator.script_job_events(
        "J1",
        vec![
            job_event(first),
            delta("abandoned"),
            job_event(second),
            delta("whole answer"),
            job_event(done),
        ],
    );
    let events = app
        .read_events("/jobs/J1/events?view=job", "event: done")
        .await;
    let restart = events
        .find("event: output\ndata: <p class=\"restart\" role=\"status\">the node was lost; attempt 2 restarts on homelab</p>")
        .unwrap_or_else(|| panic!("no output event replacing the abandoned text: {events}"));
    let abandoned = events.find("<span>abandoned</span>").unwrap();
    let whole = events.find("<span>whole answer</span>").unwrap();
    assert!(abandoned < restart && restart < whole, "{events}");
    assert!(events.contains("running on homelab"), "{events}");
}
