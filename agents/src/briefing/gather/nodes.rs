//! The nodes now (`ListNodes`): each node's state word, with the reason when it is not ready.

#[cfg(test)]
mod tests;

use client::Coordinator;
use proto::v1::{ListNodesRequest, Node, NodeState};

/// (name, state, reason) per node, by name.
pub(super) async fn nodes_now(
    coordinator: &Coordinator,
) -> Result<Vec<(String, String, String)>, String> {
    let nodes = coordinator
        .cluster()
        .list_nodes(ListNodesRequest::default())
        .await
        .map_err(|status| format!("listing the nodes failed: {}", status.message()))?
        .into_inner()
        .nodes;
    Ok(node_lines(&nodes))
}

fn node_lines(nodes: &[Node]) -> Vec<(String, String, String)> {
    let mut lines: Vec<(String, String, String)> = nodes
        .iter()
        .map(|node| {
            let ready = node.state == i32::from(NodeState::Ready);
            let reason = if ready {
                String::new()
            } else {
                node.state_reason.clone()
            };
            let state = client::words::node_state_of(node).to_owned();
            (node.name.clone(), state, reason)
        })
        .collect();
    lines.sort();
    lines
}
