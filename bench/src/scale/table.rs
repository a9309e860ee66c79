//! The scale benchmark's tables: one row per agent count for the coordinator's cost, one for
//! the latencies under that load.

use crate::table::{MarkdownTable, milliseconds};

use super::ScaleFigures;

const MEBIBYTE: f64 = (1u64 << 20) as f64;

/// The scale part of the report: what was measured and how, then both tables; empty when the
/// scale benchmark did not run.
pub fn render_section(figures: &[ScaleFigures]) -> String {
    if figures.is_empty() {
        return String::new();
    }
    format!(
        "\nscale: one coordinator, N simulated agents in one process (one HTTP/2 connection each, a realistic status every second, spread over the second); CPU from /proc/<pid>/stat (10 ms ticks) over the steady window; every process shares this machine's cores\n\n{}\n\
         status-to-view (one agent's Ollama goes down, then back, until ListModels shows it) and routing (sequential SubmitJob: accepted for a model every agent has, then followed to its end; rejected for a model nobody has), ms\n\n{}",
        cost_table(figures).render(),
        latency_table(figures).render(),
    )
}

/// Attach time, CPU and memory per agent count.
pub fn cost_table(figures: &[ScaleFigures]) -> MarkdownTable {
    let mut table = MarkdownTable::new(&[
        "agents",
        "attach all (s)",
        "coordinator CPU (% of one core)",
        "RSS (MiB)",
        "peak RSS (MiB)",
        "RSS per agent above idle (KiB)",
        "links dropped",
        "worst status lateness (ms)",
    ]);
    for size in figures {
        let resident = size.memory.resident_bytes as f64;
        let above_idle = resident - size.idle_memory.resident_bytes as f64;
        table.push_row(vec![
            size.agents.to_string(),
            format!("{:.2}", size.attach_all.as_secs_f64()),
            format!("{:.1}", size.cpu_percent),
            format!("{:.1}", resident / MEBIBYTE),
            format!("{:.1}", size.memory.peak_resident_bytes as f64 / MEBIBYTE),
            format!("{:.1}", above_idle / 1024.0 / size.agents.max(1) as f64),
            size.links_dropped.to_string(),
            format!("{:.0}", size.worst_status_lateness.as_secs_f64() * 1000.0),
        ]);
    }
    table
}

/// Status-to-view and routing latencies per agent count, in milliseconds.
pub fn latency_table(figures: &[ScaleFigures]) -> MarkdownTable {
    let mut table = MarkdownTable::new(&["agents", "what", "count", "p50", "p99", "max"]);
    for size in figures {
        let agents = size.agents.to_string();
        let rows = [
            ("status → view: ollama down", &size.view.went_down),
            ("status → view: ollama back", &size.view.came_back),
            ("SubmitJob accepted", &size.routing.accepted),
            ("submit → job succeeded", &size.routing.completed),
            ("SubmitJob rejected", &size.routing.rejected),
        ];
        for (what, summary) in rows {
            table.push_row(vec![
                agents.clone(),
                what.to_owned(),
                summary.count.to_string(),
                milliseconds(summary.p50),
                milliseconds(summary.p99),
                milliseconds(summary.max),
            ]);
        }
    }
    table
}

#[cfg(test)]
mod tests;
