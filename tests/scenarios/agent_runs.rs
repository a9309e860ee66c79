//! Running an agent (`agents::run_agent`) against a test cluster the way `runner serve` will:
//! its public gRPC API, a vault folder, a post target that records what it was handed.

use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

use agents::{AgentDeps, AgentInput, AgentKind, AgentRun, BriefingPost, RecentAlerts};
use anyhow::Context;
use proto::v1::Job;
use tests::cluster::TestCluster;
use tokio::sync::watch;
use tokio_util::sync::CancellationToken;

/// Where every scenario's runs say they came from.
pub const SOURCE: &str = "scenario";

/// One post the briefing handed over.
#[derive(Debug, Clone)]
pub struct Post {
    pub key: String,
    pub day: String,
    pub summary: String,
    pub note_path: Option<String>,
}

/// Every post the briefing handed to its post target.
#[derive(Default)]
pub struct RecordedPosts(pub Mutex<Vec<Post>>);

impl RecordedPosts {
    pub fn taken(&self) -> Vec<Post> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl BriefingPost for RecordedPosts {
    fn post(&self, key: &str, day: &str, summary: &str, note_path: Option<&str>) {
        let post = Post {
            key: key.into(),
            day: day.into(),
            summary: summary.into(),
            note_path: note_path.map(str::to_owned),
        };
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(post);
    }
}

/// An alerts source with fixed lines for any day.
pub struct FixedAlerts(pub Vec<String>);

impl RecentAlerts for FixedAlerts {
    fn alerts_between(&self, _since_ms: i64, _until_ms: i64) -> Vec<String> {
        self.0.clone()
    }
}

pub fn deps(cluster: &TestCluster, vault: Option<PathBuf>) -> anyhow::Result<AgentDeps> {
    Ok(AgentDeps {
        coordinator: client::Coordinator::lazy(&cluster.grpc_url())?,
        vault,
        post: None,
        alerts: None,
    })
}

pub fn input(run_id: &str, agent: AgentKind, model: &str, text: &str) -> AgentInput {
    AgentInput {
        run_id: run_id.into(),
        agent,
        model: model.into(),
        input: text.into(),
        source: SOURCE.into(),
        time_zone: chrono_tz::UTC,
    }
}

/// Runs the agent to its end; the run it returned, checked equal to the last one it sent.
pub async fn run(input: AgentInput, deps: AgentDeps) -> anyhow::Result<AgentRun> {
    let (sender, receiver) = watch::channel(AgentRun::default());
    let run = agents::run_agent(input, deps, sender, CancellationToken::new()).await;
    anyhow::ensure!(
        *receiver.borrow() == run,
        "the last run sent is not the run returned"
    );
    Ok(run)
}

/// The recorded job of each step that ran one, by step name.
pub async fn step_jobs(
    cluster: &TestCluster,
    run: &AgentRun,
) -> anyhow::Result<Vec<(String, Job)>> {
    let jobs = cluster.list_all_jobs().await?;
    let mut found = Vec::new();
    for step in run.steps.iter().filter(|step| !step.job_id.is_empty()) {
        let job = jobs
            .iter()
            .find(|job| job.id == step.job_id)
            .with_context(|| format!("step {}'s job {} is not recorded", step.name, step.job_id))?;
        found.push((step.name.clone(), job.clone()));
    }
    Ok(found)
}

/// The jobs any step of run `run_id` submitted, found by their idempotency keys.
pub async fn jobs_of_run(cluster: &TestCluster, run_id: &str) -> anyhow::Result<Vec<Job>> {
    let prefix = format!("agent:{run_id}:");
    let jobs = cluster.list_all_jobs().await?;
    Ok(jobs
        .into_iter()
        .filter(|job| {
            job.spec
                .as_ref()
                .is_some_and(|spec| spec.idempotency_key.starts_with(&prefix))
        })
        .collect())
}

/// Tokens the stand-in Ollamas reported for `model`, summed over every node: (input, output).
pub fn reported_tokens(cluster: &TestCluster, model: &str) -> (u64, u64) {
    cluster
        .spec
        .nodes
        .iter()
        .fold((0, 0), |(input, output), node| {
            let usage = cluster.ollama(&node.name).reported_usage();
            let of_model = usage.get(model).copied().unwrap_or_default();
            (
                input + of_model.input_tokens,
                output + of_model.output_tokens,
            )
        })
}
