//! What the three stand-ins share: the accepted key, the models, how answers behave right now,
//! the one-shot failures a test queued, and everything observed (requests, streams, listings).
//! Handlers read it on every request, so a change takes effect while requests are running.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use serde_json::Value;

use crate::fake_ollama::{DEFAULT_ANSWER_TOKENS, UsageBook};

/// One request as it reached a stand-in, before any check.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordedRequest {
    pub method: String,
    pub path_and_query: String,
    /// Lowercased names, in arrival order.
    pub headers: Vec<(String, String)>,
    /// The JSON body; `Value::Null` without a body, a string when it was not JSON.
    pub body: Value,
}

impl RecordedRequest {
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        let mut matching = self.headers.iter().filter(|(key, _)| *key == name);
        matching.next().map(|(_, value)| value.as_str())
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Behaviour {
    pub answer_tokens: usize,
    pub token_delay: Duration,
    pub first_token_delay: Duration,
}

/// A refusal queued for the next generation request(s), in the vendor's own words.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Refusal {
    RateLimited(Duration),
    /// Groq's 413 for one request over the tokens-per-minute limit.
    TooLarge,
    /// Anthropic's 529.
    Overloaded,
    /// Gemini's 429 with this `RetryInfo.retryDelay`.
    QuotaExhausted(String),
}

#[derive(Default)]
struct Pending {
    refusals: Vec<Refusal>,
    fail_mid_stream_after: Option<usize>,
}

pub(crate) struct Shared {
    api_key: Mutex<String>,
    models: Mutex<Vec<String>>,
    decommissioned: Mutex<Vec<String>>,
    model_versions: Mutex<HashMap<String, String>>,
    behaviour: Mutex<Behaviour>,
    pending: Mutex<Pending>,
    requests: Mutex<Vec<RecordedRequest>>,
    pub list_requests: AtomicUsize,
    pub active_streams: AtomicUsize,
    pub aborted_streams: AtomicUsize,
    /// The usage every answer put on the wire, for `Controls::reported_usage`.
    pub usage: UsageBook,
    next_id: AtomicU64,
}

/// Locks a mutex, keeping the data if a panicking test thread poisoned it.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shared {
    pub fn new(api_key: &str, models: &[&str]) -> Self {
        Self {
            api_key: Mutex::new(api_key.to_string()),
            models: Mutex::new(models.iter().map(ToString::to_string).collect()),
            decommissioned: Mutex::new(Vec::new()),
            model_versions: Mutex::new(HashMap::new()),
            behaviour: Mutex::new(Behaviour {
                answer_tokens: DEFAULT_ANSWER_TOKENS,
                token_delay: Duration::ZERO,
                first_token_delay: Duration::ZERO,
            }),
            pending: Mutex::new(Pending::default()),
            requests: Mutex::new(Vec::new()),
            list_requests: AtomicUsize::new(0),
            active_streams: AtomicUsize::new(0),
            aborted_streams: AtomicUsize::new(0),
            usage: UsageBook::default(),
            next_id: AtomicU64::new(1),
        }
    }

    pub fn set_api_key(&self, key: &str) {
        *lock(&self.api_key) = key.to_string();
    }

    pub fn key_matches(&self, key: &str) -> bool {
        *lock(&self.api_key) == key
    }

    /// The listed models, in the order they were added.
    pub fn models(&self) -> Vec<String> {
        lock(&self.models).clone()
    }

    pub fn has_model(&self, id: &str) -> bool {
        lock(&self.models).iter().any(|model| model == id)
    }

    pub fn add_model(&self, id: &str) {
        lock(&self.decommissioned).retain(|gone| gone != id);
        let mut models = lock(&self.models);
        if !models.iter().any(|model| model == id) {
            models.push(id.to_string());
        }
    }

    pub fn remove_model(&self, id: &str) {
        lock(&self.models).retain(|model| model != id);
    }

    pub fn decommission(&self, id: &str) {
        self.remove_model(id);
        lock(&self.decommissioned).push(id.to_string());
    }

    pub fn is_decommissioned(&self, id: &str) -> bool {
        lock(&self.decommissioned).iter().any(|gone| gone == id)
    }

    pub fn set_model_version(&self, id: &str, version: &str) {
        lock(&self.model_versions).insert(id.to_string(), version.to_string());
    }

    /// The model that answers for `id`: itself unless a test set a silent fallback.
    pub fn model_version(&self, id: &str) -> String {
        let versions = lock(&self.model_versions);
        versions.get(id).cloned().unwrap_or_else(|| id.to_string())
    }

    pub fn behaviour(&self) -> Behaviour {
        lock(&self.behaviour).clone()
    }

    pub fn update_behaviour(&self, change: impl FnOnce(&mut Behaviour)) {
        change(&mut lock(&self.behaviour));
    }

    pub fn queue_refusals(&self, refusal: Refusal, count: usize) {
        let pending = &mut lock(&self.pending).refusals;
        pending.extend(std::iter::repeat_n(refusal, count));
    }

    /// The oldest queued refusal, for a generation request that passed every other check.
    pub fn take_refusal(&self) -> Option<Refusal> {
        let pending = &mut lock(&self.pending).refusals;
        (!pending.is_empty()).then(|| pending.remove(0))
    }

    pub fn fail_next_stream_after(&self, tokens: usize) {
        lock(&self.pending).fail_mid_stream_after = Some(tokens);
    }

    pub fn take_mid_stream_failure(&self) -> Option<usize> {
        lock(&self.pending).fail_mid_stream_after.take()
    }

    pub fn record(&self, request: RecordedRequest) {
        lock(&self.requests).push(request);
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.requests).clone()
    }

    /// A fresh number for response and request ids.
    pub fn next_id(&self) -> u64 {
        self.next_id.fetch_add(1, Ordering::SeqCst)
    }
}
