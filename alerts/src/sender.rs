//! Delivers the outbox to Discord, oldest first, one message at a time: several waiting alerts
//! go out together as one message's embeds; each entry is marked `sending` durably before its
//! request and `delivered` only after Discord's confirmation. A 429 holds every send until
//! Discord's `retry_after`; 5xx and connection errors back off; a refused message is retried
//! entry by entry so only the entry Discord objects to is given up.

mod apply_outcome;
mod backoff;

#[cfg(test)]
mod tests;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::counters::AlertCounters;
use crate::discord::limits::EMBEDS_PER_MESSAGE_MAX;
use crate::discord::{SendOutcome, WebhookClient, WebhookMessage};
use crate::outbox::{AlertStore, OutboxEntry, on_store};
use crate::time_text::Clock;

/// An alert Discord has not taken in a day is news nobody wants any more.
pub const UNDELIVERED_EXPIRY: Duration = Duration::from_secs(24 * 3600);
/// How long to wait before reading the store again after it failed.
const STORE_RETRY: Duration = Duration::from_secs(1);
/// Wake up now and then even without a notification; cheap, and a safety net.
const IDLE_RECHECK: Duration = Duration::from_secs(30);

/// Sends one message to Discord; the webhook client in production, a script in tests.
pub trait Deliver: Send + Sync + 'static {
    fn deliver(&self, message: &WebhookMessage) -> impl Future<Output = SendOutcome> + Send;
}

impl Deliver for WebhookClient {
    fn deliver(&self, message: &WebhookMessage) -> impl Future<Output = SendOutcome> + Send {
        self.execute(message)
    }
}

pub struct AlertSender<D: Deliver> {
    pub store: Arc<dyn AlertStore>,
    pub deliver: D,
    pub username: String,
    pub counters: Arc<AlertCounters>,
    /// Notified when new alerts are in the outbox.
    pub wake: Arc<Notify>,
    pub clock: Clock,
}

/// What the loop remembers between messages.
#[derive(Debug, Default)]
struct SendingState {
    /// No request before this moment (Unix ms): a 429's wait or an empty rate-limit bucket.
    paused_until_ms: i64,
    /// Entries up to this id go one per message, after Discord refused a message holding them.
    singly_through_id: u64,
}

impl<D: Deliver> AlertSender<D> {
    pub async fn run(self, shutdown: CancellationToken) {
        let mut state = SendingState::default();
        while !shutdown.is_cancelled() {
            let wait = match self.send_next(&mut state).await {
                Ok(wait) => wait,
                Err(error) => {
                    tracing::error!(%error, "alert sender cannot use the outbox; trying again");
                    Some(STORE_RETRY)
                }
            };
            match wait {
                Some(delay) => {
                    tokio::select! {
                        () = shutdown.cancelled() => break,
                        () = tokio::time::sleep(delay) => {}
                    }
                }
                None => {
                    tokio::select! {
                        () = shutdown.cancelled() => break,
                        () = self.wake.notified() => {}
                        () = tokio::time::sleep(IDLE_RECHECK) => {}
                    }
                }
            }
        }
    }

    /// Sends the next message if one is due. `Ok(Some(wait))`: come back after `wait`;
    /// `Ok(None)`: the outbox is empty; `Ok(Some(ZERO))`: go on at once.
    async fn send_next(
        &self,
        state: &mut SendingState,
    ) -> Result<Option<Duration>, crate::outbox::OutboxError> {
        let waiting = on_store(&self.store, |store| {
            store.undelivered(EMBEDS_PER_MESSAGE_MAX)
        })
        .await?;
        let Some(head) = waiting.first() else {
            return Ok(None);
        };
        let now = self.clock.now_ms();
        if self.expire(&waiting, now).await? {
            return Ok(Some(Duration::ZERO));
        }
        let not_before = head
            .next_attempt_at_ms
            .unwrap_or(0)
            .max(state.paused_until_ms);
        if not_before > now {
            return Ok(Some(self.clock.until(not_before)));
        }
        let due: Vec<OutboxEntry> = waiting
            .iter()
            .take_while(|entry| entry.next_attempt_at_ms.unwrap_or(0) <= now)
            .cloned()
            .collect();
        let cap = if head.id <= state.singly_through_id {
            1
        } else {
            EMBEDS_PER_MESSAGE_MAX
        };
        let (message, count) = WebhookMessage::pack(&self.username, &due, cap);
        let mut batch: Vec<OutboxEntry> = due.into_iter().take(count).collect();
        for entry in &mut batch {
            // Still `sending`: Discord's answer to an earlier attempt could not be recorded
            // (the store failed); like after a restart, it is sent again.
            entry.resume_after_restart();
            entry.begin_attempt(now).map_err(log_transition).ok();
        }
        let marked = batch.clone();
        on_store(&self.store, move |store| store.update(&marked)).await?;
        let outcome = self.deliver.deliver(&message).await;
        self.apply(outcome, batch, state).await?;
        Ok(Some(Duration::ZERO))
    }

    /// Gives up entries older than [`UNDELIVERED_EXPIRY`]; true when there were any.
    async fn expire(
        &self,
        waiting: &[OutboxEntry],
        now: i64,
    ) -> Result<bool, crate::outbox::OutboxError> {
        let expiry_ms = i64::try_from(UNDELIVERED_EXPIRY.as_millis()).unwrap_or(i64::MAX);
        let mut expired: Vec<OutboxEntry> = waiting
            .iter()
            .filter(|entry| now - entry.created_at_ms > expiry_ms)
            .cloned()
            .collect();
        if expired.is_empty() {
            return Ok(false);
        }
        for entry in &mut expired {
            let error = format!(
                "expired undelivered after {} attempts in 24 h; last error: {}",
                entry.attempts,
                entry.last_error.as_deref().unwrap_or("none")
            );
            tracing::error!(alert_id = entry.id, kind = ?entry.alert.kind, node = entry.alert.node.as_deref().unwrap_or(""), %error, "alert given up");
            entry.give_up(now, error).map_err(log_transition).ok();
        }
        self.counters.add_failed(expired.len() as u64);
        on_store(&self.store, move |store| store.update(&expired)).await?;
        Ok(true)
    }
}

fn log_transition(error: crate::outbox::TransitionError) {
    tracing::error!(%error, "alert outbox state change refused");
}
