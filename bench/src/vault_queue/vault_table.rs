//! The vault queue's section of the report: settle → start latency, notes per second against
//! gRPC, and the idle worker over a large vault against an empty one, with what each includes.

use super::{IdleWorkerFigures, NoteThroughputFigures, SettleLatencyFigures, VaultQueueFigures};
use crate::percentiles::LatencySummary;
use crate::table::{MarkdownTable, milliseconds};

fn mebibytes(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn latency_cells(name: &str, latency: &LatencySummary) -> Vec<String> {
    vec![
        name.to_owned(),
        latency.count.to_string(),
        milliseconds(latency.p50),
        milliseconds(latency.p99),
        milliseconds(latency.max),
    ]
}

pub fn latency_table(figures: &SettleLatencyFigures) -> MarkdownTable {
    let mut table = MarkdownTable::new(&["written + settle →", "notes", "p50", "p99", "max"]);
    table.push_row(latency_cells("cluster job created", &figures.to_created));
    table.push_row(latency_cells("cluster job started", &figures.to_started));
    table.push_row(latency_cells("result note seen", &figures.to_result));
    table
}

pub fn throughput_table(levels: &[NoteThroughputFigures]) -> MarkdownTable {
    let mut table = MarkdownTable::new(&[
        "--max-in-flight",
        "notes",
        "wall (s)",
        "notes/s",
        "worker CPU per note (ms)",
        "same jobs via gRPC (jobs/s)",
        "vault ÷ gRPC",
    ]);
    for level in levels {
        table.push_row(vec![
            level.max_in_flight.to_string(),
            level.notes.to_string(),
            format!("{:.2}", level.wall.as_secs_f64()),
            format!("{:.1}", level.notes_per_second()),
            format!("{:.2}", level.worker_cpu_ms_per_note()),
            format!("{:.1}", level.grpc_jobs_per_second()),
            format!(
                "{:.2}",
                level.notes_per_second() / level.grpc_jobs_per_second().max(f64::EPSILON)
            ),
        ]);
    }
    table
}

fn idle_row(name: &str, worker: &IdleWorkerFigures) -> Vec<String> {
    vec![
        name.to_owned(),
        worker.vault_notes.to_string(),
        worker.drafts.to_string(),
        mebibytes(worker.memory.resident_bytes),
        mebibytes(worker.memory.peak_resident_bytes),
        format!("{:.1}", worker.cpu_percent),
        worker
            .inbox_passes_per_second()
            .map_or_else(|| "—".to_owned(), |passes| format!("{passes:.1}")),
        worker.inbox_passes_per_second().map_or_else(
            || "—".to_owned(),
            |passes| format!("{:.1}", 1000.0 / passes),
        ),
        milliseconds(worker.drop_to_claim.p50),
        milliseconds(worker.drop_to_claim.max),
        milliseconds(worker.fastest_claim),
    ]
}

pub fn idle_table(figures: &VaultQueueFigures) -> MarkdownTable {
    let mut table = MarkdownTable::new(&[
        "vault",
        "notes",
        "drafts in inbox",
        "worker RSS",
        "peak (VmHWM)",
        "CPU % of a core",
        "inbox passes/s",
        "ms per pass",
        "drop → claim p50 (ms)",
        "max",
        "fastest",
    ]);
    table.push_row(idle_row("large", &figures.idle.large));
    table.push_row(idle_row("empty", &figures.idle.empty));
    table
}

fn load_text(figures: &VaultQueueFigures) -> String {
    let shown =
        |load: Option<f64>| load.map_or_else(|| "?".to_owned(), |load| format!("{load:.2}"));
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    format!(
        "load average (1 min) {} before, {} after, on {cores} cores",
        shown(figures.load_before),
        shown(figures.load_after)
    )
}

/// The report's section; empty when the part did not run.
pub fn render_section(figures: Option<&VaultQueueFigures>) -> String {
    let Some(figures) = figures else {
        return String::new();
    };
    let settings = &figures.settings;
    let settle_ms = settings.settle.as_millis();
    let idle = &figures.idle.large;
    format!(
        "\nvault queue: a real runner worker next to the three-host stand-in cluster (qwen2.5:14b on all three, \
         {} answer tokens); {}\n\
         \nsettle → start (ms): {} generate notes dropped one at a time (each once the previous one was filed), \
         --settle {settle_ms}ms; from the clock read just before the note's write + settle to the job's created_at_ms / \
         started_at_ms and to the result note seen in results/ (a 2 ms poll)\n\n{}\
         \nnotes per second: notes dropped at once, timed from the first drop until all are in done/; notes/s \
         leaves out the one {settle_ms} ms settle window they wait out together; the gRPC baseline runs the \
         same number of jobs as SubmitAndWatch from as many clients as --max-in-flight\n\n{}\
         \nidle worker (--rescan {} ms, --settle 0ms): {} ordinary notes in folders and {} drafts in \
         Runner/inbox/; RSS, CPU and bytes read over {:.0} s of watching; inbox passes/s = bytes read ÷ the \
         inbox's bytes ÷ seconds (a pass reads every note whole), and ms per pass its inverse, which is one pass's \
         time only when passes run back to back (more than one per --rescan); drop → claim: one submitted note until it \
         left the inbox, {} trials\n\n{}",
        settings.answer_tokens,
        load_text(figures),
        figures.latency.notes,
        latency_table(&figures.latency).render(),
        throughput_table(&figures.throughput).render(),
        settings.rescan.as_millis(),
        idle.vault_notes - idle.drafts,
        idle.drafts,
        idle.window.as_secs_f64(),
        settings.claim_trials,
        idle_table(figures).render(),
    )
}
