//! How memory reads in a terminal: a sync's report, each hit with where it is and why it was
//! found, and the store's state.

use proto::v1::{MemoryHit, MemoryStatus, Retriever, SyncProgress, SyncReport};

/// "embedding 64/800 passages".
pub fn progress_line(progress: &SyncProgress) -> String {
    match progress.phase.as_str() {
        "embedding" => format!(
            "embedding {}/{} passages",
            progress.chunks_embedded, progress.chunks_to_embed
        ),
        "indexing" if progress.notes_total > 0 => format!(
            "indexing {}/{} notes",
            progress.notes_done, progress.notes_total
        ),
        phase => format!("{phase}…"),
    }
}

pub fn sync_report_text(report: &SyncReport) -> String {
    let mut text = format!(
        "{} notes: {} added, {} changed, {} unchanged, {} deleted ({:.1} s)\n",
        report.notes,
        report.added,
        report.changed,
        report.unchanged,
        report.deleted,
        report.duration_ms as f64 / 1000.0
    );
    text.push_str(&format!("{} passages embedded", report.chunks_embedded));
    if report.chunks_pending == 0 {
        text.push_str(", none waiting\n");
    } else {
        text.push_str(&format!(
            "; {} wait for vectors: {}\n  the next `runner memory sync` retries them; notes: {}\n",
            report.chunks_pending,
            report.pending_reason,
            report.pending_notes.join(", ")
        ));
    }
    for skipped in &report.skipped {
        text.push_str(&format!("skipped {}: {}\n", skipped.path, skipped.reason));
    }
    for warning in &report.warnings {
        text.push_str(&format!("warning: {warning}\n"));
    }
    text
}

/// Every hit: its number, note, headings and lines, score, why it was found, and its text.
pub fn hits_text(hits: &[MemoryHit]) -> String {
    if hits.is_empty() {
        return "no passage matched\n".into();
    }
    let mut text = String::new();
    for (index, hit) in hits.iter().enumerate() {
        text.push_str(&format!(
            "{}. {}  score {:.4}\n",
            index + 1,
            memory::context::source_line(hit),
            hit.score
        ));
        let found: Vec<String> = hit
            .found_by
            .iter()
            .map(|by| {
                format!(
                    "{} #{} ({:.3})",
                    retriever_word(by.retriever),
                    by.rank,
                    by.score
                )
            })
            .collect();
        text.push_str(&format!("   found by {}\n", found.join(", ")));
        if !hit.graph_path.is_empty() {
            text.push_str(&format!("   linked: {}\n", hit.graph_path.join(" → ")));
        }
        for line in passage_lines(&hit.text) {
            text.push_str(&format!("   │ {line}\n"));
        }
    }
    text
}

/// The passage without its breadcrumb line, at most 4 lines.
fn passage_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect();
    if lines.len() > 1 {
        lines.remove(0);
    }
    let more = lines.len() > 4;
    lines.truncate(4);
    if more {
        lines.push("…");
    }
    lines
}

pub fn retriever_word(retriever: i32) -> &'static str {
    match Retriever::try_from(retriever) {
        Ok(Retriever::FullText) => "full_text",
        Ok(Retriever::Vector) => "vector",
        Ok(Retriever::Graph) => "graph",
        _ => "unknown",
    }
}

pub fn status_text(status: &MemoryStatus) -> String {
    let last_sync = if status.last_sync_ms == 0 {
        "never".to_owned()
    } else {
        chrono::DateTime::from_timestamp_millis(status.last_sync_ms)
            .map(|at| at.format("%Y-%m-%d %H:%M:%S UTC").to_string())
            .unwrap_or_default()
    };
    let dimension = if status.dimension == 0 {
        "not fixed yet".to_owned()
    } else {
        format!("{} dimensions", status.dimension)
    };
    let mut text = format!(
        "vault          {}\nvectors        {}\ngraph          {}\nembed model    {} ({dimension})\nnotes          {}\npassages       {} ({} embedded, {} waiting)\nedges          {}\nlast sync      {last_sync}\nstore size     {:.1} MiB\n",
        status.vault,
        status.vector_store,
        status.graph_store,
        status.embed_model,
        status.notes,
        status.chunks,
        status.chunks_embedded,
        status.chunks_pending,
        status.edges,
        status.store_bytes as f64 / (1024.0 * 1024.0),
    );
    for problem in &status.problems {
        text.push_str(&format!("problem: {problem}\n"));
    }
    text
}
