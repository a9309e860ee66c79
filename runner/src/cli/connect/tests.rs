//! Tests of the `connect` module.

use super::*;

#[test]
fn a_bad_url_says_which_flag_sets_it() {
    let error: ClientError = client::normalized_coordinator_url("ftp://vps")
        .unwrap_err()
        .into();
    assert_eq!(
        error.to_string(),
        "`ftp://vps` is not a coordinator URL: expected http://HOST:PORT; pass one like \
             http://127.0.0.1:7070 with --coordinator or RUNNER_COORDINATOR"
    );
}

#[tokio::test]
async fn a_lost_connection_says_to_check_runner_serve() {
    let coordinator = Coordinator {
        inner: client::Coordinator::lazy("http://127.0.0.1:9").unwrap(),
    };
    let mut lost = Status::unavailable("transport error");
    lost.set_source(std::sync::Arc::new(std::io::Error::new(
        std::io::ErrorKind::ConnectionReset,
        "connection reset by peer",
    )));
    assert_eq!(
        coordinator.call_failed(lost).to_string(),
        "cannot reach the coordinator at http://127.0.0.1:9: connection reset by peer; is runner serve running?"
    );
    let sent = coordinator.call_failed(Status::unavailable("shutting down"));
    assert!(matches!(sent, ClientError::Status(_)), "{sent:?}");
}
