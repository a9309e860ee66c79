//! The usage ledger's section of the report: the report against the full scan, the same
//! report through a real coordinator, and the writer's cost per job end, each with what it
//! means.

use std::time::Duration;

use super::{UsageLedgerFigures, median};
use crate::table::{MarkdownTable, milliseconds};

fn mebibytes(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn ratio(slow: Duration, fast: Duration) -> String {
    format!("{:.1}x", slow.as_secs_f64() / fast.as_secs_f64().max(1e-9))
}

fn runs_text(runs: &[Duration]) -> String {
    let mut sorted = runs.to_vec();
    sorted.sort_unstable();
    let (min, max) = (sorted.first().copied(), sorted.last().copied());
    format!(
        "{} (median of {}, min {}, max {})",
        milliseconds(median(runs)),
        runs.len(),
        milliseconds(min.unwrap_or_default()),
        milliseconds(max.unwrap_or_default())
    )
}

pub fn report_table(figures: &UsageLedgerFigures) -> MarkdownTable {
    let (store, end) = (&figures.in_store, &figures.end_to_end);
    let mut table = MarkdownTable::new(&["figure", "value"]);
    let mut row = |name: &str, value: String| table.push_row(vec![name.to_owned(), value]);
    row(
        "write rows (put_all)",
        format!(
            "{} rows in {:.1} s = {:.0} rows/s, {} per transaction",
            store.rows,
            store.write_time.as_secs_f64(),
            store.rows as f64 / store.write_time.as_secs_f64().max(f64::MIN_POSITIVE),
            store.batch
        ),
    );
    let peak_over = if store.peak_reset {
        "peak while writing"
    } else {
        "process lifetime peak"
    };
    row(
        "bench process RSS before writing → peak",
        format!(
            "{} → {} ({peak_over})",
            mebibytes(store.writer_rss_before_bytes),
            mebibytes(store.writer_peak_rss_bytes)
        ),
    );
    row("jobs.redb size", mebibytes(store.file_bytes));
    row(
        "JobStore::usage, year by day × model (ms)",
        format!(
            "{}; {} jobs in {} groups",
            runs_text(&store.usage_runs),
            store.report_jobs,
            store.report_groups
        ),
    );
    row(
        "baseline: full scan of usage_ledger (ms)",
        runs_text(&store.full_scan_runs),
    );
    row(
        "full scan ÷ JobStore::usage (medians)",
        ratio(median(&store.full_scan_runs), median(&store.usage_runs)),
    );
    row(
        "runner serve start-up on this store (ms)",
        milliseconds(end.start_up),
    );
    row(
        "GET /api/usage, wall (ms)",
        format!(
            "{}; {} bytes of JSON",
            runs_text(&end.http_runs),
            end.http_body_bytes
        ),
    );
    let cli = match &end.cli_runs {
        Ok(runs) => runs_text(runs),
        Err(reason) => format!("not measured: {reason}"),
    };
    row("runner usage --json, process wall (ms)", cli);
    row(
        "coordinator RSS before → after the calls (peak)",
        format!(
            "{} → {} ({})",
            mebibytes(end.rss_before_bytes),
            mebibytes(end.rss_after_bytes),
            mebibytes(end.peak_rss_after_bytes)
        ),
    );
    table
}

pub fn write_cost_table(figures: &UsageLedgerFigures) -> MarkdownTable {
    let mut table = MarkdownTable::new(&[
        "data dir",
        "jobs per transaction",
        "records",
        "ended (ledger) rec/s",
        "running (no ledger) rec/s",
        "ended ÷ running",
    ]);
    for case in &figures.write_cost {
        let (ended, running) = (case.ended_per_second(), case.running_per_second());
        table.push_row(vec![
            case.data_dir.to_owned(),
            case.batch.to_string(),
            case.records.to_string(),
            format!("{ended:.0}"),
            format!("{running:.0}"),
            format!("{:.2}", ended / running.max(f64::MIN_POSITIVE)),
        ]);
    }
    table
}

/// The report's section.
pub fn render_section(figures: Option<&UsageLedgerFigures>) -> String {
    let Some(figures) = figures else {
        return String::new();
    };
    format!(
        "\nusage ledger: {} ended jobs (6 models, 4 nodes, finish times over 365 days, token counts absent for one in ten, \
         one model unpriced) written through RedbJobStore::put_all into a data dir on disk; the report is usage since {} \
         by day × model (UTC); the baseline reads every row of the usage_ledger table and sums it by day × model in the \
         bench process (no time index, no rollups), and must give the same sums; then runner serve is started on the same \
         data dir\n\n{}\
         \nusage ledger write cost: the same records through put_all, as ended jobs (a ledger row, a time index entry and \
         a rollup update each) and as running jobs (no ledger row), each into a fresh store, on disk and on tmpfs \
         (/dev/shm, where fdatasync costs next to nothing: what the software adds); one commit per transaction\n\n{}",
        figures.in_store.rows,
        figures.since_day,
        report_table(figures).render(),
        write_cost_table(figures).render()
    )
}

#[cfg(test)]
mod tests;
