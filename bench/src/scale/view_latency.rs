//! Status-to-view latency: one simulated agent reports that its Ollama stopped answering (a
//! status sent at once, as the real agent does on a change), and the time until `ListModels`
//! no longer shows its node available for the shared model; then it recovers, and the time until
//! the view shows it available again. Trials start at different points of the second.

use std::time::{Duration, Instant};

use anyhow::bail;
use proto::v1::ListModelsRequest;
use proto::v1::cluster_service_client::ClusterServiceClient;
use tokio::sync::watch;
use tonic::transport::Channel;

use super::payload::SHARED_MODEL;
use crate::percentiles::LatencySummary;

/// The pause between two `ListModels` calls while waiting for the change to show.
const POLL_INTERVAL: Duration = Duration::from_millis(1);
/// A change that takes longer than this to show fails the trial.
const VIEW_PATIENCE: Duration = Duration::from_secs(30);

#[derive(Debug, Clone)]
pub struct ViewFigures {
    /// Ollama down reported → the model view shows the node unavailable.
    pub went_down: LatencySummary,
    /// Ollama back reported → the model view shows the node available.
    pub came_back: LatencySummary,
}

/// `trials` down-and-back cycles of the agent of `node`, whose Ollama `ollama_reachable` switches.
pub async fn measure_view_latency(
    client: &mut ClusterServiceClient<Channel>,
    ollama_reachable: &watch::Sender<bool>,
    node: &str,
    trials: usize,
) -> anyhow::Result<ViewFigures> {
    let mut went_down = Vec::with_capacity(trials);
    let mut came_back = Vec::with_capacity(trials);
    for trial in 0..trials {
        // Spread the changes over the agents' report cycle.
        let offset = Duration::from_millis((trial as u64 * 370) % 1000);
        tokio::time::sleep(offset).await;
        let started = Instant::now();
        ollama_reachable.send(false)?;
        went_down.push(time_until(client, node, false, started).await?);
        let started = Instant::now();
        ollama_reachable.send(true)?;
        came_back.push(time_until(client, node, true, started).await?);
    }
    let summary = |samples: &[Duration]| {
        LatencySummary::from_samples(samples)
            .ok_or_else(|| anyhow::anyhow!("no view trials were run"))
    };
    Ok(ViewFigures {
        went_down: summary(&went_down)?,
        came_back: summary(&came_back)?,
    })
}

/// Polls `ListModels` until `node` is (or is not) available for the shared model.
async fn time_until(
    client: &mut ClusterServiceClient<Channel>,
    node: &str,
    available: bool,
    started: Instant,
) -> anyhow::Result<Duration> {
    loop {
        let models = client
            .list_models(ListModelsRequest {})
            .await?
            .into_inner()
            .models;
        let shown = models
            .iter()
            .filter(|model| model.model == SHARED_MODEL)
            .flat_map(|model| &model.nodes)
            .any(|candidate| candidate.node == node && candidate.available);
        if shown == available {
            return Ok(started.elapsed());
        }
        if started.elapsed() > VIEW_PATIENCE {
            bail!("{node} was not shown available={available} within {VIEW_PATIENCE:?}");
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}
