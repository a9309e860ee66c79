//! Tests of the shared connection: URL checks, eager and lazy connects, lost connections.

use super::*;

#[test]
fn a_bare_host_and_port_gets_http() {
    assert_eq!(
        normalized_coordinator_url("vps:7070").unwrap(),
        "http://vps:7070"
    );
    assert_eq!(
        normalized_coordinator_url(" http://127.0.0.1:7070 ").unwrap(),
        "http://127.0.0.1:7070"
    );
}

#[test]
fn unusable_urls_are_refused_with_the_reason() {
    for (url, problem) in [
        ("", "empty"),
        ("https://vps:7070", "https"),
        ("ftp://vps", "expected http"),
        ("http://", "expected http"),
    ] {
        let error = normalized_coordinator_url(url).unwrap_err();
        assert!(matches!(error, ConnectError::InvalidUrl { .. }), "{url}");
        assert!(error.to_string().contains(problem), "{url}: {error}");
    }
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
        .list_nodes(proto::v1::ListNodesRequest {})
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
