//! One alert in the outbox and the only ways its delivery state may change:
//! pending -> sending -> delivered, sending -> pending (retry later), pending|sending -> failed,
//! and, after a restart, an interrupted sending -> pending.

use serde::{Deserialize, Serialize};

use crate::alert::Alert;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    /// Waiting to be sent (first time, or again after a failed attempt).
    Pending,
    /// Written durably just before the request to Discord; still so when the process died
    /// before Discord's answer was recorded.
    Sending,
    /// Discord confirmed the message.
    Delivered,
    /// Given up: Discord refused it (a 4xx other than 429), or it expired undelivered.
    Failed,
}

impl DeliveryState {
    pub fn is_finished(self) -> bool {
        matches!(self, Self::Delivered | Self::Failed)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// Increasing in the order alerts were raised; delivery follows it.
    pub id: u64,
    pub alert: Alert,
    pub state: DeliveryState,
    pub attempts: u32,
    pub created_at_ms: i64,
    pub last_attempt_at_ms: Option<i64>,
    /// Not to be sent before this moment (a backoff or Discord's `retry_after`).
    pub next_attempt_at_ms: Option<i64>,
    /// When it was delivered or given up.
    pub finished_at_ms: Option<i64>,
    pub last_error: Option<String>,
    /// The id of the message Discord created, from its `wait=true` answer.
    pub discord_message_id: Option<String>,
}

/// A state change the state machine does not allow: a bug in the caller.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("outbox entry {id} cannot go from {from:?} to {to:?}; this is a bug in the alert sender")]
pub struct TransitionError {
    pub id: u64,
    pub from: DeliveryState,
    pub to: DeliveryState,
}

impl OutboxEntry {
    pub fn new(id: u64, alert: Alert, now_ms: i64) -> Self {
        Self {
            id,
            alert,
            state: DeliveryState::Pending,
            attempts: 0,
            created_at_ms: now_ms,
            last_attempt_at_ms: None,
            next_attempt_at_ms: None,
            finished_at_ms: None,
            last_error: None,
            discord_message_id: None,
        }
    }

    fn check(
        &self,
        allowed_from: &[DeliveryState],
        to: DeliveryState,
    ) -> Result<(), TransitionError> {
        if allowed_from.contains(&self.state) {
            Ok(())
        } else {
            Err(TransitionError {
                id: self.id,
                from: self.state,
                to,
            })
        }
    }

    /// Pending -> sending, counting the attempt; stored before the request goes out.
    pub fn begin_attempt(&mut self, now_ms: i64) -> Result<(), TransitionError> {
        self.check(&[DeliveryState::Pending], DeliveryState::Sending)?;
        self.state = DeliveryState::Sending;
        self.attempts += 1;
        self.last_attempt_at_ms = Some(now_ms);
        self.next_attempt_at_ms = None;
        Ok(())
    }

    /// Sending -> delivered, once Discord confirmed.
    pub fn confirm(
        &mut self,
        now_ms: i64,
        message_id: Option<String>,
    ) -> Result<(), TransitionError> {
        self.check(&[DeliveryState::Sending], DeliveryState::Delivered)?;
        self.state = DeliveryState::Delivered;
        self.finished_at_ms = Some(now_ms);
        self.discord_message_id = message_id;
        self.last_error = None;
        Ok(())
    }

    /// Sending -> pending, not to be tried again before `not_before_ms`.
    pub fn retry_later(
        &mut self,
        error: String,
        not_before_ms: i64,
    ) -> Result<(), TransitionError> {
        self.check(&[DeliveryState::Sending], DeliveryState::Pending)?;
        self.state = DeliveryState::Pending;
        self.next_attempt_at_ms = Some(not_before_ms);
        self.last_error = Some(error);
        Ok(())
    }

    /// Pending or sending -> failed, for good.
    pub fn give_up(&mut self, now_ms: i64, error: String) -> Result<(), TransitionError> {
        self.check(
            &[DeliveryState::Pending, DeliveryState::Sending],
            DeliveryState::Failed,
        )?;
        self.state = DeliveryState::Failed;
        self.finished_at_ms = Some(now_ms);
        self.next_attempt_at_ms = None;
        self.last_error = Some(error);
        Ok(())
    }

    /// After a restart, an entry left `sending` is sent again: whether Discord got it cannot be
    /// known (webhooks take no idempotency key), and sending twice beats never. True when it
    /// changed.
    pub fn resume_after_restart(&mut self) -> bool {
        if self.state != DeliveryState::Sending {
            return false;
        }
        self.state = DeliveryState::Pending;
        self.last_error = Some(
            "the coordinator stopped while this alert was being sent; sending it again".into(),
        );
        true
    }
}
