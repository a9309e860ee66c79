//! A research run's plan job streams slowly, its output so far showing on the running step;
//! then the run is cancelled: the run ends `cancelled`, its step `cancelled`, and the step's
//! job is cancelled on the cluster (not left running), even when the cancel came before the
//! job's first snapshot.

use std::time::Duration;

use agents::{AgentKind, AgentRun};
use anyhow::{Context, ensure};
use proto::v1::JobState;
use tests::cluster::{ClusterSpec, Patience, TestCluster, eventually};
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

use crate::agent_runs::{deps, input, jobs_of_run};
use crate::support::QWEN;

#[tokio::test]
async fn cancelling_an_agent_run_cancels_the_job_of_its_running_step() -> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    for node in ["contabo", "homelab", "davas"] {
        cluster
            .ollama(node)
            .set_token_delay(Duration::from_millis(500));
    }
    let (sender, receiver) = watch::channel(AgentRun::default());
    let cancel = CancellationToken::new();
    let research = input(
        "cancel-1",
        AgentKind::Research,
        QWEN,
        "Why is the sky blue?",
    );
    let running = tokio::spawn(agents::run_agent(
        research,
        deps(&cluster, None)?,
        sender,
        cancel.clone(),
    ));

    let job_id = eventually(
        "the plan step to have its job and some output",
        Patience::seconds(15),
        || {
            let run = receiver.borrow().clone();
            async move {
                let step = run.steps.first().context("no step yet")?;
                ensure!(!step.job_id.is_empty(), "no job yet: {step:?}");
                // The answer so far shows on the running step.
                ensure!(!step.output.is_empty(), "no output yet: {step:?}");
                Ok(step.job_id.clone())
            }
        },
    )
    .await?;
    cancel.cancel();
    let ended = tokio::time::timeout(Duration::from_secs(10), running).await??;
    ensure!(ended.state == "cancelled", "{ended:?}");
    ensure!(
        ended.steps.len() == 1 && ended.steps[0].state == "cancelled",
        "{ended:?}"
    );
    eventually(
        "the plan job to be cancelled",
        Patience::seconds(10),
        || async {
            let job = cluster.get_job(&job_id).await?;
            ensure!(job.state == JobState::Cancelled as i32, "{job:?}");
            Ok(())
        },
    )
    .await?;

    // Cancelled before its first step's job was even seen: that job is found and cancelled too.
    let (sender, _receiver) = watch::channel(AgentRun::default());
    let early = CancellationToken::new();
    early.cancel();
    let research = input("cancel-2", AgentKind::Research, QWEN, "Why is grass green?");
    let ended = agents::run_agent(research, deps(&cluster, None)?, sender, early).await;
    ensure!(ended.state == "cancelled", "{ended:?}");
    eventually(
        "the early run's job to be cancelled",
        Patience::seconds(10),
        || async {
            let jobs = jobs_of_run(&cluster, "cancel-2").await?;
            ensure!(jobs.len() == 1, "{jobs:?}");
            ensure!(jobs[0].state == JobState::Cancelled as i32, "{:?}", jobs[0]);
            Ok(())
        },
    )
    .await
}
