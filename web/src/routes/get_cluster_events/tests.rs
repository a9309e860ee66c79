//! Tests of the `get_cluster_events` module.

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
