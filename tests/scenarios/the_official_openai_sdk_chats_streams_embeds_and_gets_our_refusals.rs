//! The official `openai` Python package against `/v1` (tests/python/openai_client.py, which
//! validates every response, stream chunk and error against the SDK's own types): gemma4 chats
//! on davas whole, streamed and through the streaming helper with usage, and completes the
//! legacy way; the models list shows gemma4 on davas; embeddings come as base64 and as floats;
//! a model nobody has raises `NotFoundError`; and once davas' agent is killed, gemma4 raises
//! the SDK's 503 error with code `model_unavailable` and davas' reason, after one request and
//! with nothing streamed.

use proto::v1::NodeState;
use serde_json::Value;
use tests::cluster::{ClusterSpec, Patience, TestCluster};
use tests::python_script::run_python_script;

use crate::support::{GEMMA, expect_no_downgrade_in_history};

async fn openai_client(cluster: &TestCluster, args: &[&str]) -> anyhow::Result<Value> {
    let mut all = vec![
        "--base-url".to_owned(),
        format!("{}/v1", cluster.http_url()),
    ];
    all.extend(args.iter().map(|arg| (*arg).to_owned()));
    run_python_script("openai_client.py", &all).await
}

#[tokio::test]
async fn the_official_openai_sdk_chats_streams_embeds_and_gets_our_refusals() -> anyhow::Result<()>
{
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let found = openai_client(
        &cluster,
        &[
            "chat", "complete", "models", "embed", "--model", GEMMA, "--nodes", "davas",
        ],
    )
    .await?;
    let chat = &found["chat"];
    let plain = &chat["plain"];
    assert_eq!(
        (&plain["model"], &plain["node"]),
        (&GEMMA.into(), &"davas".into()),
        "{chat}"
    );
    assert!(
        !plain["text"].as_str().unwrap_or_default().is_empty(),
        "{chat}"
    );
    assert!(plain["job_id"].is_string(), "{chat}");
    assert_eq!(plain["finish_reason"], "stop", "{chat}");
    assert!(
        plain["usage"]["completion_tokens"].as_u64() > Some(0),
        "{chat}"
    );
    for streamed in ["stream", "helper"] {
        let streamed = &chat[streamed];
        assert_eq!(streamed["text"], plain["text"], "{chat}");
        assert_eq!(
            (&streamed["model"], &streamed["node"]),
            (&GEMMA.into(), &"davas".into())
        );
        assert!(streamed["chunks"].as_u64() > Some(2), "{chat}");
    }
    // The same prompt again: the counts are the same, and Ollama now reads most of the prompt
    // from its cache, which the usage says.
    for count in ["prompt_tokens", "completion_tokens", "total_tokens"] {
        assert_eq!(
            chat["stream"]["usage"][count], plain["usage"][count],
            "{chat}"
        );
    }
    assert!(
        chat["stream"]["usage"]["prompt_tokens_details"]["cached_tokens"].as_u64() > Some(0),
        "{chat}"
    );
    assert_eq!(chat["helper"]["usage"], Value::Null, "{chat}");
    assert_ne!(
        chat["stream"]["job_id"], plain["job_id"],
        "each request is its own job"
    );

    let complete = &found["complete"];
    assert_eq!(
        (&complete["model"], &complete["node"]),
        (&GEMMA.into(), &"davas".into())
    );
    assert_eq!(complete["stream_text"], complete["text"], "{complete}");
    assert!(
        !complete["text"].as_str().unwrap_or_default().is_empty(),
        "{complete}"
    );

    let models = &found["models"];
    let mut qwen_nodes: Vec<String> =
        serde_json::from_value(models["nodes"]["qwen2.5:14b"].clone()).unwrap_or_default();
    qwen_nodes.sort();
    assert_eq!(qwen_nodes, ["contabo", "davas", "homelab"], "{models}");
    assert_eq!(models["retrieved"]["id"], GEMMA, "{models}");
    let embed = &found["embed"];
    assert_eq!(embed["node"], "homelab", "{embed}");
    assert_eq!(embed["model"], "nomic-embed-text:latest", "{embed}");

    let nobody = openai_client(
        &cluster,
        &[
            "refused",
            "--model",
            "mistral:7b",
            "--status",
            "404",
            "--code",
            "model_not_found",
        ],
    )
    .await?;
    for (what, refusal) in nobody["refused"].as_object().into_iter().flatten() {
        assert_eq!(refusal["class"], "NotFoundError", "{what}: {refusal}");
        assert!(
            refusal["message"]
                .as_str()
                .unwrap_or_default()
                .contains("mistral:7b")
        );
    }

    cluster.kill_agent("davas").await?;
    cluster
        .wait_node_state("davas", NodeState::Down, Patience::seconds(2))
        .await?;
    let refused = openai_client(
        &cluster,
        &[
            "refused",
            "--model",
            GEMMA,
            "--status",
            "503",
            "--code",
            "model_unavailable",
            "--reason",
            "davas: agent down since",
        ],
    )
    .await?;
    let refused = refused["refused"].as_object().cloned().unwrap_or_default();
    assert_eq!(refused.len(), 4, "{refused:?}");
    for (what, refusal) in &refused {
        assert_eq!(
            refusal["type"], "service_unavailable_error",
            "{what}: {refusal}"
        );
        assert_eq!(refusal["nodes"][0]["node"], "davas", "{what}: {refusal}");
        assert_eq!(
            refusal["nodes"][0]["code"], "agent_down",
            "{what}: {refusal}"
        );
        assert_eq!(refusal["should_retry"], "false", "{what}: {refusal}");
        if what != "models.retrieve" {
            assert!(
                refusal["job_id"].is_string(),
                "{what}: a rejection is recorded: {refusal}"
            );
        }
    }
    expect_no_downgrade_in_history(&cluster).await
}
