//! Progress of a job a tool waits for — tokens made so far, and a restart after a lost node —
//! sent as MCP progress notifications, only when the client asked for them (it sent a
//! progress token) and tokens at most a few times a second: a long answer has thousands of
//! tokens, and one notification each would flood a desktop client.

use std::time::Duration;

use proto::v1::Job;
use rmcp::RoleServer;
use rmcp::model::{ProgressNotificationParam, ProgressToken};
use rmcp::service::{Peer, RequestContext};
use tokio::time::Instant;

/// Often enough that a client's progress display moves smoothly.
const MIN_INTERVAL: Duration = Duration::from_millis(200);

pub struct ProgressReporter {
    peer: Peer<RoleServer>,
    token: ProgressToken,
    throttle: ProgressThrottle,
    /// Added to the token count of the current attempt: MCP progress must only increase, and a
    /// retry starts counting again.
    earlier_attempts: usize,
}

impl ProgressReporter {
    /// `None` when the client sent no progress token with the request.
    pub fn for_request(context: &RequestContext<RoleServer>) -> Option<Self> {
        let token = context.meta.get_progress_token()?;
        Some(Self {
            peer: context.peer.clone(),
            token,
            throttle: ProgressThrottle::new(MIN_INTERVAL),
            earlier_attempts: 0,
        })
    }

    /// Reports `tokens` made so far by `node`, unless a report went out very recently.
    pub async fn tokens_so_far(&mut self, tokens: usize, node: &str) {
        if !self.throttle.should_send(Instant::now()) {
            return;
        }
        let message = if node.is_empty() {
            format!("{tokens} tokens so far")
        } else {
            format!("{tokens} tokens so far from {node}")
        };
        self.send(self.earlier_attempts + tokens, message).await;
    }

    /// Says at once that the job's node was lost and `job` is its new attempt, so the
    /// `abandoned_tokens` counted so far are void.
    pub async fn restarted(&mut self, job: &Job, abandoned_tokens: usize) {
        self.earlier_attempts += abandoned_tokens + 1;
        let node = if job.node.is_empty() {
            "another node"
        } else {
            &job.node
        };
        let message = format!(
            "the node was lost; attempt {} restarts on {node}: the output so far is void",
            job.attempt
        );
        self.send(self.earlier_attempts, message).await;
    }

    /// Says `message` at once, as step `progress` of a run (research's steps, which are few:
    /// no throttle).
    pub async fn step(&self, progress: usize, message: String) {
        self.send(progress, message).await;
    }

    async fn send(&self, progress: usize, message: String) {
        let notification = ProgressNotificationParam::new(self.token.clone(), progress as f64)
            .with_message(message);
        if let Err(error) = self.peer.notify_progress(notification).await {
            // The client went away; the tool call ends soon anyway, so this is no failure.
            tracing::debug!(%error, "mcp: a progress notification could not be sent");
        }
    }
}

/// Lets the first report through at once, then one per `min_interval`.
#[derive(Debug)]
pub struct ProgressThrottle {
    min_interval: Duration,
    last_sent: Option<Instant>,
}

impl ProgressThrottle {
    pub fn new(min_interval: Duration) -> Self {
        Self {
            min_interval,
            last_sent: None,
        }
    }

    pub fn should_send(&mut self, now: Instant) -> bool {
        let due = self
            .last_sent
            .is_none_or(|last| now.duration_since(last) >= self.min_interval);
        if due {
            self.last_sent = Some(now);
        }
        due
    }
}

#[cfg(test)]
mod tests;
