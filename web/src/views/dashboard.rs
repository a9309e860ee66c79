//! The dashboard: a live region (fed by `/events/cluster`) holding a summary line, one card per
//! host and the models × hosts grid, all rendered from one cluster snapshot.

use maud::{Markup, html};
use proto::v1::NodeState;

use super::format::time_of_day;
use super::host_card::host_card;
use super::model_matrix::model_matrix;
use crate::cluster_feed::ClusterView;

/// The page body: the live region with the current view already in it.
pub fn dashboard_body(view: &ClusterView) -> Markup {
    html! {
        div.dashboard-head {
            h1 { "Cluster" }
            // app.js says whether the live stream is connected (and data-live for tests).
            span.live-indicator #live-indicator data-live="connecting" role="status" { "connecting…" }
        }
        div hx-ext="sse" sse-connect="/events/cluster?show=dashboard" data-live-target="live-indicator" {
            div #cluster sse-swap="cluster" aria-live="off" { (cluster_fragment(view)) }
        }
    }
}

/// What every update replaces.
pub fn cluster_fragment(view: &ClusterView) -> Markup {
    html! {
        @if let Some(problem) = &view.problem {
            p.banner.warning role="alert" { (problem) }
        }
        @match &view.snapshot {
            None => p.empty { "Waiting for the coordinator's view of the cluster…" },
            Some(snapshot) => {
                @let ready = snapshot.nodes.iter().filter(|n| n.state == NodeState::Ready as i32).count();
                @let available = snapshot.models.iter().filter(|m| m.available).count();
                p.summary {
                    strong { (ready) " of " (snapshot.nodes.len()) } " hosts ready · "
                    strong { (available) " of " (snapshot.models.len()) } " models available · "
                    "updated " time { (time_of_day(snapshot.taken_at_ms)) }
                }
                section aria-labelledby="hosts-heading" {
                    h2 #hosts-heading { "Hosts" }
                    div.hosts {
                        @for node in &snapshot.nodes { (host_card(node, snapshot.taken_at_ms)) }
                    }
                }
                section aria-labelledby="models-heading" {
                    h2 #models-heading { "Models" }
                    @if snapshot.models.is_empty() {
                        p.empty { "No host reports any model yet." }
                    } @else {
                        (model_matrix(&snapshot.models, &snapshot.nodes))
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
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
}
