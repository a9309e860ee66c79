//! `runner submit` over real gRPC against the in-test coordinator: the token stream on stdout,
//! the summary and reasons on stderr, and the exit code for every outcome.

use std::time::Duration;

use proto::v1::{Embedding, Job, JobEvent, JobKind, JobState, JobTimings, OllamaStats, job_event};
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, PreconditionViolation, StatusExt};

use super::{run, run_with_interrupt};
use crate::cli::test_coordinator::{JOB_ID, Script, start};
use crate::cli::{ClientExit, Interrupt};

const GENERATE: [&str; 5] = ["submit", "--model", "gemma4:27b", "--prompt", "say hello"];

fn snapshot(state: JobState, output: &str) -> JobEvent {
    let job = Job {
        id: JOB_ID.into(),
        state: state as i32,
        output: output.into(),
        attempt: 1,
        ..Default::default()
    };
    JobEvent {
        event: Some(job_event::Event::Job(job)),
    }
}

fn delta(text: &str) -> JobEvent {
    JobEvent {
        event: Some(job_event::Event::Delta(text.into())),
    }
}

fn finished(state: JobState, reason: &str) -> JobEvent {
    let job = Job {
        id: JOB_ID.into(),
        state: state as i32,
        reason: reason.into(),
        node: "davas".into(),
        served_model: "gemma4:27b".into(),
        output: "Hello world".into(),
        timings: Some(JobTimings {
            total_ms: Some(1_230),
            time_to_first_token_ms: Some(85),
            ollama: Some(OllamaStats {
                eval_count: 3,
                ..Default::default()
            }),
            ..Default::default()
        }),
        attempt: 1,
        ..Default::default()
    };
    JobEvent {
        event: Some(job_event::Event::Job(job)),
    }
}

fn rejection(code: Code) -> Status {
    let violations = vec![
        PreconditionViolation::new(
            "AGENT_DOWN",
            "davas",
            "davas: agent down since 2026-11-26T10:00:00Z (41 s)",
        ),
        PreconditionViolation::new("NOT_ROUTED", "homelab", "homelab: not routed"),
    ];
    // The message is only the headline; the recorded job's id is in the ErrorInfo.
    let mut details = ErrorDetails::with_precondition_failure(violations);
    details.set_error_info(
        "NO_ELIGIBLE_NODE",
        "llm-runner",
        std::collections::HashMap::from([("job_id".to_owned(), JOB_ID.to_owned())]),
    );
    Status::with_error_details(code, "no node can run gemma4:27b", details)
}

fn rejected_job() -> Job {
    Job {
        id: JOB_ID.into(),
        state: JobState::Rejected as i32,
        reason: "no node can run gemma4:27b".into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn tokens_stream_to_stdout_and_the_summary_goes_to_stderr() {
    let events = vec![
        snapshot(JobState::Running, "Hel"),
        delta("lo"),
        delta(" world"),
        finished(JobState::Succeeded, ""),
    ];
    let fake = start(Script {
        watch_events: events,
        ..Default::default()
    })
    .await;
    let ran = run(&fake.url, &GENERATE).await;
    assert_eq!(ran.exit, ClientExit::Success, "{ran:?}");
    assert_eq!(ran.stdout, "Hello world\n");
    assert_eq!(
        ran.stderr,
        format!("job {JOB_ID} served by davas (gemma4:27b) in 1.23 s, ttft 85 ms, 3 tokens\n")
    );
    let recorded = fake.recorded.lock().unwrap();
    assert_eq!(recorded.submitted[0].kind, JobKind::Generate as i32);
    assert_eq!(recorded.submitted[0].prompt, "say hello");
    assert_eq!(recorded.watched, [JOB_ID]);
    assert_eq!(
        recorded.submitted_and_watched, 1,
        "one call submits and watches"
    );
}

#[tokio::test]
async fn a_rejection_prints_every_node_reason_and_exits_3() {
    for code in [Code::FailedPrecondition, Code::Unavailable] {
        let fake = start(Script {
            submit: Some(Err(rejection(code))),
            ..Default::default()
        })
        .await;
        let ran = run(&fake.url, &GENERATE).await;
        assert_eq!(ran.exit, ClientExit::Rejected, "{code:?}: {ran:?}");
        assert_eq!(ran.stdout, "");
        assert_eq!(
            ran.stderr,
            format!(
                "error: no node can run gemma4:27b\nrecorded as job {JOB_ID}\n  davas: agent down since 2026-11-26T10:00:00Z (41 s)\n  homelab: not routed\n"
            )
        );
        assert!(
            fake.recorded.lock().unwrap().watched.is_empty(),
            "a rejected job is not watched"
        );
    }
}

#[tokio::test]
async fn a_rejection_with_json_prints_the_rejected_jobs_json_and_exits_3() {
    let fake = start(Script {
        submit: Some(Err(rejection(Code::FailedPrecondition))),
        get_job: Some(rejected_job()),
        ..Default::default()
    })
    .await;
    let ran = run(&fake.url, &[&GENERATE[..], &["--json"]].concat()).await;
    assert_eq!(ran.exit, ClientExit::Rejected, "{ran:?}");
    let printed: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(printed["id"], JOB_ID);
    assert_eq!(printed["state"], "JOB_STATE_REJECTED");
    assert!(
        ran.stderr
            .starts_with("error: no node can run gemma4:27b\n")
    );
}

#[tokio::test]
async fn job_follow_streams_a_running_jobs_output_and_exits_as_submit_would() {
    for (end, exit) in [
        (JobState::Succeeded, ClientExit::Success),
        (JobState::Failed, ClientExit::FailedOrNotFound),
    ] {
        let events = vec![
            snapshot(JobState::Running, "Hel"),
            delta("lo"),
            delta(" world"),
            finished(end, "node_lost: davas stopped answering"),
        ];
        let fake = start(Script {
            watch_events: events,
            ..Default::default()
        })
        .await;
        let ran = run(&fake.url, &["job", JOB_ID, "--follow"]).await;
        assert_eq!(ran.exit, exit, "{ran:?}");
        assert_eq!(ran.stdout, "Hello world\n");
        assert_eq!(fake.recorded.lock().unwrap().watched, [JOB_ID]);
        assert!(fake.recorded.lock().unwrap().submitted.is_empty());
    }
}

#[tokio::test]
async fn ctrl_c_stops_following_a_job_without_cancelling_it() {
    let fake = start(Script {
        watch_events: vec![snapshot(JobState::Running, "Hel")],
        watch_stays_open: true,
        ..Default::default()
    })
    .await;
    let recorded = fake.recorded.clone();
    let interrupt = async move {
        while recorded.lock().unwrap().watched.is_empty() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        Interrupt::CtrlC
    };
    let arguments = ["job", JOB_ID, "--follow", "--coordinator", &fake.url];
    let ran = run_with_interrupt(&arguments, interrupt).await;
    assert_eq!(ran.exit, ClientExit::Interrupted, "{ran:?}");
    assert_eq!(ran.stdout, "Hel\n");
    assert!(fake.recorded.lock().unwrap().cancelled.is_empty());
}

#[tokio::test]
async fn a_failed_job_gives_its_reason_and_exits_4() {
    let events = vec![
        snapshot(JobState::Running, ""),
        delta("Hel"),
        finished(JobState::Failed, "node_lost: davas stopped answering"),
    ];
    let fake = start(Script {
        watch_events: events,
        ..Default::default()
    })
    .await;
    let ran = run(&fake.url, &GENERATE).await;
    assert_eq!(ran.exit, ClientExit::FailedOrNotFound, "{ran:?}");
    // The deltas stopped at "Hel"; the record's output has the rest, which the end shows.
    assert_eq!(ran.stdout, "Hello world\n");
    assert_eq!(
        ran.stderr,
        format!("job {JOB_ID} failed on davas: node_lost: davas stopped answering\n")
    );
}

#[tokio::test]
async fn an_invalid_request_exits_2_with_the_coordinators_words() {
    let refusal = Status::invalid_argument("the prompt is 2000000 bytes; the limit is 1048576");
    let fake = start(Script {
        submit: Some(Err(refusal)),
        ..Default::default()
    })
    .await;
    let ran = run(&fake.url, &GENERATE).await;
    assert_eq!(ran.exit, ClientExit::InvalidArgument);
    assert_eq!(
        ran.stderr,
        "error: the prompt is 2000000 bytes; the limit is 1048576\n"
    );
}

#[tokio::test]
async fn an_absent_coordinator_exits_5_and_says_what_to_do() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let ran = run(&url, &GENERATE).await;
    assert_eq!(ran.exit, ClientExit::Unreachable);
    assert!(
        ran.stderr
            .starts_with(&format!("error: cannot reach the coordinator at {url}: ")),
        "{}",
        ran.stderr
    );
    assert!(
        ran.stderr.ends_with("; is runner serve running?\n"),
        "{}",
        ran.stderr
    );
}

#[tokio::test]
async fn detach_prints_the_id_and_does_not_wait() {
    let fake = start(Script {
        watch_stays_open: true,
        ..Default::default()
    })
    .await;
    let ran = run(&fake.url, &[&GENERATE[..], &["--detach"]].concat()).await;
    assert_eq!(
        (ran.exit, ran.stdout.as_str()),
        (ClientExit::Success, format!("{JOB_ID}\n").as_str())
    );
    assert!(fake.recorded.lock().unwrap().watched.is_empty());
}

#[tokio::test]
async fn json_prints_the_final_job_instead_of_tokens() {
    let events = vec![
        snapshot(JobState::Running, ""),
        delta("Hello"),
        finished(JobState::Succeeded, ""),
    ];
    let fake = start(Script {
        watch_events: events,
        ..Default::default()
    })
    .await;
    let ran = run(&fake.url, &[&GENERATE[..], &["--json"]].concat()).await;
    assert_eq!(ran.exit, ClientExit::Success);
    let job: serde_json::Value = serde_json::from_str(&ran.stdout).unwrap();
    assert_eq!(job["state"], "JOB_STATE_SUCCEEDED");
    assert_eq!(job["output"], "Hello world");
    assert_eq!(ran.stderr, "");
}

#[tokio::test]
async fn an_embed_job_prints_the_vectors_shape() {
    let mut done = finished(JobState::Succeeded, "");
    if let Some(job_event::Event::Job(job)) = &mut done.event {
        job.spec = Some(proto::v1::JobSpec {
            kind: JobKind::Embed as i32,
            ..Default::default()
        });
        job.output.clear();
        job.embeddings = vec![
            Embedding {
                values: vec![0.1, 0.2, 0.3]
            };
            2
        ];
    }
    let fake = start(Script {
        watch_events: vec![done],
        ..Default::default()
    })
    .await;
    let ran = run(
        &fake.url,
        &[
            "submit",
            "--model",
            "nomic-embed-text",
            "--embed",
            "a",
            "--embed",
            "b",
        ],
    )
    .await;
    assert_eq!(
        (ran.exit, ran.stdout.as_str()),
        (ClientExit::Success, "2 vectors of 3 dimensions\n")
    );
    assert_eq!(fake.recorded.lock().unwrap().submitted[0].texts, ["a", "b"]);
}

#[tokio::test]
async fn ctrl_c_and_sigterm_cancel_the_job_on_the_coordinator_and_exit_130_or_143() {
    for (signal, exit) in [
        (Interrupt::CtrlC, ClientExit::Interrupted),
        (Interrupt::Terminate, ClientExit::Terminated),
    ] {
        let events = vec![snapshot(JobState::Running, ""), delta("Hel")];
        let fake = start(Script {
            watch_events: events,
            watch_stays_open: true,
            ..Default::default()
        })
        .await;
        let recorded = fake.recorded.clone();
        // Signal once the CLI follows the job, as a user would mid-stream.
        let interrupt = async move {
            while recorded.lock().unwrap().watched.is_empty() {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            signal
        };
        let arguments = [&GENERATE[..], &["--coordinator", &fake.url]].concat();
        let ran = tokio::time::timeout(
            Duration::from_secs(10),
            run_with_interrupt(&arguments, interrupt),
        )
        .await
        .unwrap();
        assert_eq!(ran.exit, exit, "{ran:?}");
        assert_eq!(ran.stdout, "Hel\n");
        assert_eq!(ran.stderr, format!("interrupted: cancelled job {JOB_ID}\n"));
        assert_eq!(fake.recorded.lock().unwrap().cancelled, [JOB_ID]);
    }
}

#[tokio::test]
async fn a_stream_that_ends_early_is_completed_from_the_stored_job() {
    let mut stored = finished(JobState::Succeeded, "");
    let Some(job_event::Event::Job(stored_job)) = stored.event.take() else {
        unreachable!()
    };
    let script = Script {
        watch_events: vec![snapshot(JobState::Running, "Hel")],
        get_job: Some(stored_job),
        ..Default::default()
    };
    let fake = start(script).await;
    let ran = run(&fake.url, &GENERATE).await;
    assert_eq!(ran.exit, ClientExit::Success, "{ran:?}");
    assert_eq!(ran.stdout, "Hello world\n");
    assert!(
        ran.stderr
            .starts_with(&format!("job {JOB_ID} served by davas")),
        "{}",
        ran.stderr
    );
}

#[tokio::test]
async fn a_stream_that_ends_while_the_job_runs_says_how_to_follow_it() {
    let running = Job {
        id: JOB_ID.into(),
        state: JobState::Running as i32,
        ..Default::default()
    };
    let script = Script {
        watch_events: vec![snapshot(JobState::Running, "Hel")],
        get_job: Some(running),
        ..Default::default()
    };
    let fake = start(script).await;
    let ran = run(&fake.url, &GENERATE).await;
    assert_eq!(ran.exit, ClientExit::Failure);
    assert_eq!(ran.stdout, "Hel\n");
    let expected = format!("while it was running; follow it with `runner job {JOB_ID}`\n");
    assert!(ran.stderr.ends_with(&expected), "{}", ran.stderr);
}
