//! The event stream of a submit or watch: the snapshot first, then the held updates in order.

use super::*;

fn job(id: &str) -> Job {
    Job {
        id: id.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn the_snapshot_comes_first_then_held_updates_in_order() {
    let (sender, receiver) = mpsc::unbounded_channel();
    for text in ["a", "b"] {
        sender
            .send(JobEvent {
                event: Some(job_event::Event::Delta(text.into())),
            })
            .unwrap();
    }
    drop(sender);
    let events: Vec<_> = job_events(job("J1"), Some(receiver))
        .map(|event| event.unwrap().event.unwrap())
        .collect()
        .await;
    assert_eq!(
        events,
        [
            job_event::Event::Job(job("J1")),
            job_event::Event::Delta("a".into()),
            job_event::Event::Delta("b".into()),
        ]
    );
}

#[tokio::test]
async fn an_ended_job_is_just_its_snapshot() {
    let events: Vec<_> = job_events(job("J2"), None).collect().await;
    assert_eq!(events.len(), 1);
}
