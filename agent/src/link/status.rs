//! Builds the `AgentStatus` messages of one link: the latest Ollama health and host facts, the
//! running job count, and a sequence number that grows with every status on the link. The
//! installed models go in full only when the link has not sent that list yet: most statuses
//! say `installed_unchanged` instead of repeating a few kilobytes a second.

use proto::v1::{AgentStatus, HostFacts, InstalledModel};

use crate::prober::BackendHealth;

/// Numbers the statuses of one link, from 1, and remembers the installed list it last sent.
#[derive(Debug, Default)]
pub(super) struct StatusSequence {
    last: u64,
    /// What the last status with a reachable Ollama listed; `None` after an unreachable one,
    /// and always to a coordinator that does not keep unchanged lists.
    sent_installed: Option<Vec<InstalledModel>>,
    /// The coordinator's welcome said it keeps a list a status says is unchanged.
    may_say_unchanged: bool,
}

impl StatusSequence {
    /// For a link whose coordinator keeps unchanged lists (`keeps_unchanged_installed`), or
    /// not (then every status lists the models).
    pub fn new(may_say_unchanged: bool) -> Self {
        Self {
            may_say_unchanged,
            ..Self::default()
        }
    }

    pub fn next_status(
        &mut self,
        health: &BackendHealth,
        host: &HostFacts,
        running_jobs: u32,
    ) -> AgentStatus {
        self.last += 1;
        let installed_unchanged =
            health.reachable && self.sent_installed.as_ref() == Some(&health.installed);
        let installed = if installed_unchanged {
            Vec::new()
        } else {
            health.installed.clone()
        };
        if !installed_unchanged && self.may_say_unchanged {
            self.sent_installed = health.reachable.then(|| installed.clone());
        }
        AgentStatus {
            sequence: self.last,
            ollama_reachable: health.reachable,
            ollama_version: health.version.clone(),
            ollama_error: health.error.clone(),
            installed,
            installed_unchanged,
            loaded: health.loaded.clone(),
            host: Some(host.clone()),
            running_jobs,
            unavailable: health.unavailable.clone(),
        }
    }
}

#[cfg(test)]
mod tests;
