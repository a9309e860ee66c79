//! Crash and load (issue 19): three agents in their own network namespaces, each beside a slow
//! stand-in Ollama; a burst of a thousand keyed jobs, then a trickle of five hundred more, while
//! the coordinator is SIGKILLed and restarted twice (same config, data dir and addresses; the
//! agents reconnect) and homelab is cut off for eight seconds, the second kill falling inside
//! the cut. Each client submits with an idempotency key and follows its job to the end
//! (`SubmitAndWatch`), calling again with the same key while the coordinator is unreachable or
//! its stream broke. Once everything settles, `tests::history_check` reads the whole history:
//! every request has exactly one job, every job one terminal state (a failure says why), none
//! is lost, every client saw the end the history holds, and every success's output is exactly
//! what its node's Ollama streamed and what its client was shown. The figures are printed.

use std::time::Duration;

use anyhow::{Context, ensure};
use proto::v1::cluster_service_client::ClusterServiceClient;
use proto::v1::{JobSpec, ListNodesRequest, ModelOptions, NodeState};
use tests::cluster::{Patience, eventually, generate_spec};
use tests::crash_load::{InFlightSampler, active_jobs, run_keyed, whole_history};
use tests::history_check::{Generated, Request, check_history};
use tests::netlab::{LabCluster, LabSettings};
use tokio::time::Instant;

use crate::support::QWEN;

const NODES: [&str; 3] = ["contabo", "homelab", "davas"];
const PARTITIONED: &str = "homelab";
/// Jobs submitted at once at the start: the thousand in flight.
const BURST: usize = 1000;
const BURST_SPACING: Duration = Duration::from_millis(2);
/// Jobs submitted after the burst, across the later kill and the partition.
const TRICKLE: usize = 500;
const TRICKLE_SPACING: Duration = Duration::from_millis(24);
/// Think time between tokens: with 10 to 40 tokens, a job runs 2 to 8 s.
const TOKEN_DELAY: Duration = Duration::from_millis(200);
/// Each agent runs this many jobs at once; the coordinator queues the rest.
const MAX_PARALLEL: u32 = 256;
const QUEUE_CAPACITY: u32 = 400;
/// When things happen, from the first submit. The cut waits until homelab is back from the
/// first kill and running jobs; the second kill comes at least `KILL_AFTER_CUT` into the cut,
/// past the lab's 2 s heartbeat timeout; the cut lasts at least `CUT_FOR`.
const FIRST_KILL: Duration = Duration::from_secs(4);
const PARTITION: Duration = Duration::from_secs(8);
const SECOND_KILL: Duration = Duration::from_secs(11);
const KILL_AFTER_CUT: Duration = Duration::from_secs(3);
const CUT_FOR: Duration = Duration::from_secs(8);
/// How long the coordinator stays dead each time.
const DOWN_FOR: Duration = Duration::from_secs(1);
/// How long a client keeps retrying its key.
const CLIENT_PATIENCE: Duration = Duration::from_secs(60);

/// Request `number`: its key, prompt (its own words, so its answer is its own) and length.
fn spec(number: usize) -> JobSpec {
    JobSpec {
        idempotency_key: format!("crash-load-{number:04}"),
        retries: (number % 2) as u32,
        options: Some(ModelOptions {
            num_predict: Some(10 + (number * 7919 % 31) as u32),
            ..ModelOptions::default()
        }),
        ..generate_spec(QWEN, &format!("crash load request {number:04} of the run"))
    }
}

fn submit_at(number: usize) -> Duration {
    if number < BURST {
        BURST_SPACING * number as u32
    } else {
        BURST_SPACING * BURST as u32 + TRICKLE_SPACING * (number - BURST) as u32
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_jobs_in_flight_through_two_coordinator_sigkills_and_a_partition_each_end_once()
-> anyhow::Result<()> {
    let nodes: Vec<(&str, &[&str])> = NODES.iter().map(|node| (*node, &[QWEN][..])).collect();
    let settings = LabSettings {
        max_parallel: MAX_PARALLEL,
        queue_capacity: Some(QUEUE_CAPACITY),
        // Shorter than the cut, so homelab is lost inside it and its jobs are retried or
        // failed `node_lost`, not only held.
        disconnect_grace: "3s",
        ..LabSettings::default()
    };
    let mut cluster = LabCluster::start_with(&nodes, &[], settings).await?;
    for node in NODES {
        let ollama = cluster.ollama(node)?;
        ollama.set_answer_tokens(1000);
        ollama.set_token_delay(TOKEN_DELAY);
    }
    let outcome = crash_and_load(&mut cluster).await;
    if outcome.is_err() {
        eprintln!("lab files kept in {}", cluster.keep_files().display());
    }
    outcome
}

async fn crash_and_load(cluster: &mut LabCluster) -> anyhow::Result<()> {
    let start = Instant::now();
    let sampler = InFlightSampler::start(cluster.channel.clone(), Duration::from_millis(250));
    let clients: Vec<_> = (0..BURST + TRICKLE)
        .map(|number| {
            let channel = cluster.channel.clone();
            tokio::spawn(async move {
                tokio::time::sleep_until(start + submit_at(number)).await;
                let spec = spec(number);
                let run = run_keyed(&channel, &spec, CLIENT_PATIENCE).await;
                (spec, run)
            })
        })
        .collect();

    tokio::time::sleep_until(start + FIRST_KILL).await;
    let hit_first = kill_and_restart(cluster, &sampler).await?;
    tokio::time::sleep_until(start + PARTITION).await;
    let running_when_cut = wait_running_on(cluster, PARTITIONED).await?;
    cluster.lab.cut(PARTITIONED)?;
    let cut_at = Instant::now();
    tokio::time::sleep_until((start + SECOND_KILL).max(cut_at + KILL_AFTER_CUT)).await;
    let hit_second = kill_and_restart(cluster, &sampler).await?;
    tokio::time::sleep_until(cut_at + CUT_FOR).await;
    cluster.lab.heal(PARTITIONED)?;
    let cut = (cut_at - start, cut_at.elapsed());

    let (mut requests, mut calls) = (Vec::new(), Vec::new());
    for client in clients {
        let (spec, run) = client.await?;
        calls.push(run.calls);
        requests.push(Request {
            idempotency_key: spec.idempotency_key,
            prompt: spec.prompt,
            answer: run.answer,
            seen_end: run.seen_end,
        });
    }
    let clients_done_after = start.elapsed();
    let channel = cluster.channel.clone();
    let settled = eventually("every job to end", Patience::seconds(60), || async {
        let active = active_jobs(&channel).await?;
        ensure!(active == 0, "{active} jobs still queued or running");
        Ok(())
    })
    .await;
    let settled_after = start.elapsed();
    let history = whole_history(&channel).await?;
    let mut generated = Generated::new();
    for node in NODES {
        generated.insert(node.to_owned(), cluster.ollama(node)?.generations());
    }
    let report = check_history(&requests, &history, &generated);

    let called_again = calls.iter().filter(|calls| **calls > 1).count();
    eprintln!(
        "crash and load: {} jobs submitted ({BURST} at once, then {TRICKLE}); in flight at \
         most {}, {hit_first} when the first SIGKILL hit, {hit_second} at the second; \
         {PARTITIONED} cut at {:.1} s for {:.1} s while running {running_when_cut}; \
         {called_again} clients called again with their key (at most {} calls); the clients were \
         done after {:.1} s, every job ended after {:.1} s",
        requests.len(),
        sampler.peak(),
        cut.0.as_secs_f64(),
        cut.1.as_secs_f64(),
        calls.iter().max().unwrap_or(&0),
        clients_done_after.as_secs_f64(),
        settled_after.as_secs_f64(),
    );
    eprintln!("crash and load history: {}", report.figures());
    for (ending, reason) in &report.example_reasons {
        eprintln!("  {ending}, for example: {reason}");
    }
    settled?;
    ensure!(
        report.problems.is_empty(),
        "{} broken promises, the first: {:#?}",
        report.problems.len(),
        &report.problems[..report.problems.len().min(20)]
    );
    // The run did what it says: the kills hit jobs in flight, and jobs still succeeded.
    ensure!(
        hit_first > 0 && hit_second > 0,
        "a SIGKILL hit no job in flight"
    );
    ensure!(report.succeeded > 0, "no job succeeded");
    ensure!(
        report
            .ended_otherwise
            .contains_key("failed coordinator_restarted"),
        "no job failed coordinator_restarted: {:?}",
        report.ended_otherwise
    );
    // Healed, homelab is back with the twice-restarted coordinator.
    cluster.wait_state(PARTITIONED, NodeState::Ready, 30).await
}

/// SIGKILLs the coordinator, keeps it down for a moment, starts it again; returns how many
/// jobs were in flight just before the kill.
async fn kill_and_restart(
    cluster: &mut LabCluster,
    sampler: &InFlightSampler,
) -> anyhow::Result<usize> {
    let in_flight = sampler.latest();
    cluster.kill_coordinator().await?;
    tokio::time::sleep(DOWN_FOR).await;
    cluster.restart_coordinator().await?;
    Ok(in_flight)
}

/// Waits until `node` is ready and running jobs; returns how many.
async fn wait_running_on(cluster: &LabCluster, node: &str) -> anyhow::Result<u32> {
    let what = format!("{node} to be ready and running jobs");
    eventually(&what, Patience::seconds(15), || async {
        let nodes = ClusterServiceClient::new(cluster.channel.clone())
            .list_nodes(ListNodesRequest::default())
            .await?
            .into_inner()
            .nodes;
        let found = (nodes.iter().find(|candidate| candidate.name == node))
            .context("the coordinator lists no such node")?;
        let ready = found.state == NodeState::Ready as i32;
        ensure!(
            ready && found.running > 0,
            "{node} is {:?} running {}",
            found.state,
            found.running
        );
        Ok(found.running)
    })
    .await
}
