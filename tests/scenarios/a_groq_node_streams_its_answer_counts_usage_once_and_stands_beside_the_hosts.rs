//! A Groq node joins the three hosts: its agent (`backend = "groq"`) talks to the stand-in Groq
//! (written from Groq's documentation) and offers the operator's two Groq models, of which Groq
//! lists only one (`llama-3.3-70b-versatile` was retired). `runner nodes` and `runner models`
//! show groq beside the hosts with the retired model unavailable in Groq's words;
//! `runner submit` streams Groq's answer; the job's usage is Groq's, counted once although the
//! stream reports it three times; a job for the retired model is rejected, never served by
//! another model.

use proto::v1::JobState;
use tests::cluster::{ClusterSpec, NodeSpec, TestCluster, generate_spec, printed};
use tests::fake_providers::{
    DEFAULT_ANSWER_TOKENS, FakeGroq, expected_answer, expected_input_tokens,
};

const KEY: &str = "gsk_scenario_key_7f3a9c";
const QWEN3: &str = "qwen/qwen3-32b";
const LLAMA: &str = "llama-3.3-70b-versatile";

#[tokio::test]
async fn a_groq_node_streams_its_answer_counts_usage_once_and_stands_beside_the_hosts()
-> anyhow::Result<()> {
    let groq = FakeGroq::start(KEY, &[QWEN3, "openai/gpt-oss-120b"]).await?;
    let spec = ClusterSpec::three_hosts().with_node(
        NodeSpec::provider("groq", "groq", &groq.base_url(), KEY)
            .agent_toml(&format!("models = [\"{LLAMA}\", \"{QWEN3}\"]")),
    );
    let cluster = TestCluster::start(spec).await?;

    let nodes = cluster.cli(&["nodes"]).await?;
    let text = String::from_utf8_lossy(&nodes.stdout).into_owned();
    let groq_line = text
        .lines()
        .find(|line| line.starts_with("groq "))
        .unwrap_or_else(|| panic!("no groq line:\n{}", printed(&nodes)));
    assert!(
        groq_line.contains("ready")
            && groq_line.contains(" groq ")
            && groq_line.contains("1 (1 unavailable)"),
        "{groq_line}"
    );
    assert!(
        text.contains("davas ") && text.contains("contabo "),
        "{text}"
    );

    let models = cluster.cli(&["models"]).await?;
    let text = String::from_utf8_lossy(&models.stdout).into_owned();
    assert!(text.contains(QWEN3), "{}", printed(&models));
    assert!(
        text.contains(&format!(
            "groq does not list {LLAMA} (retired, renamed, or not on this account)"
        )),
        "{}",
        printed(&models)
    );
    assert!(
        !text.contains(&format!("{QWEN3}:latest")) && !text.contains(&format!("{LLAMA}:latest")),
        "a provider's names get no tag: {text}"
    );

    let prompt = "why is the sky blue";
    let submitted = cluster
        .cli(&["submit", "--model", QWEN3, "--prompt", prompt])
        .await?;
    assert_eq!(submitted.status.code(), Some(0), "{}", printed(&submitted));
    let answer = expected_answer(prompt, DEFAULT_ANSWER_TOKENS);
    assert_eq!(
        String::from_utf8_lossy(&submitted.stdout).trim_end(),
        answer
    );
    let stderr = String::from_utf8_lossy(&submitted.stderr);
    assert!(
        stderr.contains(&format!("served by groq ({QWEN3})")),
        "{stderr}"
    );

    let watched = cluster.run_job(generate_spec(QWEN3, prompt)).await?;
    assert_eq!(watched.job.state, JobState::Succeeded as i32);
    assert_eq!(watched.text(), answer);
    let usage = watched.job.usage.expect("a Groq job reports usage");
    assert_eq!(
        usage.input_tokens,
        Some(expected_input_tokens(&[prompt]) as u64)
    );
    assert_eq!(
        usage.output_tokens,
        Some(DEFAULT_ANSWER_TOKENS as u64),
        "Groq's usage is counted once, not once per chunk that repeats it"
    );

    let chats: Vec<_> = groq
        .requests()
        .into_iter()
        .filter(|request| request.path_and_query == "/openai/v1/chat/completions")
        .collect();
    assert_eq!(
        chats.len(),
        2,
        "one request per job: nothing retried behind our back"
    );
    for chat in &chats {
        assert_eq!(
            chat.header("authorization"),
            Some(format!("Bearer {KEY}").as_str())
        );
        assert_eq!(chat.body["model"], QWEN3);
        assert_eq!(chat.body["stream_options"]["include_usage"], true);
    }

    let retired = cluster
        .cli(&["submit", "--model", LLAMA, "--prompt", prompt])
        .await?;
    assert_eq!(retired.status.code(), Some(3), "{}", printed(&retired));
    let stderr = String::from_utf8_lossy(&retired.stderr);
    assert!(
        stderr.contains(&format!("no node can run {LLAMA}")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("groq: groq does not list {LLAMA}")),
        "{stderr}"
    );
    assert_eq!(
        groq.requests()
            .iter()
            .filter(|request| request.body["model"] == LLAMA)
            .count(),
        0,
        "the retired model is never asked for, and nothing else answers for it"
    );

    let api_models: serde_json::Value = reqwest::get(format!("{}/api/models", cluster.http_url()))
        .await?
        .json()
        .await?;
    assert!(api_models.to_string().contains(QWEN3), "{api_models}");
    assert!(
        !cluster.all_logs().contains(KEY),
        "the API key reached a log"
    );
    Ok(())
}
