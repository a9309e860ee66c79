//! Unit tests of the loop's own bookkeeping (the node map).

use super::index_by_name;
use crate::cluster::node::NodeEntry;

#[test]
fn every_node_is_found_at_its_position_and_unknown_names_are_not() {
    let nodes: Vec<NodeEntry> = ["contabo", "homelab", "davas"]
        .into_iter()
        .map(|name| NodeEntry::new(name.to_owned(), Vec::new()))
        .collect();
    let indices = index_by_name(&nodes);
    for (position, node) in nodes.iter().enumerate() {
        assert_eq!(indices.get(&node.name), Some(&position));
    }
    assert_eq!(indices.get("elsewhere"), None);
    assert_eq!(indices.len(), 3);
}
