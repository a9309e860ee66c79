//! Every job kind runs through the cluster: embed returns one vector per text, chat and
//! generate accept Ollama's options.

use proto::v1::{JobKind, JobSpec, JobState, ModelOptions};
use tests::cluster::{ClusterSpec, TestCluster, chat_spec};

#[tokio::test]
async fn embed_and_chat_jobs_run_with_ollamas_options() -> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let embed = JobSpec {
        kind: JobKind::Embed as i32,
        model: "nomic-embed-text".into(),
        texts: vec!["first text".into(), "second text".into()],
        ..Default::default()
    };
    let embedded = cluster.run_job(embed).await?.job;
    assert_eq!(
        embedded.state,
        JobState::Succeeded as i32,
        "{}",
        embedded.reason
    );
    assert_eq!(
        embedded.node, "homelab",
        "only homelab has the embedding model"
    );
    assert_eq!(embedded.embeddings.len(), 2);
    assert!(!embedded.embeddings[0].values.is_empty());
    assert_ne!(embedded.embeddings[0].values, embedded.embeddings[1].values);

    let mut chat = chat_spec("gemma4:27b", "reply in json");
    chat.options = Some(ModelOptions {
        temperature: Some(0.2),
        num_ctx: Some(4096),
        seed: Some(7),
        keep_alive: Some("10m".into()),
        format: Some("json".into()),
        num_predict: Some(4),
        ..Default::default()
    });
    let chatted = cluster.run_job(chat).await?.job;
    assert_eq!(
        chatted.state,
        JobState::Succeeded as i32,
        "{}",
        chatted.reason
    );
    let stats = chatted
        .timings
        .and_then(|timings| timings.ollama)
        .expect("stats");
    assert_eq!(stats.eval_count, 4, "num_predict reached Ollama");
    assert_eq!(stats.done_reason, "length");
    Ok(())
}
