//! Failure detection: how long after an agent is SIGKILLed (its socket closes at once) or
//! SIGSTOPped (it goes silent, the socket stays open) the coordinator stops routing its models,
//! as a client polling `ListModels` every millisecond sees it; and (`alert_delivery`) how long
//! until a lost node's alert reaches Discord.

mod alert_delivery;

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use harness::cluster::{Patience, Signal, TestCluster, eventually};
use proto::v1::cluster_service_client::ClusterServiceClient;
use proto::v1::{ListModelsRequest, ModelAvailability, NodeState};
use tonic::transport::Channel;

use crate::percentiles::LatencySummary;

pub use alert_delivery::{AlertFigures, AlertSettings, measure_alert_detection, render_section};

/// How often the model's availability is asked for while waiting for the failure to show.
const POLL_INTERVAL: Duration = Duration::from_millis(1);
/// The agent reports at least every second; waiting a different part of that second before each
/// trial spreads the faults over the report cycle, instead of always striking just after the
/// report that made the node ready (which would make every SIGSTOP look like the worst case).
const REPORT_CYCLE: Duration = Duration::from_secs(1);
/// How much longer than the heartbeat timeout a detection may take before the trial fails.
const DETECTION_SLACK: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// SIGKILL: the kernel closes the agent's connection.
    Kill,
    /// SIGSTOP: the agent is frozen, its connection open and silent.
    Stop,
}

impl Fault {
    pub fn label(self) -> &'static str {
        match self {
            Fault::Kill => "SIGKILL agent",
            Fault::Stop => "SIGSTOP agent",
        }
    }
}

#[derive(Debug, Clone)]
pub struct FaultFigures {
    pub fault: Fault,
    pub detection: LatencySummary,
}

/// Runs `trials` trials of each fault against `node`, bringing the agent back and waiting until
/// `model` is routable again between trials.
pub async fn measure_failure_detection(
    cluster: &mut TestCluster,
    node: &str,
    model: &str,
    trials: usize,
    heartbeat_timeout: Duration,
) -> anyhow::Result<Vec<FaultFigures>> {
    let mut client = cluster.cluster_client().await?;
    let limit = heartbeat_timeout + DETECTION_SLACK;
    let mut figures = Vec::new();
    for fault in [Fault::Kill, Fault::Stop] {
        let mut detections = Vec::with_capacity(trials);
        for trial in 1..=trials {
            wait_routable(cluster, &mut client, node, model).await?;
            tokio::time::sleep(phase_offset(trial, trials)).await;
            let started = Instant::now();
            inject(cluster, node, fault).await?;
            let detected = time_until_unroutable(&mut client, node, model, started, limit).await;
            recover(cluster, node, fault).await?;
            detections.push(detected.with_context(|| format!("{} trial {trial}", fault.label()))?);
        }
        let detection = LatencySummary::from_samples(&detections).context("no trials were run")?;
        figures.push(FaultFigures { fault, detection });
    }
    wait_routable(cluster, &mut client, node, model).await?;
    Ok(figures)
}

/// Trial `trial` of `trials` (from 1) starts `(trial - 1) / trials` of a report cycle late.
fn phase_offset(trial: usize, trials: usize) -> Duration {
    let fraction = trial.saturating_sub(1) as f64 / trials.max(1) as f64;
    REPORT_CYCLE.mul_f64(fraction.min(1.0))
}

async fn inject(cluster: &mut TestCluster, node: &str, fault: Fault) -> anyhow::Result<()> {
    match fault {
        // Kills and reaps; the time to reap is counted, as it is part of the agent dying.
        Fault::Kill => cluster.kill_agent(node).await,
        Fault::Stop => cluster.signal_agent(node, Signal::Stop),
    }
}

async fn recover(cluster: &mut TestCluster, node: &str, fault: Fault) -> anyhow::Result<()> {
    match fault {
        Fault::Kill => cluster.start_agent(node),
        Fault::Stop => cluster.signal_agent(node, Signal::Continue),
    }
}

/// Waits until the node is ready and the coordinator routes `model` to it.
async fn wait_routable(
    cluster: &TestCluster,
    client: &mut ClusterServiceClient<Channel>,
    node: &str,
    model: &str,
) -> anyhow::Result<()> {
    cluster
        .wait_node_state(node, NodeState::Ready, Patience::seconds(30))
        .await?;
    eventually(
        &format!("{model} to be routable to {node}"),
        Patience::seconds(30),
        || {
            let mut client = client.clone();
            async move {
                if routable(&mut client, node, model).await? {
                    Ok(())
                } else {
                    bail!("{node} cannot take {model} yet")
                }
            }
        },
    )
    .await
}

/// Polls every [`POLL_INTERVAL`] until `model` is not routable to `node`; the time is counted
/// from `started`, and a detection slower than `limit` fails.
async fn time_until_unroutable(
    client: &mut ClusterServiceClient<Channel>,
    node: &str,
    model: &str,
    started: Instant,
    limit: Duration,
) -> anyhow::Result<Duration> {
    loop {
        if !routable(client, node, model).await? {
            return Ok(started.elapsed());
        }
        if started.elapsed() > limit {
            bail!(
                "{model} was still routable to {node} {limit:?} after the fault: the coordinator missed it"
            );
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}

/// True when the coordinator lists `node` as available for `model`; a model or node missing
/// from the list is not routable.
async fn routable(
    client: &mut ClusterServiceClient<Channel>,
    node: &str,
    model: &str,
) -> anyhow::Result<bool> {
    let models = client
        .list_models(ListModelsRequest {})
        .await
        .context("ListModels failed")?
        .into_inner()
        .models;
    Ok(is_routable(&models, node, model))
}

fn is_routable(models: &[ModelAvailability], node: &str, model: &str) -> bool {
    models
        .iter()
        .filter(|availability| availability.model == model)
        .flat_map(|availability| &availability.nodes)
        .any(|candidate| candidate.node == node && candidate.available)
}

#[cfg(test)]
mod tests;
