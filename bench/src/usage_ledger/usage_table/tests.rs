//! The section shows the ratio of the two medians and says when the CLI was not measured.

use std::time::Duration;

use crate::usage_ledger::{
    EndToEndFigures, InStoreFigures, UsageLedgerFigures, UsageLedgerSettings, WriteCostFigures,
    render_section,
};

fn ms(values: &[u64]) -> Vec<Duration> {
    values
        .iter()
        .map(|value| Duration::from_millis(*value))
        .collect()
}

#[test]
fn the_section_shows_the_ratio_of_medians_and_an_unmeasured_cli() {
    let figures = UsageLedgerFigures {
        settings: UsageLedgerSettings::quick(),
        since_day: "2025-12-03".to_owned(),
        in_store: InStoreFigures {
            rows: 1_000,
            batch: 100,
            write_time: Duration::from_secs(2),
            writer_rss_before_bytes: 10 << 20,
            writer_peak_rss_bytes: 50 << 20,
            peak_reset: true,
            file_bytes: 8 << 20,
            usage_runs: ms(&[10, 12, 30]),
            report_jobs: 1_000,
            report_groups: 42,
            full_scan_runs: ms(&[240, 250]),
        },
        end_to_end: EndToEndFigures {
            start_up: Duration::from_millis(300),
            rss_before_bytes: 20 << 20,
            rss_after_bytes: 24 << 20,
            peak_rss_after_bytes: 25 << 20,
            http_runs: ms(&[15]),
            http_body_bytes: 9_000,
            cli_runs: Err("this runner has no `usage` command".to_owned()),
        },
        write_cost: vec![WriteCostFigures {
            data_dir: "disk",
            batch: 8,
            records: 800,
            ended: Duration::from_secs(2),
            running: Duration::from_secs(1),
        }],
    };
    let text = render_section(Some(&figures));
    assert!(text.contains("20.8x"), "{text}");
    assert!(text.contains("500 rows/s"), "{text}");
    assert!(
        text.contains("not measured: this runner has no `usage` command"),
        "{text}"
    );
    let write_cost_row = text
        .lines()
        .find(|line| line.starts_with("| disk "))
        .unwrap_or_default();
    let cells: Vec<&str> = write_cost_row.split('|').map(str::trim).collect();
    assert_eq!(
        cells,
        ["", "disk", "8", "800", "400", "800", "0.50", ""],
        "{text}"
    );
    assert_eq!(render_section(None), "");
}
