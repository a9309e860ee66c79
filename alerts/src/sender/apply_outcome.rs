//! What one answer from Discord does to the entries of the message: delivered, retried after a
//! wait, or — for a message Discord refused — retried singly or given up with Discord's reason.

use std::time::Duration;

use super::backoff::retry_delay;
use super::{AlertSender, Deliver, SendingState, log_transition};
use crate::discord::SendOutcome;
use crate::outbox::{OutboxEntry, OutboxError, on_store};

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

fn ids(batch: &[OutboxEntry]) -> Vec<u64> {
    batch.iter().map(|entry| entry.id).collect()
}

impl<D: Deliver> AlertSender<D> {
    pub(super) async fn apply(
        &self,
        outcome: SendOutcome,
        mut batch: Vec<OutboxEntry>,
        state: &mut SendingState,
    ) -> Result<(), OutboxError> {
        let now = self.clock.now_ms();
        let count = batch.len() as u64;
        match outcome {
            SendOutcome::Delivered { message_id, pause } => {
                for entry in &mut batch {
                    entry
                        .confirm(now, message_id.clone())
                        .map_err(log_transition)
                        .ok();
                }
                self.counters.add_sent(count);
                tracing::info!(alert_ids = ?ids(&batch), message_id = message_id.as_deref().unwrap_or(""), "alerts delivered to discord");
                if let Some(pause) = pause {
                    state.paused_until_ms = now + millis(pause);
                }
            }
            SendOutcome::RateLimited { wait, body } => {
                let until = now + millis(wait);
                for entry in &mut batch {
                    let error = format!("rate limited by discord for {wait:?}: {body}");
                    entry.retry_later(error, until).map_err(log_transition).ok();
                }
                state.paused_until_ms = state.paused_until_ms.max(until);
                self.counters.add_retried(count, true);
                tracing::warn!(alert_ids = ?ids(&batch), wait_ms = millis(wait), "discord rate limited the alerts; waiting as it asked");
            }
            SendOutcome::Unavailable { error } => {
                let attempts = batch.first().map_or(1, |entry| entry.attempts);
                let delay = retry_delay(attempts);
                for entry in &mut batch {
                    entry
                        .retry_later(error.clone(), now + millis(delay))
                        .map_err(log_transition)
                        .ok();
                }
                self.counters.add_retried(count, false);
                tracing::warn!(alert_ids = ?ids(&batch), attempts, retry_in_ms = millis(delay), %error, "discord unreachable; alerts kept in the outbox");
            }
            SendOutcome::Refused { status, body } if batch.len() > 1 => {
                // One embed may be at fault; sending them singly finds which, and only that
                // one is given up.
                state.singly_through_id = batch.last().map_or(0, |entry| entry.id);
                for entry in &mut batch {
                    let error = format!(
                        "discord refused a message holding this alert ({status}); sending it alone"
                    );
                    entry.retry_later(error, now).map_err(log_transition).ok();
                }
                self.counters.add_retried(count, false);
                tracing::warn!(alert_ids = ?ids(&batch), status, %body, "discord refused a message of several alerts; sending them one by one");
            }
            SendOutcome::Refused { status, body } => {
                let error = format!("discord refused the alert with {status}: {body}");
                for entry in &mut batch {
                    entry
                        .give_up(now, error.clone())
                        .map_err(log_transition)
                        .ok();
                }
                self.counters.add_failed(count);
                tracing::error!(alert_ids = ?ids(&batch), status, %body, "discord refused an alert; it will not be sent");
            }
        }
        on_store(&self.store, move |store| store.update(&batch)).await
    }
}
