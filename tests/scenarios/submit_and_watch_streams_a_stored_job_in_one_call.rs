//! `SubmitAndWatch`: one call submits a job and streams it. The first event is the job's
//! snapshot, sent only once its record is durable (a coordinator SIGKILLed right after it still
//! knows the job); tokens made before it are held, not lost; a rejection fails the call with
//! the same status and details as `SubmitJob`, before any message.

use std::time::Duration;

use anyhow::{Context, bail};
use futures::StreamExt;
use proto::v1::{JobEvent, JobSpec, JobState, NodeState, SubmitJobRequest, job_event};
use tests::cluster::{ClusterSpec, Patience, TestCluster, generate_spec};
use tonic::Streaming;
use tonic_types::StatusExt;

use crate::support::{GEMMA, QWEN};

async fn submit_and_watch(
    cluster: &TestCluster,
    spec: JobSpec,
) -> anyhow::Result<Result<Streaming<JobEvent>, tonic::Status>> {
    let mut client = cluster.jobs_client().await?;
    Ok(client
        .submit_and_watch(SubmitJobRequest { spec: Some(spec) })
        .await
        .map(tonic::Response::into_inner))
}

async fn next_event(events: &mut Streaming<JobEvent>) -> anyhow::Result<Option<job_event::Event>> {
    let next = tokio::time::timeout(Duration::from_secs(30), events.next())
        .await
        .context("no event within 30 s")?;
    match next {
        None => Ok(None),
        Some(event) => Ok(event?.event),
    }
}

/// Reads the stream to its end: the first snapshot, the deltas, and the last job event.
async fn read_to_end(
    mut events: Streaming<JobEvent>,
) -> anyhow::Result<(proto::v1::Job, Vec<String>, proto::v1::Job)> {
    let Some(job_event::Event::Job(first)) = next_event(&mut events).await? else {
        bail!("the first event is not the job's snapshot");
    };
    let (mut deltas, mut last) = (Vec::new(), first.clone());
    while let Some(event) = next_event(&mut events).await? {
        match event {
            job_event::Event::Delta(text) => deltas.push(text),
            job_event::Event::Job(job) => last = job,
        }
    }
    Ok((first, deltas, last))
}

#[tokio::test]
async fn an_accepted_job_streams_from_a_stored_snapshot_to_its_end() -> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    cluster
        .ollama("davas")
        .set_token_delay(Duration::from_millis(30));
    let events = submit_and_watch(&cluster, generate_spec(GEMMA, "why is the sky blue?"))
        .await?
        .map_err(|status| anyhow::anyhow!("refused: {status}"))?;
    let (first, deltas, last) = read_to_end(events).await?;
    assert!(first.output.is_empty(), "{first:?}");
    assert_eq!(first.node, "davas");
    assert!(deltas.len() > 1, "tokens stream one by one: {deltas:?}");
    assert_eq!(last.id, first.id);
    assert_eq!(last.state, JobState::Succeeded as i32, "{}", last.reason);
    assert_eq!(deltas.concat(), last.output);
    assert_eq!(cluster.get_job(&first.id).await?.output, last.output);

    // No think time: the job may end before its record is durable, and its tokens are held
    // until the snapshot has gone out; none is lost.
    for round in 0..5 {
        let events = submit_and_watch(&cluster, generate_spec(QWEN, &format!("quick {round}")))
            .await?
            .map_err(|status| anyhow::anyhow!("refused: {status}"))?;
        let (first, deltas, last) = read_to_end(events).await?;
        assert_eq!(last.state, JobState::Succeeded as i32, "{}", last.reason);
        assert_eq!(format!("{}{}", first.output, deltas.concat()), last.output);
    }
    Ok(())
}

#[tokio::test]
async fn the_first_event_comes_only_once_the_job_survives_a_coordinator_sigkill()
-> anyhow::Result<()> {
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    cluster
        .ollama("davas")
        .set_token_delay(Duration::from_millis(200));
    let mut events = submit_and_watch(&cluster, generate_spec(GEMMA, "a long answer please"))
        .await?
        .map_err(|status| anyhow::anyhow!("refused: {status}"))?;
    let Some(job_event::Event::Job(first)) = next_event(&mut events).await? else {
        bail!("the first event is not the job's snapshot");
    };
    cluster.kill_coordinator().await?;
    cluster.start_coordinator().await?;
    let after_restart = cluster.get_job(&first.id).await?;
    assert_eq!(after_restart.state, JobState::Failed as i32);
    assert!(
        after_restart.reason.starts_with("coordinator_restarted"),
        "{}",
        after_restart.reason
    );
    Ok(())
}

#[tokio::test]
async fn a_rejection_fails_the_call_as_submit_job_does() -> anyhow::Result<()> {
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    cluster.kill_agent("davas").await?;
    cluster
        .wait_node_state("davas", NodeState::Down, Patience::seconds(5))
        .await?;
    let spec = generate_spec(GEMMA, "why is the sky blue?");
    let Err(one_call) = submit_and_watch(&cluster, spec.clone()).await? else {
        bail!("gemma4 was accepted with davas down");
    };
    let Err(two_calls) = cluster.submit(spec).await? else {
        bail!("gemma4 was accepted with davas down");
    };
    assert_eq!(one_call.code(), two_calls.code());
    assert_eq!(one_call.code(), tonic::Code::Unavailable);
    assert!(one_call.message().contains(GEMMA), "{}", one_call.message());
    // The descriptions say for how many seconds davas has been down, which may tick between
    // the calls; the kinds and nodes must match.
    let violations = |status: &tonic::Status| {
        status
            .get_details_precondition_failure()
            .map(|failure| {
                failure
                    .violations
                    .into_iter()
                    .map(|violation| (violation.r#type, violation.subject, violation.description))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let kinds_and_nodes = |status: &tonic::Status| {
        violations(status)
            .into_iter()
            .map(|(kind, subject, _)| (kind, subject))
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds_and_nodes(&one_call), kinds_and_nodes(&two_calls));
    let davas = violations(&one_call)
        .into_iter()
        .find(|(_, subject, _)| subject == "davas")
        .context("no violation for davas")?;
    assert!(davas.2.contains("agent down"), "{davas:?}");
    let info = one_call
        .get_details_error_info()
        .context("no ErrorInfo details")?;
    assert_eq!(info.reason, "NO_ELIGIBLE_NODE");
    let rejected = cluster.get_job(&info.metadata["job_id"]).await?;
    assert_eq!(rejected.state, JobState::Rejected as i32);
    Ok(())
}

#[tokio::test]
async fn python_grpcio_submits_and_watches_in_one_call() -> anyhow::Result<()> {
    use crate::the_proto_contract_works_from_python_grpcio::python;
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let (code, job) = python(
        &cluster,
        &[
            "--one-call",
            "--model",
            GEMMA,
            "--prompt",
            "why is the sky blue?",
        ],
    )
    .await?;
    assert_eq!(code, 0, "{job}");
    assert_eq!(job["state"], "JOB_STATE_SUCCEEDED");
    assert_eq!(job["node"], "davas");
    assert_eq!(job["output"], job["job_output"]);

    cluster.kill_agent("davas").await?;
    cluster
        .wait_node_state("davas", NodeState::Down, Patience::seconds(5))
        .await?;
    let (code, rejection) = python(
        &cluster,
        &["--one-call", "--model", GEMMA, "--prompt", "again"],
    )
    .await?;
    assert_eq!(code, 3, "{rejection}");
    assert_eq!(rejection["error_code"], "UNAVAILABLE");
    assert_eq!(rejection["violations"][0]["subject"], "davas");
    assert_eq!(rejection["error_info"]["reason"], "NO_ELIGIBLE_NODE");
    Ok(())
}
