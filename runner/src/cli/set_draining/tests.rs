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
