//! Crash and load (issue 19): three agents in their own network namespaces, each beside a slow
//! stand-in Ollama; a burst of a thousand keyed jobs, then a trickle of five hundred more, while
//! the coordinator is SIGKILLed and restarted twice (same config, data dir and addresses; the
//! agents reconnect) and homelab is cut off for eight seconds, the second kill falling inside
//! the cut. Clients retry the same idempotency key while the coordinator is unreachable. Once
//! everything settles, `tests::history_check` reads the whole history: every request has
//! exactly one job, every job one terminal state (a failure says why), none is lost, and every
//! success's output is exactly what its node's Ollama streamed. The figures are printed.

use std::time::Duration;

use anyhow::ensure;
use proto::v1::{JobSpec, ModelOptions, NodeState};
use tests::cluster::{Patience, eventually, generate_spec};
use tests::crash_load::{InFlightSampler, active_jobs, submit_until_answered, whole_history};
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
/// When things happen, from the first submit.
const FIRST_KILL: Duration = Duration::from_secs(4);
const PARTITION: Duration = Duration::from_secs(8);
const SECOND_KILL: Duration = Duration::from_secs(11);
const HEAL: Duration = Duration::from_secs(16);
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
                let submitted = submit_until_answered(&channel, &spec, CLIENT_PATIENCE).await;
                (spec, submitted)
            })
        })
        .collect();

    tokio::time::sleep_until(start + FIRST_KILL).await;
    let hit_first = kill_and_restart(cluster, &sampler).await?;
    tokio::time::sleep_until(start + PARTITION).await;
    cluster.lab.cut(PARTITIONED)?;
    tokio::time::sleep_until(start + SECOND_KILL).await;
    let hit_second = kill_and_restart(cluster, &sampler).await?;
    tokio::time::sleep_until(start + HEAL).await;
    cluster.lab.heal(PARTITIONED)?;

    let (mut requests, mut tries) = (Vec::new(), Vec::new());
    for client in clients {
        let (spec, submitted) = client.await?;
        tries.push(submitted.tries);
        requests.push(Request {
            idempotency_key: spec.idempotency_key,
            prompt: spec.prompt,
            answer: submitted.answer,
        });
    }
    let answered_after = start.elapsed();
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

    let retried = tries.iter().filter(|tries| **tries > 1).count();
    eprintln!(
        "crash and load: {} jobs submitted ({BURST} at once, then {TRICKLE}); in flight at \
         most {}, {hit_first} when the first SIGKILL hit, {hit_second} at the second; {retried} \
         clients retried their key (at most {} tries); all answered after {:.1} s, settled \
         after {:.1} s",
        requests.len(),
        sampler.peak(),
        tries.iter().max().unwrap_or(&0),
        answered_after.as_secs_f64(),
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
