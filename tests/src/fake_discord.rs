//! A stand-in Discord webhook endpoint for tests: `POST /api/webhooks/{id}/{token}` answered as
//! Discord does — 204, or 200 with the created message under `?wait=true`; 400 with Discord's
//! `Invalid Form Body` error when a limit is broken; 429 with Discord's body and `Retry-After` /
//! `X-RateLimit-*` headers when its bucket (5 per 2 s) is empty or a test scripts one; scripted
//! 5xx; slow answers; stopped and resumed on the same port. It records every request.

mod execute_webhook;
mod message_object;
mod state;
mod validation;

#[cfg(test)]
mod tests;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use axum::Router;
use axum::http::StatusCode;
use axum::routing::post;
use axum::serve::ListenerExt as _;
use tokio::net::{TcpListener, TcpSocket};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

pub use state::{BUCKET_LIMIT, BUCKET_WINDOW, RequestRecord, ScriptedAnswer};

use state::DiscordState;

/// The webhook id in the URLs the stand-in hands out (any id is accepted).
pub const WEBHOOK_ID: &str = "1234567890123456789";
const STOP_GRACE: Duration = Duration::from_secs(5);

/// Binds with `SO_REUSEADDR`, so `resume()` gets the same port back while the connections
/// `stop()` closed are still in `TIME_WAIT`.
fn bind_reusable(address: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = TcpSocket::new_v4()?;
    socket.set_reuseaddr(true)?;
    socket.bind(address)?;
    socket.listen(128)
}

fn routes(state: Arc<DiscordState>) -> Router {
    Router::new()
        .route("/api/webhooks/{id}/{token}", post(execute_webhook::handle))
        .fallback(|| async {
            let body = serde_json::json!({"message": "404: Not Found", "code": 0});
            (StatusCode::NOT_FOUND, axum::Json(body))
        })
        .with_state(state)
}

struct Serving {
    stop: CancellationToken,
    task: JoinHandle<()>,
}

/// A running stand-in Discord; cheap to clone, every clone steers the same server.
#[derive(Clone)]
pub struct FakeDiscord {
    address: SocketAddr,
    state: Arc<DiscordState>,
    serving: Arc<tokio::sync::Mutex<Option<Serving>>>,
}

impl FakeDiscord {
    /// Starts on 127.0.0.1 on a free port.
    pub async fn start() -> anyhow::Result<Self> {
        let listener = bind_reusable(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
            .context("binding the stand-in discord")?;
        let address = listener.local_addr()?;
        let state = Arc::new(DiscordState::new());
        let serving = Self::serve(listener, state.clone());
        Ok(Self {
            address,
            state,
            serving: Arc::new(tokio::sync::Mutex::new(Some(serving))),
        })
    }

    fn serve(listener: TcpListener, state: Arc<DiscordState>) -> Serving {
        let stop = CancellationToken::new();
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let app = routes(state);
        let shutdown = stop.clone().cancelled_owned();
        let task = tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, app)
                .with_graceful_shutdown(shutdown)
                .await
            {
                tracing::error!(%error, "stand-in discord failed");
            }
        });
        Serving { stop, task }
    }

    /// Where it listens (on 127.0.0.1).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// `http://127.0.0.1:PORT/api/webhooks/{WEBHOOK_ID}/{token}`, a value for
    /// `DISCORD_WEBHOOK_URL`.
    pub fn webhook_url(&self, token: &str) -> String {
        format!("http://{}/api/webhooks/{WEBHOOK_ID}/{token}", self.address)
    }

    /// The next requests get these answers, in order, before anything else is checked.
    pub fn push_answer(&self, answer: ScriptedAnswer) {
        self.state.push_answer(answer);
    }

    /// Every answer waits this long first (zero: answer at once).
    pub fn set_delay(&self, delay: Duration) {
        self.state.set_delay(delay);
    }

    /// Every request so far, in arrival order.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.state.records()
    }

    /// The requests it accepted (2xx): the messages that reached the channel.
    pub fn messages(&self) -> Vec<RequestRecord> {
        self.requests()
            .into_iter()
            .filter(RequestRecord::accepted)
            .collect()
    }

    /// Stops listening and closes idle connections; new connections are refused until
    /// [`resume`](Self::resume). Requests in flight are answered first.
    pub async fn stop(&self) {
        let mut serving = self.serving.lock().await;
        if let Some(mut current) = serving.take() {
            current.stop.cancel();
            if tokio::time::timeout(STOP_GRACE, &mut current.task)
                .await
                .is_err()
            {
                current.task.abort();
            }
        }
    }

    /// Listens again on the same port.
    pub async fn resume(&self) -> anyhow::Result<()> {
        let mut serving = self.serving.lock().await;
        if serving.is_none() {
            let listener = bind_reusable(self.address)
                .with_context(|| format!("re-binding the stand-in discord to {}", self.address))?;
            *serving = Some(Self::serve(listener, self.state.clone()));
        }
        Ok(())
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        self.stop.cancel();
    }
}
