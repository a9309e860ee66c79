//! The stored embedding space (meta table), the checks that refuse another space or width, and
//! vectors as sqlite-vec stores them (normalised, little-endian f32).

use rusqlite::Connection;

use crate::embed::EmbeddingSpace;
use crate::store::StoreError;
use crate::store::status::meta;
use crate::vectors::VectorError;

pub(in crate::store) fn table_exists(conn: &Connection) -> Result<bool, StoreError> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE name = 'chunk_vectors'",
        [],
        |row| row.get(0),
    )?;
    Ok(n > 0)
}

pub(super) fn stored_space(conn: &Connection) -> Result<Option<EmbeddingSpace>, StoreError> {
    let (Some(model), Some(dimension)) =
        (meta(conn, "vector_model")?, meta(conn, "vector_dimension")?)
    else {
        return Ok(None);
    };
    let dimension = dimension.parse().map_err(|_| StoreError::Corrupt {
        what: "vector dimension",
        reason: dimension.clone(),
    })?;
    Ok(Some(EmbeddingSpace { model, dimension }))
}

/// Refuses a space other than the stored one or a vector of the wrong width.
pub(super) fn check(
    stored: &EmbeddingSpace,
    offered: &EmbeddingSpace,
    vector: &[f32],
) -> Result<(), VectorError> {
    if stored != offered {
        return Err(VectorError::OtherSpace {
            stored: stored.clone(),
            offered: offered.clone(),
        });
    }
    if u32::try_from(vector.len()).ok() != Some(stored.dimension) {
        return Err(VectorError::Width {
            expected: stored.dimension,
            got: vector.len(),
        });
    }
    Ok(())
}

/// Unit length (a zero vector stays zero), as little-endian f32 bytes.
pub(super) fn normalised_blob(vector: &[f32]) -> Vec<u8> {
    let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
    let scale = if norm > 0.0 { 1.0 / norm } else { 0.0 };
    vector
        .iter()
        .flat_map(|x| (x * scale).to_le_bytes())
        .collect()
}

pub(super) fn floats(blob: &[u8]) -> Vec<f32> {
    blob.chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect()
}
