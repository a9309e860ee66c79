//! Tests of `wait_for_node`: what a drain or undrain still waits for, in words.

use proto::v1::{Node, NodeState};

use super::{Until, still_waiting_for};

#[test]
fn waiting_for_idle_counts_running_and_queued_jobs() {
    let mut node = Node {
        name: "davas".into(),
        draining: true,
        running: 1,
        queued: 2,
        state: NodeState::Draining as i32,
        ..Default::default()
    };
    assert_eq!(
        still_waiting_for(&node, Until::Idle).as_deref(),
        Some("1 running, 2 queued")
    );
    node.running = 0;
    assert!(still_waiting_for(&node, Until::Idle).is_some());
    node.queued = 0;
    assert_eq!(still_waiting_for(&node, Until::Idle), None);
}

#[test]
fn waiting_for_the_agent_accepts_any_connected_state() {
    let mut node = Node {
        name: "davas".into(),
        state: NodeState::Down as i32,
        state_reason: "connection to the agent lost".into(),
        ..Default::default()
    };
    assert_eq!(
        still_waiting_for(&node, Until::Connected).as_deref(),
        Some("its agent is not connected (connection to the agent lost)")
    );
    for connected in [NodeState::Ready, NodeState::Draining, NodeState::OllamaDown] {
        node.state = connected as i32;
        assert_eq!(still_waiting_for(&node, Until::Connected), None);
    }
}
