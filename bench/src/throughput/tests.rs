//! Tests of the `throughput` module.

use super::*;

#[test]
fn per_job_figures_divide_by_the_jobs() {
    let figures = ThroughputFigures {
        data_dir: "disk",
        concurrency: 32,
        jobs: 1000,
        wall_time: Duration::from_millis(500),
        cpu: CpuSpent {
            coordinator: Duration::from_millis(250),
            ..Default::default()
        },
    };
    assert!((figures.jobs_per_second() - 2000.0).abs() < 1e-6);
    assert!((figures.micros_per_job(figures.cpu.coordinator) - 250.0).abs() < 1e-6);
    assert!((figures.coordinator_jobs_per_cpu_second() - 4000.0).abs() < 1e-6);
}

#[test]
fn the_cluster_has_three_nodes_with_the_model_and_room_for_the_widest_level() {
    let settings = ThroughputSettings {
        concurrency_levels: vec![32, 128],
        jobs: 10,
        time_limit: Duration::from_secs(1),
        warmup: 1,
        tokens: 2,
    };
    let spec = throughput_cluster_spec(&settings, "m", Duration::from_secs(2), None).unwrap();
    assert_eq!(spec.nodes.len(), 3);
    assert!(spec.nodes.iter().all(|node| node.models == ["m"]));
    assert!(spec.nodes.iter().all(|node| node.max_parallel == 128));
    assert!(spec.routes.is_empty());
}
