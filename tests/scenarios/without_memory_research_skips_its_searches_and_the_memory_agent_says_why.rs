//! A cluster without `[memory]`: a research run still plans and answers, its searches skipped
//! in memory's own words and no notes cited; the memory agent fails with the message that
//! says how to turn memory on.

use agents::AgentKind;
use anyhow::ensure;
use tests::cluster::{ClusterSpec, TestCluster};

use crate::agent_runs::{deps, input, run};
use crate::support::QWEN;

#[tokio::test]
async fn without_memory_research_skips_its_searches_and_the_memory_agent_says_why()
-> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let research = input(
        "no-memory-1",
        AgentKind::Research,
        QWEN,
        "Why is the sky blue?",
    );
    let answered = run(research, deps(&cluster, None)?).await?;
    ensure!(answered.state == "succeeded", "{answered:?}");
    let searches: Vec<_> = (answered.steps.iter())
        .filter(|step| step.name.starts_with("search "))
        .collect();
    ensure!(!searches.is_empty(), "{answered:?}");
    for search in searches {
        ensure!(search.state == "skipped", "{search:?}");
        ensure!(
            search.error.contains("memory is not configured"),
            "{search:?}"
        );
    }
    ensure!(
        answered.citations.is_empty() && !answered.output.is_empty(),
        "{answered:?}"
    );
    ensure!(
        answered.input_tokens.is_some_and(|tokens| tokens > 0),
        "{answered:?}"
    );

    let synced = run(
        input("no-memory-2", AgentKind::Memory, "", ""),
        deps(&cluster, None)?,
    )
    .await?;
    ensure!(synced.state == "failed", "{synced:?}");
    ensure!(
        synced.steps.len() == 1 && synced.steps[0].state == "failed",
        "{synced:?}"
    );
    ensure!(
        synced
            .error
            .starts_with("step sync failed: memory is not configured"),
        "{}",
        synced.error
    );
    Ok(())
}
