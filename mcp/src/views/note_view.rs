//! The answers of `get_note`, `related_notes` and `remember`: one note as memory knows it
//! (content, tags, properties, links both ways), the notes near one in the graph with the path
//! that reaches each, and the path a remembered note was written to.

use proto::v1::{MemoryNote, NoteLink, NoteProperty, RelatedNote, RelatedNotesResponse};
use schemars::JsonSchema;
use serde::Serialize;

use super::nonzero;

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct MemoryNoteView {
    /// The vault path ("Projects/AI governance.md").
    pub path: String,
    pub title: String,
    /// The whole Markdown text, frontmatter included.
    pub content: String,
    pub tags: Vec<String>,
    pub properties: Vec<NotePropertyView>,
    /// What this note links to (links, embeds, tags, properties, folder, dates).
    pub links: Vec<NoteLinkView>,
    /// What links to this note.
    pub backlinks: Vec<NoteLinkView>,
    /// When the file was last changed, in Unix milliseconds; absent when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified_ms: Option<i64>,
    pub content_hash: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct NotePropertyView {
    pub key: String,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct NoteLinkView {
    /// The note linked to (or from, for a backlink): its vault path when it exists, else as
    /// written.
    pub note: String,
    /// `link`, `embed`, `tag`, `property:<key>`, `folder` or `date`.
    pub kind: String,
    /// The `#heading` or `^block` part, or the alias shown; absent when there is none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub detail: String,
    /// False for a link to a note that does not exist.
    pub exists: bool,
    /// The line the link is on; absent when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RelatedNotesView {
    /// Nearest first.
    pub notes: Vec<RelatedNoteView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RelatedNoteView {
    /// The related note's vault path.
    pub note: String,
    pub title: String,
    /// How many links away from the asked note.
    pub distance: u32,
    /// The notes from the asked one to this one, both included.
    pub path: Vec<String>,
    /// The kind of each step's edge ("link", "backlink", "tag:governance", …).
    pub via: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct RememberedView {
    /// The vault path written ("Runner/memory/2026-12-03 Model risk tiers.md"); memory
    /// indexed it at once, so search_memory and get_note find it now.
    pub path: String,
}

impl From<&NoteLink> for NoteLinkView {
    fn from(link: &NoteLink) -> Self {
        Self {
            note: link.note.clone(),
            kind: link.kind.clone(),
            detail: link.detail.clone(),
            exists: link.exists,
            line: nonzero(link.line),
        }
    }
}

impl From<&NoteProperty> for NotePropertyView {
    fn from(property: &NoteProperty) -> Self {
        Self {
            key: property.key.clone(),
            values: property.values.clone(),
        }
    }
}

impl From<&MemoryNote> for MemoryNoteView {
    fn from(note: &MemoryNote) -> Self {
        Self {
            path: note.path.clone(),
            title: note.title.clone(),
            content: note.content.clone(),
            tags: note.tags.clone(),
            properties: note.properties.iter().map(NotePropertyView::from).collect(),
            links: note.links.iter().map(NoteLinkView::from).collect(),
            backlinks: note.backlinks.iter().map(NoteLinkView::from).collect(),
            modified_ms: nonzero(note.modified_ms),
            content_hash: note.content_hash.clone(),
        }
    }
}

impl From<&RelatedNote> for RelatedNoteView {
    fn from(note: &RelatedNote) -> Self {
        Self {
            note: note.note.clone(),
            title: note.title.clone(),
            distance: note.distance,
            path: note.path.clone(),
            via: note.via.clone(),
        }
    }
}

impl From<&RelatedNotesResponse> for RelatedNotesView {
    fn from(response: &RelatedNotesResponse) -> Self {
        Self {
            notes: response.notes.iter().map(RelatedNoteView::from).collect(),
        }
    }
}

#[cfg(test)]
mod tests;
