//! The canonical case, healthy: a gemma4 job goes to davas, streams its tokens, and its record
//! says davas and gemma4 served it, with timings and Ollama's token counts.

use proto::v1::JobState;
use tests::cluster::{ClusterSpec, TestCluster, generate_spec};

use crate::support::{GEMMA, expect_qwen_works};

#[tokio::test]
async fn gemma_job_runs_on_davas_and_streams_its_tokens() -> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    // Think time between tokens, as a real model has, so the watcher sees them arrive one by one.
    cluster
        .ollama("davas")
        .set_token_delay(std::time::Duration::from_millis(30));
    let watched = cluster
        .run_job(generate_spec(GEMMA, "why is the sky blue?"))
        .await?;
    let job = &watched.job;
    assert_eq!(job.state, JobState::Succeeded as i32, "{}", job.reason);
    assert_eq!(job.node, "davas");
    assert_eq!(job.served_model, GEMMA);
    assert!(
        watched.deltas.len() > 1,
        "tokens should stream one by one: {:?}",
        watched.deltas
    );
    assert_eq!(watched.text(), job.output);
    let timings = job.timings.as_ref().expect("timings");
    assert!(timings.time_to_first_token_ms.is_some() && timings.total_ms.is_some());
    let stats = timings.ollama.as_ref().expect("ollama's final-chunk stats");
    assert!(stats.eval_count > 0 && stats.total_duration_ns > 0);
    assert_eq!(stats.done_reason, "stop");
    assert_eq!(cluster.ollama("davas").requests("/api/generate"), 1);
    assert_eq!(cluster.ollama("homelab").requests("/api/generate"), 0);

    // The HTTP API tells the same story.
    let url = format!("{}/api/jobs/{}", cluster.http_url(), job.id);
    let body: serde_json::Value = reqwest::get(&url).await?.json().await?;
    assert_eq!(body["node"], "davas");
    assert_eq!(body["state"], "JOB_STATE_SUCCEEDED");
    let models: serde_json::Value = reqwest::get(format!("{}/api/models", cluster.http_url()))
        .await?
        .json()
        .await?;
    let gemma = models["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["model"] == GEMMA)
        .unwrap()
        .clone();
    assert_eq!(gemma["available"], true);
    assert_eq!(gemma["routed_nodes"], serde_json::json!(["davas"]));

    expect_qwen_works(&cluster).await?;
    Ok(())
}
