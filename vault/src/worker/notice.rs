//! Messages for the operator (Discord, through the alerts outbox when the worker runs in
//! `runner serve`): a job with `notify: discord` finished or failed, a note was edited after
//! it was claimed. The worker hands each over with a key, so a worker restarted before it
//! recorded the hand-over can hand it again without a second message.

/// One message.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub title: String,
    pub description: String,
    /// Short facts shown beside the description (model, node, tokens).
    pub fields: Vec<(String, String)>,
    pub at_ms: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    JobSucceeded,
    JobFailed,
    /// A claimed note came back edited, or a Syncthing conflict copy appeared.
    Conflict,
}

/// Where notices go. `send` is idempotent per `key`: the same key twice gives one message.
pub trait Notifier: Send + Sync + 'static {
    fn send(&self, key: &str, notice: Notice) -> Result<(), String>;
}
