//! Search (the query embedded through the cluster, then the hybrid retrieval on a blocking
//! thread) and the cited prompt built from it.

use proto::v1::{
    BuildContextRequest, MemoryContext, MemoryHit, RetrieverRank, SearchMemoryRequest,
    SearchMemoryResponse,
};
use tonic::Status;

use super::{Memory, blocking};
use crate::embed::{Embedder, TextRole, task_prefix};
use crate::graph::AsOf;
use crate::retrieve::{self, Hit, Query, QueryEmbedding, Retriever, SearchError, Stores};

/// Passages a memory prompt carries when the request says 0.
const CONTEXT_PASSAGES: usize = 6;
/// The most hits one search returns, whatever it asks.
const MAX_HITS: u32 = 100;

impl Memory {
    pub async fn search(
        &self,
        request: SearchMemoryRequest,
    ) -> Result<SearchMemoryResponse, Status> {
        let retrievers = retrievers(&request.retrievers)?;
        let now = crate::clock::now_ms();
        let as_of = AsOf {
            valid_at_ms: nonzero_or(request.valid_at_ms, now),
            known_at_ms: nonzero_or(request.known_at_ms, now),
        };
        let limit = usize::try_from(request.limit.min(MAX_HITS)).unwrap_or(8);
        let (hits, warnings) = self.find(&request.query, retrievers, as_of, limit).await?;
        Ok(SearchMemoryResponse {
            hits: hits.into_iter().map(hit_message).collect(),
            warnings,
        })
    }

    pub async fn context(&self, request: BuildContextRequest) -> Result<MemoryContext, Status> {
        let limit = match request.limit.min(MAX_HITS) {
            0 => CONTEXT_PASSAGES,
            n => usize::try_from(n).unwrap_or(CONTEXT_PASSAGES),
        };
        let now = crate::clock::now_ms();
        let (hits, warnings) = self
            .find(&request.question, Vec::new(), AsOf::now(now), limit)
            .await?;
        let hits: Vec<MemoryHit> = hits.into_iter().map(hit_message).collect();
        let (prompt, citations) = crate::context::build_prompt(&request.question, &hits);
        Ok(MemoryContext {
            prompt,
            citations,
            warnings,
        })
    }

    async fn find(
        &self,
        text: &str,
        retrievers: Vec<Retriever>,
        as_of: AsOf,
        limit: usize,
    ) -> Result<(Vec<Hit>, Vec<String>), Status> {
        if text.trim().is_empty() {
            return Err(Status::invalid_argument(
                SearchError::EmptyQuery.to_string(),
            ));
        }
        let wants_vectors = retrievers.is_empty()
            || retrievers.contains(&Retriever::Vector)
            || retrievers.contains(&Retriever::Graph);
        let embedding = if wants_vectors {
            self.embed_query(text).await
        } else {
            QueryEmbedding::Unavailable("not asked for".into())
        };
        let query = Query {
            text: text.to_owned(),
            embedding,
            retrievers,
            as_of,
            limit,
        };
        let (targets, params) = (self.targets.clone(), self.params);
        let result = blocking(move || {
            let stores = Stores {
                text: &targets.db,
                vectors: targets.vectors.as_ref(),
                graph: targets.graph.as_ref(),
            };
            retrieve::search(&stores, &query, &params).map_err(|error| match error {
                SearchError::EmptyQuery => Status::invalid_argument(error.to_string()),
                other => Status::internal(other.to_string()),
            })
        })
        .await?;
        Ok((result.hits, result.warnings))
    }

    /// The query's vector, or why there is none (the search then goes on without vectors and
    /// says so).
    async fn embed_query(&self, text: &str) -> QueryEmbedding {
        let model = self.embedder.model().to_owned();
        let prefixed = format!("{}{text}", task_prefix(&model, TextRole::Query));
        match self.embedder.embed(vec![prefixed]).await {
            Ok(mut embedded) => match embedded.vectors.pop() {
                Some(vector) => QueryEmbedding::Vector {
                    space: embedded.space,
                    vector,
                },
                None => QueryEmbedding::Unavailable("the embed job answered no vector".into()),
            },
            Err(error) => QueryEmbedding::Unavailable(error.to_string()),
        }
    }
}

fn nonzero_or(value: i64, default: i64) -> i64 {
    if value == 0 { default } else { value }
}

fn retrievers(asked: &[i32]) -> Result<Vec<Retriever>, Status> {
    asked
        .iter()
        .map(|code| match proto::v1::Retriever::try_from(*code) {
            Ok(proto::v1::Retriever::FullText) => Ok(Retriever::FullText),
            Ok(proto::v1::Retriever::Vector) => Ok(Retriever::Vector),
            Ok(proto::v1::Retriever::Graph) => Ok(Retriever::Graph),
            _ => Err(Status::invalid_argument(format!(
                "unknown retriever {code}: use full_text, vector or graph"
            ))),
        })
        .collect()
}

fn retriever_message(retriever: Retriever) -> proto::v1::Retriever {
    match retriever {
        Retriever::FullText => proto::v1::Retriever::FullText,
        Retriever::Vector => proto::v1::Retriever::Vector,
        Retriever::Graph => proto::v1::Retriever::Graph,
    }
}

pub(crate) fn hit_message(hit: Hit) -> MemoryHit {
    MemoryHit {
        note: hit.chunk.note,
        title: hit.chunk.note_title,
        headings: hit.chunk.headings,
        line_start: hit.chunk.line_start,
        line_end: hit.chunk.line_end,
        score: hit.score,
        text: hit.chunk.text,
        found_by: hit
            .found_by
            .iter()
            .map(|by| RetrieverRank {
                retriever: retriever_message(by.retriever).into(),
                rank: by.rank,
                score: by.score,
            })
            .collect(),
        graph_path: hit.graph_path,
    }
}
