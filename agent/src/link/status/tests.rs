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
