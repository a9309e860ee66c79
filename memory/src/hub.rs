//! `Memory`: the configured stores, the embedder and the search knobs in one place, with what
//! each `MemoryService` method does. The notes, chunks and full text always live in
//! `memory.sqlite` under `data_dir`; vectors and the graph there too, or on the configured
//! servers. All store work runs on blocking threads.

mod note_ops;
mod search_ops;
mod sync_ops;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{GraphBackend, MemoryConfig, VectorBackend};
use crate::embed::ClusterEmbedder;
use crate::graph::GraphStore;
use crate::graph::neo4j::{Neo4jGraph, Neo4jGraphConfig};
use crate::retrieve::SearchParams;
use crate::store::{EmbeddedGraph, EmbeddedVectors, MemoryDb, StoreError};
use crate::sync::SyncTargets;
use crate::vectors::VectorStore;
use crate::vectors::qdrant::{QdrantVectors, QdrantVectorsConfig};

pub use sync_ops::ProgressSender;

/// The embedded store's file under `data_dir`.
pub const FILE_NAME: &str = "memory.sqlite";

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("memory could not open {path}: {source}")]
    Store { path: PathBuf, source: StoreError },
    #[error("memory could not set up its vector store: {0}")]
    Vectors(crate::vectors::VectorError),
    #[error("memory could not set up its graph store: {0}")]
    Graph(crate::graph::GraphError),
}

pub struct Memory {
    config: MemoryConfig,
    targets: SyncTargets,
    embedder: ClusterEmbedder,
    params: SearchParams,
    /// One sync at a time; a second waits for the first.
    sync_lock: tokio::sync::Mutex<()>,
}

impl Memory {
    /// Opens (or creates) the embedded file and connects the configured servers lazily: a
    /// server that is down shows in `status` and in each call's error, naming it.
    pub fn open(
        config: MemoryConfig,
        data_dir: &Path,
        coordinator: client::Coordinator,
    ) -> Result<Self, OpenError> {
        let path = data_dir.join(FILE_NAME);
        let db = MemoryDb::open(&path).map_err(|source| OpenError::Store {
            path: path.clone(),
            source,
        })?;
        let vectors: Arc<dyn VectorStore> = match &config.vector {
            VectorBackend::Embedded => Arc::new(EmbeddedVectors::new(db.clone())),
            VectorBackend::Qdrant { url, collection } => {
                let mut qdrant = QdrantVectorsConfig::new(url.clone());
                qdrant.collection.clone_from(collection);
                Arc::new(QdrantVectors::new(qdrant).map_err(OpenError::Vectors)?)
            }
        };
        let graph: Arc<dyn GraphStore> = match &config.graph {
            GraphBackend::Embedded => Arc::new(EmbeddedGraph::new(db.clone())),
            GraphBackend::Neo4j {
                uri,
                user,
                password,
            } => {
                let mut neo4j = Neo4jGraphConfig::new(uri.clone());
                neo4j.user.clone_from(user);
                neo4j.password = password.as_ref().map(|secret| secret.expose().to_owned());
                Arc::new(Neo4jGraph::new(neo4j).map_err(OpenError::Graph)?)
            }
        };
        tracing::info!(
            vault = %config.vault.display(),
            vectors = %vectors.describe(),
            graph = %graph.describe(),
            embed_model = %config.embed_model,
            "memory ready"
        );
        let embedder = ClusterEmbedder::new(coordinator, config.embed_model.clone());
        Ok(Self {
            config,
            targets: SyncTargets { db, vectors, graph },
            embedder,
            params: SearchParams::default(),
            sync_lock: tokio::sync::Mutex::new(()),
        })
    }

    pub fn config(&self) -> &MemoryConfig {
        &self.config
    }
}

/// Runs store work on a blocking thread; a panic there becomes an internal error.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, tonic::Status> + Send + 'static,
) -> Result<T, tonic::Status> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| tonic::Status::internal(format!("memory work stopped: {error}")))?
}
