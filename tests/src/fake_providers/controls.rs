//! The controls every stand-in provider has, as methods on [`Controls`], which each of
//! `FakeGroq`, `FakeGemini` and `FakeAnthropic` dereferences to.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::Router;

use super::server::{ServerGuard, serve};
use super::state::{Refusal, Shared};
use super::{RecordedRequest, ReportedUsage};

/// A running stand-in's common knobs and observations. Cheap to clone; the server stops when
/// the last clone (of the vendor handle holding it) is dropped.
#[derive(Clone)]
pub struct Controls {
    shared: Arc<Shared>,
    server: Arc<ServerGuard>,
}

impl Controls {
    /// Serves the routes `routes` builds on `address`, accepting `api_key`, listing `models`.
    pub(crate) async fn start(
        vendor: &'static str,
        address: SocketAddr,
        api_key: &str,
        models: &[&str],
        routes: fn(Arc<Shared>) -> Router,
    ) -> anyhow::Result<Self> {
        let shared = Arc::new(Shared::new(api_key, models));
        let server = serve(vendor, address, shared.clone(), routes(shared.clone())).await?;
        let server = Arc::new(server);
        Ok(Self { shared, server })
    }

    pub(crate) fn shared(&self) -> &Shared {
        &self.shared
    }

    pub fn address(&self) -> SocketAddr {
        self.server.address
    }

    /// `http://127.0.0.1:PORT`, without the API's version path.
    pub fn url(&self) -> String {
        format!("http://{}", self.server.address)
    }

    /// From now on only `key` is accepted; the old key gets the vendor's bad-key answer.
    pub fn set_api_key(&self, key: &str) {
        self.shared.set_api_key(key);
    }

    /// Lists the model (at the end of the listing) and serves it again.
    pub fn add_model(&self, id: &str) {
        self.shared.add_model(id);
    }

    /// Unlists the model; requests for it get the vendor's "model not found".
    pub fn remove_model(&self, id: &str) {
        self.shared.remove_model(id);
    }

    /// The listed models, in listing order.
    pub fn models(&self) -> Vec<String> {
        self.shared.models()
    }

    /// Tokens in each new answer (default [`super::DEFAULT_ANSWER_TOKENS`]).
    pub fn set_answer_tokens(&self, tokens: usize) {
        self.shared
            .update_behaviour(|behaviour| behaviour.answer_tokens = tokens);
    }

    /// Think time between streamed tokens; running answers use it from their next token.
    pub fn set_token_delay(&self, delay: Duration) {
        self.shared
            .update_behaviour(|behaviour| behaviour.token_delay = delay);
    }

    /// Think time before the first token. A non-streamed answer is sent whole at the end, so
    /// this (and the token delays) hold back its response headers too.
    pub fn set_first_token_delay(&self, delay: Duration) {
        self.shared
            .update_behaviour(|behaviour| behaviour.first_token_delay = delay);
    }

    /// The next `count` generation (and Gemini embedding) requests get the vendor's 429 telling
    /// the client to wait `retry_after`.
    pub fn rate_limit_next(&self, count: usize, retry_after: Duration) {
        self.shared
            .queue_refusals(Refusal::RateLimited(retry_after), count);
    }

    /// The next stream answers 200, sends `after_tokens` tokens, then the vendor's in-stream
    /// error, and ends without its normal ending. Non-streamed requests are not affected.
    pub fn fail_mid_stream_next(&self, after_tokens: usize) {
        self.shared.fail_next_stream_after(after_tokens);
    }

    /// Every request that arrived, oldest first, whatever it was answered.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.requests()
    }

    /// Answers (streamed or not) being produced right now.
    pub fn active_streams(&self) -> usize {
        self.shared.active_streams.load(Ordering::SeqCst)
    }

    /// Answers whose client went away before the end: proof a cancel reached the provider.
    pub fn aborted_streams(&self) -> usize {
        self.shared.aborted_streams.load(Ordering::SeqCst)
    }

    /// The usage this stand-in put on the wire in its answers (streamed or whole; a stream's
    /// last report counts, also when the client went away before its end), summed per model as
    /// the request named it.
    pub fn reported_usage(&self) -> BTreeMap<String, ReportedUsage> {
        self.shared.usage.totals()
    }

    /// How many list-models calls arrived, answered or refused.
    pub fn list_requests(&self) -> usize {
        self.shared.list_requests.load(Ordering::SeqCst)
    }
}
