//! The CLI's connection to the coordinator: the shared [`client::Coordinator`], connected
//! eagerly, with failures turned into the CLI's errors (which say what to do).

use proto::v1::cluster_service_client::ClusterServiceClient;
use proto::v1::job_service_client::JobServiceClient;
use proto::v1::memory_service_client::MemoryServiceClient;
use proto::v1::schedule_service_client::ScheduleServiceClient;
use proto::v1::usage_service_client::UsageServiceClient;
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

    pub fn usage(&self) -> UsageServiceClient<Channel> {
        self.inner.usage()
    }

    pub fn memory(&self) -> MemoryServiceClient<Channel> {
        self.inner.memory()
    }

    pub fn schedules(&self) -> ScheduleServiceClient<Channel> {
        self.inner.schedules()
    }

    /// Turns a failed call into the error to report: a connection lost under the call becomes
    /// "cannot reach the coordinator", a plain HTTP answer (the HTTP port given for the gRPC
    /// one) says so, anything the coordinator said stays its status.
    pub fn call_failed(&self, status: Status) -> ClientError {
        if let Some(http_status) = plain_http_answer(&status) {
            return ClientError::HttpPort {
                url: self.inner.url().to_owned(),
                status: http_status.to_owned(),
            };
        }
        match self.inner.unreachable(&status) {
            Some(lost) => lost.into(),
            None => ClientError::Status(status),
        }
    }
}

/// `HTTP status code 404` when the answer came from an HTTP server that is not gRPC: tonic
/// then has no grpc-status to read and says so in this one message (its only signal).
fn plain_http_answer(status: &Status) -> Option<&str> {
    status
        .message()
        .strip_prefix("grpc-status header missing, mapped from ")
}

#[cfg(test)]
mod tests;
