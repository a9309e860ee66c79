//! `--wait` of `runner drain` and `runner undrain`: polls the cluster view until the node is
//! idle (nothing running or queued) or its agent is connected, printing what it waits for
//! each time that changes. A rolling upgrade runs `drain --wait`, replaces the agent, then
//! `undrain --wait`.

use std::time::Duration;

use proto::v1::{ListNodesRequest, Node, NodeState};
use tokio::time::Instant;
use tonic::Status;

use super::super::Terminal;
use super::super::connect::Coordinator;
use super::super::exit_code::ClientError;

/// How often the cluster view is read while waiting.
const POLL_EVERY: Duration = Duration::from_millis(250);

/// What the node must come to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Until {
    /// No job running or queued there.
    Idle,
    /// Its agent connected (in any state but down).
    Connected,
}

/// `Ok(Some(node))` once the node got there, `Ok(None)` when `timeout` passed first (the
/// last line printed says what it was still waiting for).
pub(super) async fn wait_for_node(
    coordinator: &Coordinator,
    name: &str,
    until: Until,
    timeout: Duration,
    terminal: &mut Terminal<'_>,
) -> Result<Option<Node>, ClientError> {
    let deadline = Instant::now() + timeout;
    let mut last_said = String::new();
    loop {
        let node = read_node(coordinator, name).await?;
        let Some(waiting_for) = still_waiting_for(&node, until) else {
            return Ok(Some(node));
        };
        if waiting_for != last_said {
            writeln!(terminal.err, "waiting for node {name}: {waiting_for}")?;
            terminal.err.flush()?;
            last_said = waiting_for;
        }
        if Instant::now() + POLL_EVERY > deadline {
            return Ok(None);
        }
        tokio::time::sleep(POLL_EVERY).await;
    }
}

async fn read_node(coordinator: &Coordinator, name: &str) -> Result<Node, ClientError> {
    let answer = coordinator
        .cluster()
        .list_nodes(ListNodesRequest::default())
        .await;
    let nodes = answer
        .map_err(|status| coordinator.call_failed(status))?
        .into_inner()
        .nodes;
    nodes
        .into_iter()
        .find(|node| node.name == name)
        .ok_or_else(|| {
            ClientError::Status(Status::not_found(format!(
                "no node named `{name}` in the coordinator's [[nodes]]"
            )))
        })
}

/// What the node still lacks, in words; `None` when it has come to `until`.
fn still_waiting_for(node: &Node, until: Until) -> Option<String> {
    match until {
        Until::Idle if node.running == 0 && node.queued == 0 => None,
        Until::Idle => Some(format!("{} running, {} queued", node.running, node.queued)),
        Until::Connected
            if node.state != NodeState::Down as i32
                && node.state != NodeState::Unspecified as i32 =>
        {
            None
        }
        Until::Connected if node.state_reason.is_empty() => {
            Some("its agent is not connected".to_owned())
        }
        Until::Connected => Some(format!(
            "its agent is not connected ({})",
            node.state_reason
        )),
    }
}

#[cfg(test)]
mod tests;
