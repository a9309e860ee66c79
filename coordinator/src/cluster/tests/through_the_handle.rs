//! The loop as it runs in production, on a task behind its `ClusterHandle`, with Tokio's time
//! paused: its own tick finds silent nodes, and stopping it ends the active jobs.

use std::sync::Arc;
use std::time::Duration;

use proto::v1::{AgentHello, FailureCause, JobState, NodeState, agent_message};
use tokio_util::sync::CancellationToken;

use super::harness::{GEMMA, HEARTBEAT_TIMEOUT, generate};
use crate::clock::ManualClock;
use crate::cluster::{ClusterHandle, new_cluster_with_clock, outbound_channel};
use crate::config::CoordinatorConfig;
use crate::store::{JobStore, MemoryJobStore, StoreWriter};

struct Running {
    handle: ClusterHandle,
    clock: ManualClock,
    store: Arc<dyn JobStore>,
    shutdown: CancellationToken,
    cluster_loop: tokio::task::JoinHandle<()>,
    writer: tokio::task::JoinHandle<Result<(), crate::store::WriterFailed>>,
    _agent_stream: crate::cluster::OutboundStream,
}

async fn start_with_davas_ready() -> Running {
    let dir = tempfile::tempdir().unwrap();
    let toml = "[[nodes]]\nname = \"davas\"\ntoken_env = \"T\"\n";
    let path = dir.path().join("c.toml");
    std::fs::write(&path, toml).unwrap();
    let env = settings::MapEnv::from_pairs([("T", "t")]);
    let mut config = CoordinatorConfig::load(Some(&path), &env).unwrap();
    config.data_dir = dir.path().to_owned();
    config.heartbeat_timeout = HEARTBEAT_TIMEOUT;
    let store: Arc<dyn JobStore> = Arc::new(MemoryJobStore::default());
    let (writer_sender, writer) = StoreWriter::start(store.clone());
    let clock = ManualClock::starting_at(super::harness::START_MS);
    let (handle, cluster) = new_cluster_with_clock(
        &config,
        store.clone(),
        writer_sender,
        Arc::new(clock.clone()),
    );
    let shutdown = CancellationToken::new();
    let cluster_loop = tokio::spawn(cluster.run(shutdown.clone()));
    let (outbound, agent_stream) = outbound_channel();
    let hello = AgentHello {
        node: "davas".into(),
        max_parallel: 1,
        ..Default::default()
    };
    handle.attach_agent(hello, 7, outbound).await.unwrap();
    let status = proto::v1::AgentStatus {
        ollama_reachable: true,
        installed: vec![proto::v1::InstalledModel {
            name: GEMMA.into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    handle.agent_message("davas".into(), 7, agent_message::Kind::Status(status));
    Running {
        handle,
        clock,
        store,
        shutdown,
        cluster_loop,
        writer,
        _agent_stream: agent_stream,
    }
}

/// Moves paused Tokio time past the loop's 100 ms heartbeat tick and lets the loop take it.
/// `advance`, not `sleep`: time does not auto-advance while the store writer's blocking thread
/// is alive.
async fn let_the_tick_come_round() {
    tokio::time::advance(Duration::from_millis(150)).await;
    for _ in 0..4 {
        tokio::task::yield_now().await;
    }
}

async fn davas_state(handle: &ClusterHandle) -> i32 {
    handle.nodes().await[0].state
}

#[tokio::test(start_paused = true)]
async fn the_loops_own_tick_disconnects_a_node_silent_past_the_timeout_and_loses_it_past_its_grace()
{
    let running = start_with_davas_ready().await;
    assert_eq!(davas_state(&running.handle).await, NodeState::Ready as i32);
    running.clock.advance(HEARTBEAT_TIMEOUT);
    let_the_tick_come_round().await;
    assert_eq!(davas_state(&running.handle).await, NodeState::Ready as i32);
    running.clock.advance(Duration::from_millis(1));
    let_the_tick_come_round().await;
    let disconnected = NodeState::Disconnected as i32;
    assert_eq!(davas_state(&running.handle).await, disconnected);
    // The default grace: 30 s.
    running
        .clock
        .advance(Duration::from_secs(30) - Duration::from_millis(1));
    let_the_tick_come_round().await;
    assert_eq!(davas_state(&running.handle).await, disconnected);
    running.clock.advance(Duration::from_millis(1));
    let_the_tick_come_round().await;
    assert_eq!(davas_state(&running.handle).await, NodeState::Down as i32);
    running.shutdown.cancel();
}

#[tokio::test(start_paused = true)]
async fn stopping_the_loop_ends_every_active_job_failed_coordinator_stopped_and_records_it() {
    let running = start_with_davas_ready().await;
    let submitted = running
        .handle
        .submit(generate(GEMMA, 0), telemetry::TraceCarrier::new())
        .await
        .unwrap()
        .unwrap();
    submitted.durable.await.unwrap().unwrap();
    running.shutdown.cancel();
    running.cluster_loop.await.unwrap();
    drop(running.handle);
    running.writer.await.unwrap().unwrap();
    let stored = running.store.get(&submitted.job.id).unwrap().unwrap();
    assert_eq!(stored.state, JobState::Failed as i32);
    assert_eq!(stored.cause, FailureCause::CoordinatorStopped as i32);
}

#[tokio::test(start_paused = true)]
async fn brief_node_views_keep_states_and_slots_and_leave_the_model_lists_out() {
    let running = start_with_davas_ready().await;
    let full = running.handle.nodes().await;
    let brief = running.handle.nodes_brief().await;
    assert_eq!(full[0].installed.len(), 1);
    assert!(brief[0].installed.is_empty() && brief[0].loaded.is_empty());
    let without_lists = proto::v1::Node {
        installed: Vec::new(),
        ..full[0].clone()
    };
    assert_eq!(brief, [without_lists]);
    running.shutdown.cancel();
}
