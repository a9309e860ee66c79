//! One note as memory holds it (with its links and backlinks from the graph), the notes near
//! it, and remembering a new one.

use proto::v1::{
    MemoryNote, NoteLink, NoteProperty, RelatedNote, RelatedNotesRequest, RelatedNotesResponse,
    RememberRequest, RememberResponse,
};
use tonic::Status;

use super::{Memory, blocking};
use crate::graph::{AsOf, Edge, EdgeKind, NodeKey, NodeKind};
use crate::remember::{Remembered, write_note};
use crate::store::MemoryDb;

const RELATED_HOPS: u32 = 2;
const RELATED_LIMIT: usize = 20;

impl Memory {
    pub async fn note(&self, path: String) -> Result<MemoryNote, Status> {
        let targets = self.targets.clone();
        blocking(move || {
            let stored = find_note(&targets.db, &path)?;
            let key = NodeKey {
                kind: NodeKind::Note,
                name: stored.path.clone(),
            };
            let edges = targets
                .graph
                .edges(&key, AsOf::now(crate::clock::now_ms()))
                .map_err(|error| Status::unavailable(error.to_string()))?;
            let (links, backlinks) = split_links(&key, edges);
            Ok(MemoryNote {
                path: stored.path,
                title: stored.title,
                content: stored.content,
                tags: stored.tags.into_iter().map(|tagged| tagged.tag).collect(),
                properties: stored
                    .properties
                    .into_iter()
                    .map(|property| NoteProperty {
                        key: property.key,
                        values: property.values,
                    })
                    .collect(),
                links,
                backlinks,
                modified_ms: stored.modified_ms,
                content_hash: stored.content_hash,
            })
        })
        .await
    }

    pub async fn related(
        &self,
        request: RelatedNotesRequest,
    ) -> Result<RelatedNotesResponse, Status> {
        let targets = self.targets.clone();
        blocking(move || {
            let note = find_note(&targets.db, &request.path)?;
            let hops = if request.hops == 0 {
                RELATED_HOPS
            } else {
                request.hops
            };
            let limit = match request.limit {
                0 => RELATED_LIMIT,
                n => usize::try_from(n).unwrap_or(RELATED_LIMIT),
            };
            let now = AsOf::now(crate::clock::now_ms());
            let reached = targets
                .graph
                .reach(std::slice::from_ref(&note.path), hops, now, limit)
                .map_err(|error| Status::unavailable(error.to_string()))?;
            let mut notes = Vec::with_capacity(reached.len());
            for step in reached {
                let title = targets
                    .db
                    .note(&step.note)
                    .ok()
                    .flatten()
                    .map(|stored| stored.title)
                    .unwrap_or_default();
                notes.push(RelatedNote {
                    note: step.note,
                    title,
                    distance: step.distance,
                    path: step.path,
                    via: step.via,
                });
            }
            Ok(RelatedNotesResponse { notes })
        })
        .await
    }

    /// Writes the note into the vault, then syncs so it can be found at once.
    pub async fn remember(&self, request: RememberRequest) -> Result<RememberResponse, Status> {
        let vault = self.config.vault.clone();
        let path = blocking(move || {
            let day = crate::clock::day_of(crate::clock::now_ms());
            let note = Remembered {
                title: &request.title,
                content: &request.content,
                tags: &request.tags,
                source: &request.source,
                day: &day,
            };
            write_note(&vault, &note).map_err(|error| match error {
                crate::remember::RememberError::Write { .. } => Status::internal(error.to_string()),
                other => Status::invalid_argument(other.to_string()),
            })
        })
        .await?;
        // Nobody watches this sync's progress.
        let (progress, _unread) = tokio::sync::mpsc::channel(1);
        self.sync(false, progress).await?;
        Ok(RememberResponse { path })
    }
}

/// The note at `path` (also found without its `.md`), or NOT_FOUND naming it.
fn find_note(db: &MemoryDb, path: &str) -> Result<crate::store::StoredNote, Status> {
    let path = path.trim().trim_start_matches('/');
    let mut candidates = vec![path.to_owned()];
    if !path.ends_with(".md") {
        candidates.push(format!("{path}.md"));
    }
    for candidate in candidates {
        let stored = db
            .note(&candidate)
            .map_err(|error| Status::internal(error.to_string()))?;
        if let Some(stored) = stored.filter(|stored| stored.deleted_ms.is_none()) {
            return Ok(stored);
        }
    }
    Err(Status::not_found(format!(
        "memory holds no note {path:?}: give its vault path, like \"Projects/AI governance.md\" (runner memory search finds it)"
    )))
}

/// The note's own statements, and the other notes' statements about it.
fn split_links(note: &NodeKey, edges: Vec<Edge>) -> (Vec<NoteLink>, Vec<NoteLink>) {
    let mut links = Vec::new();
    let mut backlinks = Vec::new();
    for edge in edges {
        if &edge.from == note {
            links.push(NoteLink {
                exists: edge.to.kind == NodeKind::Note,
                note: edge.to.name,
                kind: kind_word(&edge.kind),
                detail: edge.detail,
                line: edge.line,
            });
        } else if &edge.to == note {
            backlinks.push(NoteLink {
                exists: edge.from.kind == NodeKind::Note,
                note: edge.from.name,
                kind: kind_word(&edge.kind),
                detail: edge.detail,
                line: edge.line,
            });
        }
    }
    (links, backlinks)
}

pub(crate) fn kind_word(kind: &EdgeKind) -> String {
    match kind {
        EdgeKind::Link => "link".into(),
        EdgeKind::Embed => "embed".into(),
        EdgeKind::Tag => "tag".into(),
        EdgeKind::Property(key) => format!("property:{key}"),
        EdgeKind::InFolder => "folder".into(),
        EdgeKind::OnDate => "date".into(),
        EdgeKind::Fact(relation) => format!("fact:{relation}"),
    }
}
