//! Tests: The nodes' lines: by name, a reason only when not ready.

use super::*;

#[test]
fn nodes_are_listed_by_name_with_a_reason_only_when_not_ready() {
    let node = |name: &str, state: NodeState, reason: &str| Node {
        name: name.into(),
        state: state.into(),
        state_reason: reason.into(),
        ..Node::default()
    };
    let nodes = [
        node("davas", NodeState::Down, "agent down since 09:12"),
        node("contabo", NodeState::Ready, "stale words"),
    ];
    assert_eq!(
        node_lines(&nodes),
        [
            ("contabo".to_owned(), "ready".to_owned(), String::new()),
            (
                "davas".to_owned(),
                "down".to_owned(),
                "agent down since 09:12".to_owned()
            ),
        ]
    );
}
