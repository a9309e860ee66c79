//! A graph of undirected note links for the ranking's unit tests: `reach` walks them breadth
//! first, nearest first (ties by path), as the `GraphStore` contract says.

use std::collections::HashMap;

use crate::graph::{AsOf, Edge, GraphChange, GraphError, GraphStore, NodeKey, NoteFacts, Reached};

/// Links between notes, walked both ways; every link holds at any `AsOf`.
#[derive(Default)]
pub(crate) struct FakeGraph {
    pub links: Vec<(String, String)>,
    pub down: bool,
}

impl GraphStore for FakeGraph {
    fn describe(&self) -> String {
        "fake graph".to_string()
    }
    fn record(&self, _: &NoteFacts, _: i64) -> Result<GraphChange, GraphError> {
        Err(GraphError::Store("read only".to_string()))
    }
    fn expire_note(&self, _: &str, _: i64) -> Result<u64, GraphError> {
        Err(GraphError::Store("read only".to_string()))
    }
    fn reach(
        &self,
        seeds: &[String],
        hops: u32,
        _: AsOf,
        limit: usize,
    ) -> Result<Vec<Reached>, GraphError> {
        if self.down {
            return Err(GraphError::Store("fake graph is down".to_string()));
        }
        let mut best: HashMap<String, Reached> = seeds
            .iter()
            .map(|s| {
                (
                    s.clone(),
                    Reached {
                        note: s.clone(),
                        distance: 0,
                        path: vec![s.clone()],
                        via: Vec::new(),
                    },
                )
            })
            .collect();
        let mut frontier: Vec<Reached> = best.values().cloned().collect();
        for distance in 1..=hops {
            frontier.sort_by(|l, r| l.path.cmp(&r.path));
            let mut next = Vec::new();
            for from in &frontier {
                for (a, b) in &self.links {
                    let step = if *a == from.note {
                        Some((b, "link"))
                    } else if *b == from.note {
                        Some((a, "backlink"))
                    } else {
                        None
                    };
                    let Some((to, via)) = step else { continue };
                    if best.contains_key(to) {
                        continue;
                    }
                    let mut reached = from.clone();
                    reached.note = to.clone();
                    reached.distance = distance;
                    reached.path.push(to.clone());
                    reached.via.push(via.to_string());
                    best.insert(to.clone(), reached.clone());
                    next.push(reached);
                }
            }
            frontier = next;
        }
        let mut found: Vec<Reached> = best.into_values().filter(|r| r.distance > 0).collect();
        found.sort_by(|l, r| (l.distance, &l.path).cmp(&(r.distance, &r.path)));
        found.truncate(limit);
        Ok(found)
    }
    fn edges(&self, _: &NodeKey, _: AsOf) -> Result<Vec<Edge>, GraphError> {
        Ok(Vec::new())
    }
    fn edge_count(&self, _: AsOf) -> Result<u64, GraphError> {
        Ok(self.links.len() as u64)
    }
}
