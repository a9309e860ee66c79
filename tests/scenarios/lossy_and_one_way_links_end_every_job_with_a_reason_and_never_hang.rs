//! Links that fail partly, in network namespaces (`tests::netlab`, nftables in the hub's
//! bridge): 30 % of davas's packets lost both ways for 10 s while gemma4 jobs keep coming, and
//! a one-way partition where the coordinator cannot reach davas though davas still reaches the
//! coordinator. Every job ends — served, or failed or rejected with a reason naming davas —
//! within the timeouts, never hangs, and never runs on another model or node; once the link is
//! whole again davas serves gemma4.

use std::time::{Duration, Instant};

use anyhow::ensure;
use proto::v1::{JobState, NodeState};
use tests::netlab::{Direction, LabCluster};
use tonic::Code;

use crate::support::{GEMMA, QWEN};

/// The longest a gemma4 job may take to end while the link is lossy: its ~0.5 s of tokens,
/// the 2 s heartbeat timeout that finds davas disconnected, the 10 s grace before it is lost,
/// and TCP's retransmissions.
const JOB_BOUND: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_percent_loss_for_ten_seconds_ends_every_job_with_a_reason() -> anyhow::Result<()> {
    let cluster = davas_and_contabo().await?;
    let _jobs = cluster.jobs();
    cluster.lab.drop_packets("davas", Direction::From, 30)?;
    cluster.lab.drop_packets("davas", Direction::To, 30)?;
    let lossy_until = Instant::now() + Duration::from_secs(10);
    let (mut served, mut failed, mut rejected) = (0, 0, 0);
    for attempt in 0..200 {
        if Instant::now() >= lossy_until {
            break;
        }
        match cluster.submit(GEMMA, &format!("lossy {attempt}")).await? {
            Err(status) => {
                ensure!(
                    status.code() == Code::Unavailable && status.message().contains(GEMMA),
                    "a rejection without the model's reason: {:?} {}",
                    status.code(),
                    status.message()
                );
                rejected += 1;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Ok(job) => {
                let ended = cluster.ended_within(&job.id, JOB_BOUND).await?;
                if ended.state == JobState::Succeeded as i32 {
                    ensure!(ended.node == "davas", "gemma4 was served by {}", ended.node);
                    served += 1;
                } else {
                    ensure!(
                        ended.reason.contains("davas"),
                        "job {} ended {:?} without naming davas: {}",
                        ended.id,
                        ended.state,
                        ended.reason
                    );
                    failed += 1;
                }
            }
        }
    }
    cluster.lab.clear_drops()?;
    eprintln!(
        "30 % loss for 10 s: {served} gemma4 jobs served, {failed} failed and {rejected} \
         rejected with davas's reason; none hung"
    );
    ensure!(served + failed + rejected > 0, "no job was tried");
    serves_gemma_again(&cluster).await?;
    cluster.only_ran_on(GEMMA, "davas").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_that_cannot_reach_davas_finds_it_down_though_davas_still_reaches_it()
-> anyhow::Result<()> {
    let cluster = davas_and_contabo().await?;
    let _jobs = cluster.jobs();
    // A job running when the one-way partition starts.
    cluster
        .ollama("davas")?
        .set_token_delay(Duration::from_millis(100));
    let running = cluster.submit_ok(GEMMA, "one way").await?;
    let started = Instant::now();
    cluster.lab.drop_packets("davas", Direction::To, 100)?;
    cluster.wait_state("davas", NodeState::Down, 15).await?;
    let found_down = started.elapsed();
    let ended = cluster.ended_within(&running.id, JOB_BOUND).await?;
    ensure!(
        ended.state == JobState::Failed as i32 && ended.reason.starts_with("node_lost: davas"),
        "the job ended {:?}: {}",
        ended.state,
        ended.reason
    );
    let refused = cluster.submit(GEMMA, "while one way").await?;
    ensure!(
        matches!(&refused, Err(status) if status.code() == Code::Unavailable),
        "gemma4 while davas is unreachable: {refused:?}"
    );
    let qwen = cluster.submit_ok(QWEN, "meanwhile").await?;
    ensure!(qwen.node == "contabo", "qwen went to {}", qwen.node);
    cluster.lab.clear_drops()?;
    eprintln!(
        "one-way partition: davas found down {:.1} s after the coordinator lost its way to it",
        found_down.as_secs_f64()
    );
    cluster
        .ollama("davas")?
        .set_token_delay(Duration::from_millis(1));
    serves_gemma_again(&cluster).await?;
    cluster.only_ran_on(GEMMA, "davas").await
}

async fn davas_and_contabo() -> anyhow::Result<LabCluster> {
    let cluster = LabCluster::start(
        &[("contabo", &[QWEN]), ("davas", &[GEMMA, QWEN])],
        &[(GEMMA, "davas")],
    )
    .await?;
    let davas = cluster.ollama("davas")?;
    davas.set_answer_tokens(20);
    davas.set_token_delay(Duration::from_millis(20));
    Ok(cluster)
}

/// With the link whole again, davas rejoins and serves gemma4.
async fn serves_gemma_again(cluster: &LabCluster) -> anyhow::Result<()> {
    cluster.wait_state("davas", NodeState::Ready, 60).await?;
    let _jobs = cluster.jobs();
    let job = cluster.submit_ok(GEMMA, "whole again").await?;
    let ended = cluster.ended_within(&job.id, JOB_BOUND).await?;
    ensure!(
        ended.state == JobState::Succeeded as i32 && ended.node == "davas",
        "after the link healed gemma4 ended {:?} on {}: {}",
        ended.state,
        ended.node,
        ended.reason
    );
    Ok(())
}
