//! The memory tools' arguments and the requests made from them: blank text and unknown
//! retrievers are refused here with what to write instead, before anything is asked.

use proto::v1::{GetNoteRequest, RelatedNotesRequest, RememberRequest, SearchMemoryRequest};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::tool_failure::ToolFailure;
use crate::views::{RETRIEVER_WORDS, parse_retriever};

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchMemoryArguments {
    /// What to look for, in words ("which models need a risk review?").
    pub query: String,
    /// At most this many passages; default 8.
    pub limit: Option<u32>,
    /// Only these retrievers: any of `full_text`, `vector`, `graph`; default: all of them,
    /// fused (the best choice unless you know you want exact words or only meaning).
    pub retrievers: Option<Vec<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NotePathArgument {
    /// The note's vault path, as search_memory or related_notes name it
    /// ("Projects/AI governance.md").
    pub path: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RelatedNotesArguments {
    /// The note's vault path ("Projects/AI governance.md").
    pub path: String,
    /// How many links away to look; default 2.
    pub hops: Option<u32>,
    /// At most this many notes; default 20.
    pub limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RememberArguments {
    /// The note's title; its file name is made from it.
    pub title: String,
    /// The note's Markdown text: the fact to remember, in full sentences.
    pub content: String,
    /// Tags for the note, without `#` ("governance").
    pub tags: Option<Vec<String>>,
    /// Where the fact came from (a job id, a URL), kept in the note's frontmatter.
    pub source: Option<String>,
}

impl SearchMemoryArguments {
    pub fn request(self) -> Result<SearchMemoryRequest, ToolFailure> {
        let query = required("query", self.query)?;
        let retrievers = self
            .retrievers
            .unwrap_or_default()
            .iter()
            .map(|word| {
                parse_retriever(word)
                    .map(|retriever| retriever as i32)
                    .ok_or_else(|| {
                        ToolFailure::invalid_argument(format!(
                            "retrievers: {word:?} is not a retriever; use {}",
                            RETRIEVER_WORDS.join(", ")
                        ))
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(SearchMemoryRequest {
            query,
            limit: self.limit.unwrap_or_default(),
            retrievers,
            ..Default::default()
        })
    }
}

impl NotePathArgument {
    pub fn request(self) -> Result<GetNoteRequest, ToolFailure> {
        Ok(GetNoteRequest {
            path: required("path", self.path)?,
        })
    }
}

impl RelatedNotesArguments {
    pub fn request(self) -> Result<RelatedNotesRequest, ToolFailure> {
        Ok(RelatedNotesRequest {
            path: required("path", self.path)?,
            hops: self.hops.unwrap_or_default(),
            limit: self.limit.unwrap_or_default(),
        })
    }
}

impl RememberArguments {
    pub fn request(self) -> Result<RememberRequest, ToolFailure> {
        Ok(RememberRequest {
            title: required("title", self.title)?,
            content: required("content", self.content)?,
            tags: self.tags.unwrap_or_default(),
            source: self.source.unwrap_or_default(),
        })
    }
}

/// The text trimmed, or the error saying it must not be blank.
fn required(name: &str, text: String) -> Result<String, ToolFailure> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(ToolFailure::invalid_argument(format!(
            "{name}: must not be empty"
        )));
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests;
