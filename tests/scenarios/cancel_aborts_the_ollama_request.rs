//! Cancelling a running job aborts its Ollama request on the node and frees the slot.

use std::time::Duration;

use proto::v1::{CancelJobRequest, JobState};
use tests::cluster::{ClusterSpec, Patience, TestCluster, eventually, generate_spec};

use crate::support::GEMMA;

#[tokio::test]
async fn cancel_aborts_the_ollama_request() -> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let davas = cluster.ollama("davas");
    davas.set_token_delay(Duration::from_millis(200));
    let job = cluster
        .submit_ok(generate_spec(GEMMA, "a long answer please"))
        .await?;
    eventually("tokens to flow", Patience::seconds(10), || async {
        anyhow::ensure!(
            !cluster.get_job(&job.id).await?.output.is_empty(),
            "no tokens yet"
        );
        Ok(())
    })
    .await?;
    let aborted_before = davas.aborted_streams();
    let cancelled = cluster
        .jobs_client()
        .await?
        .cancel_job(CancelJobRequest { id: job.id.clone() })
        .await?
        .into_inner();
    assert_eq!(cancelled.state, JobState::Cancelled as i32);
    assert!(
        cancelled.reason.contains("cancelled"),
        "{}",
        cancelled.reason
    );
    eventually(
        "Ollama to see its request aborted",
        Patience::seconds(5),
        || async {
            anyhow::ensure!(
                davas.aborted_streams() > aborted_before && davas.active_streams() == 0,
                "stream still open"
            );
            Ok(())
        },
    )
    .await?;
    let watched = cluster.watch_to_end(&job.id).await?;
    assert_eq!(watched.job.state, JobState::Cancelled as i32);

    // Cancelling again says it already ended; the slot is free for the next job.
    let again = cluster
        .jobs_client()
        .await?
        .cancel_job(CancelJobRequest { id: job.id.clone() })
        .await
        .unwrap_err();
    assert_eq!(again.code(), tonic::Code::FailedPrecondition);
    davas.set_token_delay(Duration::ZERO);
    let next = cluster.run_job(generate_spec(GEMMA, "next")).await?;
    assert_eq!(next.job.state, JobState::Succeeded as i32);
    Ok(())
}
