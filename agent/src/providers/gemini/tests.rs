//! Tests of the Gemini client, one file per module under `tests/`, driving the real client over
//! loopback HTTP against [`fake_gemini::FakeGemini`] with the recorded bytes of providers.md §3.

mod embed;
mod errors;
mod fake_gemini;
mod fuzz;
mod gemini;
mod list_models;
mod model_path;
mod quota;
mod recordings;
mod request;
mod stream_progress;
mod stream_reader;
mod usage;

use proto::v1::{ChatMessage, JobKind, JobSpec, ModelOptions};

pub(super) fn chat_spec(model: &str, messages: &[(&str, &str)]) -> JobSpec {
    JobSpec {
        kind: JobKind::Chat as i32,
        model: model.to_owned(),
        messages: messages
            .iter()
            .map(|(role, content)| ChatMessage {
                role: (*role).to_owned(),
                content: (*content).to_owned(),
            })
            .collect(),
        options: Some(ModelOptions::default()),
        ..JobSpec::default()
    }
}

pub(super) fn embed_spec(model: &str, texts: &[String]) -> JobSpec {
    JobSpec {
        kind: JobKind::Embed as i32,
        model: model.to_owned(),
        texts: texts.to_vec(),
        ..JobSpec::default()
    }
}
