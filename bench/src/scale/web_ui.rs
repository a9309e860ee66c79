//! A browser with the web UI open, for the scale benchmark's `--scale-with-web-ui` runs: the
//! dashboard's live event stream (`/events/cluster`), read for the whole run. The web UI
//! watches the cluster only while a page is open, so this is what an open UI costs.

use anyhow::{Context, ensure};
use tokio::task::JoinHandle;
use tokio_stream::StreamExt;

/// The open event stream; [`OpenWebUi::close`] says how much it received.
pub struct OpenWebUi {
    reader: JoinHandle<anyhow::Result<u64>>,
    stop: tokio::sync::oneshot::Sender<()>,
}

impl OpenWebUi {
    /// Opens the dashboard's event stream at `http_url` and reads it in the background.
    pub async fn open(http_url: &str) -> anyhow::Result<Self> {
        let response = reqwest::Client::new()
            .get(format!("{http_url}/events/cluster"))
            .send()
            .await
            .context("the web UI's event stream")?;
        ensure!(
            response.status().is_success(),
            "the web UI's event stream answered {}",
            response.status()
        );
        let (stop, mut stopped) = tokio::sync::oneshot::channel();
        let reader = tokio::spawn(async move {
            let mut body = response.bytes_stream();
            let mut received = 0u64;
            loop {
                tokio::select! {
                    _ = &mut stopped => return Ok(received),
                    chunk = body.next() => match chunk {
                        Some(chunk) => received += chunk?.len() as u64,
                        None => anyhow::bail!("the web UI's event stream ended"),
                    },
                }
            }
        });
        Ok(Self { reader, stop })
    }

    /// Closes the stream; the bytes of events it received.
    pub async fn close(self) -> anyhow::Result<u64> {
        let _ = self.stop.send(());
        self.reader.await?
    }
}
