//! The Qdrant gRPC façade (`tests/python/qdrant_grpc_shim.py`) as a test's child process:
//! Qdrant's real wire protocol over qdrant-client's local mode (reference semantics, not a
//! Qdrant server; none can be installed here). Started on a free 127.0.0.1 port with
//! `python3` (the interpreter `cargo xtask install` put `qdrant-client` into), ready once it
//! prints that it listens, killed when dropped.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::cluster::ManagedProcess;

/// Python's imports (grpc, numpy, pydantic) take seconds on a loaded machine.
const READY_TIMEOUT: Duration = Duration::from_secs(120);
const READY_POLL: Duration = Duration::from_millis(100);

pub struct QdrantShim {
    process: ManagedProcess,
    url: String,
    _dir: tempfile::TempDir,
}

impl QdrantShim {
    pub async fn start() -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("python")
            .join("qdrant_grpc_shim.py");
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let args = vec![script.display().to_string(), port.to_string()];
        let mut process = ManagedProcess::spawn(
            "qdrant-shim",
            &PathBuf::from("python3"),
            &args,
            &[],
            dir.path(),
        )
        .context("cannot start the Qdrant façade with python3")?;
        let deadline = Instant::now() + READY_TIMEOUT;
        while !process.log().contains(&format!("shim listening {port}")) {
            if let Some(status) = process.try_exit_status() {
                bail!(
                    "the Qdrant façade exited ({status}); is qdrant-client installed \
                     (`cargo xtask install`)? Its log:\n{}",
                    process.log()
                );
            }
            if Instant::now() > deadline {
                bail!(
                    "the Qdrant façade did not listen within {READY_TIMEOUT:?}; its log:\n{}",
                    process.log()
                );
            }
            tokio::time::sleep(READY_POLL).await;
        }
        Ok(Self {
            process,
            url: format!("http://127.0.0.1:{port}"),
            _dir: dir,
        })
    }

    /// `http://127.0.0.1:PORT`, the gRPC address.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// What the façade printed (tracebacks of failed calls land here).
    pub fn log(&self) -> String {
        self.process.log()
    }
}
