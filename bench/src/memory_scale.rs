//! Memory at scale through a real `runner serve`: a synthetic vault of N notes (10,000 in a
//! full run) on the stand-in three-host cluster, whose homelab embeds with `nomic-embed-text`
//! (the stand-in Ollama's hash embeddings). Measures the first `SyncMemory` (wall time, notes/s,
//! chunks, embed jobs, store size, the coordinator's RSS), a sync with nothing changed, a sync
//! after editing 1 % of the notes, and `SearchMemory` latency per retriever mode at the client.

mod memory_table;
mod search_latency;
mod sync_run;
mod synthetic_vault;
mod vocabulary;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, ensure};
use harness::cluster::{ClusterSpec, TestCluster};

pub use memory_table::render_section;
pub use search_latency::{SearchFigures, SearchMode};
pub use sync_run::{EMBED_MODEL, EMBED_NODE, SyncFigures};
pub use synthetic_vault::{SyntheticVault, VaultFacts};
pub use vocabulary::{SeededRandom, Vocabulary};

#[derive(Debug, Clone)]
pub struct MemoryScaleSettings {
    pub notes: usize,
    pub seed: u64,
    /// One note in this many is edited before the third sync (100: 1 %).
    pub edit_stride: usize,
    /// Measured searches per retriever mode, after `search_warmup` unmeasured ones.
    pub queries: usize,
    pub search_warmup: usize,
    /// Hits each search asks for.
    pub search_limit: u32,
    /// A sync that has not ended by then fails the run.
    pub sync_patience: Duration,
}

impl MemoryScaleSettings {
    pub fn full() -> Self {
        Self {
            notes: 10_000,
            seed: 15,
            edit_stride: 100,
            queries: 200,
            search_warmup: 10,
            search_limit: 8,
            sync_patience: Duration::from_secs(40 * 60),
        }
    }

    pub fn quick() -> Self {
        Self {
            notes: 200,
            queries: 20,
            search_warmup: 2,
            sync_patience: Duration::from_secs(120),
            ..Self::full()
        }
    }
}

#[derive(Debug, Clone)]
pub struct MemoryScaleFigures {
    pub settings: MemoryScaleSettings,
    pub vault: VaultFacts,
    pub coordinator_rss_before_bytes: u64,
    pub first_sync: SyncFigures,
    pub unchanged_sync: SyncFigures,
    /// Notes edited before `edited_sync`.
    pub edited_notes: usize,
    pub edited_sync: SyncFigures,
    pub searches: Vec<SearchFigures>,
    /// `/proc/loadavg`'s one-minute figure before the first sync and after the last search.
    pub load_before: Option<f64>,
    pub load_after: Option<f64>,
}

/// The one-minute load average, when the system tells it.
pub fn load_average() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// A directory removed when dropped, even when the run failed.
pub(crate) struct ScratchDir(pub(crate) PathBuf);

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes the vault, starts the three-host cluster with `[memory]` over it, and measures.
pub async fn measure_memory_scale(
    settings: &MemoryScaleSettings,
) -> anyhow::Result<MemoryScaleFigures> {
    let name = format!("llm-runner-memory-bench-{}", std::process::id());
    let scratch = ScratchDir(std::env::temp_dir().join(name));
    let root = scratch.0.join("vault");
    let (notes, seed) = (settings.notes, settings.seed);
    let vault_root = root.clone();
    let vault =
        tokio::task::spawn_blocking(move || SyntheticVault::write(&vault_root, notes, seed))
            .await??;
    let mut spec = ClusterSpec::three_hosts();
    spec.extra_coordinator_toml
        .push_str(&format!("\n[memory]\nvault = \"{}\"\n", root.display()));
    let cluster = TestCluster::start(spec)
        .await
        .context("cannot start the cluster: build the binaries first (`cargo xtask bench` does)")?;
    let outcome = measure_on(&cluster, &vault, settings).await;
    if outcome.is_err() {
        eprintln!("---- cluster logs ----\n{}", cluster.all_logs());
    }
    drop(cluster);
    drop(scratch);
    outcome
}

async fn measure_on(
    cluster: &TestCluster,
    vault: &SyntheticVault,
    settings: &MemoryScaleSettings,
) -> anyhow::Result<MemoryScaleFigures> {
    let load_before = load_average();
    let coordinator_rss_before_bytes = crate::process_stats::rss_bytes(cluster.coordinator_pid()?)?;
    let patience = settings.sync_patience;
    let first_sync = sync_run::sync_once(cluster, patience).await?;
    let notes = u32::try_from(vault.facts.notes)?;
    let first = &first_sync.report;
    ensure!(
        first.notes == notes && first.added == notes && first.chunks_pending == 0,
        "the first sync did not index and embed every note: {first:?}"
    );
    let unchanged_sync = sync_run::sync_once(cluster, patience).await?;
    let again = &unchanged_sync.report;
    ensure!(
        again.unchanged == notes && again.chunks_embedded == 0,
        "a sync with nothing changed changed something: {again:?}"
    );
    let stride = settings.edit_stride;
    let edit = vault.clone();
    let edited_notes = tokio::task::spawn_blocking(move || edit.edit_every(stride)).await??;
    let edited_sync = sync_run::sync_once(cluster, patience).await?;
    let edited = &edited_sync.report;
    ensure!(
        edited.changed == u32::try_from(edited_notes)? && edited.chunks_pending == 0,
        "{edited_notes} notes were edited, the sync said: {edited:?}"
    );
    let queries = vault.queries(settings.queries);
    let searches = search_latency::measure_searches(
        cluster,
        &queries,
        settings.search_warmup,
        settings.search_limit,
    )
    .await?;
    Ok(MemoryScaleFigures {
        settings: settings.clone(),
        vault: vault.facts.clone(),
        coordinator_rss_before_bytes,
        first_sync,
        unchanged_sync,
        edited_notes,
        edited_sync,
        searches,
        load_before,
        load_after: load_average(),
    })
}
