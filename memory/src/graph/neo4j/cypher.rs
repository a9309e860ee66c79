//! The Cypher the Neo4j store sends, all parameterised: user text (note paths, names,
//! details) only ever travels as parameters; the one thing spliced in is a node label, taken
//! from the closed list in `rows::label`. Plain Cypher that Neo4j 5 and FalkorDB both run.

use crate::graph::NodeKind;
use crate::graph::neo4j::rows::{EDGE_COLUMNS, label};

/// An edge holds at `$valid` as known at `$known` (see `AsOf`): a missing bound is open.
const HOLDS: &str = "r.created <= $known AND (r.expired IS NULL OR $known < r.expired) \
     AND (r.valid_from IS NULL OR r.valid_from <= $valid) \
     AND (r.valid_to IS NULL OR $valid < r.valid_to)";

/// The note node, made if new, with its title.
pub const MERGE_NOTE: &str = "MERGE (n:Note {name: $note}) SET n.title = $title";

/// The signatures of the edges the note states now.
pub const CURRENT_SIGNATURES: &str =
    "MATCH (n:Note {name: $note})-[r:STATES]->() WHERE r.expired IS NULL RETURN r.sig AS sig";

/// Expires the note's current edges whose signature is in `$sigs`.
pub const EXPIRE_SIGNATURES: &str = "MATCH (n:Note {name: $note})-[r:STATES]->() \
     WHERE r.expired IS NULL AND r.sig IN $sigs SET r.expired = $at RETURN count(r) AS expired";

/// Expires every current edge of the note.
pub const EXPIRE_NOTE: &str = "MATCH (n:Note {name: $note})-[r:STATES]->() \
     WHERE r.expired IS NULL SET r.expired = $at RETURN count(r) AS expired";

/// Creates `$edges` (property maps) from the note to targets of one kind, made if new.
pub fn create_edges(target: NodeKind) -> String {
    format!(
        "MATCH (n:Note {{name: $note}}) UNWIND $edges AS e \
         MERGE (t:{label} {{name: e.to_name}}) \
         CREATE (n)-[:STATES {{sig: e.sig, note: e.note, from_kind: e.from_kind, \
         from_name: e.from_name, to_kind: e.to_kind, to_name: e.to_name, kind: e.kind, \
         key: e.key, detail: e.detail, line: e.line, valid_from: e.valid_from, \
         valid_to: e.valid_to, created: e.created, ex_model: e.ex_model, \
         ex_confidence: e.ex_confidence, ex_lines: e.ex_lines}}]->(t)",
        label = label(target)
    )
}

/// Every edge from or to the node `$name` of one kind that holds.
pub fn edges_of(kind: NodeKind) -> String {
    format!(
        "MATCH (x:{label} {{name: $name}})-[r:STATES]-() WHERE {HOLDS} RETURN DISTINCT {EDGE_COLUMNS}",
        label = label(kind)
    )
}

/// How many edges hold.
pub fn count_holding() -> String {
    format!("MATCH ()-[r:STATES]->() WHERE {HOLDS} RETURN count(r) AS edges")
}

/// The note-to-note edges that hold touching any note in `$names`, for one step of `reach`.
pub fn note_steps() -> String {
    format!(
        "MATCH (a:Note)-[r:STATES]->(b:Note) \
         WHERE (a.name IN $names OR b.name IN $names) \
         AND r.kind IN ['link', 'embed', 'property'] AND {HOLDS} \
         RETURN a.name AS from, b.name AS to, r.kind AS kind, r.key AS key"
    )
}
