//! `SearchMemory` latency at the client, one retriever mode at a time: full text only, vectors
//! only, graph only and hybrid (every retriever, fused). Vectors, graph and hybrid embed the
//! query first (an embed job through the cluster), so their figures include that round trip.

use std::time::Instant;

use anyhow::Context;
use harness::cluster::TestCluster;
use proto::v1::{Retriever, SearchMemoryRequest};

use crate::percentiles::LatencySummary;

/// The retrievers a search asks for, as the report names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchMode {
    FullText,
    Vectors,
    Graph,
    Hybrid,
}

impl SearchMode {
    pub const ALL: [SearchMode; 4] = [
        SearchMode::FullText,
        SearchMode::Vectors,
        SearchMode::Graph,
        SearchMode::Hybrid,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SearchMode::FullText => "full text (BM25)",
            SearchMode::Vectors => "vectors + query embed",
            SearchMode::Graph => "graph + query embed",
            SearchMode::Hybrid => "hybrid (default) + query embed",
        }
    }

    /// Empty asks for every retriever, fused: the default.
    fn retrievers(self) -> Vec<i32> {
        match self {
            SearchMode::FullText => vec![Retriever::FullText as i32],
            SearchMode::Vectors => vec![Retriever::Vector as i32],
            SearchMode::Graph => vec![Retriever::Graph as i32],
            SearchMode::Hybrid => Vec::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct SearchFigures {
    pub mode: SearchMode,
    pub latency: LatencySummary,
    /// Queries answered with at least one hit.
    pub answered: usize,
    pub hits: usize,
    /// Queries whose answer carried a warning (e.g. "vectors not used: …").
    pub warned: usize,
}

/// Each mode over every query after `warmup` unmeasured ones, `limit` hits asked for.
pub async fn measure_searches(
    cluster: &TestCluster,
    queries: &[String],
    warmup: usize,
    limit: u32,
) -> anyhow::Result<Vec<SearchFigures>> {
    let mut client = cluster.memory_client().await?;
    let mut figures = Vec::new();
    for mode in SearchMode::ALL {
        let request = |query: &str| SearchMemoryRequest {
            query: query.to_owned(),
            limit,
            retrievers: mode.retrievers(),
            ..SearchMemoryRequest::default()
        };
        for query in queries.iter().take(warmup) {
            client.search_memory(request(query)).await?;
        }
        let (mut samples, mut answered, mut hits, mut warned) = (Vec::new(), 0, 0, 0);
        for query in queries {
            let started = Instant::now();
            let answer = client.search_memory(request(query)).await?.into_inner();
            samples.push(started.elapsed());
            answered += usize::from(!answer.hits.is_empty());
            hits += answer.hits.len();
            warned += usize::from(!answer.warnings.is_empty());
        }
        let latency = LatencySummary::from_samples(&samples)
            .context("no search was measured: there are no queries")?;
        figures.push(SearchFigures {
            mode,
            latency,
            answered,
            hits,
            warned,
        });
    }
    Ok(figures)
}
