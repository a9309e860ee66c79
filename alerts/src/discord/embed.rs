//! One alert as a Discord embed: title, colour by severity, description, fields, timestamp and
//! a footer naming the alert's outbox id — every part cut to Discord's limits, and the whole
//! embed kept under the per-message total.

use serde::Serialize;

use super::limits::{
    DESCRIPTION_MAX, FIELD_NAME_MAX, FIELD_VALUE_MAX, FIELDS_MAX, FOOTER_MAX,
    MESSAGE_EMBED_TEXT_MAX, TITLE_MAX, char_count, non_empty, truncate,
};
use crate::alert::Severity;
use crate::outbox::OutboxEntry;
use crate::time_text::format_rfc3339;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Embed {
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub color: u32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<EmbedField>,
    pub timestamp: String,
    pub footer: EmbedFooter,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EmbedField {
    pub name: String,
    pub value: String,
    pub inline: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EmbedFooter {
    pub text: String,
}

pub fn colour_of(severity: Severity) -> u32 {
    match severity {
        Severity::Critical => 0xE7_4C_3C,
        Severity::Warning => 0xF3_9C_12,
        Severity::Resolved => 0x2E_CC_71,
    }
}

impl Embed {
    /// The characters Discord counts towards the 6000 per message.
    pub fn text_size(&self) -> usize {
        char_count(&self.title)
            + char_count(&self.description)
            + char_count(&self.footer.text)
            + self
                .fields
                .iter()
                .map(|field| char_count(&field.name) + char_count(&field.value))
                .sum::<usize>()
    }

    /// The entry's alert as an embed that Discord accepts whatever the alert's text.
    pub fn for_entry(entry: &OutboxEntry) -> Self {
        let alert = &entry.alert;
        let mut fields: Vec<EmbedField> = alert
            .fields
            .iter()
            .map(|field| EmbedField {
                name: truncate(non_empty(&field.name), FIELD_NAME_MAX),
                value: truncate(non_empty(&field.value), FIELD_VALUE_MAX),
                inline: field.inline,
            })
            .collect();
        if fields.len() > FIELDS_MAX {
            let hidden = fields.len() - (FIELDS_MAX - 1);
            fields.truncate(FIELDS_MAX - 1);
            fields.push(more_field(hidden));
        }
        let mut embed = Self {
            title: truncate(non_empty(&alert.title), TITLE_MAX),
            description: truncate(&alert.description, DESCRIPTION_MAX),
            color: colour_of(alert.severity),
            fields,
            timestamp: format_rfc3339(alert.occurred_at_ms),
            footer: EmbedFooter {
                text: truncate(&format!("llm-runner alert #{}", entry.id), FOOTER_MAX),
            },
        };
        embed.fit_total(MESSAGE_EMBED_TEXT_MAX);
        embed
    }

    /// Shortens the description, then drops trailing fields, until the embed fits `budget`.
    fn fit_total(&mut self, budget: usize) {
        let excess = self.text_size().saturating_sub(budget);
        if excess == 0 {
            return;
        }
        let description_size = char_count(&self.description);
        self.description = truncate(&self.description, description_size.saturating_sub(excess));
        let mut hidden = 0;
        while self.text_size() > budget && !self.fields.is_empty() {
            self.fields.pop();
            hidden += 1;
            // The note says how many were dropped; it must fit too, so it is re-checked.
            self.fields.push(more_field(hidden));
            if self.text_size() <= budget {
                return;
            }
            self.fields.pop();
        }
    }
}

fn more_field(hidden: usize) -> EmbedField {
    EmbedField {
        name: "…".into(),
        value: format!("{hidden} more not shown (Discord's embed limits)"),
        inline: false,
    }
}

#[cfg(test)]
mod tests;
