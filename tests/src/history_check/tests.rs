//! The checker on hand-made histories: a sound one passes, and each broken promise (a lost
//! job, a duplicate, a job in two states, one never ended, an ending without a reason, a
//! doubled token, a client shown another end or a token twice) is named.

use proto::v1::{FailureCause, Job, JobSpec, JobState};

use super::{Answer, Generated, Request, SeenEnd, check_history};
use crate::fake_ollama::PromptGenerations;

/// Request `number`, whose client saw `job` end as it did.
fn request(number: u32, job: &Job) -> Request {
    Request {
        idempotency_key: format!("key-{number}"),
        prompt: format!("prompt {number}"),
        answer: Answer::Job(format!("JOB{number}")),
        seen_end: Some(SeenEnd {
            state: job.state,
            shown: job.output.clone(),
        }),
    }
}

fn job(number: u32, state: JobState) -> Job {
    Job {
        id: format!("JOB{number}"),
        spec: Some(JobSpec {
            prompt: format!("prompt {number}"),
            idempotency_key: format!("key-{number}"),
            ..JobSpec::default()
        }),
        state: state as i32,
        node: "davas".into(),
        ..Job::default()
    }
}

fn succeeded(number: u32) -> Job {
    Job {
        output: format!("answer {number}"),
        ..job(number, JobState::Succeeded)
    }
}

fn failed(number: u32, cause: FailureCause, reason: &str) -> Job {
    Job {
        cause: cause as i32,
        reason: reason.into(),
        ..job(number, JobState::Failed)
    }
}

/// Davas's Ollama streamed `answer N` to the end once for prompts 1 to 3.
fn generated() -> Generated {
    let prompts = (1..=3)
        .map(|number| {
            let generations = PromptGenerations {
                started: 1,
                finished: 1,
                finished_texts: [format!("answer {number}")].into(),
            };
            (format!("prompt {number}"), generations)
        })
        .collect();
    [("davas".to_owned(), prompts)].into()
}

fn sound_history() -> Vec<Job> {
    vec![
        succeeded(1),
        succeeded(2),
        failed(
            3,
            FailureCause::CoordinatorRestarted,
            "coordinator_restarted: the coordinator stopped while the job was running on davas",
        ),
    ]
}

fn requests() -> Vec<Request> {
    let history = sound_history();
    (1..=3)
        .zip(&history)
        .map(|(number, job)| request(number, job))
        .collect()
}

#[test]
fn a_sound_history_passes_with_its_figures() {
    let report = check_history(&requests(), &sound_history(), &generated());
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!((report.requests, report.jobs, report.succeeded), (3, 3, 2));
    assert_eq!(
        report.ended_otherwise,
        [("failed coordinator_restarted".to_owned(), 1)].into()
    );
    assert_eq!(
        (report.lost, report.duplicated, report.listed_twice),
        (0, 0, 0)
    );
    assert_eq!(report.jobs_by_generations, [(1, 3)].into());
}

#[test]
fn a_request_without_a_job_is_lost() {
    let mut history = sound_history();
    history.remove(1);
    let report = check_history(&requests(), &history, &generated());
    assert_eq!(report.lost, 1);
    assert_eq!(
        report.problems,
        ["request key-2 is lost: the history has no job for it"]
    );
}

#[test]
fn two_jobs_for_one_key_are_a_duplicate() {
    let mut history = sound_history();
    let mut second = succeeded(2);
    second.id = "JOB2BIS".into();
    history.push(second);
    let report = check_history(&requests(), &history, &generated());
    assert_eq!(report.duplicated, 1);
    assert_eq!(
        report.problems,
        ["request key-2 is duplicated: jobs JOB2, JOB2BIS"]
    );
}

#[test]
fn a_job_listed_in_two_states_is_named() {
    let mut history = sound_history();
    history.push(job(1, JobState::Running));
    let report = check_history(&requests(), &history, &generated());
    assert_eq!(report.listed_twice, 1);
    assert_eq!(
        report.problems,
        ["job JOB1 is in two states: succeeded and running"]
    );
}

#[test]
fn a_job_still_running_after_the_settle_is_lost() {
    let mut history = sound_history();
    history[2] = job(3, JobState::Running);
    let mut requests = requests();
    requests[2].seen_end = None;
    let report = check_history(&requests, &history, &generated());
    assert_eq!(report.lost, 1);
    assert_eq!(
        report.problems,
        [
            "the client of request key-3 never saw its job end",
            "job JOB3 never ended: still running after everything settled"
        ]
    );
}

#[test]
fn a_failure_without_a_reason_or_cause_is_named() {
    let mut history = sound_history();
    history[2] = failed(3, FailureCause::NodeLost, "");
    history[1] = failed(2, FailureCause::Unspecified, "something happened");
    let requests = (1..=3).zip(&history).map(|(n, job)| request(n, job));
    let report = check_history(&requests.collect::<Vec<_>>(), &history, &generated());
    assert_eq!(report.problems.len(), 2, "{:?}", report.problems);
    assert!(report.problems[0].starts_with("job JOB2 ended failed without saying why"));
    assert!(report.problems[1].starts_with("job JOB3 ended failed without saying why"));
}

#[test]
fn a_doubled_token_or_another_nodes_answer_is_not_what_ollama_streamed() {
    let mut history = sound_history();
    history[0].output = "answer answer 1".into();
    history[1].node = "contabo".into();
    let report = check_history(&requests(), &history, &generated());
    assert_eq!(report.problems.len(), 3, "{:?}", report.problems);
    assert_eq!(
        report.problems[0],
        "the client of job JOB1 was shown \"answer 1\", its output is \"answer answer 1\""
    );
    assert!(report.problems[1].starts_with("job JOB1 succeeded on davas with output"));
    assert!(report.problems[2].starts_with("job JOB2 succeeded on contabo with output"));
}

#[test]
fn a_wrong_answer_a_stray_job_and_an_unanswered_request_are_named() {
    let mut requests = requests();
    requests[0].answer = Answer::Job("JOB9".into());
    requests[1].answer = Answer::Unanswered;
    let mut history = sound_history();
    let mut stray = succeeded(3);
    stray.id = "JOB7".into();
    stray.spec = Some(JobSpec {
        idempotency_key: "nobody".into(),
        ..JobSpec::default()
    });
    history.push(stray);
    let report = check_history(&requests, &history, &generated());
    assert!(
        report
            .problems
            .contains(&"request key-1 was answered with job JOB9, but its job is JOB1".to_owned())
    );
    assert!(
        report
            .problems
            .contains(&"request key-2 never got an answer".to_owned())
    );
    assert!(
        report
            .problems
            .contains(&"job JOB7 (key \"nobody\") answers no request the clients made".to_owned())
    );
}

#[test]
fn runs_beyond_a_jobs_retries_are_counted() {
    let mut generated = generated();
    let davas = generated.get_mut("davas").expect("davas's prompts");
    davas.get_mut("prompt 1").expect("prompt 1").started = 2;
    let report = check_history(&requests(), &sound_history(), &generated);
    assert_eq!(report.jobs_by_generations, [(1, 2), (2, 1)].into());
    assert_eq!(report.generations_beyond_retries, 1);
}

#[test]
fn a_client_shown_a_token_twice_or_another_end_is_named() {
    let mut requests = requests();
    requests[1].seen_end = Some(SeenEnd {
        state: JobState::Succeeded as i32,
        shown: "answer answer 2".into(),
    });
    requests[2].seen_end = Some(SeenEnd {
        state: JobState::Succeeded as i32,
        shown: "answer 3".into(),
    });
    let report = check_history(&requests, &sound_history(), &generated());
    assert_eq!(
        report.problems,
        [
            "the client of job JOB2 was shown \"answer answer 2\", its output is \"answer 2\"",
            "the client of request key-3 saw job JOB3 end succeeded, the history says failed"
        ]
    );
}
