//! Waiting for a coordinator that stops by itself (a failure it must not survive), to check
//! its exit status and what it logged.

use std::process::ExitStatus;

use anyhow::Context;

use super::eventually::Patience;
use super::test_cluster::TestCluster;

impl TestCluster {
    /// Waits up to `patience.timeout` for the coordinator to exit on its own and reaps it.
    pub async fn wait_coordinator_exit(
        &mut self,
        patience: Patience,
    ) -> anyhow::Result<ExitStatus> {
        let coordinator = self
            .coordinator
            .as_mut()
            .context("the coordinator is not running")?;
        tokio::time::timeout(patience.timeout, coordinator.wait())
            .await
            .with_context(|| {
                format!(
                    "the coordinator was still running after {:?}",
                    patience.timeout
                )
            })?
    }
}
