//! The rolling upgrade `ansible/upgrade.yml` runs, with the real binaries: while clients keep
//! submitting qwen jobs, each node in turn is drained with `runner drain NODE --wait` (which
//! returns only once its running jobs have finished), its agent is stopped with SIGTERM as
//! systemd stops it, a new agent binary is started, and `runner undrain NODE --wait` lets it
//! take jobs again once it has rejoined. No job fails or is rejected, every node served jobs
//! after its upgrade, and gemma4 is rejected (never downgraded) while davas is out.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, ensure};
use futures::StreamExt;
use proto::v1::job_event::Event;
use proto::v1::job_service_client::JobServiceClient;
use proto::v1::{Job, JobState, NodeState, SubmitJobRequest};
use tests::cluster::{ClusterSpec, Patience, TestCluster, eventually, generate_spec, printed};
use tokio::task::JoinSet;
use tonic::Code;

use crate::support::{QWEN, expect_gemma_rejected};

/// Clients submitting at once; below the two remaining nodes' slots plus queues, so a drained
/// node never makes a submit "queue full".
const CLIENTS: usize = 3;
/// Each client's bound on jobs, whatever happens.
const JOBS_PER_CLIENT: usize = 400;

#[tokio::test]
async fn a_rolling_upgrade_drains_replaces_and_undrains_every_agent_without_failing_a_job()
-> anyhow::Result<()> {
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    for node in ["contabo", "homelab", "davas"] {
        // 40 tokens at 25 ms: each job runs about a second, so a drain finds one running.
        let ollama = cluster.ollama(node);
        ollama.set_answer_tokens(40);
        ollama.set_token_delay(Duration::from_millis(25));
    }
    let stop = Arc::new(AtomicBool::new(false));
    let mut clients = JoinSet::new();
    for client in 0..CLIENTS {
        clients.spawn(submit_until_stopped(
            cluster.grpc_url(),
            client,
            Arc::clone(&stop),
        ));
    }

    let started = Instant::now();
    for node in ["contabo", "homelab", "davas"] {
        upgrade_node(&mut cluster, node).await?;
    }
    let upgrade_took = started.elapsed();
    // Let every node serve jobs again after its upgrade before the clients stop.
    tokio::time::sleep(Duration::from_secs(3)).await;
    stop.store(true, Ordering::SeqCst);

    let mut jobs: Vec<Job> = Vec::new();
    while let Some(client) = clients.join_next().await {
        jobs.extend(client??);
    }
    let not_succeeded: Vec<String> = jobs
        .iter()
        .filter(|job| job.state != JobState::Succeeded as i32)
        .map(|job| format!("{} {:?} on {}: {}", job.id, job.state, job.node, job.reason))
        .collect();
    ensure!(
        not_succeeded.is_empty(),
        "{} of {} jobs did not succeed during the rolling upgrade:\n{}",
        not_succeeded.len(),
        jobs.len(),
        not_succeeded.join("\n")
    );
    for node in ["contabo", "homelab", "davas"] {
        let served = jobs.iter().filter(|job| job.node == node).count();
        ensure!(served > 0, "{node} served no job at all");
    }
    ensure!(
        jobs.iter().all(|job| job.served_model == QWEN),
        "a job ran another model"
    );
    eprintln!(
        "rolling upgrade of 3 agents took {:.1} s; {} jobs, all succeeded",
        upgrade_took.as_secs_f64(),
        jobs.len()
    );
    Ok(())
}

/// drain --wait → SIGTERM → start the new agent → undrain --wait, checking each step.
async fn upgrade_node(cluster: &mut TestCluster, node: &str) -> anyhow::Result<()> {
    // Drain only while a job runs there, so `--wait` has something to wait for.
    eventually(
        &format!("a job running on {node}"),
        Patience::seconds(20),
        || async {
            ensure!(cluster.node(node).await?.running > 0, "nothing running");
            Ok(())
        },
    )
    .await?;
    let drained = cluster
        .cli(&["drain", node, "--wait", "--timeout", "60s"])
        .await?;
    let said = printed(&drained);
    ensure!(drained.status.success(), "drain --wait failed: {said}");
    ensure!(
        said.contains(&format!("waiting for node {node}: 1 running")),
        "drain --wait did not wait for the running job: {said}"
    );
    ensure!(
        said.contains(&format!("node {node} is idle")),
        "drain --wait did not say the node is idle: {said}"
    );
    let after_drain = cluster.node(node).await?;
    ensure!(
        after_drain.running == 0 && after_drain.queued == 0,
        "{node} still has jobs after drain --wait: {} running, {} queued",
        after_drain.running,
        after_drain.queued
    );
    if node == "davas" {
        // gemma4's only node is out: refused with davas's reason, never run on another model.
        expect_gemma_rejected(cluster, Code::Unavailable, "draining").await?;
    }

    let stopped = cluster.stop_agent(node).await?;
    ensure!(
        stopped.success(),
        "{node}'s agent exited {stopped} on SIGTERM"
    );
    cluster
        .wait_node_state(node, NodeState::Down, Patience::seconds(10))
        .await?;
    // The "new binary": the agent is started afresh from disk, as systemd starts the unit.
    cluster.start_agent(node)?;
    let undrained = cluster
        .cli(&["undrain", node, "--wait", "--timeout", "60s"])
        .await?;
    let said = printed(&undrained);
    ensure!(undrained.status.success(), "undrain --wait failed: {said}");
    ensure!(
        said.contains(&format!("node {node} takes jobs again")),
        "undrain did not say the node takes jobs: {said}"
    );
    let back = cluster
        .wait_node_state(node, NodeState::Ready, Patience::seconds(10))
        .await?;
    ensure!(!back.draining, "{node} is still draining after undrain");
    Ok(())
}

/// One client: submits a qwen job and watches it to its end, again and again, until `stop`.
async fn submit_until_stopped(
    url: String,
    client: usize,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<Vec<Job>> {
    let mut jobs_client = JobServiceClient::connect(url).await?;
    let mut jobs = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(180);
    while !stop.load(Ordering::SeqCst) && jobs.len() < JOBS_PER_CLIENT {
        ensure!(Instant::now() < deadline, "client {client} ran past 180 s");
        let spec = generate_spec(QWEN, &format!("client {client}, job {}", jobs.len()));
        let answer = jobs_client
            .submit_and_watch(SubmitJobRequest { spec: Some(spec) })
            .await;
        let mut events = match answer {
            Ok(stream) => stream.into_inner(),
            Err(status) => anyhow::bail!(
                "client {client}'s job {} was refused: {:?} {}",
                jobs.len(),
                status.code(),
                status.message()
            ),
        };
        let mut last = None;
        while let Some(event) = events.next().await {
            if let Some(Event::Job(job)) = event?.event {
                last = Some(job);
            }
        }
        jobs.push(last.with_context(|| format!("client {client}'s watch carried no job"))?);
    }
    Ok(jobs)
}
