//! URL checks, and telling a lost connection from an answer of the coordinator.

use super::*;

// A lazy channel starts its connector task at once, so even these need a runtime.
#[tokio::test]
async fn urls_are_normalized_or_refused_with_the_reason() {
    assert_eq!(
        CoordinatorLink::new("vps:7070").unwrap().url(),
        "http://vps:7070"
    );
    assert_eq!(
        CoordinatorLink::new(" http://127.0.0.1:7070 ")
            .unwrap()
            .url(),
        "http://127.0.0.1:7070"
    );
    for (url, problem) in [
        ("", "empty"),
        ("https://vps", "https"),
        ("ftp://vps", "expected"),
    ] {
        let error = CoordinatorLink::new(url).unwrap_err().to_string();
        assert!(error.contains(problem), "{url}: {error}");
        assert!(error.contains("--coordinator"), "{error}");
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
    let link = CoordinatorLink::new(&format!("127.0.0.1:{port}")).unwrap();
    let status = link
        .cluster()
        .list_nodes(proto::v1::ListNodesRequest::default())
        .await
        .unwrap_err();
    let failure = link.failure(&status);
    assert_eq!(failure.kind, FailureKind::Unreachable);
    assert!(
        failure.error.starts_with(&format!(
            "cannot reach the coordinator at http://127.0.0.1:{port}: "
        )),
        "{}",
        failure.error
    );
    assert!(
        failure.error.to_lowercase().contains("refused"),
        "{}",
        failure.error
    );
}

#[tokio::test]
async fn only_a_failed_connection_counts_as_unreachable() {
    let link = CoordinatorLink::new("127.0.0.1:9").unwrap();
    let said = link.failure(&Status::unavailable("the coordinator is shutting down"));
    assert_eq!(said.kind, FailureKind::CoordinatorError);
    let mut lost = Status::unavailable("transport error");
    lost.set_source(std::sync::Arc::new(std::io::Error::new(
        std::io::ErrorKind::ConnectionReset,
        "connection reset by peer",
    )));
    let failure = link.failure(&lost);
    assert_eq!(failure.kind, FailureKind::Unreachable);
    assert!(
        failure.error.contains("connection reset by peer"),
        "{}",
        failure.error
    );
}
