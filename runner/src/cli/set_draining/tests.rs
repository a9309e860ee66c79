//! Tests of the `set_draining` module.

use proto::v1::NodeState;

use super::*;

#[test]
fn the_line_says_what_happens_to_running_jobs() {
    let mut node = Node {
        name: "davas".into(),
        draining: true,
        running: 2,
        state: NodeState::Draining as i32,
        ..Default::default()
    };
    assert_eq!(
        draining_line(&node),
        "node davas is draining: it takes no new jobs; its 2 running jobs will finish"
    );
    node.running = 0;
    assert_eq!(
        draining_line(&node),
        "node davas is draining: it takes no new jobs; nothing is running there"
    );
    let undrained = Node {
        name: "davas".into(),
        state: NodeState::Ready as i32,
        ..Default::default()
    };
    assert_eq!(
        draining_line(&undrained),
        "node davas takes jobs again (state ready)"
    );
}

#[test]
fn waiting_for_idle_counts_running_and_queued_jobs() {
    use super::wait_for_node::{Until, still_waiting_for};
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
    use super::wait_for_node::{Until, still_waiting_for};
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
