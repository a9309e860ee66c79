//! Unit tests of the accuracy run's cluster: one node with room for every job of a second, the
//! ticking and quiet schedules in the coordinator's TOML.

use std::time::Duration;

use super::*;

#[test]
fn the_cluster_has_one_roomy_node_and_every_schedule_of_the_run() {
    let run = AccuracyRun {
        label: "test".to_owned(),
        ticking: 4,
        quiet: 10,
        cpu_load_threads: 0,
        window: Duration::from_secs(1),
        answer_tokens: 2,
    };
    let spec = accuracy_cluster_spec(&run).unwrap();
    assert_eq!(spec.nodes.len(), 1);
    assert_eq!(spec.nodes[0].name, BENCH_NODE);
    assert!(spec.nodes[0].max_parallel >= 8, "{spec:?}");
    assert!(spec.queue_capacity >= 8, "{spec:?}");
    let toml = &spec.extra_coordinator_toml;
    assert_eq!(toml.matches("cron = \"* * * * * *\"").count(), 4);
    assert_eq!(toml.matches("name = \"daily-").count(), 10);
}
