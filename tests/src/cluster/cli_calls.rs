//! Running the real `runner` CLI against a test cluster, as a user would.

use std::process::Output;

use super::binaries::binary_path;
use super::test_cluster::TestCluster;

impl TestCluster {
    /// `runner ARGS --coordinator <this cluster>`, waited for; stdout and stderr captured
    /// (piped, so no table is cut to a terminal's width).
    pub async fn cli(&self, args: &[&str]) -> anyhow::Result<Output> {
        Ok(tokio::process::Command::new(binary_path("runner")?)
            .args(args)
            .args(["--coordinator", &self.grpc_url()])
            .env_remove("COLUMNS")
            .output()
            .await?)
    }
}

/// The text a CLI run printed on stdout and stderr, labelled, for assertion messages.
pub fn printed(output: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}--- stderr\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
