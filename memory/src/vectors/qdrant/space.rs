//! How the Qdrant store keeps the embedding space: the width is the collection's vector size,
//! the model a string in the collection's metadata (Qdrant 1.16+), written when the first
//! upsert creates the collection and read back before every upsert and search.

use std::collections::HashMap;

use qdrant_client::qdrant::{
    CreateCollection, CreateCollectionBuilder, Distance, GetCollectionInfoResponse, Value,
    VectorParamsBuilder, value::Kind, vector_output, vectors_config,
};

use crate::embed::EmbeddingSpace;

/// The payload field holding a point's note path.
pub const NOTE_FIELD: &str = "note";
/// The collection metadata field holding the embedding model's name.
pub const MODEL_FIELD: &str = "llm_runner_embedding_model";

/// A cosine collection of `space`'s width, its model in the metadata.
pub fn create_request(collection: &str, space: &EmbeddingSpace) -> CreateCollection {
    let mut request = CreateCollectionBuilder::new(collection)
        .vectors_config(VectorParamsBuilder::new(
            u64::from(space.dimension),
            Distance::Cosine,
        ))
        .build();
    // Set on the message: the builder's `metadata` takes a type the crate does not export.
    request.metadata = HashMap::from([(MODEL_FIELD.to_owned(), Value::from(space.model.clone()))]);
    request
}

/// The space a collection was created for; an error for a collection llm-runner did not make.
pub fn of_collection(
    collection: &str,
    info: GetCollectionInfoResponse,
) -> Result<EmbeddingSpace, String> {
    let config = info
        .result
        .and_then(|info| info.config)
        .ok_or_else(|| format!("collection {collection} has no config"))?;
    let dimension = config
        .params
        .and_then(|params| params.vectors_config)
        .and_then(|vectors| vectors.config)
        .and_then(|config| match config {
            vectors_config::Config::Params(params) => u32::try_from(params.size).ok(),
            vectors_config::Config::ParamsMap(_) => None,
        })
        .ok_or_else(|| format!("collection {collection} has no single unnamed vector"))?;
    let model = match config
        .metadata
        .get(MODEL_FIELD)
        .and_then(|v| v.kind.clone())
    {
        Some(Kind::StringValue(model)) => model,
        _ => {
            return Err(format!(
                "collection {collection} has no {MODEL_FIELD} in its metadata (not made by \
                 llm-runner: name another collection)"
            ));
        }
    };
    Ok(EmbeddingSpace { model, dimension })
}

/// The values of a dense vector as Qdrant returned it.
pub fn dense(vector: vector_output::Vector) -> Result<Vec<f32>, String> {
    match vector {
        vector_output::Vector::Dense(dense) => Ok(dense.data),
        _ => Err("a stored vector is not dense".to_owned()),
    }
}

#[cfg(test)]
mod tests;
