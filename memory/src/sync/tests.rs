//! Syncs of a temp vault the tests write, into a real store file, with a deterministic hashing
//! embedder, one that rejects and one of another space.

mod changes;
mod embedding;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tempfile::TempDir;

use super::{SyncOptions, SyncReport, SyncTargets, sync_vault};
use crate::embed::{EmbedError, Embedded, Embedder, EmbeddingSpace};
use crate::store::{EmbeddedGraph, EmbeddedVectors, MemoryDb};

/// Words hashed into a `dimension`-wide count vector: equal texts, equal vectors.
pub(super) struct HashEmbedder {
    pub model: String,
    pub dimension: u32,
    pub texts: AtomicUsize,
}

impl HashEmbedder {
    pub fn new(model: &str, dimension: u32) -> Self {
        Self {
            model: model.to_owned(),
            dimension,
            texts: AtomicUsize::new(0),
        }
    }
}

impl Embedder for HashEmbedder {
    fn model(&self) -> &str {
        &self.model
    }

    async fn embed(&self, texts: Vec<String>) -> Result<Embedded, EmbedError> {
        self.texts.fetch_add(texts.len(), Ordering::SeqCst);
        let width = self.dimension as usize;
        let vectors = texts
            .iter()
            .map(|text| {
                let mut vector = vec![0.0_f32; width];
                for word in text.split_whitespace() {
                    let hash = word
                        .bytes()
                        .fold(7_u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
                    vector[(hash % width as u64) as usize] += 1.0;
                }
                vector
            })
            .collect();
        Ok(Embedded {
            space: EmbeddingSpace {
                model: self.model.clone(),
                dimension: self.dimension,
            },
            vectors,
        })
    }
}

/// Every job refused, as the cluster does when no node can run the model.
pub(super) struct RejectingEmbedder;

impl Embedder for RejectingEmbedder {
    fn model(&self) -> &str {
        "test-embed"
    }

    async fn embed(&self, _texts: Vec<String>) -> Result<Embedded, EmbedError> {
        Err(EmbedError::Rejected {
            model: "test-embed".to_owned(),
            reason: "no node can run test-embed now".to_owned(),
        })
    }
}

/// A vault folder and a store file, both temporary.
pub(super) struct Fixture {
    _dir: TempDir,
    pub vault: PathBuf,
    pub targets: SyncTargets,
}

impl Fixture {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let vault = dir.path().join("vault");
        std::fs::create_dir(&vault).expect("vault dir");
        let db = MemoryDb::open(&dir.path().join("memory.sqlite")).expect("store");
        let targets = SyncTargets {
            vectors: Arc::new(EmbeddedVectors::new(db.clone())),
            graph: Arc::new(EmbeddedGraph::new(db.clone())),
            db,
        };
        Self {
            _dir: dir,
            vault,
            targets,
        }
    }

    pub fn write(&self, path: &str, text: impl AsRef<[u8]>) {
        let file = self.vault.join(path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).expect("note folder");
        }
        std::fs::write(file, text).expect("write note");
    }

    pub fn remove(&self, path: &str) {
        std::fs::remove_file(self.vault.join(path)).expect("remove note");
    }

    pub async fn sync_at(&self, now_ms: i64, embedder: &impl Embedder) -> SyncReport {
        let options = SyncOptions {
            now_ms: Some(now_ms),
            batch_size: 2,
            ..SyncOptions::default()
        };
        self.sync_with(&options, embedder).await
    }

    pub async fn sync_with(&self, options: &SyncOptions, embedder: &impl Embedder) -> SyncReport {
        sync_vault(&self.targets, &self.vault, embedder, options)
            .await
            .expect("sync")
    }

    pub fn vault(&self) -> &Path {
        &self.vault
    }
}

/// Three linked notes: a -> b, a -> c, b -> c.
pub(super) fn three_notes(fixture: &Fixture) {
    fixture.write(
        "a.md",
        "# Alpha\n\nAlpha zebra passage.\n\nSee [[b]] and [[c]].\n",
    );
    fixture.write("b.md", "# Bravo\n\nBravo passage that links [[c]].\n");
    fixture.write("c.md", "# Charlie\n\nCharlie passage, back to [[a]].\n");
}
