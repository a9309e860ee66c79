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
    WatchStream::new(state.cluster_view.clone())
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
            let models = view
                .snapshot
                .as_ref()
                .map(|snapshot| snapshot.models.as_slice())
                .unwrap_or_default();
            ("models", model_options(models, None).into_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use proto::v1::NodeState;

    use crate::test_support::TestApp;

    #[tokio::test]
    async fn a_change_reaches_an_open_stream_without_a_reload() {
        let app = TestApp::start().await;
        let first = app
            .read_events("/events/cluster", r#"data-node="davas" data-state="down""#)
            .await;
        assert!(first.contains("event: cluster"), "{first}");
        let reader = app.read_events("/events/cluster", r#"data-node="davas" data-state="ready""#);
        let change = async {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            app.coordinator.set_snapshot(|snapshot| {
                snapshot.nodes[2].state = NodeState::Ready as i32;
            });
        };
        let (events, ()) = tokio::join!(reader, change);
        assert!(events.contains(r#"data-node="davas" data-state="ready""#));
    }

    #[tokio::test]
    async fn shutdown_ends_open_streams_so_the_server_can_stop() {
        use axum::body::Body;
        use axum::http::Request;
        use futures::StreamExt;

        let app = TestApp::start().await;
        let request = Request::get("/events/cluster").body(Body::empty()).unwrap();
        let mut body = app.send(request).await.into_body().into_data_stream();
        assert!(body.next().await.is_some(), "the current view comes first");
        app.state.shutdown.cancel();
        let ended = tokio::time::timeout(std::time::Duration::from_secs(2), async {
            while body.next().await.is_some() {}
        })
        .await;
        assert!(ended.is_ok(), "the stream outlived shutdown");
    }

    #[tokio::test]
    async fn the_picker_stream_sends_options_with_reasons() {
        let app = TestApp::start().await;
        let events = app
            .read_events(
                "/events/cluster?show=models",
                "unavailable: davas: agent down",
            )
            .await;
        assert!(events.contains("event: models"), "{events}");
        assert!(
            events.contains(r#"<option value="gemma4:27b" disabled>"#),
            "{events}"
        );
        assert!(
            !events.contains("data-node"),
            "the picker stream carries no dashboard"
        );
    }
}
