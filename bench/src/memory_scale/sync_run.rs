//! One `SyncMemory` call timed at the client, with the embed jobs it made counted in the
//! coordinator's job history (every one must have run `nomic-embed-text` on homelab, the one
//! node that has it), and `GetMemoryStatus` with the coordinator's resident memory after it.

use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use harness::cluster::TestCluster;
use proto::v1::{
    GetMemoryStatusRequest, JobKind, JobState, ListJobsRequest, MemoryStatus, SyncMemoryRequest,
    SyncReport,
};

use crate::process_stats::{MemoryUsage, memory_usage};

/// The model memory embeds with, as the stand-in cluster's homelab node has it.
pub const EMBED_MODEL: &str = "nomic-embed-text";
pub const EMBED_NODE: &str = "homelab";
/// Jobs per `ListJobs` page (its maximum).
const PAGE: u32 = 1_000;

/// A sync as the client saw it.
#[derive(Debug, Clone)]
pub struct SyncFigures {
    /// From the call until the stream's last message.
    pub wall: Duration,
    pub report: SyncReport,
    /// Progress messages streamed, the last (with the report) included.
    pub progress_messages: usize,
    /// Embed jobs this sync submitted (the history's count after it minus before it).
    pub embed_jobs: u64,
    pub status: MemoryStatus,
    pub coordinator_memory: MemoryUsage,
}

/// Every embed job in the coordinator's history, read page by page; fails if one ran anywhere
/// but homelab or did not succeed, since then the figures would not be memory's.
pub async fn embed_jobs_so_far(cluster: &TestCluster) -> anyhow::Result<u64> {
    // A page of embed jobs carries their vectors: far over tonic's 4 MiB default.
    let mut client = cluster
        .jobs_client()
        .await?
        .max_decoding_message_size(256 * 1024 * 1024);
    let (mut count, mut before_id) = (0u64, String::new());
    // Bounded: a million embed jobs is far more than any run makes.
    for _ in 0..1_000 {
        let page = client
            .list_jobs(ListJobsRequest {
                model: EMBED_MODEL.to_owned(),
                limit: PAGE,
                before_id: before_id.clone(),
                ..ListJobsRequest::default()
            })
            .await?
            .into_inner();
        for job in &page.jobs {
            let kind = job.spec.as_ref().map(|spec| spec.kind);
            if kind != Some(JobKind::Embed as i32) {
                continue;
            }
            ensure!(
                job.node == EMBED_NODE && job.state == JobState::Succeeded as i32,
                "embed job {} ran on `{}` in state {}: {}",
                job.id,
                job.node,
                job.state,
                job.reason
            );
            count += 1;
        }
        if page.next_before_id.is_empty() {
            return Ok(count);
        }
        before_id = page.next_before_id;
    }
    bail!("more than a million embed jobs in the history")
}

/// Runs one sync to its end (or `patience`), then reads the status and the coordinator's RSS.
pub async fn sync_once(cluster: &TestCluster, patience: Duration) -> anyhow::Result<SyncFigures> {
    let jobs_before = embed_jobs_so_far(cluster).await?;
    let mut client = cluster.memory_client().await?;
    let started = Instant::now();
    let streamed = tokio::time::timeout(patience, async {
        let mut stream = client
            .sync_memory(SyncMemoryRequest { rebuild: false })
            .await?
            .into_inner();
        let (mut report, mut messages) = (None, 0);
        while let Some(progress) = stream.message().await? {
            messages += 1;
            report = progress.report.or(report);
        }
        anyhow::Ok((report, messages))
    })
    .await
    .with_context(|| format!("the sync did not end within {patience:?}"))??;
    let wall = started.elapsed();
    let (report, progress_messages) = streamed;
    let report = report.context("the sync's stream ended without a report")?;
    let status = client
        .get_memory_status(GetMemoryStatusRequest {})
        .await?
        .into_inner();
    let coordinator_memory = memory_usage(cluster.coordinator_pid()?)?;
    let embed_jobs = embed_jobs_so_far(cluster).await? - jobs_before;
    Ok(SyncFigures {
        wall,
        report,
        progress_messages,
        embed_jobs,
        status,
        coordinator_memory,
    })
}
