//! Ollama sends an error line in the middle of a stream: the job fails with Ollama's own
//! message and keeps the tokens that came before it.

use proto::v1::JobState;
use tests::cluster::{ClusterSpec, TestCluster, chat_spec};

use crate::support::GEMMA;

#[tokio::test]
async fn an_ollama_error_mid_stream_fails_the_job_with_ollamas_message() -> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    cluster
        .ollama("davas")
        .set_token_delay(std::time::Duration::from_millis(30));
    cluster
        .ollama("davas")
        .fail_mid_stream_after(Some((3, "CUDA error: out of memory".to_owned())));
    let watched = cluster.run_job(chat_spec(GEMMA, "hello")).await?;
    assert_eq!(watched.job.state, JobState::Failed as i32);
    assert!(
        watched.job.reason.contains("CUDA error: out of memory"),
        "{}",
        watched.job.reason
    );
    assert_eq!(
        watched.job.output.split_whitespace().count(),
        3,
        "{:?}",
        watched.job.output
    );
    assert_eq!(
        watched.job.output,
        watched.text(),
        "the tokens before the error are kept"
    );

    cluster.ollama("davas").fail_mid_stream_after(None);
    cluster.ollama("davas").set_queue_full(true);
    let busy = cluster.run_job(chat_spec(GEMMA, "hello")).await?;
    assert_eq!(busy.job.state, JobState::Failed as i32);
    assert!(busy.job.reason.contains("503"), "{}", busy.job.reason);
    Ok(())
}
