//! An Anthropic node: every request carries `max_tokens` (8192 unless the job sets
//! `num_predict`), as the Messages API requires; the streamed answer (pings, padded events, a
//! placeholder output count) arrives whole with the cumulative output count read once; an
//! `event: error` after HTTP 200 fails the job keeping the input tokens already reported; a 529
//! reads as Anthropic's overload. None is ever answered by another model or node.

use proto::v1::{FailureCause, JobState, ModelOptions};
use tests::cluster::{ClusterSpec, NodeSpec, TestCluster, generate_spec, printed};
use tests::fake_providers::{
    DEFAULT_ANSWER_TOKENS, FakeAnthropic, expected_answer, expected_input_tokens,
};

const KEY: &str = "sk-ant-scenario-key-0b7d";
const SONNET: &str = "claude-sonnet-4-6";

#[tokio::test]
async fn an_anthropic_node_always_sends_max_tokens_and_keeps_partial_usage_on_an_error()
-> anyhow::Result<()> {
    let anthropic = FakeAnthropic::start(KEY, &[SONNET]).await?;
    let spec = ClusterSpec::three_hosts().with_node(NodeSpec::provider(
        "anthropic",
        "anthropic",
        &anthropic.base_url(),
        KEY,
    ));
    let cluster = TestCluster::start(spec).await?;

    let prompt = "say hi in portuguese";
    let answered = cluster.run_job(generate_spec(SONNET, prompt)).await?.job;
    assert_eq!(
        answered.state,
        JobState::Succeeded as i32,
        "{}",
        answered.reason
    );
    assert_eq!(
        answered.output,
        expected_answer(prompt, DEFAULT_ANSWER_TOKENS)
    );
    assert_eq!(answered.served_model, SONNET);
    let usage = answered.usage.expect("usage");
    assert_eq!(
        usage.input_tokens,
        Some(expected_input_tokens(&[prompt]) as u64)
    );
    assert_eq!(
        usage.output_tokens,
        Some(DEFAULT_ANSWER_TOKENS as u64),
        "the placeholder or a sum was read"
    );

    let mut capped = generate_spec(SONNET, prompt);
    capped.options = Some(ModelOptions {
        num_predict: Some(3),
        ..ModelOptions::default()
    });
    let short = cluster.run_job(capped).await?.job;
    assert_eq!(short.usage.and_then(|usage| usage.output_tokens), Some(3));
    let sent: Vec<serde_json::Value> = anthropic
        .requests()
        .into_iter()
        .filter(|request| request.path_and_query == "/v1/messages")
        .map(|request| request.body["max_tokens"].clone())
        .collect();
    assert_eq!(sent, [serde_json::json!(8192), serde_json::json!(3)]);

    anthropic.fail_mid_stream_next(2);
    let broken = cluster.run_job(generate_spec(SONNET, prompt)).await?.job;
    assert_eq!(broken.state, JobState::Failed as i32);
    assert_eq!(broken.cause, FailureCause::ProviderError as i32);
    assert!(
        broken.reason.contains("overloaded_error"),
        "{}",
        broken.reason
    );
    let partial = broken
        .usage
        .expect("the input count reported before the error is kept");
    assert_eq!(
        partial.input_tokens,
        Some(expected_input_tokens(&[prompt]) as u64)
    );
    assert_eq!(
        partial.output_tokens, None,
        "no output count was reported: none is made up"
    );

    anthropic.overloaded_next(1);
    let overloaded = cluster
        .cli(&["submit", "--model", SONNET, "--prompt", prompt])
        .await?;
    assert_eq!(
        overloaded.status.code(),
        Some(4),
        "{}",
        printed(&overloaded)
    );
    let said = String::from_utf8_lossy(&overloaded.stderr);
    assert!(
        said.contains("failed on anthropic") && said.contains("529 overloaded_error"),
        "{said}"
    );

    let served_elsewhere = cluster
        .list_all_jobs()
        .await?
        .into_iter()
        .filter(|job| job.spec.as_ref().is_some_and(|spec| spec.model == SONNET))
        .any(|job| {
            job.node != "anthropic" || (job.served_model != SONNET && !job.served_model.is_empty())
        });
    assert!(
        !served_elsewhere,
        "a Sonnet job was served by another node or model"
    );
    assert!(
        !cluster.all_logs().contains(KEY),
        "the API key reached a log"
    );
    Ok(())
}
