//! The detector over hand-made snapshot sequences: flaps, losses, recoveries, restarts, Ollama,
//! pinned models and disk pressure, at explicit times.

use std::time::Duration;

use proto::v1::{ClusterSnapshot, HostFacts, InstalledModel, ModelAvailability, Node, NodeState};

use super::{AffectedJobs, AlerterMemory, Detector, DetectorSettings, DiskThresholds, Finding};

const GIB: u64 = 1024 * 1024 * 1024;
const GEMMA: &str = "gemma4:27b";

fn settings() -> DetectorSettings {
    DetectorSettings {
        alert_after: Duration::from_secs(3),
        startup_grace: Duration::from_secs(10),
        disk: DiskThresholds {
            min_free_bytes: 10 * GIB,
            min_free_percent: None,
        },
    }
}

fn node(state: NodeState, reason: &str, models: &[&str], free_gib: u64) -> Node {
    Node {
        name: "davas".into(),
        state: state as i32,
        state_reason: reason.into(),
        installed: models
            .iter()
            .map(|name| InstalledModel {
                name: (*name).into(),
                ..Default::default()
            })
            .collect(),
        host: Some(HostFacts {
            disk_total_bytes: 1000 * GIB,
            disk_free_bytes: free_gib * GIB,
            ..Default::default()
        }),
        last_seen_ms: 1,
        ollama_version: "0.12.0".into(),
        ..Default::default()
    }
}

fn ready() -> Node {
    node(NodeState::Ready, "", &[GEMMA, "qwen2.5:14b"], 500)
}

fn down() -> Node {
    node(
        NodeState::Down,
        "agent down: its stream closed",
        &[GEMMA, "qwen2.5:14b"],
        500,
    )
}

/// davas with gemma pinned to it; qwen is served elsewhere all along.
fn snapshot(davas: Node) -> ClusterSnapshot {
    let up =
        davas.state == NodeState::Ready as i32 && davas.installed.iter().any(|m| m.name == GEMMA);
    ClusterSnapshot {
        nodes: vec![davas],
        models: vec![
            ModelAvailability {
                model: GEMMA.into(),
                available: up,
                routed_nodes: vec!["davas".into()],
                ..Default::default()
            },
            ModelAvailability {
                model: "qwen2.5:14b".into(),
                available: true,
                ..Default::default()
            },
        ],
        ..Default::default()
    }
}

fn fresh() -> Detector {
    Detector::new(settings(), AlerterMemory::default(), 0)
}

#[test]
fn a_flap_shorter_than_alert_after_sends_nothing() {
    let mut detector = fresh();
    assert!(detector.observe(snapshot(ready()), 0).is_empty());
    assert!(detector.observe(snapshot(down()), 1000).is_empty());
    assert_eq!(detector.next_deadline(), Some(4000));
    assert!(detector.due(3999).is_empty());
    assert!(detector.observe(snapshot(ready()), 3500).is_empty());
    assert_eq!(detector.next_deadline(), None);
    assert!(detector.due(60_000).is_empty());
}

#[test]
fn a_node_down_for_alert_after_is_lost_once_then_back_once() {
    let mut detector = fresh();
    detector.observe(snapshot(ready()), 0);
    detector.observe(snapshot(down()), 1000);
    let lost = detector.due(4000);
    assert_eq!(
        lost,
        [Finding::NodeLost {
            node: "davas".into(),
            since_ms: 1000,
            last_seen_ms: 1,
            reason: "agent down: its stream closed".into(),
            unavailable_models: vec![GEMMA.into()],
            jobs: AffectedJobs::default(),
        }],
        "qwen is served elsewhere, so only gemma is named"
    );
    assert!(detector.due(10_000).is_empty(), "alerted once");
    assert!(detector.observe(snapshot(down()), 11_000).is_empty());
    assert_eq!(detector.next_deadline(), None);
    let back = detector.observe(snapshot(ready()), 20_000);
    assert_eq!(
        back,
        [Finding::NodeBack {
            node: "davas".into(),
            since_ms: 1000,
            back_at_ms: 20_000
        }]
    );
}

#[test]
fn a_node_never_up_is_never_lost() {
    let mut detector = fresh();
    let mut never_seen = down();
    never_seen.last_seen_ms = 0;
    detector.observe(snapshot(never_seen), 0);
    assert_eq!(detector.next_deadline(), None);
    assert!(detector.due(100_000).is_empty());
}

#[test]
fn a_node_up_only_between_two_snapshots_is_still_lost() {
    // The coordinator heard from it (last_seen_ms > 0) though no snapshot showed it ready.
    let mut detector = fresh();
    detector.observe(snapshot(down()), 0);
    assert_eq!(detector.next_deadline(), Some(3000));
    assert!(matches!(detector.due(3000)[..], [Finding::NodeLost { .. }]));
}

#[test]
fn after_a_restart_an_alerted_node_is_not_alerted_again_and_its_recovery_is_kept() {
    let mut before = fresh();
    before.observe(snapshot(ready()), 0);
    before.observe(snapshot(down()), 1000);
    assert_eq!(before.due(4000).len(), 1);
    let saved = before.memory().to_json();

    let mut after = Detector::new(settings(), AlerterMemory::from_saved(Some(&saved)), 50_000);
    let mut never_seen = down();
    never_seen.last_seen_ms = 0;
    assert!(after.observe(snapshot(never_seen), 50_000).is_empty());
    assert!(after.due(500_000).is_empty());
    let back = after.observe(snapshot(ready()), 600_000);
    assert!(
        matches!(back[..], [Finding::NodeBack { since_ms: 1000, .. }]),
        "{back:?}"
    );
}

#[test]
fn after_a_restart_agents_get_alert_after_plus_the_grace_to_rejoin() {
    let mut before = fresh();
    before.observe(snapshot(ready()), 0);
    // The coordinator stopped: its last snapshot showed davas down.
    before.observe(snapshot(down()), 1000);
    let saved = before.memory().to_json();

    let started = 100_000;
    let mut after = Detector::new(settings(), AlerterMemory::from_saved(Some(&saved)), started);
    let mut never_seen = down();
    never_seen.last_seen_ms = 0;
    after.observe(snapshot(never_seen), started);
    assert_eq!(after.next_deadline(), Some(started + 13_000));
    assert!(after.due(started + 12_999).is_empty());
    assert!(matches!(
        after.due(started + 13_000)[..],
        [Finding::NodeLost { since_ms: 1000, .. }]
    ));
}

#[test]
fn ollama_silent_for_alert_after_is_alerted_and_its_return_too() {
    let mut detector = fresh();
    detector.observe(snapshot(ready()), 0);
    let connecting = node(
        NodeState::OllamaDown,
        "waiting for the agent's first status",
        &[],
        500,
    );
    assert!(detector.observe(snapshot(connecting), 100).is_empty());
    assert_eq!(
        detector.next_deadline(),
        None,
        "a fresh connection is not an outage"
    );
    let silent = node(
        NodeState::OllamaDown,
        "ollama not answering: connection refused",
        &[],
        500,
    );
    detector.observe(snapshot(silent), 1000);
    let stopped = detector.due(4000);
    assert!(
        matches!(&stopped[..], [Finding::OllamaStopped { since_ms: 1000, reason, .. }] if reason.contains("connection refused")),
        "{stopped:?}"
    );
    let answering = detector.observe(snapshot(ready()), 9000);
    assert!(
        matches!(&answering[..], [Finding::OllamaAnswering { since_ms: 1000, back_at_ms: 9000, version, .. }] if version == "0.12.0"),
        "{answering:?}"
    );
}

#[test]
fn a_pinned_model_gone_for_alert_after_is_alerted_and_its_return_too() {
    let mut detector = fresh();
    detector.observe(snapshot(ready()), 0);
    let without_gemma = node(NodeState::Ready, "", &["qwen2.5:14b"], 500);
    assert!(
        detector
            .observe(snapshot(without_gemma.clone()), 1000)
            .is_empty()
    );
    assert!(detector.due(3999).is_empty());
    let missing = detector.due(4000);
    assert_eq!(
        missing,
        [Finding::PinnedModelMissing {
            node: "davas".into(),
            model: GEMMA.into(),
            since_ms: 1000,
            served_elsewhere: false
        }]
    );
    assert!(detector.observe(snapshot(without_gemma), 5000).is_empty());
    let back = detector.observe(snapshot(ready()), 6000);
    assert!(matches!(&back[..], [Finding::PinnedModelBack { model, .. }] if model == GEMMA));
}

#[test]
fn a_pinned_model_never_seen_on_its_node_is_not_missing() {
    let mut detector = fresh();
    detector.observe(
        snapshot(node(NodeState::Ready, "", &["qwen2.5:14b"], 500)),
        0,
    );
    assert_eq!(detector.next_deadline(), None);
}

#[test]
fn disk_pressure_is_alerted_on_crossing_and_cleared_past_a_margin() {
    let mut detector = fresh();
    let with_free = |gib| node(NodeState::Ready, "", &[GEMMA], gib);
    assert!(detector.observe(snapshot(with_free(20)), 0).is_empty());
    let pressure = detector.observe(snapshot(with_free(5)), 1);
    assert!(
        matches!(pressure[..], [Finding::DiskPressure { free_bytes, .. }] if free_bytes == 5 * GIB)
    );
    assert!(
        detector.observe(snapshot(with_free(4)), 2).is_empty(),
        "said once"
    );
    assert!(
        detector.observe(snapshot(with_free(10)), 3).is_empty(),
        "within the margin"
    );
    let cleared = detector.observe(snapshot(with_free(12)), 4);
    assert!(matches!(cleared[..], [Finding::DiskPressureCleared { .. }]));
}

#[test]
fn a_percentage_threshold_works_alone() {
    let thresholds = DiskThresholds {
        min_free_bytes: 0,
        min_free_percent: Some(5.0),
    };
    assert!(thresholds.pressure(40, 1000));
    assert!(!thresholds.pressure(60, 1000));
    assert!(!thresholds.relieved(54, 1000));
    assert!(thresholds.relieved(56, 1000));
}

#[test]
fn nodes_gone_from_the_config_are_forgotten() {
    let mut detector = fresh();
    detector.observe(snapshot(ready()), 0);
    detector.observe(snapshot(down()), 1000);
    detector.observe(ClusterSnapshot::default(), 2000);
    assert!(detector.memory().nodes.is_empty());
    assert!(detector.due(10_000).is_empty());
}

#[test]
fn a_node_disconnected_for_alert_after_is_lost_though_the_coordinator_still_holds_its_jobs() {
    let mut detector = fresh();
    detector.observe(snapshot(ready()), 0);
    let reason = "agent disconnected since …: no heartbeat for 3 s; its 1 running jobs are held";
    let disconnected = node(NodeState::Disconnected, reason, &[GEMMA], 500);
    assert!(detector.observe(snapshot(disconnected), 1000).is_empty());
    let lost = detector.due(4000);
    assert!(
        matches!(&lost[..], [Finding::NodeLost { since_ms: 1000, reason: said, .. }] if said == reason),
        "{lost:?}"
    );
}
