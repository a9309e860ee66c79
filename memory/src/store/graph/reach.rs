//! Breadth-first walk from seed notes over note-to-note edges (links, embeds, properties whose
//! value is a note), both ways, counting only edges that hold at the `AsOf`. One query per
//! visited note; each level keeps, per note reached, the smallest shortest path.

use std::collections::{BTreeMap, HashMap, btree_map::Entry};

use rusqlite::{Connection, named_params};

use super::kinds::{HOLDS, step_label};
use crate::graph::{AsOf, Reached};
use crate::store::StoreError;

/// No walk goes further than this, whatever is asked.
const MAX_HOPS: u32 = 16;

fn neighbours_sql() -> String {
    let note_edge = "(e.kind IN ('link', 'embed') OR e.kind LIKE 'property:%')";
    format!(
        "SELECT t.name, e.kind, 1 FROM edges e
             JOIN nodes f ON f.id = e.from_node JOIN nodes t ON t.id = e.to_node
             WHERE f.kind = 'note' AND f.name = :note AND t.kind = 'note' AND {note_edge} AND {HOLDS}
         UNION ALL
         SELECT f.name, e.kind, 0 FROM edges e
             JOIN nodes f ON f.id = e.from_node JOIN nodes t ON t.id = e.to_node
             WHERE t.kind = 'note' AND t.name = :note AND f.kind = 'note' AND {note_edge} AND {HOLDS}
         ORDER BY 1, 3 DESC, 2"
    )
}

type Route = (Vec<String>, Vec<String>);

pub(super) fn reach(
    conn: &Connection,
    seeds: &[String],
    hops: u32,
    as_of: AsOf,
    limit: usize,
) -> Result<Vec<Reached>, StoreError> {
    let mut stmt = conn.prepare_cached(&neighbours_sql())?;
    let mut known: HashMap<String, Route> = HashMap::new();
    let mut frontier: Vec<String> = Vec::new();
    for seed in seeds {
        if known
            .insert(seed.clone(), (vec![seed.clone()], Vec::new()))
            .is_none()
        {
            frontier.push(seed.clone());
        }
    }
    let mut reached = Vec::new();
    for distance in 1..=hops.min(MAX_HOPS) {
        if frontier.is_empty() || reached.len() >= limit {
            break;
        }
        let mut next: BTreeMap<String, Route> = BTreeMap::new();
        for note in &frontier {
            let (path, via) = known.get(note).cloned().unwrap_or_default();
            let params = named_params! {
                ":note": note, ":known": as_of.known_at_ms, ":valid": as_of.valid_at_ms,
            };
            let rows = stmt.query_map(params, |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            })?;
            for row in rows {
                let (other, kind, forward) = row?;
                if known.contains_key(&other) {
                    continue;
                }
                let mut route = (path.clone(), via.clone());
                route.0.push(other.clone());
                route.1.push(step_label(&kind, forward == 1));
                match next.entry(other) {
                    Entry::Vacant(slot) => {
                        slot.insert(route);
                    }
                    Entry::Occupied(mut slot) if route.0 < slot.get().0 => {
                        slot.insert(route);
                    }
                    Entry::Occupied(_) => {}
                }
            }
        }
        frontier = next.keys().cloned().collect();
        for (note, (path, via)) in next {
            known.insert(note.clone(), (path.clone(), via.clone()));
            reached.push(Reached {
                note,
                distance,
                path,
                via,
            });
        }
    }
    reached.sort_by(|a, b| {
        a.distance
            .cmp(&b.distance)
            .then_with(|| a.path.cmp(&b.path))
    });
    reached.truncate(limit);
    Ok(reached)
}
