//! The CLI's connection to the coordinator: the shared [`client::Coordinator`], connected
//! eagerly, with failures turned into the CLI's errors (which say what to do).

use proto::v1::cluster_service_client::ClusterServiceClient;
use proto::v1::job_service_client::JobServiceClient;
use tonic::Status;
use tonic::transport::Channel;

use super::exit_code::ClientError;

/// A connected coordinator; cheap to make clients from (they share the channel).
pub struct Coordinator {
    inner: client::Coordinator,
}

impl Coordinator {
    pub async fn connect(url: &str) -> Result<Self, ClientError> {
        let inner = client::Coordinator::connect(url).await?;
        Ok(Self { inner })
    }

    pub fn jobs(&self) -> JobServiceClient<Channel> {
        self.inner.jobs()
    }

    pub fn cluster(&self) -> ClusterServiceClient<Channel> {
        self.inner.cluster()
    }

    /// Turns a failed call into the error to report: a connection lost under the call becomes
    /// "cannot reach the coordinator", anything the coordinator said stays its status.
    pub fn call_failed(&self, status: Status) -> ClientError {
        match self.inner.unreachable(&status) {
            Some(lost) => lost.into(),
            None => ClientError::Status(status),
        }
    }
}

#[cfg(test)]
mod tests {
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
}
