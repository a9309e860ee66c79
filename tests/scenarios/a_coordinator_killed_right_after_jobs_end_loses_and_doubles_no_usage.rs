//! Twenty jobs end at nearly the same moment and the coordinator is SIGKILLed the instant the
//! last client has seen its job succeed: every job a client saw end is in the usage ledger
//! after the restart, once, with the tokens and cost its record carries; a second restart
//! (recovery running again over the same store) doubles nothing.

use anyhow::{Context, ensure};
use futures::future::try_join_all;
use proto::v1::{GetUsageRequest, JobState, UsageGrouping, UsageTotals};
use tests::cluster::{ClusterSpec, TestCluster, generate_spec};

use crate::support::QWEN;

const JOBS: usize = 20;

#[tokio::test]
async fn a_coordinator_killed_right_after_jobs_end_loses_and_doubles_no_usage() -> anyhow::Result<()>
{
    let mut spec = ClusterSpec::three_hosts();
    spec.queue_capacity = JOBS;
    spec.extra_coordinator_toml.push_str(&format!(
        "\n[[prices]]\nmodel = \"{QWEN}\"\ninput_per_mtok = 2.0\noutput_per_mtok = 6.0\n"
    ));
    let mut cluster = TestCluster::start(spec).await?;

    let prompts: Vec<String> = (0..JOBS).map(|n| format!("question number {n}")).collect();
    let watched = try_join_all(
        prompts
            .iter()
            .map(|prompt| cluster.run_job(generate_spec(QWEN, prompt))),
    )
    .await?;
    // Killed the moment the last client saw its job's end: nothing else is waited for.
    cluster.kill_coordinator().await?;

    let mut expected = UsageTotals::default();
    for ended in &watched {
        let job = &ended.job;
        ensure!(job.state == JobState::Succeeded as i32, "{}", job.reason);
        let usage = job.usage.context("a qwen job reports usage")?;
        expected.jobs += 1;
        expected.input_tokens += usage.input_tokens.context("input count")?;
        expected.output_tokens += usage.output_tokens.context("output count")?;
        expected.cost_usd += job.cost_usd.context("a priced job's cost")?;
    }

    for start in 1..=2 {
        cluster.start_coordinator().await?;
        let report = cluster
            .usage_client()
            .await?
            .get_usage(GetUsageRequest {
                by: vec![UsageGrouping::Model as i32],
                model: QWEN.to_owned(),
                ..Default::default()
            })
            .await?
            .into_inner();
        let total = report.total.context("no total")?;
        ensure!(
            total.jobs == expected.jobs
                && total.input_tokens == expected.input_tokens
                && total.output_tokens == expected.output_tokens
                && (total.cost_usd - expected.cost_usd).abs() < 1e-12,
            "after restart {start}: the ledger has {total:?}, the clients saw {expected:?}"
        );
        for ended in &watched {
            let stored = cluster.get_job(&ended.job.id).await?;
            ensure!(
                stored.state == JobState::Succeeded as i32 && stored.usage == ended.job.usage,
                "job {} is stored as {:?} with {:?}, its client saw it succeed with {:?}",
                stored.id,
                stored.state,
                stored.usage,
                ended.job.usage
            );
        }
        cluster.kill_coordinator().await?;
    }
    Ok(())
}
