//! Jobs on the three hosts' stand-in Ollamas and on stand-in Groq, Gemini and Anthropic nodes:
//! the totals `runner usage --json` reports per model equal what each stand-in itself put on
//! the wire (input, output, cached and reasoning tokens), each job counted once — a repeated
//! prompt's cached tokens come through Ollama's `prompt_eval_cached_count`, Gemini's thinking
//! tokens through its running totals. A job cancelled half way, whose Ollama never reported
//! usage, counts as a job without usage rather than as zero tokens. Priced models cost what
//! their `[[prices]]` say of those counts, and `/metrics`' `llm_runner_tokens_total` agrees.

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::{Context, ensure};
use proto::v1::JobState;
use serde_json::Value;
use tests::cluster::{
    ClusterSpec, NodeSpec, Patience, TestCluster, eventually, generate_spec, printed,
};
use tests::fake_ollama::ReportedUsage;
use tests::fake_providers::{FakeAnthropic, FakeGemini, FakeGroq};

use crate::support::{GEMMA, QWEN};

const GROQ_KEY: &str = "gsk_usage_scenario_4d1e";
const GEMINI_KEY: &str = "AIza-usage-scenario-9c2b";
const ANTHROPIC_KEY: &str = "sk-ant-usage-scenario-77aa";
const GROQ_MODEL: &str = "qwen/qwen3-32b";
const GEMINI_MODEL: &str = "gemini-2.5-flash";
const SONNET: &str = "claude-sonnet-4-6";
/// (model, USD per million input, output and cached-input tokens).
const PRICES: [(&str, f64, f64, f64); 2] =
    [(GROQ_MODEL, 0.29, 0.59, 0.29), (SONNET, 3.0, 15.0, 0.3)];

#[tokio::test]
async fn usage_totals_equal_what_ollama_and_every_provider_reported() -> anyhow::Result<()> {
    let groq = FakeGroq::start(GROQ_KEY, &[GROQ_MODEL]).await?;
    let gemini = FakeGemini::start(GEMINI_KEY, &[GEMINI_MODEL]).await?;
    let anthropic = FakeAnthropic::start(ANTHROPIC_KEY, &[SONNET]).await?;
    let mut spec = ClusterSpec::three_hosts()
        .with_node(
            NodeSpec::provider("groq", "groq", &groq.base_url(), GROQ_KEY)
                .agent_toml(&format!("models = [\"{GROQ_MODEL}\"]")),
        )
        .with_node(
            NodeSpec::provider("gemini", "gemini", &gemini.base_url(), GEMINI_KEY)
                .agent_toml(&format!("models = [\"{GEMINI_MODEL}\"]")),
        )
        .with_node(NodeSpec::provider(
            "anthropic",
            "anthropic",
            &anthropic.base_url(),
            ANTHROPIC_KEY,
        ));
    for (model, input, output, cached) in PRICES {
        spec.extra_coordinator_toml.push_str(&format!(
            "\n[[prices]]\nmodel = \"{model}\"\ninput_per_mtok = {input:?}\n\
             output_per_mtok = {output:?}\ncached_input_per_mtok = {cached:?}\n"
        ));
    }
    let cluster = TestCluster::start(spec).await?;

    // The same prompt twice on one model: the second time Ollama reads most of it from cache.
    let prompts = ["why is the sky blue", "why is the sky blue", "and the sea?"];
    for model in [QWEN, GEMMA, GROQ_MODEL, GEMINI_MODEL, SONNET] {
        for prompt in prompts {
            let job = cluster.run_job(generate_spec(model, prompt)).await?.job;
            ensure!(
                job.state == JobState::Succeeded as i32,
                "{model}: {}",
                job.reason
            );
        }
    }
    cancel_a_qwen_job_half_way(&cluster).await?;

    let printed_usage = cluster.cli(&["usage", "--json", "--by", "model"]).await?;
    ensure!(
        printed_usage.status.success(),
        "{}",
        printed(&printed_usage)
    );
    let report: Value = serde_json::from_slice(&printed_usage.stdout)?;
    let rows: BTreeMap<String, Value> = report["rows"]
        .as_array()
        .context("no rows")?
        .iter()
        .map(|row| {
            (
                row["model"].as_str().unwrap_or_default().to_owned(),
                row["totals"].clone(),
            )
        })
        .collect();

    let mut ollama = BTreeMap::new();
    for node in ["contabo", "homelab", "davas"] {
        for (model, usage) in cluster.ollama(node).reported_usage() {
            add(ollama.entry(model).or_default(), &usage);
        }
    }
    let reported = [
        (QWEN, ollama.get(QWEN).copied()),
        (GEMMA, ollama.get(GEMMA).copied()),
        (
            GROQ_MODEL,
            stand_in_total(&groq.reported_usage(), GROQ_MODEL),
        ),
        (
            GEMINI_MODEL,
            stand_in_total(&gemini.reported_usage(), GEMINI_MODEL),
        ),
        (SONNET, stand_in_total(&anthropic.reported_usage(), SONNET)),
    ];
    for (model, stand_in) in reported {
        let stand_in =
            stand_in.with_context(|| format!("the stand-in reported nothing for {model}"))?;
        // A job keeps the name its provider knows the model by (Gemini's `models/…`).
        let totals = rows
            .iter()
            .find(|(name, _)| *name == model || name.ends_with(&format!("/{model}")))
            .map(|(_, totals)| totals)
            .with_context(|| format!("no usage row for {model}: {report}"))?;
        let ours = [
            count(&totals["input_tokens"]),
            count(&totals["output_tokens"]),
            count(&totals["cached_input_tokens"]),
            count(&totals["reasoning_tokens"]),
        ];
        let theirs = [
            stand_in.input_tokens,
            stand_in.output_tokens,
            stand_in.cached_input_tokens,
            stand_in.reasoning_tokens,
        ];
        ensure!(
            ours == theirs,
            "{model}: runner usage says {ours:?}, the stand-in reported {theirs:?}"
        );
        ensure!(
            stand_in.answers == 3,
            "{model}: the stand-in answered {} times",
            stand_in.answers
        );
        if let Some((_, input, output, cached)) = PRICES.iter().find(|price| price.0 == model) {
            let uncached = (stand_in.input_tokens - stand_in.cached_input_tokens) as f64;
            let expected = (uncached * input
                + stand_in.cached_input_tokens as f64 * cached
                + stand_in.output_tokens as f64 * output)
                / 1e6;
            let cost = totals["cost_usd"].as_f64().unwrap_or_default();
            ensure!(
                (cost - expected).abs() < 1e-12,
                "{model}: cost {cost}, expected {expected}"
            );
        } else {
            ensure!(count(&totals["unpriced_jobs"]) >= 3, "{model}: {totals}");
        }
    }
    let qwen = &rows[QWEN];
    ensure!(
        count(&qwen["jobs"]) == 4 && count(&qwen["jobs_without_usage"]) == 1,
        "{qwen}"
    );
    ensure!(
        ollama[QWEN].cached_input_tokens > 0,
        "no cached prompt tokens: {:?}",
        ollama[QWEN]
    );
    ensure!(
        stand_in_total(&gemini.reported_usage(), GEMINI_MODEL)
            .is_some_and(|usage| usage.reasoning_tokens > 0)
    );
    let text = String::from_utf8_lossy(&cluster.cli(&["usage"]).await?.stdout).into_owned();
    ensure!(
        text.contains("1 job without usage"),
        "the table hides the unknown: {text}"
    );

    let metrics = reqwest::get(format!("{}/metrics", cluster.http_url()))
        .await?
        .text()
        .await?;
    for (model, stand_in) in [
        (
            GROQ_MODEL,
            stand_in_total(&groq.reported_usage(), GROQ_MODEL),
        ),
        (QWEN, ollama.get(QWEN).copied()),
    ] {
        let stand_in = stand_in.context("no stand-in usage")?;
        for (kind, expected) in [
            ("input", stand_in.input_tokens),
            ("output", stand_in.output_tokens),
        ] {
            let counted = tokens_counter(&metrics, model, kind);
            ensure!(
                counted == expected,
                "llm_runner_tokens_total {model} {kind}: {counted}, expected {expected}"
            );
        }
    }
    Ok(())
}

/// A qwen job is cancelled after its first tokens: Ollama never sent its final chunk, so the
/// job ran without reported usage.
async fn cancel_a_qwen_job_half_way(cluster: &TestCluster) -> anyhow::Result<()> {
    for node in ["contabo", "homelab"] {
        cluster
            .ollama(node)
            .set_token_delay(Duration::from_millis(200));
    }
    let job = cluster
        .submit_ok(generate_spec(QWEN, "a long story please"))
        .await?;
    eventually("the job's first tokens", Patience::seconds(10), || async {
        let running = cluster.get_job(&job.id).await?;
        ensure!(!running.output.is_empty(), "no tokens yet");
        Ok(())
    })
    .await?;
    let cancelled = cluster.cli(&["cancel", &job.id]).await?;
    ensure!(cancelled.status.success(), "{}", printed(&cancelled));
    for node in ["contabo", "homelab"] {
        cluster.ollama(node).set_token_delay(Duration::ZERO);
    }
    Ok(())
}

fn add(total: &mut ReportedUsage, usage: &ReportedUsage) {
    total.answers += usage.answers;
    total.input_tokens += usage.input_tokens;
    total.output_tokens += usage.output_tokens;
    total.cached_input_tokens += usage.cached_input_tokens;
    total.reasoning_tokens += usage.reasoning_tokens;
}

/// What a stand-in reported for `model`, whatever prefix its request path gave the name.
fn stand_in_total(
    reported: &BTreeMap<String, ReportedUsage>,
    model: &str,
) -> Option<ReportedUsage> {
    let mut found = None;
    for (name, usage) in reported {
        if name == model || name.ends_with(&format!("/{model}")) {
            add(found.get_or_insert_with(ReportedUsage::default), usage);
        }
    }
    found
}

/// A uint64 in the protobuf JSON mapping (a string) or a plain number.
fn count(value: &Value) -> u64 {
    value
        .as_u64()
        .or_else(|| value.as_str().and_then(|text| text.parse().ok()))
        .unwrap_or_default()
}

/// `llm_runner_tokens_total` for `model` and `kind`, summed over nodes.
fn tokens_counter(metrics: &str, model: &str, kind: &str) -> u64 {
    let model_label = format!("model=\"{model}\"");
    let kind_label = format!("kind=\"{kind}\"");
    metrics
        .lines()
        .filter(|line| line.starts_with("llm_runner_tokens_total{"))
        .filter(|line| line.contains(&model_label) && line.contains(&kind_label))
        .filter_map(|line| line.rsplit(' ').next()?.parse::<u64>().ok())
        .sum()
}
