//! A `[[budgets]]` cap on the Anthropic model, priced by `[[prices]]`, with Discord alerting:
//! two jobs pass 80 % (one alert), the third spends the budget (one more alert), and the next
//! job for that model is rejected naming the budget, what was spent and when it resets, with a
//! retry wait — never sent to another model or node — while qwen keeps working. The
//! compatible API answers the same refusal with 429 and `retry-after`. After a SIGKILL and a
//! restart, the coordinator still knows the budget is spent (read back from its usage
//! ledger), and Discord hears of neither threshold again.

use std::time::Duration;

use anyhow::{Context, bail, ensure};
use proto::v1::{GetUsageRequest, JobState, UsageGrouping};
use tests::cluster::{
    ClusterSpec, NodeSpec, Patience, TestCluster, accepted_titles, alerting_spec,
    distinctive_webhook_token, eventually, expect_titles_for, generate_spec,
};
use tests::fake_discord::FakeDiscord;
use tests::fake_providers::{DEFAULT_ANSWER_TOKENS, FakeAnthropic, expected_input_tokens};
use tonic::Code;
use tonic_types::StatusExt;

use crate::support::QWEN;

const KEY: &str = "sk-ant-budget-key-51c2";
const SONNET: &str = "claude-sonnet-4-6";
const PROMPT: &str = "count to three";
/// USD per million tokens, input and output alike: a job of a few dozen tokens costs cents.
const PRICE_PER_MTOK: f64 = 1000.0;

#[tokio::test]
async fn a_spent_budget_rejects_its_model_with_the_reason_while_others_keep_working()
-> anyhow::Result<()> {
    let anthropic = FakeAnthropic::start(KEY, &[SONNET]).await?;
    let discord = FakeDiscord::start().await?;
    let token = distinctive_webhook_token();
    let tokens = (expected_input_tokens(&[PROMPT]) + DEFAULT_ANSWER_TOKENS) as f64;
    let job_cost = tokens * PRICE_PER_MTOK / 1e6;
    // Two jobs are 83 % of the cap, the third spends it.
    let cap = job_cost * 2.4;
    let mut spec: ClusterSpec = alerting_spec(&discord, &token).with_node(NodeSpec::provider(
        "anthropic",
        "anthropic",
        &anthropic.base_url(),
        KEY,
    ));
    spec.extra_coordinator_toml.push_str(&format!(
        "\n[[prices]]\nmodel = \"{SONNET}\"\ninput_per_mtok = {PRICE_PER_MTOK:?}\n\
         output_per_mtok = {PRICE_PER_MTOK:?}\n\n[[budgets]]\nname = \"claude\"\n\
         model = \"{SONNET}\"\ndaily_usd = {cap:?}\n"
    ));
    let mut cluster = TestCluster::start(spec).await?;

    for run in 1..=2 {
        let job = cluster.run_job(generate_spec(SONNET, PROMPT)).await?.job;
        ensure!(
            job.state == JobState::Succeeded as i32,
            "job {run}: {}",
            job.reason
        );
        let cost = job.cost_usd.context("a priced job with usage has a cost")?;
        ensure!(
            job.priced && (cost - job_cost).abs() < 1e-9,
            "job {run} cost {cost}, expected {job_cost}"
        );
    }
    let nearly = wait_for_title_starting(&discord, "Budget claude at ").await?;
    ensure!(nearly == "Budget claude at 83 %", "{nearly}");

    let third = cluster.run_job(generate_spec(SONNET, PROMPT)).await?.job;
    ensure!(
        third.state == JobState::Succeeded as i32,
        "{}",
        third.reason
    );
    wait_for_title_starting(&discord, "Budget claude exhausted").await?;

    expect_budget_refusal(&cluster).await?;
    ensure!(
        anthropic
            .requests()
            .iter()
            .filter(|request| request.path_and_query.contains("/messages"))
            .count()
            == 3,
        "anthropic was asked again after the budget was spent"
    );
    let other = cluster
        .run_job(generate_spec(QWEN, "still here?"))
        .await?
        .job;
    ensure!(
        other.state == JobState::Succeeded as i32,
        "qwen stopped working: {}",
        other.reason
    );

    // The compatible API says the same in OpenAI's words: 429, retry-after, insufficient_quota.
    let answer = reqwest::Client::new()
        .post(format!("{}/v1/chat/completions", cluster.http_url()))
        .json(&serde_json::json!({"model": SONNET, "messages": [{"role": "user", "content": PROMPT}]}))
        .send()
        .await?;
    ensure!(answer.status() == 429, "status {}", answer.status());
    let retry_after: u64 = answer
        .headers()
        .get("retry-after")
        .context("no retry-after")?
        .to_str()?
        .parse()?;
    ensure!(
        (1..=86_400).contains(&retry_after),
        "retry-after {retry_after}"
    );
    let body: serde_json::Value = answer.json().await?;
    ensure!(body["error"]["code"] == "budget_exhausted", "{body}");
    ensure!(body["error"]["type"] == "insufficient_quota", "{body}");
    ensure!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|text| text.contains("budget \"claude\"")),
        "{body}"
    );

    // The report shows the three jobs' cost and the budget spent.
    let report = cluster
        .usage_client()
        .await?
        .get_usage(GetUsageRequest {
            by: vec![UsageGrouping::Model as i32],
            ..Default::default()
        })
        .await?
        .into_inner();
    let row = report
        .rows
        .iter()
        .find(|row| row.model == SONNET)
        .context("no claude row")?;
    let totals = row.totals.context("totals")?;
    ensure!(
        totals.jobs == 3 && (totals.cost_usd - 3.0 * job_cost).abs() < 1e-9,
        "{totals:?}"
    );
    let budget = report.budgets.first().context("no budget in the report")?;
    ensure!(budget.budget == "claude" && budget.exhausted, "{budget:?}");

    // A SIGKILL loses nothing: the restarted coordinator reads the spend back from its ledger.
    cluster.kill_coordinator().await?;
    cluster.start_coordinator().await?;
    // Every node, not only anthropic: while qwen's hosts are still rejoining, the refusal
    // rightly carries no retry wait (one of them might take the job sooner).
    cluster.wait_every_node_ready(Patience::seconds(15)).await?;
    expect_budget_refusal(&cluster).await?;
    let titles = accepted_titles(&discord);
    expect_titles_for(
        &discord,
        &titles.iter().map(String::as_str).collect::<Vec<_>>(),
        Duration::from_secs(3),
    )
    .await?;
    let budget_titles: Vec<&String> = titles
        .iter()
        .filter(|title| title.starts_with("Budget claude"))
        .collect();
    ensure!(
        budget_titles.len() == 2,
        "each threshold is alerted once: {titles:?}"
    );
    Ok(())
}

/// A submit for the spent model is rejected with the budget's reason and a retry wait.
async fn expect_budget_refusal(cluster: &TestCluster) -> anyhow::Result<()> {
    let status = match cluster.submit(generate_spec(SONNET, PROMPT)).await? {
        Ok(job) => bail!("accepted on {} although the budget is spent", job.node),
        Err(status) => status,
    };
    ensure!(
        status.code() == Code::FailedPrecondition,
        "{:?}: {}",
        status.code(),
        status.message()
    );
    let failure = status
        .get_details_precondition_failure()
        .context("no PreconditionFailure")?;
    let reason = failure
        .violations
        .iter()
        .find(|violation| violation.subject == "anthropic")
        .context("no reason for the anthropic node")?;
    for expected in [
        "budget \"claude\" daily_usd spent: $",
        "today; resets ",
        " UTC (in ",
    ] {
        ensure!(
            reason.description.contains(expected),
            "{expected:?} missing: {}",
            reason.description
        );
    }
    ensure!(reason.r#type == "BUDGET_EXHAUSTED", "{}", reason.r#type);
    let wait = status.get_details_retry_info().context("no RetryInfo")?;
    let delay = wait.retry_delay.context("no delay")?;
    ensure!(
        delay > Duration::ZERO && delay <= Duration::from_secs(86_400),
        "{delay:?}"
    );
    Ok(())
}

/// The first accepted alert title that starts with `prefix`.
async fn wait_for_title_starting(discord: &FakeDiscord, prefix: &str) -> anyhow::Result<String> {
    eventually(
        &format!("an alert titled {prefix}…"),
        Patience::seconds(20),
        || async {
            accepted_titles(discord)
                .into_iter()
                .find(|title| title.starts_with(prefix))
                .with_context(|| format!("discord has {:?}", accepted_titles(discord)))
        },
    )
    .await
}
