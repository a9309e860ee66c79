//! `GET /events/cluster?show=dashboard|models`: server-sent events from the one shared cluster
//! watch. Each change is rendered for this page (the dashboard's live region, or the model
//! picker's options) and sent only when what it shows changed.

use std::convert::Infallible;
use std::future::ready;

use axum::extract::{Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::{Stream, StreamExt};
use serde::Deserialize;
use tokio_stream::wrappers::WatchStream;

use crate::app_state::AppState;
use crate::cluster_feed::ClusterView;
use crate::views::dashboard::cluster_fragment;
use crate::views::model_picker::model_options;

#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Show {
    #[default]
    Dashboard,
    Models,
}

#[derive(Debug, Deserialize)]
pub struct ClusterEventsQuery {
    #[serde(default)]
    show: Show,
}

pub async fn get_cluster_events(
    State(state): State<AppState>,
    Query(query): Query<ClusterEventsQuery>,
) -> Response {
    let events = cluster_events(&state, query.show);
    (
        // Tunnels and proxies must pass events on at once, not buffer them.
        [("x-accel-buffering", "no")],
        Sse::new(events).keep_alive(KeepAlive::default()),
    )
        .into_response()
}

fn cluster_events(
    state: &AppState,
    show: Show,
) -> impl Stream<Item = Result<Event, Infallible>> + use<> {
    WatchStream::new(state.cluster_view.subscribe())
        .map(move |view| render(show, &view))
        .scan(String::new(), |last_sent, (name, html)| {
            let changed = *last_sent != html;
            if changed {
                last_sent.clone_from(&html);
            }
            ready(Some(
                changed.then(|| Event::default().event(name).data(html)),
            ))
        })
        .filter_map(ready)
        .map(Ok)
        .take_until(state.shutdown.clone().cancelled_owned())
}

fn render(show: Show, view: &ClusterView) -> (&'static str, String) {
    match show {
        Show::Dashboard => ("cluster", cluster_fragment(view).into_string()),
        Show::Models => {
            let (models, nodes) = view
                .snapshot
                .as_ref()
                .map(|snapshot| (snapshot.models.as_slice(), snapshot.nodes.as_slice()))
                .unwrap_or_default();
            ("models", model_options(models, nodes, None).into_string())
        }
    }
}

#[cfg(test)]
mod tests;
