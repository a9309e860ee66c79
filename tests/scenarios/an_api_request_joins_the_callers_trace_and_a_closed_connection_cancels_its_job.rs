//! A `/v1/chat/completions` request is a job like any other: its answer names the job and the
//! node, the caller's `traceparent` makes the job's trace a part of the caller's, and a caller
//! that closes its connection — mid-stream or while waiting for a whole answer — cancels the
//! job, which aborts the request on the node's Ollama.

use std::time::Duration;

use anyhow::Context;
use futures::StreamExt;
use proto::v1::JobState;
use serde_json::json;
use tests::cluster::{ClusterSpec, Patience, TestCluster, eventually};

use crate::support::GEMMA;

const TRACE_ID: &str = "4bf92f3577b34da6a3ce929d0e0e4736";

async fn expect_cancelled(
    cluster: &TestCluster,
    id: &str,
    aborted_before: usize,
) -> anyhow::Result<()> {
    let davas = cluster.ollama("davas");
    eventually(
        "the job to be cancelled and Ollama's request aborted",
        Patience::seconds(10),
        || async {
            let job = cluster.get_job(id).await?;
            anyhow::ensure!(
                job.state == JobState::Cancelled as i32,
                "job is {}",
                job.state
            );
            anyhow::ensure!(
                davas.aborted_streams() > aborted_before,
                "ollama's stream still open"
            );
            Ok(())
        },
    )
    .await
}

#[tokio::test]
async fn an_api_request_joins_the_callers_trace_and_a_closed_connection_cancels_its_job()
-> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let davas = cluster.ollama("davas");
    davas.set_token_delay(Duration::from_millis(300));
    let url = format!("{}/v1/chat/completions", cluster.http_url());
    let http = reqwest::Client::new();

    // A stream, dropped after its first chunks.
    let aborted_before = davas.aborted_streams();
    let response = http
        .post(&url)
        .header("traceparent", format!("00-{TRACE_ID}-00f067aa0ba902b7-01"))
        .json(&json!({
            "model": GEMMA,
            "stream": true,
            "messages": [{"role": "user", "content": "a long answer please"}],
        }))
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-llm-runner-node"], "davas");
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    let id = response.headers()["x-llm-runner-job-id"]
        .to_str()?
        .to_owned();
    let mut body = response.bytes_stream();
    let mut seen = String::new();
    // The role chunk, then the first token.
    while seen.matches("data: ").count() < 2 {
        let chunk = tokio::time::timeout(Duration::from_secs(10), body.next())
            .await
            .context("no chunk within 10 s")?
            .context("the stream ended early")??;
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(seen.contains(&format!("chatcmpl-{id}")), "{seen}");
    let job = cluster.get_job(&id).await?;
    assert_eq!(job.trace_id, TRACE_ID, "the job's trace is the caller's");
    assert_eq!(job.state, JobState::Running as i32);
    drop(body);
    expect_cancelled(&cluster, &id, aborted_before).await?;

    // A whole answer the caller stops waiting for.
    let aborted_before = davas.aborted_streams();
    let waiting = http
        .post(&url)
        .timeout(Duration::from_millis(1500))
        .json(&json!({"model": GEMMA, "messages": [{"role": "user", "content": "slowly"}]}))
        .send()
        .await;
    assert!(
        waiting.is_err_and(|error| error.is_timeout()),
        "the answer came within 1.5 s"
    );
    let jobs = cluster.list_all_jobs().await?;
    let newest = jobs.first().context("no job recorded")?;
    assert_ne!(newest.id, id);
    expect_cancelled(&cluster, &newest.id, aborted_before).await?;
    Ok(())
}
