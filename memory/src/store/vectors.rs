//! `VectorStore` in the embedded file: a sqlite-vec `vec0` table (cosine distance, vectors
//! normalised on the way in) made on the first upsert with the space's width; the space lives in
//! the meta table and another one is refused, never mixed.

mod space;

use rusqlite::{Connection, params};

pub(super) use self::space::table_exists;
use self::space::{check, floats, normalised_blob, stored_space};
use super::status::set_meta;
use super::{MemoryDb, StoreError};
use crate::ChunkId;
use crate::embed::EmbeddingSpace;
use crate::vectors::{VectorError, VectorPoint, VectorStore};

/// sqlite-vec answers at most this many neighbours per KNN query.
const MAX_K: usize = 4096;

/// The embedded file's vectors.
#[derive(Debug, Clone)]
pub struct EmbeddedVectors {
    db: MemoryDb,
}

impl EmbeddedVectors {
    pub fn new(db: MemoryDb) -> Self {
        Self { db }
    }
}

impl From<StoreError> for VectorError {
    fn from(error: StoreError) -> Self {
        VectorError::Store(error.to_string())
    }
}

impl From<rusqlite::Error> for VectorError {
    fn from(error: rusqlite::Error) -> Self {
        VectorError::Store(StoreError::from(error).to_string())
    }
}

impl VectorStore for EmbeddedVectors {
    fn describe(&self) -> String {
        self.db.describe()
    }

    fn space(&self) -> Result<Option<EmbeddingSpace>, VectorError> {
        Ok(self.db.with(|conn| stored_space(conn))?)
    }

    fn upsert(&self, space: &EmbeddingSpace, points: &[VectorPoint]) -> Result<(), VectorError> {
        self.db.with(|conn| Ok(upsert(conn, space, points)))?
    }

    fn remove(&self, ids: &[ChunkId]) -> Result<(), VectorError> {
        self.db.with(|conn| {
            if !table_exists(conn)? {
                return Ok(());
            }
            let tx = conn.transaction()?;
            for id in ids {
                tx.execute("DELETE FROM chunk_vectors WHERE rowid = ?1", [id.as_i64()])?;
            }
            tx.commit()?;
            Ok(())
        })?;
        Ok(())
    }

    fn nearest(
        &self,
        space: &EmbeddingSpace,
        query: &[f32],
        limit: usize,
    ) -> Result<Vec<(ChunkId, f32)>, VectorError> {
        self.db
            .with(|conn| Ok(nearest(conn, space, query, limit)))?
    }

    fn vectors(&self, ids: &[ChunkId]) -> Result<Vec<(ChunkId, Vec<f32>)>, VectorError> {
        Ok(self.db.with(|conn| {
            if !table_exists(conn)? {
                return Ok(Vec::new());
            }
            let mut stmt =
                conn.prepare_cached("SELECT embedding FROM chunk_vectors WHERE rowid = ?1")?;
            let mut found = Vec::new();
            for id in ids {
                let mut rows = stmt.query_map([id.as_i64()], |row| row.get::<_, Vec<u8>>(0))?;
                if let Some(blob) = rows.next() {
                    found.push((*id, floats(&blob?)));
                }
            }
            Ok(found)
        })?)
    }

    fn count(&self) -> Result<u64, VectorError> {
        Ok(self.db.with(|conn| {
            if !table_exists(conn)? {
                return Ok(0);
            }
            let n: i64 =
                conn.query_row("SELECT count(*) FROM chunk_vectors", [], |row| row.get(0))?;
            Ok(u64::try_from(n).unwrap_or_default())
        })?)
    }

    fn clear(&self) -> Result<(), VectorError> {
        Ok(self.db.with(|conn| {
            conn.execute_batch(
                "DROP TABLE IF EXISTS chunk_vectors;
                 DELETE FROM meta WHERE key IN ('vector_model', 'vector_dimension');",
            )?;
            Ok(())
        })?)
    }
}

fn upsert(
    conn: &mut Connection,
    space: &EmbeddingSpace,
    points: &[VectorPoint],
) -> Result<(), VectorError> {
    let tx = conn.transaction()?;
    let stored = stored_space(&tx)?;
    for point in points {
        check(stored.as_ref().unwrap_or(space), space, &point.vector)?;
    }
    if stored.is_none() {
        tx.execute_batch(&format!(
            "DROP TABLE IF EXISTS chunk_vectors;
             CREATE VIRTUAL TABLE chunk_vectors USING vec0 (
                 embedding float[{}] distance_metric=cosine, +note text);",
            space.dimension
        ))?;
        set_meta(&tx, "vector_model", &space.model)?;
        set_meta(&tx, "vector_dimension", &space.dimension.to_string())?;
    }
    for point in points {
        let id = point.id.as_i64();
        tx.execute("DELETE FROM chunk_vectors WHERE rowid = ?1", [id])?;
        tx.execute(
            "INSERT INTO chunk_vectors (rowid, embedding, note) VALUES (?1, ?2, ?3)",
            params![id, normalised_blob(&point.vector), point.note],
        )?;
    }
    tx.commit()?;
    Ok(())
}

fn nearest(
    conn: &mut Connection,
    space: &EmbeddingSpace,
    query: &[f32],
    limit: usize,
) -> Result<Vec<(ChunkId, f32)>, VectorError> {
    let Some(stored) = stored_space(conn)? else {
        return Ok(Vec::new());
    };
    check(&stored, space, query)?;
    let k = i64::try_from(limit.min(MAX_K)).unwrap_or_default();
    if k == 0 {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT rowid, distance FROM chunk_vectors WHERE embedding MATCH ?1 AND k = ?2 ORDER BY distance",
    )?;
    let rows = stmt.query_map(params![normalised_blob(query), k], |row| {
        let id: i64 = row.get(0)?;
        let distance: f64 = row.get(1)?;
        Ok((
            ChunkId(u64::try_from(id).unwrap_or_default()),
            (1.0 - distance) as f32,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
