//! Node loss → alert sent: on a one-node cluster of its own that alerts to a stand-in Discord,
//! the time from SIGKILLing the agent until Discord has received the "Node … lost" message.
//! By design this is `alert_after` (a loss shorter than that is a flap and sends nothing) plus
//! the coordinator noticing the loss, the alerter's snapshot, and delivery.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use harness::cluster::{ClusterSpec, NodeSpec, Patience, TestCluster, distinctive_webhook_token};
use harness::fake_discord::FakeDiscord;
use proto::v1::NodeState;

use super::phase_offset;
use crate::percentiles::LatencySummary;
use crate::table::{MarkdownTable, milliseconds};

/// How often Discord's received messages are looked at; the time itself is the message's own
/// arrival instant, so this only bounds how soon the next step starts.
const POLL_INTERVAL: Duration = Duration::from_millis(5);
/// How much longer than `alert_after` an alert may take before the trial fails.
const DELIVERY_SLACK: Duration = Duration::from_secs(10);

#[derive(Debug, Clone)]
pub struct AlertSettings {
    pub trials: usize,
    /// The coordinator's `[alerts] alert_after`.
    pub alert_after: Duration,
    pub heartbeat_timeout: Duration,
}

#[derive(Debug, Clone)]
pub struct AlertFigures {
    /// From the SIGKILL until Discord received the loss alert.
    pub detection: LatencySummary,
    pub alert_after: Duration,
    pub heartbeat_timeout: Duration,
}

/// Starts the alerting cluster, runs the trials, and tears it down.
pub async fn measure_alert_detection(
    node: &str,
    model: &str,
    settings: &AlertSettings,
) -> anyhow::Result<AlertFigures> {
    let discord = FakeDiscord::start().await?;
    let mut cluster = TestCluster::start(alerting_spec(node, model, settings, &discord))
        .await
        .context("cannot start the alerting cluster")?;
    let trials = run_trials(&mut cluster, &discord, node, settings).await;
    if trials.is_err() {
        eprintln!("---- alerting cluster logs ----\n{}", cluster.all_logs());
    }
    let detection = LatencySummary::from_samples(&trials?).context("no alert trials were run")?;
    Ok(AlertFigures {
        detection,
        alert_after: settings.alert_after,
        heartbeat_timeout: settings.heartbeat_timeout,
    })
}

/// The report's section: median and max from the SIGKILL to Discord's receipt, and how far
/// past `alert_after` that is.
pub fn render_section(figures: Option<&AlertFigures>) -> String {
    let Some(figures) = figures else {
        return String::new();
    };
    let beyond = |at: Duration| milliseconds(at.saturating_sub(figures.alert_after));
    let mut table = MarkdownTable::new(&[
        "fault",
        "trials",
        "median",
        "max",
        "median beyond alert_after",
        "max beyond alert_after",
        "alert_after",
        "heartbeat_timeout",
    ]);
    table.push_row(vec![
        "SIGKILL agent -> Discord has the loss alert".to_owned(),
        figures.detection.count.to_string(),
        milliseconds(figures.detection.p50),
        milliseconds(figures.detection.max),
        beyond(figures.detection.p50),
        beyond(figures.detection.max),
        milliseconds(figures.alert_after),
        milliseconds(figures.heartbeat_timeout),
    ]);
    format!(
        "\nalert detection (ms from the SIGKILL until the stand-in Discord received \"Node ... lost\"; \
         a loss shorter than alert_after is a flap and sends nothing, so alert_after is the floor)\n\n{}",
        table.render()
    )
}

fn alerting_spec(
    node: &str,
    model: &str,
    settings: &AlertSettings,
    discord: &FakeDiscord,
) -> ClusterSpec {
    let webhook = discord.webhook_url(&distinctive_webhook_token());
    let mut spec = ClusterSpec::three_hosts().coordinator_env("DISCORD_WEBHOOK_URL", &webhook);
    spec.nodes = vec![NodeSpec::new(node, &[model])];
    spec.routes = Vec::new();
    spec.heartbeat_timeout = settings.heartbeat_timeout;
    // Disk checks off: the agent reports this machine's disk, whatever its free space.
    spec.extra_coordinator_toml = format!(
        "\n[alerts]\nalert_after = \"{}ms\"\ndisk_free_min_bytes = 0\n",
        settings.alert_after.as_millis()
    );
    spec
}

async fn run_trials(
    cluster: &mut TestCluster,
    discord: &FakeDiscord,
    node: &str,
    settings: &AlertSettings,
) -> anyhow::Result<Vec<Duration>> {
    let (lost, back) = (format!("Node {node} lost"), format!("Node {node} is back"));
    let limit = settings.alert_after + DELIVERY_SLACK;
    let mut detections = Vec::with_capacity(settings.trials);
    for trial in 1..=settings.trials {
        cluster
            .wait_node_state(node, NodeState::Ready, Patience::seconds(30))
            .await?;
        tokio::time::sleep(phase_offset(trial, settings.trials)).await;
        let killed_at = Instant::now();
        cluster.kill_agent(node).await?;
        let arrived = nth_arrival(discord, &lost, trial, limit)
            .await
            .with_context(|| format!("alert trial {trial}"))?;
        detections.push(arrived.saturating_duration_since(killed_at));
        // The node comes back and says so before the next trial, so every trial starts from
        // a node the alerter knows to be up.
        cluster.start_agent(node)?;
        nth_arrival(discord, &back, trial, limit)
            .await
            .with_context(|| format!("the recovery alert of trial {trial}"))?;
    }
    Ok(detections)
}

/// When Discord received its `nth` (from 1) message with an embed titled `title`.
async fn nth_arrival(
    discord: &FakeDiscord,
    title: &str,
    nth: usize,
    limit: Duration,
) -> anyhow::Result<Instant> {
    let deadline = Instant::now() + limit;
    loop {
        let arrivals: Vec<Instant> = discord
            .messages()
            .into_iter()
            .filter(|message| message.embed_titles().iter().any(|t| t == title))
            .map(|message| message.at)
            .collect();
        if let Some(at) = arrivals.get(nth.saturating_sub(1)) {
            return Ok(*at);
        }
        if Instant::now() > deadline {
            bail!(
                "discord has {} {title:?} alerts, not {nth}, {limit:?} after the fault",
                arrivals.len()
            );
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}

#[cfg(test)]
mod tests;
