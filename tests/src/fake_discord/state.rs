//! What the stand-in Discord remembers: scripted answers a test queued, how slow to be, every
//! request it got, and its rate-limit bucket (5 requests per 2 s window, as Discord gives a
//! webhook), whose numbers it reports in the `X-RateLimit-*` headers.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::Value;

pub const BUCKET_LIMIT: u32 = 5;
pub const BUCKET_WINDOW: Duration = Duration::from_secs(2);

/// An answer a test wants for the next request, before any real processing.
#[derive(Debug, Clone, PartialEq)]
pub enum ScriptedAnswer {
    /// 429 with Discord's body and headers, `retry_after` in seconds.
    RateLimited { retry_after: f64, global: bool },
    /// A server error (500, 502, 503, …) with Cloudflare-ish text.
    ServerError(u16),
}

/// One request as the stand-in saw it and answered it.
#[derive(Debug, Clone)]
pub struct RequestRecord {
    pub at: Instant,
    pub webhook_id: String,
    pub token: String,
    /// Whether the request asked `?wait=true`.
    pub waited: bool,
    pub status: u16,
    /// The request body (`Value::Null` when it was not JSON).
    pub body: Value,
}

impl RequestRecord {
    pub fn accepted(&self) -> bool {
        (200..300).contains(&self.status)
    }

    pub fn embed_titles(&self) -> Vec<String> {
        self.embeds()
            .iter()
            .filter_map(|embed| embed.get("title")?.as_str().map(str::to_owned))
            .collect()
    }

    pub fn embeds(&self) -> Vec<Value> {
        self.body
            .get("embeds")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    }
}

/// Where the rate-limit window stands after a request.
#[derive(Debug, Clone, Copy)]
pub struct BucketReading {
    pub allowed: bool,
    pub remaining: u32,
    pub reset_after: Duration,
}

#[derive(Debug)]
struct Inner {
    script: VecDeque<ScriptedAnswer>,
    delay: Duration,
    records: Vec<RequestRecord>,
    window_started: Instant,
    used_in_window: u32,
    sequence: u64,
}

#[derive(Debug)]
pub struct DiscordState {
    inner: Mutex<Inner>,
}

impl DiscordState {
    pub fn new() -> Self {
        Self {
            inner: Mutex::new(Inner {
                script: VecDeque::new(),
                delay: Duration::ZERO,
                records: Vec::new(),
                window_started: Instant::now(),
                used_in_window: 0,
                sequence: 0,
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn push_answer(&self, answer: ScriptedAnswer) {
        self.lock().script.push_back(answer);
    }

    pub fn next_scripted(&self) -> Option<ScriptedAnswer> {
        self.lock().script.pop_front()
    }

    pub fn set_delay(&self, delay: Duration) {
        self.lock().delay = delay;
    }

    pub fn delay(&self) -> Duration {
        self.lock().delay
    }

    pub fn next_sequence(&self) -> u64 {
        let mut inner = self.lock();
        inner.sequence += 1;
        inner.sequence
    }

    /// Takes one request from the bucket when there is one left in the window.
    pub fn take_from_bucket(&self) -> BucketReading {
        let mut inner = self.lock();
        let now = Instant::now();
        if now.duration_since(inner.window_started) >= BUCKET_WINDOW {
            inner.window_started = now;
            inner.used_in_window = 0;
        }
        let reset_after = BUCKET_WINDOW.saturating_sub(now.duration_since(inner.window_started));
        let allowed = inner.used_in_window < BUCKET_LIMIT;
        if allowed {
            inner.used_in_window += 1;
        }
        BucketReading {
            allowed,
            remaining: BUCKET_LIMIT - inner.used_in_window,
            reset_after,
        }
    }

    pub fn record(&self, record: RequestRecord) {
        self.lock().records.push(record);
    }

    pub fn records(&self) -> Vec<RequestRecord> {
        self.lock().records.clone()
    }
}
