//! A tool pointed at "Ollama" gets the whole cluster through the coordinator's `http_addr`:
//! `/api/version`, `/api/tags` (only what can run now, with its nodes), a streamed
//! `/api/chat` (NDJSON, the last line with Ollama's statistics) run on davas, `/api/generate`,
//! `/api/embed`, `/api/ps`; a failure mid-stream is the stream's last line, a caller going
//! away cancels its job; and once davas' agent is killed, gemma4 is refused with 503 in
//! Ollama's `{"error"}` naming davas' reason, never answered by another model.

use anyhow::Context as _;
use proto::v1::NodeState;
use reqwest::StatusCode;
use serde_json::{Value, json};
use tests::cluster::{ClusterSpec, Patience, TestCluster, eventually};
use tests::fake_ollama::{STAND_IN_OLLAMA_VERSION, expected_answer, expected_embedding, facts_for};

use crate::support::{GEMMA, QWEN};

const EMBEDDER: &str = "nomic-embed-text:latest";

#[tokio::test]
async fn ollamas_own_endpoints_serve_the_cluster_and_refuse_in_ollamas_words() -> anyhow::Result<()>
{
    let mut cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    cluster
        .ollama("davas")
        .set_token_delay(std::time::Duration::from_millis(20));
    let api = Api::new(&cluster);

    let (status, version) = api.get("/api/version").await?;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(version, json!({"version": STAND_IN_OLLAMA_VERSION}));

    let (_, tags) = api.get("/api/tags").await?;
    let gemma = listed(&tags, GEMMA).context("gemma4 in /api/tags")?;
    assert_eq!(gemma["nodes"], json!(["davas"]));
    assert_eq!(gemma["details"]["family"], facts_for(GEMMA).family);
    assert!(
        gemma["digest"].as_str().is_some_and(|d| !d.is_empty()),
        "{gemma}"
    );

    // A chat streams by default, one NDJSON object a line, on davas.
    let prompt = "why is the sky blue?";
    let body = json!({"model": GEMMA, "messages": [{"role": "user", "content": prompt}]});
    let response = api.post("/api/chat", &body).await?;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/x-ndjson");
    assert_eq!(response.headers()["x-llm-runner-node"], "davas");
    let lines: Vec<Value> = response
        .text()
        .await?
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    let (last, pieces) = lines.split_last().context("no lines")?;
    assert!(pieces.len() > 1, "the answer came in one piece: {lines:?}");
    assert!(
        pieces
            .iter()
            .all(|line| line["done"] == false && line["model"] == GEMMA)
    );
    let text: String = pieces
        .iter()
        .filter_map(|line| line["message"]["content"].as_str())
        .collect();
    assert_eq!(last["done"], true, "{last}");
    assert_eq!(last["done_reason"], "stop");
    assert_eq!(last["model"], GEMMA);
    assert_eq!(last["message"], json!({"role": "assistant", "content": ""}));
    let eval_count = last["eval_count"].as_u64().context("eval_count")?;
    assert_eq!(text, expected_answer(prompt, eval_count as usize));
    assert!(last["total_duration"].as_u64() > Some(0), "{last}");
    assert!(last["prompt_eval_count"].as_u64() > Some(0), "{last}");

    // Generate, whole; the job is recorded like any other.
    let body = json!({"model": QWEN, "prompt": "tell me more", "stream": false});
    let response = api.post("/api/generate", &body).await?;
    assert_eq!(response.status(), StatusCode::OK);
    let job_id = response.headers()["x-llm-runner-job-id"]
        .to_str()?
        .to_owned();
    let generated: Value = response.json().await?;
    assert_eq!(
        (&generated["model"], &generated["done"]),
        (&json!(QWEN), &json!(true))
    );
    let (_, job) = api.get(&format!("/api/jobs/{job_id}")).await?;
    assert_eq!(job["output"], generated["response"]);
    let (status, load) = api
        .post_json("/api/generate", &json!({"model": GEMMA}))
        .await?;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (&load["done_reason"], &load["response"]),
        (&json!("load"), &json!(""))
    );

    // Embeddings, new and legacy.
    let width = facts_for(EMBEDDER).embedding_length;
    let body = json!({"model": EMBEDDER, "input": ["first text", "second text"]});
    let (status, embedded) = api.post_json("/api/embed", &body).await?;
    assert_eq!(status, StatusCode::OK, "{embedded}");
    assert_eq!(embedded["model"], EMBEDDER);
    // Parsed back as f32, the vectors are the stand-in's exactly.
    let vectors: Vec<Vec<f32>> = serde_json::from_value(embedded["embeddings"].clone())?;
    let expected = ["first text", "second text"].map(|text| expected_embedding(text, width));
    assert_eq!(vectors, expected);
    let body = json!({"model": EMBEDDER, "prompt": "first text"});
    let (_, legacy) = api.post_json("/api/embeddings", &body).await?;
    assert_eq!(legacy["embedding"], embedded["embeddings"][0]);

    // The chat loaded gemma4 on davas; the agent reports it at its next look.
    let loaded = eventually(
        "gemma4 loaded on davas in /api/ps",
        Patience::seconds(15),
        || async {
            let (_, ps) = api.get("/api/ps").await?;
            let gemma = listed(&ps, GEMMA).context("not yet")?;
            anyhow::Ok(gemma)
        },
    )
    .await?;
    assert_eq!(loaded["node"], "davas");
    assert!(loaded["size_vram"].as_u64() > Some(0), "{loaded}");

    // Unknown models and what a job cannot carry, in Ollama's words.
    let body = json!({"model": "mystery:1b", "prompt": "hi"});
    let (status, unknown) = api.post_json("/api/generate", &body).await?;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let words = unknown["error"].as_str().unwrap_or_default();
    assert!(
        words.starts_with(r#"model "mystery:1b" not found: "#),
        "{unknown}"
    );
    let body = json!({"model": QWEN, "messages": [{"role": "user", "content": "x"}],
                      "tools": [{"type": "function", "function": {"name": "f"}}]});
    let (status, tools) = api.post_json("/api/chat", &body).await?;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        tools["error"].as_str().unwrap_or_default().contains("tool"),
        "{tools}"
    );

    a_failure_mid_stream_is_the_last_line(&cluster, &api).await?;
    a_caller_going_away_cancels_its_job(&cluster, &api).await?;

    // davas gone: gemma4 is refused with davas' reason, before anything is streamed.
    cluster.kill_agent("davas").await?;
    cluster
        .wait_node_state("davas", NodeState::Down, Patience::seconds(5))
        .await?;
    let body = json!({"model": GEMMA, "messages": [{"role": "user", "content": prompt}]});
    let response = api.post("/api/chat", &body).await?;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(response.headers().contains_key("x-llm-runner-job-id"));
    let refused: Value = response.json().await?;
    let words = refused["error"].as_str().unwrap_or_default();
    assert!(
        words.starts_with(&format!("no node can run {GEMMA}"))
            && words.contains("davas: agent down since"),
        "{refused}"
    );
    let (_, tags) = api.get("/api/tags").await?;
    assert!(listed(&tags, GEMMA).is_none(), "{tags}");
    let (status, _) = api.post_json("/api/show", &json!({"model": GEMMA})).await?;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    Ok(())
}

/// Ollama failing after the first tokens: the stream ends with Ollama's `{"error"}` line.
async fn a_failure_mid_stream_is_the_last_line(
    cluster: &TestCluster,
    api: &Api,
) -> anyhow::Result<()> {
    let davas = cluster.ollama("davas");
    davas.fail_mid_stream_after(Some((3, "CUDA error: out of memory".to_owned())));
    let body = json!({"model": GEMMA, "prompt": "one two three four five"});
    let response = api.post("/api/generate", &body).await?;
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await?;
    davas.fail_mid_stream_after(None);
    let lines: Vec<Value> = text
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    let (last, pieces) = lines.split_last().context("no lines")?;
    assert!(
        !pieces.is_empty() && pieces.iter().all(|line| line["done"] == false),
        "{text}"
    );
    let error = last["error"]
        .as_str()
        .context("the last line is not an error")?;
    assert!(error.contains("CUDA error: out of memory"), "{text}");
    Ok(())
}

/// Closing the connection mid-stream cancels the job, and the node's Ollama request with it.
async fn a_caller_going_away_cancels_its_job(
    cluster: &TestCluster,
    api: &Api,
) -> anyhow::Result<()> {
    let davas = cluster.ollama("davas");
    davas.set_token_delay(std::time::Duration::from_millis(500));
    let body = json!({"model": GEMMA, "prompt": "a long answer please"});
    let mut response = api.post("/api/generate", &body).await?;
    let job_id = response.headers()["x-llm-runner-job-id"]
        .to_str()?
        .to_owned();
    response.chunk().await?.context("no first line")?;
    drop(response);
    let path = format!("/api/jobs/{job_id}");
    eventually(
        "the abandoned job cancelled",
        Patience::seconds(10),
        || async {
            let (_, job) = api.get(&path).await?;
            anyhow::ensure!(job["state"] == "JOB_STATE_CANCELLED", "{}", job["state"]);
            anyhow::Ok(())
        },
    )
    .await?;
    eventually(
        "the node's stream aborted",
        Patience::seconds(10),
        || async {
            anyhow::ensure!(davas.aborted_streams() >= 1);
            anyhow::Ok(())
        },
    )
    .await?;
    davas.set_token_delay(std::time::Duration::from_millis(20));
    Ok(())
}

/// The entry for `model` in a `{"models": [...]}` list.
fn listed(list: &Value, model: &str) -> Option<Value> {
    list["models"]
        .as_array()?
        .iter()
        .find(|entry| entry["model"] == model)
        .cloned()
}

struct Api {
    http: reqwest::Client,
    base: String,
}

impl Api {
    fn new(cluster: &TestCluster) -> Self {
        Self {
            http: reqwest::Client::new(),
            base: cluster.http_url(),
        }
    }

    async fn get(&self, path: &str) -> anyhow::Result<(StatusCode, Value)> {
        let response = self.http.get(format!("{}{path}", self.base)).send().await?;
        Ok((response.status(), response.json().await?))
    }

    async fn post(&self, path: &str, body: &Value) -> anyhow::Result<reqwest::Response> {
        let url = format!("{}{path}", self.base);
        Ok(self.http.post(url).json(body).send().await?)
    }

    async fn post_json(&self, path: &str, body: &Value) -> anyhow::Result<(StatusCode, Value)> {
        let response = self.post(path, body).await?;
        Ok((response.status(), response.json().await?))
    }
}
