//! Tests of the `views` module.

use proto::v1::{IneligibilityCode, NodeIneligibility};

use super::*;

#[test]
fn a_node_reason_keeps_the_node_and_its_words() {
    let view = NodeReasonView::from(&NodeIneligibility {
        node: "davas".into(),
        code: IneligibilityCode::AgentDown as i32,
        reason: "davas: agent down since 10:00 (41 s)".into(),
    });
    assert_eq!(view.node, "davas");
    assert_eq!(view.code, "agent_down");
    assert_eq!(view.reason, "davas: agent down since 10:00 (41 s)");
    assert_eq!(nonzero(0_u64), None);
    assert_eq!(nonzero(5_u64), Some(5));
}
