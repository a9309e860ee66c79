//! The vault queue's pure parts: latency arithmetic, the cluster spec, the idle vault writer and
//! the rendered section.

use std::time::Duration;

use harness::vault_queue::frontmatter_value;

use super::idle_vault::{IdleVaultFigures, IdleWorkerFigures};
use super::*;
use crate::percentiles::LatencySummary;
use crate::process_stats::MemoryUsage;

#[test]
fn a_latency_is_the_difference_and_never_below_zero() {
    assert_eq!(
        latency_after_ms(1_500.0, 1_000.0),
        Duration::from_millis(500)
    );
    assert_eq!(
        latency_after_ms(1_000.25, 1_000.0),
        Duration::from_micros(250)
    );
    assert_eq!(latency_after_ms(999.0, 1_000.0), Duration::ZERO);
}

#[test]
fn the_cluster_has_a_slot_and_queue_room_for_every_note_in_flight() {
    let spec = vault_cluster_spec(&VaultQueueSettings::full()).unwrap();
    assert_eq!(spec.nodes.len(), 3);
    assert!(spec.nodes.iter().all(|node| node.max_parallel == 32));
    assert_eq!(spec.queue_capacity, 64);
}

#[test]
fn the_idle_vault_holds_ordinary_notes_and_only_drafts_in_the_inbox() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("vault");
    assert_eq!(write_idle_vault(&root, 30, 7).unwrap(), 37);
    let inbox: Vec<_> = std::fs::read_dir(root.join("Runner/inbox"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    assert_eq!(inbox.len(), 7);
    for path in &inbox {
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(frontmatter_value(&text, "status").as_deref(), Some("draft"));
        assert_eq!(
            frontmatter_value(&text, "model").as_deref(),
            Some(crate::BENCH_MODEL)
        );
    }
    assert_eq!(markdown_files(&root), 37);
}

fn markdown_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .map(|path| {
            if path.is_dir() {
                markdown_files(&path)
            } else {
                usize::from(path.extension().is_some_and(|ext| ext == "md"))
            }
        })
        .sum()
}

fn level(max_in_flight: usize, wall_ms: u64, grpc_wall_ms: u64) -> NoteThroughputFigures {
    NoteThroughputFigures {
        max_in_flight,
        notes: 100,
        wall: Duration::from_millis(wall_ms),
        settle: Duration::from_millis(500),
        worker_cpu: Duration::from_millis(250),
        grpc_jobs: 100,
        grpc_wall: Duration::from_millis(grpc_wall_ms),
    }
}

#[test]
fn notes_per_second_leave_out_the_one_settle_window() {
    let figures = level(8, 2_500, 500);
    assert!((figures.notes_per_second() - 50.0).abs() < 1e-9);
    assert!((figures.grpc_jobs_per_second() - 200.0).abs() < 1e-9);
    assert!((figures.worker_cpu_ms_per_note() - 2.5).abs() < 1e-9);
}

fn summary(p50_ms: u64, max_ms: u64) -> LatencySummary {
    LatencySummary {
        count: 3,
        p50: Duration::from_millis(p50_ms),
        p99: Duration::from_millis(max_ms),
        max: Duration::from_millis(max_ms),
    }
}

fn idle_worker(notes: usize, drafts: usize, rss_mib: u64) -> IdleWorkerFigures {
    IdleWorkerFigures {
        vault_notes: notes,
        drafts,
        memory: MemoryUsage {
            resident_bytes: rss_mib << 20,
            peak_resident_bytes: (rss_mib + 1) << 20,
        },
        cpu_percent: 4.5,
        window: Duration::from_secs(10),
        inbox_bytes: drafts as u64 * 100,
        bytes_read: drafts as u64 * 100 * 40,
        drop_to_claim: summary(12, 30),
        fastest_claim: Duration::from_millis(9),
    }
}

#[test]
fn the_section_shows_every_part_with_its_settings() {
    assert_eq!(render_section(None), "");
    let figures = VaultQueueFigures {
        settings: VaultQueueSettings::quick(),
        latency: SettleLatencyFigures {
            notes: 3,
            to_created: summary(40, 90),
            to_started: summary(41, 91),
            to_result: summary(55, 120),
        },
        throughput: vec![level(8, 2_500, 500), level(32, 1_500, 250)],
        idle: IdleVaultFigures {
            large: idle_worker(1_000, 100, 21),
            empty: idle_worker(0, 0, 12),
        },
        load_before: Some(1.5),
        load_after: None,
    };
    let text = render_section(Some(&figures));
    for expected in [
        "--settle 500ms",
        "| cluster job created | 3     | 40.000 | 90.000  | 90.000  |",
        "| 32              | 100   | 1.50     | 100.0",
        "| 0.25",
        "| large | 1000  | 100             | 21.0 MiB   | 22.0 MiB     | 4.5             | 4.0            | 250.0",
        "| empty | 0     | 0               | 12.0 MiB   | 13.0 MiB     | 4.5             | —              | —  ",
        "900 ordinary notes in folders and 100 drafts",
        "load average (1 min) 1.50 before, ? after",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}
