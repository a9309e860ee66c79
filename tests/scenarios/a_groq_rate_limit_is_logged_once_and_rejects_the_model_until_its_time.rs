//! Groq answers 429 (and, for another model, a 413 that is really a rate limit). Each job
//! fails with the rate limit as its cause and says until when; the agent logs each once with
//! Groq's figures and never the key; the model shows "rate limited until HH:MM:SS" and a new
//! job for it is rejected without a request to Groq, never sent to another model or node; the
//! rejection says when to retry, which the OpenAI-compatible API answers as a 429 with
//! `retry-after`.

use std::time::Duration;

use proto::v1::{FailureCause, IneligibilityCode, JobState};
use tests::cluster::{
    ClusterSpec, NodeSpec, Patience, TestCluster, eventually, generate_spec, printed,
};
use tests::fake_providers::FakeGroq;
use tonic_types::StatusExt;

const KEY: &str = "gsk_rate_limit_scenario_51d0";
const QWEN3: &str = "qwen/qwen3-32b";
const GPT_OSS: &str = "openai/gpt-oss-120b";

#[tokio::test]
async fn a_groq_rate_limit_is_logged_once_and_rejects_the_model_until_its_time()
-> anyhow::Result<()> {
    let groq = FakeGroq::start(KEY, &[QWEN3, GPT_OSS]).await?;
    let spec = ClusterSpec::three_hosts().with_node(NodeSpec::provider(
        "groq",
        "groq",
        &groq.base_url(),
        KEY,
    ));
    let cluster = TestCluster::start(spec).await?;

    groq.rate_limit_next(1, Duration::from_secs(120));
    let limited = cluster.run_job(generate_spec(QWEN3, "hello")).await?.job;
    assert_eq!(limited.state, JobState::Failed as i32);
    assert_eq!(limited.cause, FailureCause::RateLimited as i32);
    assert_eq!(limited.node, "groq");
    assert!(
        limited
            .reason
            .starts_with(&format!("rate_limited: groq rate limited {QWEN3} until "))
            && limited.reason.contains("429 tokens/rate_limit_exceeded"),
        "{}",
        limited.reason
    );

    // The agent's next status carries the cool-down; then a job is rejected at once.
    let status = eventually(
        "qwen3 to be rejected as rate limited",
        Patience::seconds(10),
        || async {
            match cluster.submit(generate_spec(QWEN3, "again")).await? {
                Ok(job) => anyhow::bail!("accepted on {} ({:?})", job.node, job.state),
                Err(status) => Ok(status),
            }
        },
    )
    .await?;
    let violations = status
        .get_details_precondition_failure()
        .expect("a rejection carries each node's reason")
        .violations;
    let groq_reason = violations
        .iter()
        .find(|violation| violation.subject == "groq")
        .expect("groq is named");
    assert!(
        groq_reason.description.contains("rate limited until")
            && groq_reason.description.contains("UTC: groq answered 429"),
        "{groq_reason:?}"
    );
    // Every node that has qwen3 is rate limited: the status says when to retry, and the
    // OpenAI-compatible API answers 429 with that wait, never another model.
    let retry = status
        .get_details_retry_info()
        .and_then(|retry| retry.retry_delay)
        .expect("a rate-limited rejection says when to retry");
    assert!(
        retry > Duration::from_secs(100) && retry <= Duration::from_secs(120),
        "{retry:?}"
    );
    let answer = reqwest::Client::new()
        .post(format!("{}/v1/chat/completions", cluster.http_url()))
        .json(&serde_json::json!({"model": QWEN3, "messages": [{"role": "user", "content": "hi"}]}))
        .send()
        .await?;
    assert_eq!(answer.status(), 429);
    let wait: u64 = answer.headers()["retry-after"].to_str()?.parse()?;
    assert!((100..=120).contains(&wait), "retry-after {wait}");
    let body: serde_json::Value = answer.json().await?;
    assert_eq!(body["error"]["code"], "rate_limit_exceeded");
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("groq: rate limited until"), "{message}");
    let models = cluster.cli(&["models", "--json"]).await?;
    let listed = String::from_utf8_lossy(&models.stdout);
    assert!(
        listed.contains("INELIGIBILITY_CODE_RATE_LIMITED")
            || listed.contains(&format!("{}", IneligibilityCode::RateLimited as i32)),
        "{}",
        printed(&models)
    );

    groq.rate_limit_413_next();
    let too_large = cluster
        .run_job(generate_spec(GPT_OSS, "a big one"))
        .await?
        .job;
    assert_eq!(
        too_large.cause,
        FailureCause::RateLimited as i32,
        "{}",
        too_large.reason
    );
    assert!(too_large.reason.contains("413"), "{}", too_large.reason);

    let chats = groq
        .requests()
        .iter()
        .filter(|request| request.path_and_query.ends_with("/chat/completions"))
        .count();
    assert_eq!(
        chats, 2,
        "the cooling model was asked again, or a job was retried"
    );
    let logs = cluster.all_logs();
    let rate_limit_lines: Vec<&str> = logs
        .lines()
        .filter(|line| line.contains(&format!("groq rate limit: {QWEN3} rejected until")))
        .collect();
    assert_eq!(rate_limit_lines.len(), 1, "{rate_limit_lines:#?}");
    let line = rate_limit_lines[0];
    for figure in [
        "status=Some(429)",
        "retry_after=Some(120s)",
        "x-ratelimit-remaining-tokens=",
        "x-ratelimit-reset-tokens=",
    ] {
        assert!(line.contains(figure), "{figure} missing from: {line}");
    }
    assert!(!logs.contains(KEY), "the API key reached a log");
    Ok(())
}
