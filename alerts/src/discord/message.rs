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
mod tests {
    use super::*;
    use crate::alert::{Alert, AlertField};

    fn entries(count: u64, field_size: usize) -> Vec<OutboxEntry> {
        (1..=count)
            .map(|id| {
                let mut alert = Alert::sample("davas", &format!("alert {id}"));
                alert.fields = vec![AlertField::new("detail", "x".repeat(field_size))];
                OutboxEntry::new(id, alert, 0)
            })
            .collect()
    }

    #[test]
    fn a_burst_is_coalesced_into_messages_of_at_most_ten_embeds() {
        let burst = entries(14, 10);
        let (message, count) = WebhookMessage::pack("llm-runner", &burst, 10);
        assert_eq!(count, 10);
        assert_eq!(message.embeds.len(), 10);
        assert_eq!(message.embeds[0].title, "alert 1", "oldest first");
        let (rest, count) = WebhookMessage::pack("llm-runner", &burst[10..], 10);
        assert_eq!((count, rest.embeds.len()), (4, 4));
    }

    #[test]
    fn embeds_stop_before_the_6000_total() {
        // Each embed is a little over 1000 characters: five fit, the sixth would not.
        let big = entries(8, 1000);
        let (message, count) = WebhookMessage::pack("llm-runner", &big, 10);
        assert_eq!(count, 5);
        let total: usize = message.embeds.iter().map(Embed::text_size).sum();
        assert!(total <= MESSAGE_EMBED_TEXT_MAX);
    }

    #[test]
    fn a_cap_of_one_sends_entries_singly_and_mentions_are_off() {
        let (message, count) = WebhookMessage::pack("ops", &entries(3, 1), 1);
        assert_eq!(count, 1);
        let json = serde_json::to_value(&message).unwrap();
        assert_eq!(json["username"], "ops");
        assert_eq!(json["allowed_mentions"]["parse"], serde_json::json!([]));
        assert!(json.get("content").is_none());
        assert_eq!(WebhookMessage::pack("ops", &[], 10).1, 0);
    }
}
