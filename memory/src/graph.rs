//! The knowledge graph: what each note states (links, embeds, tags, properties, its folder and
//! date), as bi-temporal edges. Valid time says when a fact held in the world (from a note's
//! dates); system time says when memory learned it (`created_ms`) and when a later revision of
//! the note stopped stating it (`expired_ms`). Nothing is deleted: an edited or deleted note
//! expires its edges, and queries "as of" either axis still see them. The embedded store keeps
//! it in SQLite tables, the server store in Neo4j (or FalkorDB) over Bolt; one conformance suite.

/// What a node of the graph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    /// A note of the vault, named by its path.
    Note,
    /// A link target no note answers to, named as written.
    Missing,
    Tag,
    Folder,
    /// A day, `YYYY-MM-DD`.
    Date,
    /// A property value that is not a link, named `key=value`.
    Value,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeKey {
    pub kind: NodeKind,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EdgeKind {
    Link,
    Embed,
    Tag,
    /// A frontmatter property, by key (`status`, `related`, …).
    Property(String),
    InFolder,
    OnDate,
    /// A fact a model extracted (`relation` names it); see `Extraction`.
    Fact(String),
}

/// Where a model-extracted fact came from and how sure the model was.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    pub model: String,
    pub confidence: f32,
    pub line_start: u32,
    pub line_end: u32,
}

/// An edge a note states now, before the store dates it.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeDraft {
    pub kind: EdgeKind,
    pub to: NodeKey,
    /// `#heading`, `^block` or the alias of a link; empty when none.
    pub detail: String,
    pub line: u32,
    /// Valid time (ms): from the note's date when it has one.
    pub valid_from_ms: Option<i64>,
    pub valid_to_ms: Option<i64>,
    pub extraction: Option<Extraction>,
}

/// Everything one revision of a note states.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteFacts {
    /// The note's vault path.
    pub note: String,
    pub title: String,
    pub edges: Vec<EdgeDraft>,
}

/// A stored edge with both time axes.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: NodeKey,
    pub kind: EdgeKind,
    pub to: NodeKey,
    pub detail: String,
    pub line: u32,
    pub valid_from_ms: Option<i64>,
    pub valid_to_ms: Option<i64>,
    /// System time: when memory first recorded it.
    pub created_ms: i64,
    /// System time: when a revision of the note stopped stating it.
    pub expired_ms: Option<i64>,
    pub extraction: Option<Extraction>,
}

/// Which facts count: those valid at `valid_at_ms` as memory knew them at `known_at_ms`.
/// An edge counts when `created_ms <= known_at_ms < expired_ms` (none: never expired) and
/// `valid_from_ms <= valid_at_ms < valid_to_ms` (a missing bound is open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AsOf {
    pub valid_at_ms: i64,
    pub known_at_ms: i64,
}

impl AsOf {
    pub fn now(now_ms: i64) -> Self {
        Self {
            valid_at_ms: now_ms,
            known_at_ms: now_ms,
        }
    }
}

/// What `record` changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GraphChange {
    pub created: u64,
    pub expired: u64,
    pub kept: u64,
}

/// A note reached from the seeds.
#[derive(Debug, Clone, PartialEq)]
pub struct Reached {
    pub note: String,
    /// Steps from the nearest seed (1 for a direct link or backlink).
    pub distance: u32,
    /// A shortest path, seed first, this note last.
    pub path: Vec<String>,
    /// Each step's edge: "link", "embed", "property:related", with "backlink"/"embedded by"/
    /// "property:related (from)" when walked against its direction.
    pub via: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    /// The store cannot be reached or failed; the text names it ("neo4j at bolt://…: …").
    #[error("{0}")]
    Store(String),
}

pub trait GraphStore: Send + Sync {
    /// Where the graph lives, in words.
    fn describe(&self) -> String;
    /// Makes the graph state what `facts` state from `at_ms` on (system time): an edge the note
    /// no longer states is expired at `at_ms`, a new one created at `at_ms`, an unchanged one
    /// (same kind, target, detail and valid times) kept as it was. Recording the same facts
    /// twice changes nothing.
    fn record(&self, facts: &NoteFacts, at_ms: i64) -> Result<GraphChange, GraphError>;
    /// The note left the vault: every edge it states expires at `at_ms`.
    fn expire_note(&self, note: &str, at_ms: i64) -> Result<u64, GraphError>;
    /// Notes within `hops` steps of `seeds` over note-to-note edges (links, embeds, and
    /// properties whose value is a note) walked both ways, counting only edges that hold at
    /// `as_of`; nearest first (ties by path), seeds left out, at most `limit`.
    fn reach(
        &self,
        seeds: &[String],
        hops: u32,
        as_of: AsOf,
        limit: usize,
    ) -> Result<Vec<Reached>, GraphError>;
    /// Every edge from or to `node` that holds at `as_of`.
    fn edges(&self, node: &NodeKey, as_of: AsOf) -> Result<Vec<Edge>, GraphError>;
    /// Edges that hold at `as_of`.
    fn edge_count(&self, as_of: AsOf) -> Result<u64, GraphError>;
}

pub mod neo4j;
