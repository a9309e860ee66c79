//! Draining, which the operator sets: a drained node takes no new jobs, and the drain is kept
//! in the data dir so it survives a coordinator restart.

use proto::v1::Node;

use super::draining_file::{DrainingFileError, read_drained_nodes, write_drained_nodes};
use super::events::{JobError, NodeDetail};
use super::main_loop::Cluster;
use super::suggestion::closest_name;

impl Cluster {
    pub(super) fn set_draining(&mut self, name: &str, draining: bool) -> Result<Node, JobError> {
        let index = self
            .node_index(name)
            .ok_or_else(|| self.node_not_found(name))?;
        let before = self.nodes[index].draining;
        self.nodes[index].draining = draining;
        // A drain that would not survive a restart is refused, not half applied.
        if let Err(error) = self.save_draining() {
            self.nodes[index].draining = before;
            return Err(JobError::Store(error.to_string()));
        }
        tracing::info!(node = name, draining, "node drain changed");
        self.changed();
        Ok(self.node_view(&self.nodes[index], self.clock.now_ms(), NodeDetail::Full))
    }

    /// "no node named davs; did you mean davas?", or the hint to list the nodes.
    fn node_not_found(&self, name: &str) -> JobError {
        let names = self.nodes.iter().map(|node| node.name.as_str());
        let hint = match closest_name(name, names) {
            Some(closest) => format!("did you mean {closest}?"),
            None => "list nodes with `runner nodes`".to_owned(),
        };
        JobError::NodeNotFound {
            name: name.to_owned(),
            hint,
        }
    }

    /// Draining survives a coordinator restart: the operator drained the node for a reason.
    fn save_draining(&self) -> Result<(), DrainingFileError> {
        let drained: Vec<&str> = self
            .nodes
            .iter()
            .filter(|node| node.draining)
            .map(|node| node.name.as_str())
            .collect();
        write_drained_nodes(&self.draining_file, &drained)
    }

    /// Reads which nodes were drained before a restart; called once, before the loop runs.
    pub fn load_draining(&mut self) -> Result<(), DrainingFileError> {
        let drained = read_drained_nodes(&self.draining_file)?;
        for node in &mut self.nodes {
            node.draining = drained.contains(&node.name);
        }
        Ok(())
    }
}
