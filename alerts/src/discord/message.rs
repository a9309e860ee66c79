//! The body of one webhook execution, and coalescing: consecutive outbox entries go out as the
//! embeds of one message (at most 10, at most 6000 characters together), so a burst of events
//! costs a few requests instead of one each, and nothing is dropped.

use serde::Serialize;

use super::embed::Embed;
use super::limits::{EMBEDS_PER_MESSAGE_MAX, MESSAGE_EMBED_TEXT_MAX};
use crate::outbox::OutboxEntry;

#[derive(Debug, Clone, Serialize)]
pub struct WebhookMessage {
    pub username: String,
    pub embeds: Vec<Embed>,
    /// Node and model names are not meant to ping anyone.
    pub allowed_mentions: AllowedMentions,
}

#[derive(Debug, Clone, Serialize)]
pub struct AllowedMentions {
    pub parse: Vec<String>,
}

impl WebhookMessage {
    /// The message for the first entries of `entries` that fit together (never fewer than one
    /// when `entries` is not empty), and how many that is. `max_embeds` lowers the cap, e.g.
    /// to 1 to find which entry of a refused message Discord objected to.
    pub fn pack(username: &str, entries: &[OutboxEntry], max_embeds: usize) -> (Self, usize) {
        let cap = max_embeds.clamp(1, EMBEDS_PER_MESSAGE_MAX);
        let mut embeds: Vec<Embed> = Vec::new();
        let mut total = 0;
        for entry in entries.iter().take(cap) {
            let embed = Embed::for_entry(entry);
            let size = embed.text_size();
            if !embeds.is_empty() && total + size > MESSAGE_EMBED_TEXT_MAX {
                break;
            }
            total += size;
            embeds.push(embed);
        }
        let count = embeds.len();
        let message = Self {
            username: username.to_owned(),
            embeds,
            allowed_mentions: AllowedMentions { parse: Vec::new() },
        };
        (message, count)
    }
}

#[cfg(test)]
mod tests;
