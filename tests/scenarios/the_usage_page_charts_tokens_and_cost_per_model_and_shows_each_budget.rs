//! The web UI's usage page in a real headless Chromium against the real cluster: after jobs on
//! two models (one priced, with a budget it has spent, and a token budget over all jobs), the
//! page reached from the navigation draws the tokens and cost charts with a bar per model
//! whose title carries the tokens the jobs recorded, lists the models in its table, and shows
//! both budgets as meters with the spent one marked EXHAUSTED; it passes the WCAG contrast
//! check and fits a 390-px phone. Screenshots go to `tests/artifacts/usage_page/` (the browser
//! side is `tests/browser/usage_page_scenario.mjs`).

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::{Context, ensure};
use proto::v1::JobState;
use tests::browser_script::{BrowserScript, artifacts_dir};
use tests::cluster::{ClusterSpec, TestCluster, generate_spec};

use crate::support::{GEMMA, QWEN};

#[tokio::test]
async fn the_usage_page_charts_tokens_and_cost_per_model_and_shows_each_budget()
-> anyhow::Result<()> {
    let mut spec = ClusterSpec::three_hosts();
    spec.extra_coordinator_toml.push_str(&format!(
        "\n[[prices]]\nmodel = \"{QWEN}\"\ninput_per_mtok = 1000.0\noutput_per_mtok = 1000.0\n\
         \n[[budgets]]\nname = \"qwen\"\nmodel = \"{QWEN}\"\ndaily_usd = 0.01\n\
         \n[[budgets]]\nname = \"everything\"\ndaily_tokens = 1000000\n"
    ));
    let cluster = TestCluster::start(spec).await?;
    let mut tokens: BTreeMap<&str, u64> = BTreeMap::new();
    for (model, prompt) in [
        (QWEN, "why is the sky blue"),
        (GEMMA, "why is the sea blue"),
        (GEMMA, "and the grass green?"),
    ] {
        let job = cluster.run_job(generate_spec(model, prompt)).await?.job;
        ensure!(
            job.state == JobState::Succeeded as i32,
            "{model}: {}",
            job.reason
        );
        let usage = job.usage.context("usage")?;
        *tokens.entry(model).or_default() +=
            usage.input_tokens.unwrap_or_default() + usage.output_tokens.unwrap_or_default();
    }

    let artifacts = artifacts_dir("usage_page")?;
    let args = [
        cluster.http_url(),
        artifacts.display().to_string(),
        serde_json::to_string(&tokens)?,
    ];
    let mut browser = BrowserScript::start("usage_page_scenario.mjs", &args, cluster.dir.path())?;
    let patience = Duration::from_secs(60);
    browser.expect("usage-checked", patience).await?;
    browser.expect("page-checked", patience).await?;
    browser.finish().await
}
