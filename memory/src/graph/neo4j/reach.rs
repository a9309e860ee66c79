//! `reach` walked hop by hop on the client: each hop asks the server for the note-to-note
//! edges that hold around the frontier, so the same plain query runs on Neo4j and FalkorDB,
//! and ties break the same way as in the embedded store: among shortest paths, the smallest
//! (path, via) wins; results come nearest first, then by path.

use std::collections::{BTreeMap, BTreeSet};

use crate::graph::Reached;

/// One note-to-note edge as stored: `from` states it about `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub from: String,
    pub to: String,
    /// `link`, `embed` or `property`.
    pub kind: String,
    /// The property key (empty for links and embeds).
    pub key: String,
}

/// How a step reads walked forward and against its direction.
fn words(step: &Step) -> (String, String) {
    match step.kind.as_str() {
        "link" => ("link".to_owned(), "backlink".to_owned()),
        "embed" => ("embed".to_owned(), "embedded by".to_owned()),
        _ => (
            format!("property:{}", step.key),
            format!("property:{} (from)", step.key),
        ),
    }
}

/// The walk from `seeds`: `hops` rounds of `steps_around(frontier)`, each a server query.
pub fn walk<E>(
    seeds: &[String],
    hops: u32,
    limit: usize,
    mut steps_around: impl FnMut(&[String]) -> Result<Vec<Step>, E>,
) -> Result<Vec<Reached>, E> {
    let seed_set: BTreeSet<&String> = seeds.iter().collect();
    // Best (path, via) per note reached so far; the frontier holds the last hop's notes.
    let mut best: BTreeMap<String, (Vec<String>, Vec<String>)> = BTreeMap::new();
    let mut frontier: BTreeMap<String, (Vec<String>, Vec<String>)> = seed_set
        .iter()
        .map(|seed| ((*seed).clone(), (vec![(*seed).clone()], Vec::new())))
        .collect();
    for _ in 0..hops {
        if frontier.is_empty() {
            break;
        }
        let names: Vec<String> = frontier.keys().cloned().collect();
        let mut next: BTreeMap<String, (Vec<String>, Vec<String>)> = BTreeMap::new();
        for step in steps_around(&names)? {
            let (forward, backward) = words(&step);
            for (here, there, word) in [
                (&step.from, &step.to, forward),
                (&step.to, &step.from, backward),
            ] {
                let Some((path, via)) = frontier.get(here) else {
                    continue;
                };
                if seed_set.contains(there) || best.contains_key(there) {
                    continue;
                }
                let mut candidate = (path.clone(), via.clone());
                candidate.0.push(there.clone());
                candidate.1.push(word.clone());
                let entry = next
                    .entry(there.clone())
                    .or_insert_with(|| candidate.clone());
                if candidate < *entry {
                    *entry = candidate;
                }
            }
        }
        best.extend(
            next.iter()
                .map(|(note, found)| (note.clone(), found.clone())),
        );
        frontier = next;
    }
    let mut reached: Vec<Reached> = best
        .into_iter()
        .map(|(note, (path, via))| Reached {
            note,
            distance: u32::try_from(via.len()).unwrap_or(u32::MAX),
            path,
            via,
        })
        .collect();
    reached.sort_by(|a, b| (a.distance, &a.path).cmp(&(b.distance, &b.path)));
    reached.truncate(limit);
    Ok(reached)
}

#[cfg(test)]
mod tests;
