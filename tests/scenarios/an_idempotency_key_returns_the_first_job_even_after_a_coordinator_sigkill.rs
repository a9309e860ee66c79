//! A client that submits again with the same idempotency key (the vault worker, restarted
//! mid-job) gets the first job back, never a second one: while the job runs, through
//! `SubmitAndWatch` too, and after the coordinator was SIGKILLed and restarted. The key with a
//! different request is refused with ALREADY_EXISTS, naming the first job.

use std::time::Duration;

use anyhow::{Context, bail};
use futures::StreamExt;
use proto::v1::{JobSpec, SubmitJobRequest, job_event};
use tests::cluster::{ClusterSpec, Patience, TestCluster, generate_spec};

use crate::support::GEMMA;

const KEY: &str = "vault:01KBSCENARIO0000000000000";
const SOURCE: &str = "vault: Runner/inbox/why-sky.md";

fn keyed(prompt: &str) -> JobSpec {
    JobSpec {
        idempotency_key: KEY.into(),
        source: SOURCE.into(),
        ..generate_spec(GEMMA, prompt)
    }
}

/// The id in the first event of a `SubmitAndWatch` with the key: the job it watches.
async fn watched_job_id(cluster: &TestCluster, spec: JobSpec) -> anyhow::Result<String> {
    let mut events = cluster
        .jobs_client()
        .await?
        .submit_and_watch(SubmitJobRequest { spec: Some(spec) })
        .await?
        .into_inner();
    let first = tokio::time::timeout(Duration::from_secs(30), events.next())
        .await
        .context("no event within 30 s")?
        .context("the stream ended before its first event")??;
    match first.event {
        Some(job_event::Event::Job(job)) => Ok(job.id),
        other => bail!("the first event is not the job's snapshot: {other:?}"),
    }
}

/// The listed jobs submitted with `KEY`.
async fn jobs_with_the_key(cluster: &TestCluster) -> anyhow::Result<Vec<String>> {
    let jobs = cluster.list_all_jobs().await?;
    Ok(jobs
        .into_iter()
        .filter(|job| {
            job.spec
                .as_ref()
                .is_some_and(|spec| spec.idempotency_key == KEY)
        })
        .map(|job| job.id)
        .collect())
}

#[tokio::test]
async fn an_idempotency_key_returns_the_first_job_even_after_a_coordinator_sigkill()
-> anyhow::Result<()> {
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    // Slow enough that the job is still running when it is submitted again and killed.
    cluster
        .ollama("davas")
        .set_token_delay(Duration::from_millis(200));
    let first = cluster.submit_ok(keyed("why is the sky blue?")).await?;
    assert_eq!(
        first.spec.as_ref().map(|spec| spec.source.as_str()),
        Some(SOURCE)
    );
    let again = cluster.submit_ok(keyed("why is the sky blue?")).await?;
    assert_eq!(again.id, first.id, "a second submit made a second job");
    assert_eq!(
        watched_job_id(&cluster, keyed("why is the sky blue?")).await?,
        first.id,
        "SubmitAndWatch with the key watches the first job"
    );

    cluster.kill_coordinator().await?;
    cluster.start_coordinator().await?;
    cluster.wait_every_node_ready(Patience::seconds(20)).await?;
    let after_restart = cluster.submit_ok(keyed("why is the sky blue?")).await?;
    assert_eq!(
        after_restart.id, first.id,
        "the restarted coordinator made a new job"
    );
    assert_eq!(
        jobs_with_the_key(&cluster).await?,
        std::slice::from_ref(&first.id)
    );

    let Err(refused) = cluster.submit(keyed("why is the sea blue?")).await? else {
        bail!("the key was accepted with a different prompt");
    };
    assert_eq!(refused.code(), tonic::Code::AlreadyExists, "{refused:?}");
    assert!(
        refused.message().contains(&format!(
            "idempotency key {KEY} was used for job {} with a different request",
            first.id
        )),
        "{}",
        refused.message()
    );
    assert_eq!(jobs_with_the_key(&cluster).await?, [first.id]);
    Ok(())
}
