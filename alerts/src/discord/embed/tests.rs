//! Embeds built from alerts: colours, timestamp, footer, and truncation to every limit.

use super::{Embed, colour_of};
use crate::alert::{Alert, AlertField, AlertKind, Severity};
use crate::discord::limits::{
    DESCRIPTION_MAX, FIELD_NAME_MAX, FIELD_VALUE_MAX, FIELDS_MAX, MESSAGE_EMBED_TEXT_MAX,
    TITLE_MAX, char_count,
};
use crate::outbox::OutboxEntry;

fn entry(alert: Alert) -> OutboxEntry {
    OutboxEntry::new(42, alert, 0)
}

fn lost_alert() -> Alert {
    Alert {
        kind: AlertKind::NodeLost,
        severity: Severity::Critical,
        node: Some("davas".into()),
        title: "Node davas lost".into(),
        description: "The agent on davas is down.".into(),
        fields: vec![AlertField::new("Unavailable models", "gemma4:27b")],
        occurred_at_ms: 1_795_687_200_000,
    }
}

#[test]
fn an_alert_becomes_an_embed_with_colour_timestamp_and_footer() {
    let embed = Embed::for_entry(&entry(lost_alert()));
    assert_eq!(embed.title, "Node davas lost");
    assert_eq!(embed.color, 0xE74C3C);
    assert_eq!(embed.timestamp, "2026-11-26T10:00:00.000Z");
    assert_eq!(embed.footer.text, "llm-runner alert #42");
    assert_eq!(embed.fields[0].value, "gemma4:27b");
    let json = serde_json::to_value(&embed).unwrap();
    assert_eq!(json["fields"][0]["name"], "Unavailable models");
    assert_eq!(json["fields"][0]["inline"], false);
}

#[test]
fn every_severity_has_its_own_colour() {
    let colours = [Severity::Critical, Severity::Warning, Severity::Resolved].map(colour_of);
    assert_ne!(colours[0], colours[1]);
    assert_ne!(colours[1], colours[2]);
    assert_ne!(colours[0], colours[2]);
}

#[test]
fn empty_parts_are_left_out_or_filled() {
    let mut alert = lost_alert();
    alert.description.clear();
    alert.fields = vec![AlertField::new("", "")];
    let embed = Embed::for_entry(&entry(alert));
    let json = serde_json::to_value(&embed).unwrap();
    assert!(json.get("description").is_none());
    assert_eq!(json["fields"][0]["name"], "-");
    assert_eq!(json["fields"][0]["value"], "-");
}

#[test]
fn each_part_is_cut_to_its_limit() {
    let mut alert = lost_alert();
    alert.title = "t".repeat(1000);
    alert.description = "d".repeat(5000);
    alert.fields = vec![AlertField::new("n".repeat(300), "v".repeat(2000))];
    let embed = Embed::for_entry(&entry(alert));
    assert_eq!(char_count(&embed.title), TITLE_MAX);
    assert_eq!(char_count(&embed.fields[0].name), FIELD_NAME_MAX);
    assert_eq!(char_count(&embed.fields[0].value), FIELD_VALUE_MAX);
    assert!(char_count(&embed.description) <= DESCRIPTION_MAX);
    assert!(embed.text_size() <= MESSAGE_EMBED_TEXT_MAX);
}

#[test]
fn too_many_fields_end_with_a_note_of_how_many_were_left_out() {
    let mut alert = lost_alert();
    alert.fields = (0..30)
        .map(|index| AlertField::inline(format!("job {index}"), "failed"))
        .collect();
    let embed = Embed::for_entry(&entry(alert));
    assert_eq!(embed.fields.len(), FIELDS_MAX);
    assert_eq!(embed.fields[23].name, "job 23");
    assert!(
        embed.fields[24].value.starts_with("6 more"),
        "{:?}",
        embed.fields[24]
    );
}

#[test]
fn the_total_is_kept_under_6000_by_shortening_the_description_then_fields() {
    let mut alert = lost_alert();
    alert.description = "d".repeat(4096);
    alert.fields = (0..25)
        .map(|index| AlertField::new(format!("field {index}"), "v".repeat(1024)))
        .collect();
    let embed = Embed::for_entry(&entry(alert));
    assert!(
        embed.text_size() <= MESSAGE_EMBED_TEXT_MAX,
        "{}",
        embed.text_size()
    );
    assert!(embed.description.is_empty() || embed.description.ends_with('…'));
    let last = embed.fields.last().unwrap();
    assert!(last.value.contains("more not shown"), "{last:?}");
    assert!(embed.fields.len() < 25);
    assert_eq!(embed.fields[0].name, "field 0", "the first fields are kept");
}
