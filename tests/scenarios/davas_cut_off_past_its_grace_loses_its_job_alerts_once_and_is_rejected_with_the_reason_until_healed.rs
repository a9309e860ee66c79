//! A real network partition, in network namespaces this test makes (`tests::netlab`): the
//! coordinator, contabo and davas each in their own namespace, agents and stand-in Ollamas
//! inside, joined by a bridge. While davas runs a gemma4 job its port is taken off the bridge:
//! nothing is closed or reset, both sides just stop hearing each other, as across a dead
//! Tailscale link. The coordinator finds davas silent after `heartbeat_timeout`, fails the job
//! `node_lost` naming davas, and rejects gemma4 with davas's reason — never running it on
//! contabo — while qwen keeps working there. Healed, davas's agent rejoins by itself and serves
//! gemma4 again.

use std::time::{Duration, Instant};

use anyhow::ensure;
use proto::v1::{GetJobRequest, JobState, NodeState};
use tests::cluster::{Patience, eventually};
use tests::netlab::LabCluster;
use tonic::Code;

use crate::support::{GEMMA, QWEN};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn davas_cut_off_by_a_partition_fails_its_job_and_is_rejected_with_the_reason_until_healed()
-> anyhow::Result<()> {
    let cluster = LabCluster::start(
        &[("contabo", &[QWEN]), ("davas", &[GEMMA, QWEN])],
        &[(GEMMA, "davas")],
    )
    .await?;
    // 60 tokens at 100 ms: the gemma4 job is still running when the link is cut.
    let davas_ollama = cluster.ollama("davas")?;
    davas_ollama.set_answer_tokens(60);
    davas_ollama.set_token_delay(Duration::from_millis(100));
    let jobs = cluster.jobs();

    let running = cluster.submit_ok(GEMMA, "a long story").await?;
    ensure!(running.node == "davas", "gemma4 went to {}", running.node);
    eventually("the gemma4 job to stream", Patience::seconds(15), || {
        let (mut jobs, id) = (jobs.clone(), running.id.clone());
        async move {
            let job = jobs.get_job(GetJobRequest { id }).await?.into_inner();
            ensure!(!job.output.is_empty(), "no tokens yet");
            Ok(())
        }
    })
    .await?;

    let cut_at = Instant::now();
    cluster.lab.cut("davas")?;
    cluster.wait_state("davas", NodeState::Down, 10).await?;
    let lost = cluster
        .ended_within(&running.id, Duration::from_secs(15))
        .await?;
    ensure!(
        // Silence, not a closed connection: the cut resets nothing.
        lost.state == JobState::Failed as i32
            && lost.reason.starts_with("node_lost: davas: no heartbeat"),
        "the cut-off job ended {:?}: {}",
        lost.state,
        lost.reason
    );
    let refused = cluster.submit(GEMMA, "and now?").await?;
    match refused {
        Ok(answer) => anyhow::bail!("gemma4 was accepted while davas is cut off: {answer:?}"),
        Err(status) => ensure!(
            status.code() == Code::Unavailable && status.message().contains(GEMMA),
            "the rejection: {:?} {}",
            status.code(),
            status.message()
        ),
    }
    let qwen = cluster.submit_ok(QWEN, "meanwhile").await?;
    ensure!(qwen.node == "contabo", "qwen went to {}", qwen.node);

    let down_for = cut_at.elapsed();
    cluster.lab.heal("davas")?;
    cluster.wait_state("davas", NodeState::Ready, 60).await?;
    eprintln!(
        "davas cut off for {:.1} s (found down, its job failed, gemma4 rejected); back ready \
         {:.1} s after the heal",
        down_for.as_secs_f64(),
        (cut_at.elapsed() - down_for).as_secs_f64()
    );
    davas_ollama.set_token_delay(Duration::from_millis(1));
    let again = cluster.submit_ok(GEMMA, "healed").await?;
    ensure!(
        again.node == "davas",
        "gemma4 went to {} after the heal",
        again.node
    );

    cluster.only_ran_on(GEMMA, "davas").await?;
    Ok(())
}
