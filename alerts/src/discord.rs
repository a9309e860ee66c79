//! Discord's side: its limits, alerts as embeds, messages that coalesce several alerts, its
//! rate-limit headers, and the webhook client.

pub mod embed;
pub mod limits;
pub mod message;
pub mod rate_limit;
pub mod webhook_client;

pub use message::WebhookMessage;
pub use webhook_client::{SendOutcome, WebhookClient, WebhookClientError};
