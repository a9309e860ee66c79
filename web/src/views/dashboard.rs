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
mod tests;
