//! A firing's job as the cluster takes it: the template's kind, model, prompt and options,
//! with an idempotency key made of the schedule and the slot (so a restart that submits a
//! recorded firing again gets the first job back, never a second one) and the schedule as its
//! source.

use chrono::{DateTime, SecondsFormat, Utc};
use proto::v1::{ChatMessage, JobKind, JobSpec, ModelOptions};

use crate::config::{JobTemplate, TemplateKind};

/// `schedule:<name>:<slot, RFC 3339 UTC>`; a manual firing's slot has milliseconds.
pub fn firing_key(schedule: &str, slot: DateTime<Utc>) -> String {
    format!("schedule:{schedule}:{}", slot_text(slot))
}

/// An agent run's id: `<name>@<slot>`; its steps' keys are made from it.
pub fn run_id(schedule: &str, slot: DateTime<Utc>) -> String {
    format!("{schedule}@{}", slot_text(slot))
}

fn slot_text(slot: DateTime<Utc>) -> String {
    slot.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

pub fn source(schedule: &str) -> String {
    format!("schedule: {schedule}")
}

/// The job for a `chat` or `generate` template; `None` for an agent.
pub fn job_spec(schedule: &str, slot: DateTime<Utc>, template: &JobTemplate) -> Option<JobSpec> {
    let mut spec = JobSpec {
        model: template.model.clone(),
        options: template.temperature.map(|temperature| ModelOptions {
            temperature: Some(temperature),
            ..ModelOptions::default()
        }),
        idempotency_key: firing_key(schedule, slot),
        source: source(schedule),
        ..JobSpec::default()
    };
    match template.kind {
        TemplateKind::Chat => {
            spec.kind = JobKind::Chat.into();
            let system = (!template.system.is_empty()).then(|| message("system", &template.system));
            spec.messages = system
                .into_iter()
                .chain([message("user", &template.prompt)])
                .collect();
        }
        TemplateKind::Generate => {
            spec.kind = JobKind::Generate.into();
            spec.prompt = template.prompt.clone();
            spec.system = template.system.clone();
        }
        TemplateKind::Agent(_) => return None,
    }
    Some(spec)
}

fn message(role: &str, content: &str) -> ChatMessage {
    ChatMessage {
        role: role.to_owned(),
        content: content.to_owned(),
    }
}

#[cfg(test)]
mod tests;
