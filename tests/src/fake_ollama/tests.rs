//! The stand-in Ollama driven over real HTTP with reqwest, checking the shapes Ollama documents
//! (docs/api.md, docs.ollama.com/api) and the controls tests rely on.

mod cached_prompts;
mod chat_and_generate;
mod controls;
mod errors_and_failures;
mod model_routes;
mod openai_chat;
mod openai_models_and_embeddings;
mod semantic_embeddings;
mod stop_options;

use std::time::{Duration, Instant};

use serde_json::Value;

use super::FakeOllama;

/// A client that never goes through a proxy and never waits forever.
fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("building a reqwest client")
}

async fn start(models: &[&str]) -> FakeOllama {
    FakeOllama::start(models)
        .await
        .expect("starting the stand-in ollama")
}

async fn post(ollama: &FakeOllama, path: &str, body: Value) -> reqwest::Response {
    client()
        .post(format!("{}{path}", ollama.url()))
        .json(&body)
        .send()
        .await
        .expect("sending a request to the stand-in ollama")
}

async fn get(ollama: &FakeOllama, path: &str) -> reqwest::Response {
    client()
        .get(format!("{}{path}", ollama.url()))
        .send()
        .await
        .expect("sending a request to the stand-in ollama")
}

/// Reads an NDJSON body to the end and parses every line.
async fn ndjson_lines(response: reqwest::Response) -> Vec<Value> {
    let body = response.text().await.expect("reading an NDJSON body");
    body.lines()
        .map(|line| serde_json::from_str(line).expect("every NDJSON line is a JSON object"))
        .collect()
}

/// Reads a server-sent event stream to the end: the `data:` payload of every event, in order.
async fn sse_data(response: reqwest::Response) -> Vec<String> {
    let body = response.text().await.expect("reading an event stream");
    body.split("\n\n")
        .filter(|event| !event.is_empty())
        .map(|event| {
            event
                .strip_prefix("data: ")
                .unwrap_or_else(|| panic!("every event is one data line: {event:?}"))
                .to_string()
        })
        .collect()
}

/// Polls `condition` until it holds, failing the test after five seconds.
async fn eventually(what: &str, condition: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while !condition() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// The `error` string of an error body.
async fn error_message(response: reqwest::Response) -> String {
    let body: Value = response.json().await.expect("an error body is JSON");
    body["error"]
        .as_str()
        .expect("an error body has an error string")
        .to_string()
}
