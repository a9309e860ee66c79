//! A generate job's `system` reaches Ollama's `/api/generate` as its `system` field, and the
//! job is then found by a short prefix of its id in lowercase, over real gRPC.

use proto::v1::{GetJobRequest, JobKind, JobSpec, JobState};
use tests::cluster::{ClusterSpec, TestCluster};

#[tokio::test]
async fn a_generate_jobs_system_message_reaches_ollama_and_its_id_prefix_finds_it()
-> anyhow::Result<()> {
    let cluster = TestCluster::start(ClusterSpec::three_hosts()).await?;
    let generate = JobSpec {
        kind: JobKind::Generate as i32,
        model: "gemma4:27b".into(),
        prompt: "say hello".into(),
        system: "answer in French".into(),
        ..Default::default()
    };
    let job = cluster.run_job(generate).await?.job;
    assert_eq!(job.state, JobState::Succeeded as i32, "{}", job.reason);
    assert_eq!(
        cluster.ollama(&job.node).generate_systems(),
        ["answer in French"]
    );

    let prefix = job.id[..12].to_lowercase();
    let mut jobs = cluster.jobs_client().await?;
    let found = jobs
        .get_job(GetJobRequest { id: prefix })
        .await?
        .into_inner();
    assert_eq!(found.id, job.id);
    Ok(())
}
