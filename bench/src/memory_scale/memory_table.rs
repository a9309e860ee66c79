//! Memory's section of the report: the vault, the three syncs (fresh, nothing changed, 1 %
//! edited) and search latency per retriever mode, with what each figure includes.

use super::sync_run::{EMBED_MODEL, EMBED_NODE, SyncFigures};
use super::{MemoryScaleFigures, SearchFigures};
use crate::table::{MarkdownTable, milliseconds};

fn mebibytes(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn per_second(count: u64, sync: &SyncFigures) -> String {
    format!("{:.0}", count as f64 / sync.wall.as_secs_f64().max(1e-9))
}

fn sync_row(name: String, sync: &SyncFigures) -> Vec<String> {
    let report = &sync.report;
    let memory = &sync.coordinator_memory;
    vec![
        name,
        format!("{:.2}", sync.wall.as_secs_f64()),
        per_second(u64::from(report.notes), sync),
        format!("{}/{}/{}", report.added, report.changed, report.unchanged),
        report.chunks_embedded.to_string(),
        sync.embed_jobs.to_string(),
        mebibytes(sync.status.store_bytes),
        format!(
            "{} ({})",
            mebibytes(memory.resident_bytes),
            mebibytes(memory.peak_resident_bytes)
        ),
    ]
}

pub fn sync_table(figures: &MemoryScaleFigures) -> MarkdownTable {
    let mut table = MarkdownTable::new(&[
        "sync",
        "wall (s)",
        "notes/s",
        "added/changed/unchanged",
        "chunks embedded",
        "embed jobs",
        "store_bytes after",
        "coordinator RSS after (peak)",
    ]);
    table.push_row(sync_row(
        "first, fresh vault".to_owned(),
        &figures.first_sync,
    ));
    table.push_row(sync_row(
        "again, nothing changed".to_owned(),
        &figures.unchanged_sync,
    ));
    let edited = format!("after editing {} notes", figures.edited_notes);
    table.push_row(sync_row(edited, &figures.edited_sync));
    table
}

pub fn search_table(searches: &[SearchFigures]) -> MarkdownTable {
    let mut table = MarkdownTable::new(&[
        "retrievers",
        "queries",
        "p50",
        "p99",
        "max",
        "answered (≥ 1 hit)",
        "hits per query",
        "with warnings",
    ]);
    for search in searches {
        let latency = &search.latency;
        table.push_row(vec![
            search.mode.label().to_owned(),
            latency.count.to_string(),
            milliseconds(latency.p50),
            milliseconds(latency.p99),
            milliseconds(latency.max),
            search.answered.to_string(),
            format!("{:.1}", search.hits as f64 / latency.count.max(1) as f64),
            search.warned.to_string(),
        ]);
    }
    table
}

fn load_text(figures: &MemoryScaleFigures) -> String {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let shown =
        |load: Option<f64>| load.map_or_else(|| "?".to_owned(), |load| format!("{load:.2}"));
    let busiest = figures
        .load_before
        .unwrap_or(0.0)
        .max(figures.load_after.unwrap_or(0.0));
    let busy = if busiest > cores as f64 {
        "; the machine was busier than its cores (other builds): the times are upper bounds"
    } else {
        ""
    };
    format!(
        "load average (1 min) {} before the first sync, {} after the last search, on {cores} cores{busy}",
        shown(figures.load_before),
        shown(figures.load_after)
    )
}

/// The report's section.
pub fn render_section(figures: Option<&MemoryScaleFigures>) -> String {
    let Some(figures) = figures else {
        return String::new();
    };
    let (vault, status) = (&figures.vault, &figures.edited_sync.status);
    format!(
        "\nmemory: a synthetic vault of {} notes ({:.1} MB; seed {}; {} folders, {} headings, {} wikilinks of which {} \
         to missing notes, {} body #tags) behind a real runner serve on the three-host stand-in cluster; the embedded \
         store (SQLite + FTS5 + sqlite-vec, one file); {EMBED_MODEL} on {EMBED_NODE} answers with the stand-in Ollama's \
         hash embeddings ({} dimensions). Each sync is one SyncMemory call timed at the client to its stream's end; embed \
         jobs are counted in the job history (all ran on {EMBED_NODE}); coordinator RSS before the first sync {}; {}\n\n{}\
         \nafter the syncs: {} notes, {} chunks ({} embedded), {} graph edges\n\
         \nmemory search latency at the client (ms): SearchMemory over {} queries of 2–3 vault words each, {} hits asked, \
         after {} warm-up per mode; vectors, graph and hybrid embed the query first (one embed job through the \
         coordinator to {EMBED_NODE}), and their times include that round trip\n\n{}",
        vault.notes,
        vault.bytes as f64 / 1e6,
        figures.settings.seed,
        vault.folders,
        vault.headings,
        vault.links,
        vault.missing_links,
        vault.body_tags,
        status.dimension,
        mebibytes(figures.coordinator_rss_before_bytes),
        load_text(figures),
        sync_table(figures).render(),
        status.notes,
        status.chunks,
        status.chunks_embedded,
        status.edges,
        figures.settings.queries,
        figures.settings.search_limit,
        figures.settings.search_warmup,
        search_table(&figures.searches).render(),
    )
}

#[cfg(test)]
mod tests;
