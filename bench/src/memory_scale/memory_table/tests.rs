//! The section shows each sync's rate and counts, every retriever mode's latency, and says when
//! the machine was busier than its cores.

use std::time::Duration;

use proto::v1::{MemoryStatus, SyncReport};

use crate::memory_scale::{
    MemoryScaleFigures, MemoryScaleSettings, SearchFigures, SearchMode, SyncFigures, VaultFacts,
    render_section,
};
use crate::percentiles::LatencySummary;
use crate::process_stats::MemoryUsage;

fn sync(seconds: u64, added: u32, changed: u32, embed_jobs: u64) -> SyncFigures {
    SyncFigures {
        wall: Duration::from_secs(seconds),
        report: SyncReport {
            notes: 1_000,
            added,
            changed,
            unchanged: 1_000 - added - changed,
            chunks_embedded: embed_jobs * 32,
            ..SyncReport::default()
        },
        progress_messages: 3,
        embed_jobs,
        status: MemoryStatus {
            notes: 1_000,
            chunks: 4_321,
            chunks_embedded: 4_321,
            edges: 777,
            dimension: 768,
            store_bytes: 64 << 20,
            ..MemoryStatus::default()
        },
        coordinator_memory: MemoryUsage {
            resident_bytes: 100 << 20,
            peak_resident_bytes: 120 << 20,
        },
    }
}

fn figures(load: f64) -> MemoryScaleFigures {
    let latency = |ms| LatencySummary {
        count: 200,
        p50: Duration::from_millis(ms),
        p99: Duration::from_millis(ms * 3),
        max: Duration::from_millis(ms * 4),
    };
    MemoryScaleFigures {
        settings: MemoryScaleSettings::full(),
        vault: VaultFacts {
            notes: 1_000,
            bytes: 3_500_000,
            folders: 16,
            headings: 4_000,
            links: 5_000,
            missing_links: 500,
            body_tags: 1_200,
        },
        coordinator_rss_before_bytes: 30 << 20,
        first_sync: sync(4, 1_000, 0, 136),
        unchanged_sync: sync(1, 0, 0, 0),
        edited_notes: 10,
        edited_sync: sync(1, 0, 10, 2),
        searches: SearchMode::ALL
            .iter()
            .enumerate()
            .map(|(index, mode)| SearchFigures {
                mode: *mode,
                latency: latency(index as u64 + 2),
                answered: 190,
                hits: 1_500,
                warned: 0,
            })
            .collect(),
        load_before: Some(load),
        load_after: Some(0.5),
    }
}

#[test]
fn the_section_shows_each_sync_and_every_retriever_mode() {
    let section = render_section(Some(&figures(0.2)));
    assert!(
        section.contains("a synthetic vault of 1000 notes (3.5 MB"),
        "{section}"
    );
    // 1,000 notes in 4 s; 136 embed jobs; 10 notes changed in the third sync.
    assert!(
        section.contains("| 4.00 ") && section.contains("| 250 "),
        "{section}"
    );
    assert!(
        section.contains("| 1000/0/0 ") && section.contains("| 136 "),
        "{section}"
    );
    assert!(section.contains("after editing 10 notes") && section.contains("| 0/10/990 "));
    assert!(section.contains("4321 chunks (4321 embedded), 777 graph edges"));
    for mode in SearchMode::ALL {
        assert!(section.contains(mode.label()), "{section}");
    }
    // Hybrid is the fourth mode: p50 5 ms, p99 15 ms.
    assert!(section.contains("| 5.000 ") && section.contains("| 15.000 "));
    assert!(section.contains("| 7.5 "), "hits per query: {section}");
    assert!(!section.contains("upper bounds"), "{section}");
}

#[test]
fn a_busy_machine_is_named_and_no_figures_render_nothing() {
    let section = render_section(Some(&figures(1_000.0)));
    assert!(
        section.contains("1000.00 before the first sync"),
        "{section}"
    );
    assert!(section.contains("the times are upper bounds"), "{section}");
    assert_eq!(render_section(None), "");
}
