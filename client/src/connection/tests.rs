//! Tests of the shared connection: URL checks, eager and lazy connects, lost connections.

use super::*;

/// The rules themselves are `settings::normalized_coordinator_url`'s (tested there); here, that
/// a refused URL becomes `InvalidUrl` with the URL as given, trimmed.
#[test]
fn an_unusable_url_is_invalid_with_the_reason() {
    let error = normalized_coordinator_url(" https://vps:7070 ").unwrap_err();
    let ConnectError::InvalidUrl { url, problem } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(url, "https://vps:7070");
    assert!(problem.contains("https"), "{problem}");
    assert_eq!(
        normalized_coordinator_url("vps:7070").unwrap(),
        "http://vps:7070"
    );
}

#[tokio::test]
async fn a_closed_port_is_unreachable_with_the_os_reason() {
    // Bind then drop a listener so the port is very likely closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let error = Coordinator::connect(&url).await.err().unwrap();
    let text = error.to_string();
    assert!(
        text.starts_with(&format!("cannot reach the coordinator at {url}: ")),
        "{text}"
    );
    assert!(text.to_lowercase().contains("refused"), "{text}");
}

#[tokio::test]
async fn a_lazy_client_fails_calls_not_construction() {
    // Port 1 on loopback: nothing listens there.
    let coordinator = Coordinator::lazy("127.0.0.1:1").unwrap();
    assert_eq!(coordinator.url(), "http://127.0.0.1:1");
    let status = coordinator
        .cluster()
        .list_nodes(proto::v1::ListNodesRequest::default())
        .await
        .unwrap_err();
    assert_eq!(status.code(), tonic::Code::Unavailable);
    let error = coordinator.unreachable(&status).unwrap();
    assert!(
        error.to_string().to_lowercase().contains("refused"),
        "{error}"
    );
}

#[tokio::test]
async fn only_a_failed_connection_is_unreachable() {
    let coordinator = Coordinator::lazy("http://127.0.0.1:9").unwrap();
    let sent = Status::unavailable("the coordinator is shutting down");
    assert!(coordinator.unreachable(&sent).is_none());
    let mut lost = Status::unavailable("transport error");
    lost.set_source(std::sync::Arc::new(std::io::Error::new(
        std::io::ErrorKind::ConnectionReset,
        "connection reset by peer",
    )));
    assert_eq!(
        coordinator.unreachable(&lost).unwrap().to_string(),
        "cannot reach the coordinator at http://127.0.0.1:9: connection reset by peer"
    );
    // The connection closing under a call in flight: hyper's "canceled", with its source.
    let mut cut = Status::cancelled("operation was canceled: connection closed");
    cut.set_source(std::sync::Arc::new(std::io::Error::other(
        "operation was canceled: connection closed",
    )));
    assert_eq!(
        coordinator.unreachable(&cut).unwrap().to_string(),
        "cannot reach the coordinator at http://127.0.0.1:9: operation was canceled: connection closed"
    );
    assert!(
        coordinator
            .unreachable(&Status::cancelled("by the server"))
            .is_none()
    );
    let mut internal = Status::internal("store broke");
    internal.set_source(std::sync::Arc::new(std::io::Error::other("disk")));
    assert!(coordinator.unreachable(&internal).is_none());
}

#[test]
fn innermost_cause_walks_the_whole_chain() {
    let inner = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "connection refused");
    let outer = std::io::Error::other(inner);
    assert_eq!(innermost_cause(&outer), "connection refused");
}
