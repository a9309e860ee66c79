//! Tests of the `message` module.

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
