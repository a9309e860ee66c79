//! The `search_memory` tool's answer: the passages memory found, each with where it sits in
//! its note (headings, lines) and why it was found (which retrievers ranked it, and for a hit
//! the graph reached, the notes it was reached through), plus what limited the search.

use proto::v1::{MemoryHit, Retriever, RetrieverRank, SearchMemoryResponse};
use schemars::JsonSchema;
use serde::Serialize;

/// The words a retriever goes by, in the tools' arguments and answers.
pub const RETRIEVER_WORDS: [&str; 3] = ["full_text", "vector", "graph"];

/// `full_text`, `vector` or `graph`; `unspecified` for anything else.
pub fn retriever_word(retriever: i32) -> &'static str {
    match Retriever::try_from(retriever) {
        Ok(Retriever::FullText) => "full_text",
        Ok(Retriever::Vector) => "vector",
        Ok(Retriever::Graph) => "graph",
        _ => "unspecified",
    }
}

/// The retriever a word names (`full_text`, `vector`, `graph`), if it names one.
pub fn parse_retriever(word: &str) -> Option<Retriever> {
    match word.trim().to_ascii_lowercase().replace('-', "_").as_str() {
        "full_text" => Some(Retriever::FullText),
        "vector" => Some(Retriever::Vector),
        "graph" => Some(Retriever::Graph),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct SearchMemoryView {
    /// Best first.
    pub hits: Vec<MemoryHitView>,
    /// What limited the search ("vectors not used: the embed job was rejected: …"); empty
    /// when every retriever asked for took part.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct MemoryHitView {
    /// The note's vault path ("Projects/AI governance.md"); get_note reads it whole.
    pub note: String,
    pub title: String,
    /// The headings above the passage, outermost first.
    pub headings: Vec<String>,
    /// Where the passage is in the note.
    pub lines: LineRangeView,
    /// The fused score that ordered the hits (higher is better).
    pub score: f64,
    /// The passage itself.
    pub text: String,
    /// Each retriever that found the passage, with its rank and its own score.
    pub found_by: Vec<FoundByView>,
    /// For a hit the graph found: the notes from the one a retriever found to this one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub graph_path: Vec<String>,
}

/// 1-based, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct LineRangeView {
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct FoundByView {
    /// `full_text` (BM25 over the text), `vector` (embedding similarity) or `graph` (reached
    /// over links from a note another retriever found).
    pub retriever: String,
    /// 1 for the retriever's best.
    pub rank: u32,
    /// The retriever's own score: BM25, cosine similarity, or 1 / (1 + hops).
    pub score: f64,
}

impl From<&RetrieverRank> for FoundByView {
    fn from(rank: &RetrieverRank) -> Self {
        Self {
            retriever: retriever_word(rank.retriever).to_owned(),
            rank: rank.rank,
            score: rank.score,
        }
    }
}

impl From<&MemoryHit> for MemoryHitView {
    fn from(hit: &MemoryHit) -> Self {
        Self {
            note: hit.note.clone(),
            title: hit.title.clone(),
            headings: hit.headings.clone(),
            lines: LineRangeView {
                start: hit.line_start,
                end: hit.line_end,
            },
            score: hit.score,
            text: hit.text.clone(),
            found_by: hit.found_by.iter().map(FoundByView::from).collect(),
            graph_path: hit.graph_path.clone(),
        }
    }
}

impl From<&SearchMemoryResponse> for SearchMemoryView {
    fn from(response: &SearchMemoryResponse) -> Self {
        Self {
            hits: response.hits.iter().map(MemoryHitView::from).collect(),
            warnings: response.warnings.clone(),
        }
    }
}

#[cfg(test)]
mod tests;
