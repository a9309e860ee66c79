//! The words of alerts: what each names, and long job lists kept bounded.

use proto::v1::{Job, JobSpec};

use super::compose;
use crate::alert::{AlertKind, Severity};
use crate::detector::{AffectedJobs, Finding};

fn job(id: &str, node: &str, reason: &str) -> Job {
    Job {
        id: id.into(),
        node: node.into(),
        reason: reason.into(),
        spec: Some(JobSpec {
            model: "gemma4:27b".into(),
            ..Default::default()
        }),
        finished_at_ms: 5,
        ..Default::default()
    }
}

#[test]
fn a_lost_node_names_itself_its_models_and_its_jobs() {
    let alert = compose(&Finding::NodeLost {
        node: "davas".into(),
        since_ms: 1_795_687_200_000,
        last_seen_ms: 0,
        reason: "agent down since …: its stream closed".into(),
        unavailable_models: vec!["gemma4:27b".into()],
        jobs: AffectedJobs {
            failed: vec![job("J1", "davas", "node_lost: davas: stream closed")],
            rerouted: vec![job("J2", "homelab", "")],
        },
    });
    assert_eq!(
        (alert.kind, alert.severity),
        (AlertKind::NodeLost, Severity::Critical)
    );
    assert_eq!(alert.node.as_deref(), Some("davas"));
    assert_eq!(alert.title, "Node davas lost");
    assert!(alert.description.contains("2026-11-26T10:00:00.000Z"));
    let text: Vec<String> = alert
        .fields
        .iter()
        .map(|f| format!("{}={}", f.name, f.value))
        .collect();
    let text = text.join("\n");
    assert!(text.contains("Unavailable models=gemma4:27b"), "{text}");
    assert!(text.contains("not since the coordinator started"), "{text}");
    assert!(
        text.contains("Failed jobs (1)=`J1` gemma4:27b: node_lost"),
        "{text}"
    );
    assert!(
        text.contains("Re-routed jobs (1)=`J2` gemma4:27b: now on homelab"),
        "{text}"
    );
}

#[test]
fn a_lost_node_whose_models_are_served_elsewhere_says_so() {
    let alert = compose(&Finding::NodeLost {
        node: "homelab".into(),
        since_ms: 0,
        last_seen_ms: 1,
        reason: "no heartbeat for 3 s".into(),
        unavailable_models: vec![],
        jobs: AffectedJobs::default(),
    });
    assert!(alert.fields[2].value.starts_with("none"));
    assert_eq!(alert.fields.len(), 3, "no job fields without jobs");
}

#[test]
fn recoveries_say_how_long_it_was_gone() {
    let back = compose(&Finding::NodeBack {
        node: "davas".into(),
        since_ms: 0,
        back_at_ms: 125_000,
    });
    assert_eq!(back.severity, Severity::Resolved);
    assert!(
        back.description.contains("2 m 05 s"),
        "{}",
        back.description
    );
    let ollama = compose(&Finding::OllamaAnswering {
        node: "davas".into(),
        backend: "ollama".into(),
        since_ms: 0,
        back_at_ms: 41_000,
        version: "0.12.0".into(),
    });
    assert!(ollama.description.contains("41 s") && ollama.description.contains("0.12.0"));
}

#[test]
fn a_missing_pinned_model_says_whether_its_jobs_are_rejected() {
    let rejected = compose(&Finding::PinnedModelMissing {
        node: "davas".into(),
        model: "gemma4:27b".into(),
        since_ms: 0,
        served_elsewhere: false,
    });
    assert_eq!(rejected.title, "gemma4:27b is gone from davas");
    assert!(rejected.description.contains("rejected"));
    let served = compose(&Finding::PinnedModelMissing {
        node: "davas".into(),
        model: "gemma4:27b".into(),
        since_ms: 0,
        served_elsewhere: true,
    });
    assert!(served.description.contains("still serves"));
}

#[test]
fn disk_alerts_give_free_and_total() {
    let disk = compose(&Finding::DiskPressure {
        node: "davas".into(),
        free_bytes: 3_435_973_837,
        total_bytes: 107_374_182_400,
        at_ms: 0,
    });
    assert_eq!(disk.severity, Severity::Warning);
    assert!(
        disk.description
            .contains("3.2 GiB free of 100.0 GiB (3.2 %)"),
        "{}",
        disk.description
    );
}

#[test]
fn failed_jobs_are_coalesced_into_one_bounded_alert() {
    let jobs: Vec<Job> = (0..13)
        .map(|n| job(&format!("J{n}"), "davas", "ollama said no"))
        .collect();
    let alert = compose(&Finding::JobsFailed { jobs });
    assert_eq!(alert.title, "13 jobs failed");
    assert_eq!(alert.node.as_deref(), Some("davas"));
    assert_eq!(alert.description.lines().count(), 11);
    assert!(alert.description.ends_with("… and 3 more"));
    let mixed = compose(&Finding::JobsFailed {
        jobs: vec![job("A", "davas", "x"), job("B", "", "y")],
    });
    assert_eq!(mixed.node, None);
    assert!(mixed.description.contains("on no node"));
}

#[test]
fn a_providers_refused_key_is_alerted_in_the_providers_words() {
    let stopped = compose(&Finding::OllamaStopped {
        node: "groq".into(),
        backend: "groq".into(),
        since_ms: 0,
        reason: "groq rejected the API key (401 invalid_api_key: Invalid API Key)".into(),
    });
    assert_eq!(stopped.title, "groq rejected the API key of node groq");
    assert!(
        stopped.description.contains("jobs for them are rejected"),
        "{}",
        stopped.description
    );
    let back = compose(&Finding::OllamaAnswering {
        node: "groq".into(),
        backend: "groq".into(),
        since_ms: 0,
        back_at_ms: 61_000,
        version: "openai/v1".into(),
    });
    assert_eq!(back.title, "groq serves node groq again");
}
