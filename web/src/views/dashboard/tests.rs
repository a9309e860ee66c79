//! Tests of the `dashboard` module.

use std::sync::Arc;

use proto::v1::{ClusterSnapshot, Node};

use super::*;

#[test]
fn the_fragment_shows_the_problem_and_the_hosts() {
    let view = ClusterView {
        snapshot: Some(Arc::new(ClusterSnapshot {
            nodes: vec![Node {
                name: "davas".into(),
                state: NodeState::Ready as i32,
                ..Default::default()
            }],
            ..Default::default()
        })),
        problem: Some("the view is not live".into()),
    };
    let text = cluster_fragment(&view).into_string();
    assert!(text.contains("the view is not live") && text.contains(r#"data-node="davas""#));
    assert!(text.contains("1 of 1</strong> hosts ready"), "{text}");
    let body = dashboard_body(&ClusterView::default()).into_string();
    assert!(body.contains(r#"sse-connect="/events/cluster?show=dashboard""#));
    assert!(body.contains("Waiting for the coordinator"));
}
