//! The MCP tools' way to the coordinator: `client::Coordinator`'s lazily connected channel,
//! so `runner mcp` starts (and lists its tools) while the coordinator is down, and every call
//! made meanwhile is an `isError` result saying the coordinator cannot be reached; tonic
//! reconnects on the next call.

#[cfg(test)]
mod tests;

use client::{ConnectError, Coordinator};
use proto::v1::cluster_service_client::ClusterServiceClient;
use proto::v1::job_service_client::JobServiceClient;
use proto::v1::memory_service_client::MemoryServiceClient;
use proto::v1::schedule_service_client::ScheduleServiceClient;
use proto::v1::usage_service_client::UsageServiceClient;
use tonic::Status;
use tonic::transport::Channel;

use crate::McpError;
use crate::tool_failure::{FailureKind, ToolFailure};

/// Cheap to clone: every clone shares one channel.
#[derive(Debug, Clone)]
pub struct CoordinatorLink {
    coordinator: Coordinator,
}

impl CoordinatorLink {
    /// Checks the URL (a bare `host:port` gets `http://`); does not connect. Call it inside a
    /// Tokio runtime: the lazy channel spawns its connector task.
    pub fn new(url: &str) -> Result<Self, McpError> {
        let coordinator = Coordinator::lazy(url).map_err(|error| match error {
            ConnectError::InvalidUrl { url, problem } => {
                McpError::InvalidCoordinatorUrl { url, problem }
            }
            // A lazy connection fails only on its URL; reaching it is each call's concern.
            ConnectError::Unreachable { url, cause } => McpError::InvalidCoordinatorUrl {
                url,
                problem: cause,
            },
        })?;
        Ok(Self { coordinator })
    }

    pub fn url(&self) -> &str {
        self.coordinator.url()
    }

    pub fn jobs(&self) -> JobServiceClient<Channel> {
        self.coordinator.jobs()
    }

    pub fn cluster(&self) -> ClusterServiceClient<Channel> {
        self.coordinator.cluster()
    }

    pub fn usage(&self) -> UsageServiceClient<Channel> {
        self.coordinator.usage()
    }

    pub fn memory(&self) -> MemoryServiceClient<Channel> {
        self.coordinator.memory()
    }

    pub fn schedules(&self) -> ScheduleServiceClient<Channel> {
        self.coordinator.schedules()
    }

    /// A failed call as the tool result says it: a connection that failed under the call is
    /// "cannot reach the coordinator"; anything the coordinator answered keeps its words.
    pub fn failure(&self, status: &Status) -> ToolFailure {
        match client::lost_connection_cause(status) {
            Some(cause) => self.unreachable(&cause),
            None => ToolFailure::from_coordinator_status(status),
        }
    }

    pub fn unreachable(&self, cause: &str) -> ToolFailure {
        ToolFailure::new(
            FailureKind::Unreachable,
            format!(
                "cannot reach the coordinator at {}: {cause}; is runner serve running there?",
                self.url()
            ),
        )
    }
}
