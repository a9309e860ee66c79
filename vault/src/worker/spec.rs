//! The cluster job a vault note asks for: its model exactly as written (routing decides
//! where, never what), the body as the prompt or the user's message, the linked notes for a
//! summary, the claim's id as idempotency key and the note as the job's source.

use proto::v1::{ChatMessage, JobKind, JobSpec, ModelOptions};

use crate::job_note::{JobNote, JobType};
use crate::ledger::VaultJob;

use super::linked::read_linked;
use super::shared::Shared;

/// The spec and, for a summary, the notes it is given (wiki-link targets); or why the note
/// cannot be run (a link that names no note).
pub fn job_spec(
    shared: &Shared,
    job: &VaultJob,
    note: &JobNote,
) -> Result<(JobSpec, Vec<String>), String> {
    let mut spec = JobSpec {
        model: note.model.clone(),
        idempotency_key: format!("vault:{}", job.id),
        source: format!("vault: Runner/inbox/{}", job.source_name),
        options: note.temperature.map(|temperature| ModelOptions {
            temperature: Some(f64::from(temperature)),
            ..ModelOptions::default()
        }),
        ..JobSpec::default()
    };
    let mut cited = Vec::new();
    match note.job_type {
        JobType::Chat => {
            spec.kind = JobKind::Chat.into();
            if let Some(system) = &note.system {
                spec.messages.push(message("system", system));
            }
            spec.messages.push(message("user", &note.body));
        }
        JobType::Summarize => {
            let linked = read_linked(shared.folders.vault(), &note.links)?;
            spec.kind = JobKind::Generate.into();
            spec.system = note.system.clone().unwrap_or_default();
            spec.prompt = summary_prompt(&note.body, &linked);
            cited = linked.into_iter().map(|linked| linked.target).collect();
        }
        _ => {
            spec.kind = JobKind::Generate.into();
            spec.system = note.system.clone().unwrap_or_default();
            spec.prompt = note.body.clone();
        }
    }
    Ok((spec, cited))
}

fn message(role: &str, content: &str) -> ChatMessage {
    ChatMessage {
        role: role.to_owned(),
        content: content.to_owned(),
    }
}

fn summary_prompt(instructions: &str, linked: &[super::linked::LinkedNote]) -> String {
    let mut prompt = String::from(
        "Summarize the notes below. Cite each note you use by its wiki link, as written in its heading (for example [[Note name]]).\n",
    );
    if !instructions.is_empty() {
        prompt.push_str("\nThe operator's instructions:\n");
        prompt.push_str(instructions);
        prompt.push('\n');
    }
    for note in linked {
        prompt.push_str(&format!("\n## [[{}]]\n\n{}\n", note.target, note.text));
    }
    prompt
}

#[cfg(test)]
mod tests;
