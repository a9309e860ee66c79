//! A submit whose idempotency key made a job before gets that job back (active, ended or
//! rejected) and makes no new one; the key with another request is refused.

use proto::v1::{JobSpec, JobState, job_event};

use super::harness::{GEMMA, Harness, QWEN, generate};
use crate::cluster::JobError;
use crate::cluster::idempotency_keys::CAPACITY;

fn keyed(model: &str, key: &str) -> JobSpec {
    JobSpec {
        idempotency_key: key.into(),
        source: "vault: Runner/inbox/why-sky.md".into(),
        ..generate(model, 0)
    }
}

fn davas() -> Harness {
    let mut harness = Harness::new(&["davas"], &[]);
    harness.ready("davas", 1, &[QWEN]);
    harness
}

#[tokio::test]
async fn a_replay_of_an_active_job_watches_it_and_makes_no_new_job() {
    let mut harness = davas();
    let first = harness.submit_spec(keyed(QWEN, "vault:1"), false).unwrap();
    assert_eq!(
        harness.assigned("davas"),
        std::slice::from_ref(&first.job.id)
    );
    harness.started("davas", &first.job.id);
    let again = harness
        .submit_outcome(keyed(QWEN, "vault:1"), true)
        .unwrap()
        .unwrap();
    assert_eq!(again.job.id, first.job.id);
    assert_eq!(
        again.job.state,
        JobState::Running as i32,
        "the job as it is now"
    );
    again.durable.await.unwrap().unwrap();
    assert!(
        harness.assigned("davas").is_empty(),
        "nothing new was placed"
    );
    assert_eq!(harness.node("davas").running, 1);
    harness.delta("davas", &first.job.id, "blue");
    let mut updates = again
        .updates
        .expect("a watching replay of an active job has updates");
    assert_eq!(
        updates.try_recv().unwrap().event,
        Some(job_event::Event::Delta("blue".into()))
    );
}

#[tokio::test]
async fn a_replay_of_an_ended_job_is_its_final_record_even_from_the_store_alone() {
    let mut harness = davas();
    let first = harness.submit_spec(keyed(QWEN, "vault:2"), false).unwrap();
    first.durable.await.unwrap().unwrap();
    harness.started("davas", &first.job.id);
    harness.delta("davas", &first.job.id, "Rayleigh");
    harness.completed("davas", &first.job.id);
    let again = harness
        .submit_outcome(keyed(QWEN, "vault:2"), true)
        .unwrap()
        .unwrap();
    assert_eq!(again.job.id, first.job.id);
    assert_eq!(again.job.state, JobState::Succeeded as i32);
    assert_eq!(again.job.output, "Rayleigh");
    assert!(again.updates.is_none(), "an ended job is its snapshot");
    again.durable.await.unwrap().unwrap();

    // A new loop on the same store (a restarted coordinator) knows the key from the store.
    let mut restarted = Harness::new(&["davas"], &[]);
    let record = harness.store.get(&first.job.id).unwrap().unwrap();
    restarted.store.put_all(&[record]).unwrap();
    let after = restarted
        .submit_outcome(keyed(QWEN, "vault:2"), false)
        .unwrap()
        .unwrap();
    assert_eq!(
        (after.job.id, after.job.output),
        (first.job.id, "Rayleigh".to_owned())
    );
}

#[tokio::test]
async fn a_replay_of_a_rejected_job_is_the_same_rejection() {
    let mut harness = davas();
    let first = harness
        .submit_spec(keyed(GEMMA, "vault:3"), false)
        .err()
        .unwrap();
    harness.ready("davas", 1, &[QWEN, GEMMA]);
    let again = harness
        .submit_outcome(keyed(GEMMA, "vault:3"), false)
        .unwrap()
        .err()
        .expect("the key's rejection, though davas could run it now");
    assert_eq!(again.job.id, first.job.id);
    assert_eq!(again.job.reason, first.job.reason);
    assert_eq!(again.reasons, first.reasons);
    assert_eq!(again.transient, first.transient);
    again.durable.unwrap().await.unwrap().unwrap();
    assert!(harness.assigned("davas").is_empty());
}

#[tokio::test]
async fn a_key_with_another_request_is_refused_naming_the_first_job() {
    let mut harness = davas();
    let first = harness.submit_spec(keyed(QWEN, "vault:4"), false).unwrap();
    let mut other = keyed(QWEN, "vault:4");
    other.prompt = "why is the sea blue".into();
    let Err(refused) = harness.submit_outcome(other, false) else {
        panic!("a different request with a used key was accepted");
    };
    assert_eq!(
        refused,
        JobError::IdempotencyKeyReused {
            key: "vault:4".into(),
            job_id: first.job.id.clone(),
        }
    );
    assert!(refused.to_string().contains(&format!(
        "idempotency key vault:4 was used for job {} with a different request",
        first.job.id
    )));
    let mut retried = keyed(QWEN, "vault:4");
    retried.retries = 2;
    let same = harness.submit_outcome(retried, false).unwrap().unwrap();
    assert_eq!(
        same.job.id, first.job.id,
        "retries do not make another request"
    );
}

#[tokio::test]
async fn jobs_without_a_key_or_with_new_keys_are_new_jobs() {
    let mut harness = Harness::new(&["davas"], &[]);
    harness.ready("davas", 4, &[QWEN]);
    let plain = [harness.accepted(QWEN, 0), harness.accepted(QWEN, 0)];
    assert_ne!(plain[0], plain[1]);
    let keyed_a = harness.submit_spec(keyed(QWEN, "vault:a"), false).unwrap();
    let keyed_b = harness.submit_spec(keyed(QWEN, "vault:b"), false).unwrap();
    assert_ne!(keyed_a.job.id, keyed_b.job.id);
}

#[tokio::test]
async fn the_loop_keeps_only_the_newest_keys_and_the_store_answers_for_older_ones() {
    let mut harness = davas();
    let oldest = harness
        .submit_spec(keyed(QWEN, "vault:oldest"), false)
        .unwrap();
    oldest.durable.await.unwrap().unwrap();
    for index in 0..CAPACITY {
        let key = format!("vault:{index}");
        harness
            .cluster
            .idempotency_keys
            .remember(key, format!("J{index}"));
    }
    assert_eq!(
        harness.cluster.idempotency_keys.job_id("vault:oldest"),
        None
    );
    let again = harness
        .submit_outcome(keyed(QWEN, "vault:oldest"), false)
        .unwrap()
        .unwrap();
    assert_eq!(
        again.job.id, oldest.job.id,
        "found through the store's index"
    );
}
