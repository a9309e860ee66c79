//! One agent count end to end: a coordinator configured with N nodes (each its own token),
//! N simulated agents attached, then the steady window, the view trials and the routing calls.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use harness::cluster::{ClusterSpec, NodeSpec, Patience, TestCluster, eventually};
use proto::v1::cluster_service_client::ClusterServiceClient;
use proto::v1::job_service_client::JobServiceClient;
use proto::v1::{ListNodesRequest, NodeState};
use tokio::sync::watch;
use tonic::transport::Channel;

use super::routing_latency::{RoutingFigures, measure_routing};
use super::simulator::{Simulator, sim_node_name};
use super::view_latency::{ViewFigures, measure_view_latency};
use super::web_ui::OpenWebUi;
use super::{ScaleFigures, ScaleSettings};
use crate::process_stats::{cpu_percent_over, memory_usage};

/// The production default; a coordinator too busy to read statuses would drop agents.
const HEARTBEAT_TIMEOUT: Duration = Duration::from_secs(3);
/// Bounds the attach of the largest fleet (10,000 agents take seconds, not minutes).
const ATTACH_PATIENCE: Duration = Duration::from_secs(300);
/// The cluster view of thousands of nodes is megabytes; the default 4 MiB cap is too small.
const LARGEST_VIEW_BYTES: usize = 1 << 30;

pub async fn measure_one_size(
    agents: usize,
    settings: &ScaleSettings,
) -> anyhow::Result<ScaleFigures> {
    let spec = ClusterSpec {
        nodes: (0..agents)
            .map(|index| NodeSpec::new(&sim_node_name(index), &[]).max_parallel(4))
            .collect(),
        routes: Vec::new(),
        heartbeat_timeout: HEARTBEAT_TIMEOUT,
        disconnect_grace: std::time::Duration::ZERO,
        queue_capacity: 16,
        extra_coordinator_toml: String::new(),
        coordinator_env: settings.coordinator_env.clone(),
        agent_env: Vec::new(),
        temp_root: None,
    };
    let cluster = TestCluster::start_without_agents(spec).await.context(
        "cannot start the coordinator: build the binaries first (`cargo xtask bench` does)",
    )?;
    let outcome = measure_with(&cluster, agents, settings).await;
    // Thousands of agents make a long log: keep it whole in a file (the cluster's temp dir goes
    // away), and show its end when the run failed.
    let log = cluster.coordinator_log();
    let kept = std::env::temp_dir().join(format!("scale-{agents}-coordinator.log"));
    let where_kept = match std::fs::write(&kept, &log) {
        Ok(()) => format!("whole log in {}", kept.display()),
        Err(error) => format!("could not keep the whole log: {error}"),
    };
    if outcome.is_err() {
        eprintln!(
            "---- coordinator log ({where_kept}) ----\n{}",
            tail(&log, 40)
        );
    } else {
        eprintln!("scale: {agents} agents done; coordinator's {where_kept}");
    }
    outcome
}

async fn measure_with(
    cluster: &TestCluster,
    agents: usize,
    settings: &ScaleSettings,
) -> anyhow::Result<ScaleFigures> {
    let pid = cluster.coordinator_pid()?;
    let channel = Channel::from_shared(cluster.grpc_url())?.connect().await?;
    let mut cluster_client =
        ClusterServiceClient::new(channel).max_decoding_message_size(LARGEST_VIEW_BYTES);
    let web_ui = match settings.web_ui_open {
        true => Some(OpenWebUi::open(&cluster.http_url()).await?),
        false => None,
    };
    let idle_memory = memory_usage(pid)?;
    let started = Instant::now();
    let mut simulator = Simulator::start(cluster, agents)?;
    simulator.wait_all_welcomed(ATTACH_PATIENCE).await?;
    wait_all_ready(&mut cluster_client, agents).await?;
    let attach_all = started.elapsed();
    let cpu_percent = cpu_percent_over(pid, settings.steady_window).await?;
    let memory = memory_usage(pid)?;
    let probe = agents / 2;
    let (view, routing) = measure_latencies(
        cluster.grpc_url(),
        simulator.ollama_switch(probe)?,
        &sim_node_name(probe),
        settings,
    )?;
    if simulator.jobs_answered() < settings.routing_requests {
        bail!(
            "the simulated agents answered {} jobs, fewer than the {} accepted",
            simulator.jobs_answered(),
            settings.routing_requests
        );
    }
    let worst_status_lateness = simulator.worst_status_lateness();
    let links_dropped = simulator.stop().await?;
    if let Some(web_ui) = web_ui {
        let received = web_ui.close().await?;
        eprintln!("scale: the open web UI received {received} bytes of events");
    }
    Ok(ScaleFigures {
        agents,
        attach_all,
        cpu_percent,
        idle_memory,
        memory,
        view,
        routing,
        links_dropped,
        worst_status_lateness,
    })
}

/// Runs the latency calls on a thread and runtime of their own: on the simulator's runtime
/// every wake-up of the client would queue behind thousands of agent tasks, and the figures
/// would measure this process rather than the coordinator.
fn measure_latencies(
    url: String,
    probe_switch: &watch::Sender<bool>,
    probe_node: &str,
    settings: &ScaleSettings,
) -> anyhow::Result<(ViewFigures, RoutingFigures)> {
    tokio::task::block_in_place(|| {
        std::thread::scope(|scope| {
            let measuring = scope.spawn(|| {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                runtime.block_on(async {
                    let channel = Channel::from_shared(url)?.connect().await?;
                    let mut cluster_client = ClusterServiceClient::new(channel.clone())
                        .max_decoding_message_size(LARGEST_VIEW_BYTES);
                    let mut jobs_client = JobServiceClient::new(channel);
                    let view = measure_view_latency(
                        &mut cluster_client,
                        probe_switch,
                        probe_node,
                        settings.view_trials,
                    )
                    .await?;
                    let routing =
                        measure_routing(&mut jobs_client, settings.routing_requests).await?;
                    Ok((view, routing))
                })
            });
            measuring
                .join()
                .map_err(|_| anyhow::anyhow!("the latency-measuring thread panicked"))?
        })
    })
}

/// Waits until the coordinator lists all `agents` nodes ready.
async fn wait_all_ready(
    client: &mut ClusterServiceClient<Channel>,
    agents: usize,
) -> anyhow::Result<()> {
    eventually(
        &format!("all {agents} simulated nodes to be ready"),
        Patience {
            timeout: ATTACH_PATIENCE,
            // Each answer lists every node; asking often would slow the attach it waits for.
            interval: Duration::from_millis(250),
        },
        || {
            let mut client = client.clone();
            async move {
                let nodes = client
                    .list_nodes(ListNodesRequest::default())
                    .await?
                    .into_inner()
                    .nodes;
                let ready = nodes
                    .iter()
                    .filter(|node| node.state == NodeState::Ready as i32)
                    .count();
                if ready == agents {
                    Ok(())
                } else {
                    bail!("{ready} of {agents} nodes are ready")
                }
            }
        },
    )
    .await
}

fn tail(log: &str, lines: usize) -> String {
    let all: Vec<&str> = log.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
