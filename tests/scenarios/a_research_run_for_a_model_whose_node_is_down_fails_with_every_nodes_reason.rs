//! davas, the only node allowed gemma4, is killed: a research run for gemma4 ends `failed` at
//! its first step, `rejected` with every node's reason, and no step ran on another model.

use agents::AgentKind;
use anyhow::ensure;
use proto::v1::{JobState, NodeState};
use tests::cluster::{ClusterSpec, Patience, TestCluster};

use crate::agent_runs::{deps, input, jobs_of_run, run};
use crate::support::GEMMA;

#[tokio::test]
async fn a_research_run_for_a_model_whose_node_is_down_fails_with_every_nodes_reason()
-> anyhow::Result<()> {
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    cluster.kill_agent("davas").await?;
    cluster
        .wait_node_state("davas", NodeState::Down, Patience::seconds(5))
        .await?;

    let research = input("down-1", AgentKind::Research, GEMMA, "Why is the sky blue?");
    let ended = run(research, deps(&cluster, None)?).await?;
    ensure!(ended.state == "failed", "{ended:?}");
    ensure!(
        ended.steps.len() == 1,
        "no step may follow a rejection: {ended:?}"
    );
    let plan = &ended.steps[0];
    ensure!(plan.name == "plan" && plan.state == "rejected", "{plan:?}");
    ensure!(
        plan.error.contains("davas: agent down since"),
        "{}",
        plan.error
    );
    ensure!(
        ended
            .error
            .starts_with("step plan was rejected: no node can run gemma4:27b"),
        "{}",
        ended.error
    );
    ensure!(
        ended.error.contains("davas: agent down since"),
        "{}",
        ended.error
    );
    ensure!(
        ended.input_tokens.is_none() && ended.output_tokens.is_none(),
        "{ended:?}"
    );

    // The rejection is recorded as the step's job, for gemma4 only: nothing ran elsewhere.
    let jobs = jobs_of_run(&cluster, "down-1").await?;
    ensure!(!jobs.is_empty(), "the rejection was not recorded");
    for job in &jobs {
        let model = job.spec.as_ref().map(|spec| spec.model.as_str());
        ensure!(
            model == Some(GEMMA) && job.state == JobState::Rejected as i32,
            "{job:?}"
        );
    }
    ensure!(plan.job_id == jobs[0].id, "{plan:?} vs {:?}", jobs[0]);
    Ok(())
}
