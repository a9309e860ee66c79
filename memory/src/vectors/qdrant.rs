//! `VectorStore` over a Qdrant server's gRPC API (`qdrant-client`): one collection (cosine),
//! created by the first upsert with the space's width, the space's model kept in the
//! collection's metadata so vectors of another model or width are refused, the note's path in
//! each point's payload.

mod config;
mod space;

use qdrant_client::Qdrant;
use qdrant_client::qdrant::{
    CountPointsBuilder, DeleteCollectionBuilder, DeletePointsBuilder, GetPointsBuilder, PointId,
    PointStruct, PointsIdsList, QueryPointsBuilder, UpsertPointsBuilder, point_id::PointIdOptions,
};

pub use config::{DEFAULT_COLLECTION, QdrantVectorsConfig};

use crate::ChunkId;
use crate::embed::EmbeddingSpace;
use crate::vectors::{VectorError, VectorPoint, VectorStore};

pub struct QdrantVectors {
    client: Qdrant,
    config: QdrantVectorsConfig,
    /// The trait is synchronous (its callers run on blocking threads) while `qdrant-client` is
    /// async: the store owns a small current-thread runtime and blocks on each call. Its own
    /// runtime, not the caller's, so the gRPC channel always lives on the runtime that drives
    /// it. Calling the store from inside an async task would panic: use `spawn_blocking`.
    runtime: tokio::runtime::Runtime,
}

impl QdrantVectors {
    /// Builds the client; it connects lazily, so an unreachable server shows on the first call
    /// (within `connect_timeout`), not here.
    pub fn new(config: QdrantVectorsConfig) -> Result<Self, VectorError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|error| VectorError::Store(format!("cannot start a runtime: {error}")))?;
        let client = {
            let _inside = runtime.enter();
            Qdrant::from_url(&config.url)
                .connect_timeout(config.connect_timeout)
                .timeout(config.request_timeout)
                .skip_compatibility_check()
                .build()
                .map_err(|error| VectorError::Store(format!("qdrant at {}: {error}", config.url)))?
        };
        Ok(Self {
            client,
            config,
            runtime,
        })
    }

    fn failed(&self, doing: &str, error: impl std::fmt::Display) -> VectorError {
        VectorError::Store(format!("qdrant at {}: {doing}: {error}", self.config.url))
    }

    /// Refuses `space` unless it is the stored one; creates the collection when none is.
    fn admit(&self, space: &EmbeddingSpace, create: bool) -> Result<bool, VectorError> {
        match self.space()? {
            Some(stored) if stored == *space => Ok(true),
            Some(stored) => Err(VectorError::OtherSpace {
                stored,
                offered: space.clone(),
            }),
            None if create => {
                let request = space::create_request(&self.config.collection, space);
                self.runtime
                    .block_on(self.client.create_collection(request))
                    .map_err(|error| self.failed("creating the collection", error))?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    fn exists(&self) -> Result<bool, VectorError> {
        self.runtime
            .block_on(self.client.collection_exists(&self.config.collection))
            .map_err(|error| self.failed("checking the collection", error))
    }
}

fn check_width(space: &EmbeddingSpace, vector: &[f32]) -> Result<(), VectorError> {
    if vector.len() == space.dimension as usize {
        return Ok(());
    }
    Err(VectorError::Width {
        expected: space.dimension,
        got: vector.len(),
    })
}

fn point_ids(ids: &[ChunkId]) -> Vec<PointId> {
    ids.iter().map(|id| PointId::from(id.0)).collect()
}

fn chunk_id(id: Option<PointId>) -> Option<ChunkId> {
    match id?.point_id_options? {
        PointIdOptions::Num(number) => Some(ChunkId(number)),
        PointIdOptions::Uuid(_) => None,
    }
}

impl VectorStore for QdrantVectors {
    fn describe(&self) -> String {
        format!(
            "qdrant at {}, collection {}",
            self.config.url, self.config.collection
        )
    }

    fn space(&self) -> Result<Option<EmbeddingSpace>, VectorError> {
        if !self.exists()? {
            return Ok(None);
        }
        let info = self
            .runtime
            .block_on(self.client.collection_info(&self.config.collection))
            .map_err(|error| self.failed("reading the collection", error))?;
        space::of_collection(&self.config.collection, info)
            .map(Some)
            .map_err(|error| self.failed("reading the collection", error))
    }

    fn upsert(&self, space: &EmbeddingSpace, points: &[VectorPoint]) -> Result<(), VectorError> {
        for point in points {
            check_width(space, &point.vector)?;
        }
        self.admit(space, true)?;
        if points.is_empty() {
            return Ok(());
        }
        let structs: Vec<PointStruct> = points
            .iter()
            .map(|point| {
                let payload = [(space::NOTE_FIELD, point.note.clone().into())];
                PointStruct::new(point.id.0, point.vector.clone(), payload)
            })
            .collect();
        let request = UpsertPointsBuilder::new(&self.config.collection, structs).wait(true);
        self.runtime
            .block_on(self.client.upsert_points(request))
            .map_err(|error| self.failed("storing vectors", error))?;
        Ok(())
    }

    fn remove(&self, ids: &[ChunkId]) -> Result<(), VectorError> {
        if ids.is_empty() || !self.exists()? {
            return Ok(());
        }
        let request = DeletePointsBuilder::new(&self.config.collection)
            .points(PointsIdsList {
                ids: point_ids(ids),
            })
            .wait(true);
        self.runtime
            .block_on(self.client.delete_points(request))
            .map_err(|error| self.failed("removing vectors", error))?;
        Ok(())
    }

    fn nearest(
        &self,
        space: &EmbeddingSpace,
        query: &[f32],
        limit: usize,
    ) -> Result<Vec<(ChunkId, f32)>, VectorError> {
        check_width(space, query)?;
        if limit == 0 || !self.admit(space, false)? {
            return Ok(Vec::new());
        }
        let request = QueryPointsBuilder::new(&self.config.collection)
            .query(query.to_vec())
            .limit(limit as u64);
        let response = self
            .runtime
            .block_on(self.client.query(request))
            .map_err(|error| self.failed("searching", error))?;
        Ok(response
            .result
            .into_iter()
            .filter_map(|hit| Some((chunk_id(hit.id)?, hit.score)))
            .collect())
    }

    fn vectors(&self, ids: &[ChunkId]) -> Result<Vec<(ChunkId, Vec<f32>)>, VectorError> {
        if ids.is_empty() || !self.exists()? {
            return Ok(Vec::new());
        }
        let request = GetPointsBuilder::new(&self.config.collection, point_ids(ids))
            .with_vectors(true)
            .with_payload(false);
        let response = self
            .runtime
            .block_on(self.client.get_points(request))
            .map_err(|error| self.failed("reading vectors", error))?;
        let mut found = Vec::new();
        for point in response.result {
            let vector = point.vectors.and_then(|vectors| vectors.get_vector());
            if let (Some(id), Some(vector)) = (chunk_id(point.id), vector) {
                let dense = space::dense(vector).map_err(|e| self.failed("reading vectors", e))?;
                found.push((id, dense));
            }
        }
        Ok(found)
    }

    fn count(&self) -> Result<u64, VectorError> {
        if !self.exists()? {
            return Ok(0);
        }
        let request = CountPointsBuilder::new(&self.config.collection).exact(true);
        let response = self
            .runtime
            .block_on(self.client.count(request))
            .map_err(|error| self.failed("counting vectors", error))?;
        Ok(response.result.map_or(0, |result| result.count))
    }

    fn clear(&self) -> Result<(), VectorError> {
        if !self.exists()? {
            return Ok(());
        }
        let request = DeleteCollectionBuilder::new(&self.config.collection);
        self.runtime
            .block_on(self.client.delete_collection(request))
            .map_err(|error| self.failed("deleting the collection", error))?;
        Ok(())
    }
}
