//! The official `ollama` Python package against the Ollama-compatible endpoints
//! (tests/python/ollama_client.py, which validates every response and streamed line against
//! the package's own types): gemma4 chats and generates on davas, whole and streamed, with
//! Ollama's final-chunk fields; embeddings come from homelab's nomic; `list` names the routable
//! models and `ps` and `/api/version` answer; a model nobody has raises `ResponseError` 404, and
//! once davas' agent is killed gemma4 raises `ResponseError` 503 with davas' reason, with
//! nothing streamed.

use proto::v1::NodeState;
use serde_json::Value;
use tests::cluster::{ClusterSpec, Patience, TestCluster};
use tests::python_script::run_python_script;

use crate::support::{GEMMA, expect_no_downgrade_in_history};

async fn ollama_client(cluster: &TestCluster, args: &[&str]) -> anyhow::Result<Value> {
    let mut all = vec!["--host".to_owned(), cluster.http_url()];
    all.extend(args.iter().map(|arg| (*arg).to_owned()));
    run_python_script("ollama_client.py", &all).await
}

#[tokio::test]
async fn the_official_ollama_client_uses_the_cluster() -> anyhow::Result<()> {
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let found = ollama_client(
        &cluster,
        &["chat", "generate", "embed", "models", "--model", GEMMA],
    )
    .await?;
    for check in ["chat", "generate"] {
        let answer = &found[check];
        assert!(
            !answer["text"].as_str().unwrap_or_default().is_empty(),
            "{answer}"
        );
        assert_eq!(answer["stream_text"], answer["text"], "{check}: {answer}");
        for last in ["final", "stream_final"] {
            assert_eq!(answer[last]["model"], GEMMA, "{check}: {answer}");
            assert_eq!(answer[last]["done_reason"], "stop", "{check}: {answer}");
            assert!(
                answer[last]["eval_count"].as_u64() > Some(0),
                "{check}: {answer}"
            );
        }
    }
    let embed = &found["embed"];
    assert_eq!(embed["model"], "nomic-embed-text:latest", "{embed}");
    let names = found["models"]["names"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for model in [GEMMA, "qwen2.5:14b", "nomic-embed-text:latest"] {
        assert!(names.iter().any(|name| name == model), "{model}: {names:?}");
    }

    let nobody = ollama_client(
        &cluster,
        &["refused", "--model", "mistral:7b", "--status", "404"],
    )
    .await?;
    for (what, refusal) in nobody["refused"].as_object().into_iter().flatten() {
        assert!(
            refusal["error"]
                .as_str()
                .unwrap_or_default()
                .contains("mistral:7b"),
            "{what}"
        );
    }

    cluster.kill_agent("davas").await?;
    cluster
        .wait_node_state("davas", NodeState::Down, Patience::seconds(2))
        .await?;
    let refused = ollama_client(
        &cluster,
        &[
            "refused",
            "--model",
            GEMMA,
            "--status",
            "503",
            "--reason",
            "davas: agent down since",
        ],
    )
    .await?;
    assert_eq!(
        refused["refused"].as_object().map(|found| found.len()),
        Some(5),
        "{refused}"
    );
    expect_no_downgrade_in_history(&cluster).await
}
