//! A real network partition longer than `disconnect_grace`, in network namespaces this test
//! makes (`tests::netlab`): the coordinator, contabo and davas each in their own namespace,
//! agents and stand-in Ollamas inside, joined by a bridge. While davas runs a gemma4 job its
//! port is taken off the bridge: nothing is closed or reset, both sides just stop hearing each
//! other, as across a dead Tailscale link. The coordinator finds davas silent after
//! `heartbeat_timeout` and holds it `disconnected` (gemma4 rejected with that reason, the job
//! kept running); when the grace ends davas is lost, the job fails `node_lost` naming davas,
//! and gemma4 is rejected as "agent down" — never run on contabo — while qwen keeps working
//! there. Discord hears of the loss once (and of the return once). Healed, davas's agent
//! rejoins by itself and serves gemma4 again.

use std::time::{Duration, Instant};

use anyhow::{Context, ensure};
use proto::v1::{GetJobRequest, JobState, NodeState};
use tests::cluster::{
    Patience, TEST_ALERT_AFTER, accepted_titles, distinctive_webhook_token, eventually,
    wait_for_title,
};
use tests::fake_discord::FakeDiscord;
use tests::netlab::{LabCluster, LabSettings};
use tonic::Code;
use tonic_types::StatusExt;

use crate::support::{GEMMA, QWEN};

const LOST: &str = "Node davas lost";
const BACK: &str = "Node davas is back";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn davas_cut_off_past_its_grace_loses_its_job_alerts_once_and_is_rejected_with_the_reason_until_healed()
-> anyhow::Result<()> {
    let discord = FakeDiscord::start().await?;
    let settings = LabSettings {
        discord_webhook: Some((
            discord.address(),
            discord.webhook_url(&distinctive_webhook_token()),
        )),
        // Disk checks off: the agents report this machine's disk, whatever its free space.
        extra_coordinator_toml: format!(
            "[alerts]\nalert_after = \"{}ms\"\ndisk_free_min_bytes = 0\n",
            TEST_ALERT_AFTER.as_millis()
        ),
        ..LabSettings::default()
    };
    let cluster = LabCluster::start_with(
        &[("contabo", &[QWEN]), ("davas", &[GEMMA, QWEN])],
        &[(GEMMA, "davas")],
        settings,
    )
    .await?;
    // 300 tokens at 100 ms: the gemma4 job outlives the cut and the grace.
    let davas_ollama = cluster.ollama("davas")?;
    davas_ollama.set_answer_tokens(300);
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
    cluster
        .wait_state("davas", NodeState::Disconnected, 10)
        .await?;
    let disconnected_after = cut_at.elapsed();
    let held = cluster
        .jobs()
        .get_job(GetJobRequest {
            id: running.id.clone(),
        })
        .await?
        .into_inner();
    ensure!(
        held.state == JobState::Running as i32,
        "the job was not held through the grace: {:?} {}",
        held.state,
        held.reason
    );
    rejected_saying(&cluster, "AGENT_DISCONNECTED", "agent disconnected since").await?;

    cluster.wait_state("davas", NodeState::Down, 20).await?;
    let lost_after = cut_at.elapsed();
    let lost = cluster
        .ended_within(&running.id, Duration::from_secs(5))
        .await?;
    ensure!(
        // Silence, not a closed connection: the cut resets nothing.
        lost.state == JobState::Failed as i32
            && lost.reason.starts_with("node_lost: davas: no heartbeat")
            && lost.reason.contains("not back within disconnect_grace"),
        "the cut-off job ended {:?}: {}",
        lost.state,
        lost.reason
    );
    rejected_saying(&cluster, "AGENT_DOWN", "agent down since").await?;
    let qwen = cluster.submit_ok(QWEN, "meanwhile").await?;
    ensure!(qwen.node == "contabo", "qwen went to {}", qwen.node);
    wait_for_title(&discord, LOST, Patience::seconds(10)).await?;

    let down_for = cut_at.elapsed();
    cluster.lab.heal("davas")?;
    cluster.wait_state("davas", NodeState::Ready, 60).await?;
    wait_for_title(&discord, BACK, Patience::seconds(15)).await?;
    let titles = accepted_titles(&discord);
    let count = |title: &str| titles.iter().filter(|seen| *seen == title).count();
    ensure!(
        count(LOST) == 1 && count(BACK) == 1,
        "one loss and one return alert expected, Discord has {titles:?}"
    );
    eprintln!(
        "davas cut off for {:.1} s: disconnected after {:.1} s, lost after {:.1} s (its job \
         failed node_lost, gemma4 rejected with the reason throughout, one loss alert); back \
         ready {:.1} s after the heal",
        down_for.as_secs_f64(),
        disconnected_after.as_secs_f64(),
        lost_after.as_secs_f64(),
        (cut_at.elapsed() - down_for).as_secs_f64()
    );
    davas_ollama.set_answer_tokens(3);
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

/// gemma4 is refused as unavailable, davas's reason (`violation`, e.g. `AGENT_DOWN`) saying
/// `words`.
async fn rejected_saying(cluster: &LabCluster, violation: &str, words: &str) -> anyhow::Result<()> {
    let status = match cluster.submit(GEMMA, "and now?").await? {
        Ok(answer) => anyhow::bail!("gemma4 was accepted while davas is cut off: {answer:?}"),
        Err(status) => status,
    };
    ensure!(
        status.code() == Code::Unavailable && status.message().contains(GEMMA),
        "the rejection: {:?} {}",
        status.code(),
        status.message()
    );
    let violations = status
        .get_details_precondition_failure()
        .context("a rejection carries each node's reason")?
        .violations;
    ensure!(
        violations.iter().any(|reason| reason.subject == "davas"
            && reason.r#type == violation
            && reason.description.contains(words)),
        "davas's reason is not {violation} saying {words:?}: {violations:?}"
    );
    Ok(())
}
