//! The memory tools: search the operator's vault (full text, vectors and the link graph,
//! fused), read one note, walk to the notes near it, and remember a new fact — all through
//! the coordinator's `MemoryService`. Memory that is not configured is an error result with
//! the server's words; a path memory does not hold is one naming the path.

use rmcp::handler::server::wrapper::{Json, Parameters};
use rmcp::{tool, tool_router};
use tonic::{Code, Status};

use super::ClusterTools;
use super::memory_arguments::{
    NotePathArgument, RelatedNotesArguments, RememberArguments, SearchMemoryArguments,
};
use crate::tool_failure::ToolFailure;
use crate::views::{MemoryNoteView, RelatedNotesView, RememberedView, SearchMemoryView};

#[tool_router(router = memory_tool_router, vis = "pub(super)")]
impl ClusterTools {
    #[tool(
        description = "Search the operator's notes (their Markdown vault) for the passages that \
                       answer a question: by exact words (full_text), by meaning (vector) and \
                       over the links between notes (graph), fused. Use it before answering \
                       anything about the operator's projects, decisions or facts they wrote \
                       down, and cite the note and lines you used. Each hit says which \
                       retrievers found it; warnings say what limited the search.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn search_memory(
        &self,
        Parameters(arguments): Parameters<SearchMemoryArguments>,
    ) -> Result<Json<SearchMemoryView>, ToolFailure> {
        let request = arguments.request()?;
        let answer = self
            .link
            .memory()
            .search_memory(request)
            .await
            .map_err(|status| self.link.failure(&status))?;
        Ok(Json(SearchMemoryView::from(&answer.into_inner())))
    }

    #[tool(
        description = "One note from the operator's vault, whole: its Markdown text, tags, \
                       properties, the notes it links to and the notes that link to it. Use it \
                       when a search_memory passage is not enough and you need the note's full \
                       context; the path is the note's vault path as search_memory gives it.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn get_note(
        &self,
        Parameters(arguments): Parameters<NotePathArgument>,
    ) -> Result<Json<MemoryNoteView>, ToolFailure> {
        let request = arguments.request()?;
        let path = request.path.clone();
        let note = self
            .link
            .memory()
            .get_note(request)
            .await
            .map_err(|status| self.note_failure(&status, &path))?;
        Ok(Json(MemoryNoteView::from(&note.into_inner())))
    }

    #[tool(
        description = "The notes within a few links of one note (its links, backlinks, embeds \
                       and shared tags), nearest first, each with its distance and the chain of \
                       notes and edges that reaches it. Use it to explore what else the operator \
                       wrote around a topic once you have found one relevant note.",
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn related_notes(
        &self,
        Parameters(arguments): Parameters<RelatedNotesArguments>,
    ) -> Result<Json<RelatedNotesView>, ToolFailure> {
        let request = arguments.request()?;
        let path = request.path.clone();
        let related = self
            .link
            .memory()
            .related_notes(request)
            .await
            .map_err(|status| self.note_failure(&status, &path))?;
        Ok(Json(RelatedNotesView::from(&related.into_inner())))
    }

    #[tool(
        description = "Write a new note into the operator's vault (under Runner/memory/) and \
                       index it at once, so later searches find it. Use it only when the user \
                       asks you to remember something, or to keep a fact worth keeping with \
                       where it came from (source). Returns the path written; it never changes \
                       an existing note.",
        annotations(
            destructive_hint = false,
            idempotent_hint = false,
            open_world_hint = false
        )
    )]
    async fn remember(
        &self,
        Parameters(arguments): Parameters<RememberArguments>,
    ) -> Result<Json<RememberedView>, ToolFailure> {
        let request = arguments.request()?;
        let written = self
            .link
            .memory()
            .remember(request)
            .await
            .map_err(|status| self.link.failure(&status))?;
        Ok(Json(RememberedView {
            path: written.into_inner().path,
        }))
    }
}

impl ClusterTools {
    /// A failed call about one note; NOT_FOUND always names the path asked for.
    fn note_failure(&self, status: &Status, path: &str) -> ToolFailure {
        let mut failure = self.link.failure(status);
        if status.code() == Code::NotFound && !failure.error.contains(path) {
            failure.error = format!("memory holds no note {path:?}: {}", failure.error);
        }
        failure
    }
}

#[cfg(test)]
mod tests;
