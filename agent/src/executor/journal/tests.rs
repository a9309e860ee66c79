//! Tests of the journal: numbering, resending after a flap, forgetting what was delivered,
//! and the byte limit.

use std::time::{Duration, Instant};

use proto::v1::agent_job_update::Event;
use proto::v1::{AgentJobUpdate, HeldJob, JobCompletedOnNode, JobStartedOnNode, ResumedJob};

use super::{Full, Journal, Resumption};

fn update(job_id: &str, event: Event) -> AgentJobUpdate {
    AgentJobUpdate {
        job_id: job_id.to_owned(),
        event: Some(event),
        ..AgentJobUpdate::default()
    }
}

fn delta(job_id: &str, text: &str) -> AgentJobUpdate {
    update(job_id, Event::Delta(text.to_owned()))
}

fn texts(updates: &[AgentJobUpdate]) -> Vec<(u64, String)> {
    updates
        .iter()
        .map(|update| {
            let what = match &update.event {
                Some(Event::Delta(text)) => text.clone(),
                Some(Event::Started(_)) => "<started>".to_owned(),
                Some(Event::Completed(_)) => "<completed>".to_owned(),
                Some(Event::Failed(_)) => "<failed>".to_owned(),
                None => "<none>".to_owned(),
            };
            (update.seq, what)
        })
        .collect()
}

fn resumed(job_id: &str, applied_seq: u64) -> ResumedJob {
    ResumedJob {
        job_id: job_id.to_owned(),
        applied_seq,
    }
}

#[test]
fn updates_are_numbered_per_job_from_one() {
    let mut journal = Journal::new(1024);
    let now = Some(Instant::now());
    let a1 = journal
        .record(update("a", Event::Started(JobStartedOnNode {})), now)
        .unwrap();
    let b1 = journal.record(delta("b", "x"), now).unwrap();
    let a2 = journal.record(delta("a", "hello"), now).unwrap();
    assert_eq!((a1.seq, b1.seq, a2.seq), (1, 1, 2));
    assert_eq!(
        journal.held(),
        vec![
            HeldJob {
                job_id: "a".into(),
                last_seq: 2
            },
            HeldJob {
                job_id: "b".into(),
                last_seq: 1
            }
        ]
    );
    assert_eq!(journal.bytes(), 6);
}

#[test]
fn resume_resends_only_what_the_coordinator_did_not_apply_in_order_and_drops_the_rest() {
    let mut journal = Journal::new(1024);
    let sent = Some(Instant::now());
    journal
        .record(update("a", Event::Started(JobStartedOnNode {})), sent)
        .unwrap();
    for text in ["one ", "two ", "three"] {
        journal.record(delta("a", text), sent).unwrap();
    }
    // Taken while no link was up.
    journal
        .record(
            update("a", Event::Completed(JobCompletedOnNode::default())),
            None,
        )
        .unwrap();
    journal
        .record(delta("gone", "never resumed"), sent)
        .unwrap();

    let Resumption { resend, drop } = journal.resume(&[resumed("a", 2)], Instant::now());
    assert_eq!(
        texts(&resend),
        vec![
            (3, "two ".to_owned()),
            (4, "three".to_owned()),
            (5, "<completed>".to_owned())
        ]
    );
    assert_eq!(drop, vec!["gone".to_owned()]);
    assert_eq!(journal.held().len(), 1, "the job not resumed is forgotten");
    assert_eq!(journal.bytes(), "one two three".len());
}

#[test]
fn delivered_updates_and_delivered_ended_jobs_are_forgotten_but_unsent_ones_stay() {
    let mut journal = Journal::new(1024);
    let long_ago = Instant::now();
    let later = long_ago + Duration::from_secs(60);
    journal.record(delta("a", "old "), Some(long_ago)).unwrap();
    journal.record(delta("a", "unsent"), None).unwrap();
    journal.record(delta("b", "done"), Some(long_ago)).unwrap();
    journal
        .record(
            update("b", Event::Completed(JobCompletedOnNode::default())),
            Some(long_ago),
        )
        .unwrap();
    journal.record(delta("c", "recent"), Some(later)).unwrap();

    journal.forget_delivered(long_ago + Duration::from_secs(30));

    let held: Vec<String> = journal.held().into_iter().map(|job| job.job_id).collect();
    assert_eq!(
        held,
        vec!["a", "c"],
        "b ended and everything of it was delivered"
    );
    assert_eq!(journal.bytes(), "unsent".len() + "recent".len());
    // The unsent update stays first in line, with its number.
    let resumption = journal.resume(&[resumed("a", 1), resumed("c", 0)], later);
    assert_eq!(
        texts(&resumption.resend),
        vec![(2, "unsent".to_owned()), (1, "recent".to_owned())]
    );
}

#[test]
fn output_past_the_limit_is_refused_and_an_aborted_jobs_output_is_freed() {
    let mut journal = Journal::new(10);
    journal.record(delta("a", "12345678"), None).unwrap();
    assert_eq!(
        journal.record(delta("a", "abc"), None),
        Err(Full { limit: 10 })
    );
    // Other updates are never refused: an abort must be told.
    journal
        .record(update("a", Event::Failed(Default::default())), None)
        .unwrap();
    journal.drop_output("a");
    assert_eq!(journal.bytes(), 0);
    let resumption = journal.resume(&[resumed("a", 0)], Instant::now());
    assert_eq!(texts(&resumption.resend), vec![(2, "<failed>".to_owned())]);
    journal.forget("a");
    assert!(journal.held().is_empty());
}
