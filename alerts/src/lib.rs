//! Discord alerts for the operator: a node lost or back, Ollama stopping or starting, a pinned
//! model gone, disk pressure, optionally job failures. Events come from the coordinator's
//! `WatchCluster` stream; alerts go through a durable outbox so each is delivered once.
//!
//! Flow: `watch` (snapshots from gRPC) -> `detector` (findings, with `alert_after` timers and
//! a memory that survives restarts) -> `compose` (the alert's words) -> `outbox` (redb,
//! written before sending) -> `sender` (Discord, with rate limits and backoff) -> `discord`.
//! Other parts (the vault worker's "job finished", "job failed", "note edited after its
//! claim") hand their alerts to the same outbox through `Notices`, each under a key committed
//! with it, so handing one over again after a crash sends nothing twice. A process without the
//! coordinator (`runner worker`) runs `AlertService::start_outbox_only`: outbox and sender only.
//!
//! Delivery guarantee: an alert and the detector memory that raised it are committed in one
//! transaction, so a crash neither loses an alert nor raises it twice. Each entry is committed
//! as `sending` before its request and `delivered` after Discord's `wait=true` answer; after a
//! restart an entry still `sending` is sent again. Webhooks take no idempotency key, so the one
//! window where Discord may show an alert twice is between Discord's answer and our commit (a
//! crash, or a request timeout after Discord saved the message); everywhere else delivery is
//! exactly once. The footer `llm-runner alert #ID` lets a reader spot such a repeat.

mod alert;
mod compose;
mod config;
mod counters;
mod detector;
mod discord;
mod http;
mod notices;
mod outbox;
mod sender;
mod service;
mod time_text;
mod watch;

pub use alert::{Alert, AlertField, AlertKind, Severity};
pub use config::{AlertsConfig, WEBHOOK_ENV};
pub use counters::{AlertCounters, AlertCountersSnapshot};
pub use notices::Notices;
pub use outbox::{DeliveryState, OutboxEntry};
pub use service::{AlertService, AlertsContext, AlertsError};
