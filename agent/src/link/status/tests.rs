//! Tests of the `status` module.

use super::*;
use proto::v1::InstalledModel;

#[test]
fn statuses_carry_the_snapshot_and_count_up() {
    let mut sequence = StatusSequence::default();
    let health = BackendHealth {
        reachable: true,
        version: "0.12.3".to_owned(),
        installed: vec![InstalledModel {
            name: "gemma4:27b".to_owned(),
            ..InstalledModel::default()
        }],
        ..BackendHealth::default()
    };
    let host = HostFacts {
        hostname: "davas".to_owned(),
        ..HostFacts::default()
    };
    let first = sequence.next_status(&health, &host, 0);
    let second = sequence.next_status(&BackendHealth::not_probed_yet(), &host, 2);
    assert_eq!((first.sequence, second.sequence), (1, 2));
    assert!(first.ollama_reachable && first.ollama_error.is_empty());
    assert_eq!(first.installed[0].name, "gemma4:27b");
    assert_eq!(first.host.unwrap().hostname, "davas");
    assert!(!second.ollama_reachable);
    assert_eq!(
        (second.ollama_error.as_str(), second.running_jobs),
        ("not probed yet", 2)
    );
}

#[test]
fn the_installed_list_goes_once_per_link_and_again_when_it_changes_or_ollama_comes_back() {
    let mut sequence = StatusSequence::new(true);
    let model = |name: &str| InstalledModel {
        name: name.to_owned(),
        ..InstalledModel::default()
    };
    let health = |installed: Vec<InstalledModel>| BackendHealth {
        reachable: true,
        installed,
        ..BackendHealth::default()
    };
    let host = HostFacts::default();
    let one = health(vec![model("gemma4:27b")]);
    let two = health(vec![model("gemma4:27b"), model("qwen2.5:14b")]);
    let listed = |status: AgentStatus| {
        let names: Vec<String> = status.installed.into_iter().map(|m| m.name).collect();
        (status.installed_unchanged, names)
    };
    let full = |names: &[&str]| (false, names.iter().map(|n| (*n).to_owned()).collect());
    let same = (true, Vec::new());
    assert_eq!(
        listed(sequence.next_status(&one, &host, 0)),
        full(&["gemma4:27b"])
    );
    assert_eq!(listed(sequence.next_status(&one, &host, 0)), same);
    assert_eq!(
        listed(sequence.next_status(&two, &host, 0)),
        full(&["gemma4:27b", "qwen2.5:14b"])
    );
    assert_eq!(listed(sequence.next_status(&two, &host, 0)), same);
    // Unreachable: an empty list, never "unchanged"; back: the list in full again.
    let down = sequence.next_status(&BackendHealth::not_probed_yet(), &host, 0);
    assert_eq!(listed(down), (false, Vec::new()));
    assert_eq!(
        listed(sequence.next_status(&two, &host, 0)),
        full(&["gemma4:27b", "qwen2.5:14b"])
    );
    // A new link starts over.
    let mut next_link = StatusSequence::new(true);
    assert_eq!(
        listed(next_link.next_status(&two, &host, 0)),
        full(&["gemma4:27b", "qwen2.5:14b"])
    );
}

#[test]
fn to_a_coordinator_that_does_not_keep_unchanged_lists_every_status_lists_the_models() {
    let mut sequence = StatusSequence::new(false);
    let health = BackendHealth {
        reachable: true,
        installed: vec![InstalledModel {
            name: "gemma4:27b".to_owned(),
            ..InstalledModel::default()
        }],
        ..BackendHealth::default()
    };
    for _ in 0..3 {
        let status = sequence.next_status(&health, &HostFacts::default(), 0);
        assert!(!status.installed_unchanged);
        assert_eq!(status.installed.len(), 1);
    }
}
