//! A job's stop sequence and top_p reach every backend in its own words (Ollama's
//! `options.stop` / `options.top_p`, Groq's `stop` / `top_p`, Gemini's
//! `generationConfig.stopSequences` / `topP`, Anthropic's `stop_sequences` / `top_p`), and each
//! answer ends just before the first stop sequence, which it does not contain. `runner submit
//! --stop --top-p` does the same from the command line. A provider answer cut at the token limit
//! is flagged on the job, since its text alone looks complete.

use proto::v1::{JobSpec, JobState, ModelOptions};
use serde_json::{Value, json};
use tests::cluster::{ClusterSpec, NodeSpec, TestCluster, generate_spec, printed};
use tests::fake_providers::{FakeAnthropic, FakeGemini, FakeGroq, expected_answer};

const GROQ_KEY: &str = "gsk_stop_scenario_key_51c2";
const GEMINI_KEY: &str = "AIza-stop-scenario-key-77d0";
const ANTHROPIC_KEY: &str = "sk-ant-stop-scenario-key-9a4e";
const GEMMA: &str = "gemma4:27b";
const QWEN3: &str = "qwen/qwen3-32b";
const FLASH: &str = "models/gemini-2.5-flash";
const SONNET: &str = "claude-sonnet-4-6";
/// The stand-ins answer with the prompt's words in turn: "say hi in portuguese say hi ...".
const PROMPT: &str = "say hi in portuguese";

fn stopped_at_portuguese(model: &str) -> JobSpec {
    let mut spec = generate_spec(model, PROMPT);
    spec.options = Some(ModelOptions {
        stop: vec![" portuguese".to_owned(), "never said".to_owned()],
        top_p: Some(0.5),
        ..ModelOptions::default()
    });
    spec
}

/// The body of the one chat request a stand-in provider received on `path`.
fn last_body(requests: Vec<tests::fake_providers::RecordedRequest>, path: &str) -> Value {
    requests
        .into_iter()
        .filter(|request| request.path_and_query.starts_with(path))
        .map(|request| request.body)
        .next_back()
        .unwrap_or_else(|| panic!("no request to {path}"))
}

#[tokio::test]
async fn a_stop_sequence_cuts_the_answer_on_ollama_and_every_provider() -> anyhow::Result<()> {
    let groq = FakeGroq::start(GROQ_KEY, &[QWEN3]).await?;
    let gemini = FakeGemini::start(GEMINI_KEY, &["gemini-2.5-flash"]).await?;
    let anthropic = FakeAnthropic::start(ANTHROPIC_KEY, &[SONNET]).await?;
    let spec = ClusterSpec::three_hosts()
        .with_node(
            NodeSpec::provider("groq", "groq", &groq.base_url(), GROQ_KEY)
                .agent_toml(&format!("models = [\"{QWEN3}\"]")),
        )
        .with_node(
            NodeSpec::provider("gemini", "gemini", &gemini.base_url(), GEMINI_KEY)
                .agent_toml(&format!("models = [\"{FLASH}\"]")),
        )
        .with_node(NodeSpec::provider(
            "anthropic",
            "anthropic",
            &anthropic.base_url(),
            ANTHROPIC_KEY,
        ));
    let cluster = TestCluster::start(spec).await?;
    let cut = expected_answer(PROMPT, 3);
    assert_eq!(cut, "say hi in");

    for model in [GEMMA, QWEN3, FLASH, SONNET] {
        let job = cluster.run_job(stopped_at_portuguese(model)).await?.job;
        assert_eq!(
            job.state,
            JobState::Succeeded as i32,
            "{model}: {}",
            job.reason
        );
        assert_eq!(job.output, cut, "{model}: the answer runs on past the stop");
        assert!(job.warnings.is_empty(), "{model}: {:?}", job.warnings);
        if model == GEMMA {
            let options = cluster.ollama(&job.node).generation_options();
            assert_eq!(
                options.last(),
                Some(&json!({"stop": [" portuguese", "never said"], "top_p": 0.5}))
            );
            let done = job.timings.and_then(|timings| timings.ollama);
            assert_eq!(done.map(|stats| stats.done_reason).as_deref(), Some("stop"));
        }
    }
    let groq_body = last_body(groq.requests(), "/openai/v1/chat/completions");
    assert_eq!(groq_body["stop"], json!([" portuguese", "never said"]));
    assert_eq!(groq_body["top_p"], json!(0.5));
    let gemini_body = last_body(gemini.requests(), "/v1beta/models/gemini-2.5-flash:");
    assert_eq!(
        gemini_body["generationConfig"],
        json!({"stopSequences": [" portuguese", "never said"], "topP": 0.5})
    );
    let anthropic_body = last_body(anthropic.requests(), "/v1/messages");
    assert_eq!(
        anthropic_body["stop_sequences"],
        json!([" portuguese", "never said"])
    );
    assert_eq!(anthropic_body["top_p"], json!(0.5));

    let submitted = cluster
        .cli(&[
            "submit", "--model", GEMMA, "--prompt", PROMPT, "--stop", " hi", "--top-p", "0.9",
        ])
        .await?;
    assert_eq!(submitted.status.code(), Some(0), "{}", printed(&submitted));
    assert_eq!(String::from_utf8_lossy(&submitted.stdout).trim_end(), "say");

    let mut capped = generate_spec(SONNET, PROMPT);
    capped.options = Some(ModelOptions {
        num_predict: Some(2),
        ..ModelOptions::default()
    });
    let short = cluster.run_job(capped).await?.job;
    assert_eq!(short.output, expected_answer(PROMPT, 2));
    assert!(
        short.warnings.iter().any(|warning| warning
            .starts_with("anthropic stopped the answer at the token limit (max_tokens)")),
        "{:?}",
        short.warnings
    );
    Ok(())
}
