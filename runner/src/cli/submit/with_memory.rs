//! `runner submit --memory`: the question is answered from memory. `BuildContext` turns it into
//! a prompt carrying the passages that answer it, numbered for citation; the job runs on the
//! model asked, like any other; the sources follow the answer. Memory never picks the model.

use std::io::Write;

use proto::v1::{BuildContextRequest, JobKind, JobSpec, MemoryHit};

use crate::cli::connect::Coordinator;
use crate::cli::exit_code::ClientError;

/// Puts the memory prompt in place of the question (a prompt's text, or a chat's last user
/// message) and returns the passages it cites.
pub async fn add_memory(
    coordinator: &Coordinator,
    spec: &mut JobSpec,
    err: &mut (dyn Write + Send),
) -> Result<Vec<MemoryHit>, ClientError> {
    let question = question_of(spec).ok_or_else(|| {
        ClientError::Input("--memory needs a prompt or a user message to answer".into())
    })?;
    let request = BuildContextRequest {
        question: question.clone(),
        limit: 0,
    };
    let context = coordinator
        .memory()
        .build_context(request)
        .await
        .map_err(|status| coordinator.call_failed(status))?
        .into_inner();
    for warning in &context.warnings {
        writeln!(err, "warning: memory: {warning}")?;
    }
    replace_question(spec, context.prompt);
    Ok(context.citations)
}

fn question_of(spec: &JobSpec) -> Option<String> {
    if spec.kind == JobKind::Generate as i32 {
        return Some(spec.prompt.clone()).filter(|prompt| !prompt.trim().is_empty());
    }
    spec.messages
        .iter()
        .rev()
        .find(|message| message.role == "user")
        .map(|message| message.content.clone())
}

fn replace_question(spec: &mut JobSpec, prompt: String) {
    if spec.kind == JobKind::Generate as i32 {
        spec.prompt = prompt;
    } else if let Some(message) = spec.messages.iter_mut().rev().find(|m| m.role == "user") {
        message.content = prompt;
    }
}

/// The numbered sources, as the answer cites them.
pub fn sources_text(citations: &[MemoryHit]) -> String {
    if citations.is_empty() {
        return "\nsources: no note matched the question\n".into();
    }
    let mut text = String::from("\nsources:\n");
    for (index, hit) in citations.iter().enumerate() {
        text.push_str(&format!(
            "[{}] {}\n",
            index + 1,
            memory::context::source_line(hit)
        ));
    }
    text
}

#[cfg(test)]
mod tests;
