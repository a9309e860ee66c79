//! Builds the `AgentStatus` messages of one link: the latest Ollama health and host facts, the
//! running job count, and a sequence number that grows with every status on the link.

use proto::v1::{AgentStatus, HostFacts};

use crate::prober::BackendHealth;

/// Numbers the statuses of one link, from 1.
#[derive(Debug, Default)]
pub(super) struct StatusSequence {
    last: u64,
}

impl StatusSequence {
    pub fn next_status(
        &mut self,
        health: &BackendHealth,
        host: &HostFacts,
        running_jobs: u32,
    ) -> AgentStatus {
        self.last += 1;
        AgentStatus {
            sequence: self.last,
            ollama_reachable: health.reachable,
            ollama_version: health.version.clone(),
            ollama_error: health.error.clone(),
            installed: health.installed.clone(),
            loaded: health.loaded.clone(),
            host: Some(host.clone()),
            running_jobs,
            unavailable: health.unavailable.clone(),
        }
    }
}

#[cfg(test)]
mod tests;
