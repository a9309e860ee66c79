//! The watch loop on tokio's paused clock, fed snapshots by hand: `alert_after` timing, the
//! memory surviving a restart, jobs named in loss alerts, and job-failure polling.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use proto::v1::{
    ClusterSnapshot, FailureCause, InstalledModel, Job, JobSpec, JobState, ModelAvailability, Node,
    NodeState,
};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;
use tonic::Status;

use super::WatchLoop;
use super::job_lookup::JobLookup;
use crate::alert::AlertKind;
use crate::detector::{AlerterMemory, Detector, DetectorSettings, DiskThresholds};
use crate::outbox::{AlertStore, MemoryOutbox, OutboxEntry};
use crate::time_text::Clock;

#[derive(Clone, Default)]
struct FakeJobs {
    active: Arc<Mutex<Vec<Job>>>,
    failed: Arc<Mutex<Vec<Job>>>,
    by_id: Arc<Mutex<Vec<Job>>>,
}

impl JobLookup for FakeJobs {
    async fn active_jobs_on(&self, node: &str) -> Result<Vec<Job>, Status> {
        Ok(self
            .active
            .lock()
            .unwrap()
            .iter()
            .filter(|j| j.node == node)
            .cloned()
            .collect())
    }
    async fn failed_jobs(&self, node: Option<&str>) -> Result<Vec<Job>, Status> {
        let failed = self.failed.lock().unwrap();
        Ok(failed
            .iter()
            .filter(|j| node.is_none_or(|n| j.node == n))
            .cloned()
            .collect())
    }
    async fn job(&self, id: &str) -> Result<Job, Status> {
        let by_id = self.by_id.lock().unwrap();
        by_id
            .iter()
            .find(|j| j.id == id)
            .cloned()
            .ok_or_else(|| Status::not_found(id))
    }
}

fn job(id: &str, node: &str, state: JobState, reason: &str, finished_at_ms: i64) -> Job {
    Job {
        id: id.into(),
        node: node.into(),
        state: state as i32,
        reason: reason.into(),
        finished_at_ms,
        spec: Some(JobSpec {
            model: "gemma4:27b".into(),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn snapshot(state: NodeState, running: u32) -> ClusterSnapshot {
    let davas = Node {
        name: "davas".into(),
        state: state as i32,
        state_reason: if state == NodeState::Down {
            "agent down: its stream closed".into()
        } else {
            String::new()
        },
        installed: vec![InstalledModel {
            name: "gemma4:27b".into(),
            ..Default::default()
        }],
        last_seen_ms: 1,
        running,
        ..Default::default()
    };
    let gemma = ModelAvailability {
        model: "gemma4:27b".into(),
        available: state == NodeState::Ready,
        routed_nodes: vec!["davas".into()],
        ..Default::default()
    };
    ClusterSnapshot {
        nodes: vec![davas],
        models: vec![gemma],
        ..Default::default()
    }
}

struct Running {
    store: Arc<dyn AlertStore>,
    snapshots: mpsc::Sender<ClusterSnapshot>,
    shutdown: CancellationToken,
    task: tokio::task::JoinHandle<()>,
}

fn start(store: Arc<dyn AlertStore>, jobs: FakeJobs, job_failures: bool) -> Running {
    let clock = Clock::start();
    let settings = DetectorSettings {
        alert_after: Duration::from_secs(3),
        startup_grace: Duration::from_secs(10),
        disk: DiskThresholds {
            min_free_bytes: 0,
            min_free_percent: None,
        },
    };
    let memory = AlerterMemory::from_saved(store.alerter_state().unwrap().as_deref());
    let watch = WatchLoop {
        detector: Detector::new(settings, memory, clock.now_ms()),
        jobs,
        store: store.clone(),
        wake_sender: Arc::default(),
        counters: Arc::default(),
        clock,
        job_failures,
    };
    let (snapshots, receiver) = mpsc::channel(8);
    let shutdown = CancellationToken::new();
    let task = tokio::spawn(watch.run(receiver, shutdown.clone()));
    Running {
        store,
        snapshots,
        shutdown,
        task,
    }
}

impl Running {
    async fn send(&self, snapshot: ClusterSnapshot) {
        self.snapshots.send(snapshot).await.unwrap();
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    fn alerts(&self) -> Vec<OutboxEntry> {
        let mut entries = self.store.recent(100).unwrap();
        entries.reverse();
        entries
    }

    fn kinds(&self) -> Vec<AlertKind> {
        self.alerts().iter().map(|entry| entry.alert.kind).collect()
    }

    async fn stop(self) {
        self.shutdown.cancel();
        self.task.await.unwrap();
    }
}

#[tokio::test(start_paused = true)]
async fn a_short_outage_sends_nothing_and_a_long_one_one_alert_on_time() {
    let running = start(Arc::new(MemoryOutbox::new(100)), FakeJobs::default(), false);
    running.send(snapshot(NodeState::Ready, 0)).await;
    running.send(snapshot(NodeState::Down, 0)).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    running.send(snapshot(NodeState::Ready, 0)).await;
    tokio::time::sleep(Duration::from_secs(10)).await;
    assert!(running.kinds().is_empty(), "a 2.5 s flap alerted");

    running.send(snapshot(NodeState::Down, 0)).await;
    tokio::time::sleep(Duration::from_millis(2900)).await;
    assert!(running.kinds().is_empty());
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(running.kinds(), [AlertKind::NodeLost]);
    let lost = &running.alerts()[0].alert;
    assert!(
        lost.fields.iter().any(|f| f.value.contains("gemma4:27b")),
        "{lost:?}"
    );
    tokio::time::sleep(Duration::from_secs(30)).await;
    assert_eq!(running.kinds(), [AlertKind::NodeLost], "alerted once");
    running.send(snapshot(NodeState::Ready, 0)).await;
    assert_eq!(running.kinds(), [AlertKind::NodeLost, AlertKind::NodeBack]);
    running.stop().await;
}

#[tokio::test(start_paused = true)]
async fn a_restart_neither_repeats_the_loss_nor_forgets_the_recovery() {
    let store: Arc<dyn AlertStore> = Arc::new(MemoryOutbox::new(100));
    let first = start(store.clone(), FakeJobs::default(), false);
    first.send(snapshot(NodeState::Ready, 0)).await;
    first.send(snapshot(NodeState::Down, 0)).await;
    tokio::time::sleep(Duration::from_secs(4)).await;
    assert_eq!(first.kinds(), [AlertKind::NodeLost]);
    first.stop().await;

    let second = start(store, FakeJobs::default(), false);
    let mut never_seen = snapshot(NodeState::Down, 0);
    never_seen.nodes[0].last_seen_ms = 0;
    second.send(never_seen).await;
    tokio::time::sleep(Duration::from_secs(60)).await;
    assert_eq!(second.kinds(), [AlertKind::NodeLost]);
    second.send(snapshot(NodeState::Ready, 0)).await;
    assert_eq!(second.kinds(), [AlertKind::NodeLost, AlertKind::NodeBack]);
    second.stop().await;
}

#[tokio::test(start_paused = true)]
async fn a_loss_alert_names_the_jobs_that_failed_and_those_re_routed() {
    let jobs = FakeJobs::default();
    jobs.active
        .lock()
        .unwrap()
        .push(job("J1", "davas", JobState::Running, "", 0));
    let running = start(Arc::new(MemoryOutbox::new(100)), jobs.clone(), false);
    running.send(snapshot(NodeState::Ready, 1)).await;
    // The loss: J1 was re-routed to homelab, J2 (queued meanwhile) failed.
    jobs.by_id
        .lock()
        .unwrap()
        .push(job("J1", "homelab", JobState::Running, "", 0));
    let mut failed = job(
        "J2",
        "davas",
        JobState::Failed,
        "node_lost: davas: connection to the agent lost (h2 protocol error)",
        i64::MAX / 2,
    );
    failed.cause = FailureCause::NodeLost as i32;
    // The cause decides, not the words: an Ollama error that mentions a node loss is not one.
    let mut ollama_failed = job(
        "J3",
        "davas",
        JobState::Failed,
        "node_lost: davas: said the model",
        i64::MAX / 2,
    );
    ollama_failed.cause = FailureCause::OllamaError as i32;
    jobs.failed.lock().unwrap().extend([failed, ollama_failed]);
    running.send(snapshot(NodeState::Down, 0)).await;
    tokio::time::sleep(Duration::from_secs(4)).await;
    let alert = running.alerts().remove(0).alert;
    let fields: Vec<String> = alert
        .fields
        .iter()
        .map(|f| format!("{}={}", f.name, f.value))
        .collect();
    let fields = fields.join("\n");
    assert!(fields.contains("Failed jobs (1)=`J2`"), "{fields}");
    assert!(
        fields.contains("Re-routed jobs (1)=`J1` gemma4:27b: now on homelab"),
        "{fields}"
    );
    running.stop().await;
}

#[tokio::test(start_paused = true)]
async fn failed_jobs_are_alerted_only_when_asked_and_only_new_ones() {
    let jobs = FakeJobs::default();
    jobs.failed
        .lock()
        .unwrap()
        .push(job("OLD", "davas", JobState::Failed, "old", 1));
    let off = start(Arc::new(MemoryOutbox::new(100)), jobs.clone(), false);
    tokio::time::sleep(Duration::from_secs(10)).await;
    assert!(off.kinds().is_empty());
    off.stop().await;

    let on = start(Arc::new(MemoryOutbox::new(100)), jobs.clone(), true);
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(on.kinds().is_empty(), "history is not news");
    let now_ish = i64::MAX / 2;
    jobs.failed.lock().unwrap().push(job(
        "NEW",
        "davas",
        JobState::Failed,
        "ollama: model crashed",
        now_ish,
    ));
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(on.kinds(), [AlertKind::JobsFailed]);
    assert!(on.alerts()[0].alert.description.contains("`NEW`"));
    tokio::time::sleep(Duration::from_secs(6)).await;
    assert_eq!(on.kinds().len(), 1, "each failure once");
    on.stop().await;
}
