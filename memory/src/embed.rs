//! Embeddings come from the cluster: an `embed` job for the configured model, routed like any
//! job. The space (model and width) travels with every vector so a store can refuse to mix.

mod cluster;

use std::future::Future;

pub use cluster::ClusterEmbedder;

/// The model that made a vector and its width: vectors of two spaces are never compared.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmbeddingSpace {
    /// The model that served the embed job, as it named itself.
    pub model: String,
    pub dimension: u32,
}

impl std::fmt::Display for EmbeddingSpace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({} dimensions)", self.model, self.dimension)
    }
}

/// What an embedder answered: one vector per text, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Embedded {
    pub space: EmbeddingSpace,
    pub vectors: Vec<Vec<f32>>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EmbedError {
    /// The cluster refused the job (no node can run the model now), with its reason.
    #[error("the embed job for {model} was rejected: {reason}")]
    Rejected { model: String, reason: String },
    /// The job ran and failed.
    #[error("the embed job for {model} failed: {reason}")]
    Failed { model: String, reason: String },
    /// The coordinator could not be reached.
    #[error("the coordinator could not be reached to embed: {0}")]
    Unreachable(String),
}

/// Whether a text is stored (a chunk) or asked (a query): nomic's models need a prefix for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRole {
    Document,
    Query,
}

/// The task prefix `model` expects for `role` (nomic-embed-text: `search_document: ` and
/// `search_query: `); empty for a model without one.
pub fn task_prefix(model: &str, role: TextRole) -> &'static str {
    if !model.starts_with("nomic-embed") {
        return "";
    }
    match role {
        TextRole::Document => "search_document: ",
        TextRole::Query => "search_query: ",
    }
}

pub trait Embedder: Send + Sync {
    /// The model asked for (`[memory] embed_model`).
    fn model(&self) -> &str;
    /// Embeds `texts` (prefixes already added) in one job.
    fn embed(
        &self,
        texts: Vec<String>,
    ) -> impl Future<Output = Result<Embedded, EmbedError>> + Send;
}

#[cfg(test)]
mod tests;
