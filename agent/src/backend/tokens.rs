//! Where a backend sends a job's text as it arrives: each non-empty piece becomes a `delta`
//! update for the link, and the first one is marked on the job's span (`first_token`). A
//! backend whose API reports usage before the end (Anthropic's `message_start`, Gemini's
//! running `usageMetadata`) also leaves it here, so that a job the coordinator cancels still
//! reports what the provider counted (and bills) up to then.

use std::sync::{Arc, Mutex, PoisonError};

use proto::v1::agent_job_update::Event;
use proto::v1::{AgentJobUpdate, TokenUsage};
use tokio::sync::mpsc;
use tracing::Span;

/// The link has gone: nobody is left to tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkGone;

/// The usage a running job's backend has reported so far, shared with the executor, which
/// reads it when it cancels the job (the job's task is aborted, so it cannot say it itself).
#[derive(Clone, Debug, Default)]
pub struct UsageSoFar(Arc<Mutex<Option<TokenUsage>>>);

impl UsageSoFar {
    pub fn get(&self) -> Option<TokenUsage> {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn set(&self, usage: Option<TokenUsage>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = usage;
    }
}

pub struct Tokens {
    job_id: String,
    updates: mpsc::Sender<AgentJobUpdate>,
    first_seen: bool,
    usage_so_far: UsageSoFar,
}

impl Tokens {
    pub fn new(job_id: String, updates: mpsc::Sender<AgentJobUpdate>) -> Self {
        Self::with_usage_so_far(job_id, updates, UsageSoFar::default())
    }

    /// A `Tokens` whose reported usage lands in `usage_so_far`, which the caller keeps.
    pub fn with_usage_so_far(
        job_id: String,
        updates: mpsc::Sender<AgentJobUpdate>,
        usage_so_far: UsageSoFar,
    ) -> Self {
        Self {
            job_id,
            updates,
            first_seen: false,
            usage_so_far,
        }
    }

    /// The usage the backend's API has reported so far (cumulative: it replaces the last).
    pub fn report_usage_so_far(&self, usage: Option<TokenUsage>) {
        if usage.is_some() {
            self.usage_so_far.set(usage);
        }
    }

    /// Sends one piece of text; an empty piece sends nothing.
    pub async fn send(&mut self, text: String) -> Result<(), LinkGone> {
        if text.is_empty() {
            return Ok(());
        }
        if !self.first_seen {
            self.first_seen = true;
            telemetry::add_span_event(&Span::current(), "first_token");
        }
        self.event(Event::Delta(text)).await
    }

    /// Whether any text was sent.
    pub fn any_sent(&self) -> bool {
        self.first_seen
    }

    pub fn job_id(&self) -> &str {
        &self.job_id
    }

    pub(crate) async fn event(&self, event: Event) -> Result<(), LinkGone> {
        let update = AgentJobUpdate {
            job_id: self.job_id.clone(),
            event: Some(event),
            // Numbered by the executor's journal.
            seq: 0,
        };
        self.updates.send(update).await.map_err(|_| LinkGone)
    }

    /// A `Tokens` for tests, and the receiver of what it sends.
    pub fn for_tests(job_id: &str) -> (Self, mpsc::Receiver<AgentJobUpdate>) {
        let (sender, receiver) = mpsc::channel(1024);
        (Self::new(job_id.to_owned(), sender), receiver)
    }
}

/// The text a test's [`Tokens`] sent, once it was dropped: every delta, in order.
pub async fn sent_text(updates: &mut mpsc::Receiver<AgentJobUpdate>) -> String {
    let mut text = String::new();
    while let Some(update) = updates.recv().await {
        if let Some(Event::Delta(piece)) = update.event {
            text.push_str(&piece);
        }
    }
    text
}
