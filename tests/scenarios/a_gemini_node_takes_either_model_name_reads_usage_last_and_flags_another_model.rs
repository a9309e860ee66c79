//! A Gemini node: the operator's `models/gemini-2.5-flash` and the bare `gemini-2.5-flash` are
//! the same model, and the request path carries exactly one `models/`; the key travels only in
//! `x-goog-api-key`; the streamed answer (CRLF frames, no `[DONE]`) arrives whole and its usage
//! is the last chunk's running total with the thinking tokens, never a sum; an answer naming
//! another model version is flagged on the job and by the CLI, not accepted silently; a
//! per-day quota fails the job as rate limited; embeddings come back one per text.

use proto::v1::{FailureCause, JobKind, JobSpec, JobState};
use tests::cluster::{ClusterSpec, NodeSpec, TestCluster, generate_spec, printed};
use tests::fake_providers::{
    DEFAULT_ANSWER_TOKENS, FakeGemini, GEMINI_EMBEDDING_DIMENSIONS, GEMINI_THOUGHTS_TOKENS,
    expected_answer, expected_input_tokens,
};

const KEY: &str = "AIza-gemini-scenario-key-3e1f";
const FLASH: &str = "models/gemini-2.5-flash";
const EMBEDDING: &str = "models/text-embedding-004";

#[tokio::test]
async fn a_gemini_node_takes_either_model_name_reads_usage_last_and_flags_another_model()
-> anyhow::Result<()> {
    let gemini = FakeGemini::start(KEY, &["gemini-2.5-flash", "text-embedding-004"]).await?;
    let spec = ClusterSpec::three_hosts().with_node(
        NodeSpec::provider("gemini", "gemini", &gemini.base_url(), KEY)
            .agent_toml(&format!("models = [\"{FLASH}\", \"{EMBEDDING}\"]")),
    );
    let cluster = TestCluster::start(spec).await?;

    let prompt = "why is the sky blue";
    let bare = cluster
        .cli(&["submit", "--model", "gemini-2.5-flash", "--prompt", prompt])
        .await?;
    assert_eq!(bare.status.code(), Some(0), "{}", printed(&bare));
    assert_eq!(
        String::from_utf8_lossy(&bare.stdout).trim_end(),
        expected_answer(prompt, DEFAULT_ANSWER_TOKENS)
    );
    assert!(
        String::from_utf8_lossy(&bare.stderr).contains("served by gemini"),
        "{}",
        printed(&bare)
    );

    let job = cluster.run_job(generate_spec(FLASH, prompt)).await?.job;
    assert_eq!(job.state, JobState::Succeeded as i32, "{}", job.reason);
    assert!(job.warnings.is_empty(), "{:?}", job.warnings);
    let usage = job.usage.expect("usage");
    assert_eq!(
        usage.input_tokens,
        Some(expected_input_tokens(&[prompt]) as u64)
    );
    assert_eq!(
        usage.output_tokens,
        Some((DEFAULT_ANSWER_TOKENS + GEMINI_THOUGHTS_TOKENS) as u64),
        "output is the last running total of answer and thinking tokens"
    );
    assert_eq!(usage.reasoning_tokens, Some(GEMINI_THOUGHTS_TOKENS as u64));

    for request in gemini.requests() {
        assert!(
            !request.path_and_query.contains("key="),
            "a key in a URL: {}",
            request.path_and_query
        );
        if request.path_and_query.contains(":streamGenerateContent") {
            assert_eq!(
                request.path_and_query,
                "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"
            );
            assert_eq!(request.header("x-goog-api-key"), Some(KEY));
        }
    }

    gemini.set_model_version("gemini-2.5-flash", "gemini-3.5-flash-lite");
    let swapped = cluster
        .cli(&["submit", "--model", FLASH, "--prompt", prompt])
        .await?;
    assert_eq!(swapped.status.code(), Some(0), "{}", printed(&swapped));
    let said = String::from_utf8_lossy(&swapped.stderr);
    assert!(
        said.contains(
            "warning: gemini answered with model gemini-3.5-flash-lite, not models/gemini-2.5-flash"
        ),
        "{said}"
    );
    let flagged = cluster.run_job(generate_spec(FLASH, prompt)).await?.job;
    assert_eq!(flagged.served_model, "gemini-3.5-flash-lite");
    assert_eq!(flagged.warnings.len(), 1, "{:?}", flagged.warnings);
    gemini.set_model_version("gemini-2.5-flash", "gemini-2.5-flash");

    gemini.quota_exhausted_next("41s");
    let quota = cluster.run_job(generate_spec(FLASH, prompt)).await?.job;
    assert_eq!(
        quota.cause,
        FailureCause::RateLimited as i32,
        "{}",
        quota.reason
    );
    assert!(
        quota.reason.contains("RESOURCE_EXHAUSTED") && quota.reason.contains("until"),
        "{}",
        quota.reason
    );

    let embedded = cluster
        .run_job(JobSpec {
            kind: JobKind::Embed as i32,
            model: EMBEDDING.to_owned(),
            texts: vec!["one".to_owned(), "two".to_owned()],
            ..JobSpec::default()
        })
        .await?
        .job;
    assert_eq!(
        embedded.state,
        JobState::Succeeded as i32,
        "{}",
        embedded.reason
    );
    assert_eq!(embedded.embeddings.len(), 2);
    assert!(
        embedded
            .embeddings
            .iter()
            .all(|vector| vector.values.len() == GEMINI_EMBEDDING_DIMENSIONS)
    );
    assert!(
        !cluster.all_logs().contains(KEY),
        "the API key reached a log"
    );
    Ok(())
}
