//! The body of Groq's `POST /openai/v1/chat/completions` for a chat or generate job, as the
//! groq-python SDK's `types/chat/completion_create_params.py` names its fields
//! (`research/providers.md` §2.1): `max_completion_tokens` (not the deprecated `max_tokens`),
//! `stream_options.include_usage` so the usage arrives in the stream, `stop` (up to 4 sequences; the
//! returned text does not contain them) and `top_p` (nucleus sampling, 0 to 1).

use proto::v1::{JobKind, JobSpec};
use serde::Serialize;

use super::super::ProviderError;
use super::super::ProviderErrorKind;
use super::super::transport_error::failure;

#[derive(Debug, Serialize)]
pub(super) struct ChatBody<'a> {
    model: &'a str,
    messages: Vec<Message<'a>>,
    stream: bool,
    stream_options: StreamOptions,
    #[serde(skip_serializing_if = "Option::is_none")]
    temperature: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_completion_tokens: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seed: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    stop: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    top_p: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    response_format: Option<ResponseFormat>,
}

#[derive(Debug, Serialize)]
struct Message<'a> {
    role: &'a str,
    content: &'a str,
}

#[derive(Debug, Serialize)]
struct StreamOptions {
    include_usage: bool,
}

#[derive(Debug, Serialize)]
struct ResponseFormat {
    #[serde(rename = "type")]
    kind: &'static str,
}

/// The streamed request for `spec`; `BadRequest` for a job that is not chat or generate,
/// `Unsupported` for a `format` other than `json` (a JSON schema is not mapped to Groq's).
#[expect(
    clippy::result_large_err,
    reason = "ProviderError is returned by value across the shared provider interface (api.rs)"
)]
pub(super) fn chat_body(spec: &JobSpec) -> Result<ChatBody<'_>, ProviderError> {
    let messages = match spec.kind() {
        JobKind::Chat => spec
            .messages
            .iter()
            .map(|message| Message {
                role: &message.role,
                content: &message.content,
            })
            .collect(),
        JobKind::Generate => {
            let system = (!spec.system.is_empty()).then_some(Message {
                role: "system",
                content: &spec.system,
            });
            let user = Message {
                role: "user",
                content: &spec.prompt,
            };
            system.into_iter().chain([user]).collect()
        }
        _ => {
            return Err(failure(
                ProviderErrorKind::BadRequest,
                format!(
                    "a {} job cannot be streamed as a chat",
                    spec.kind().as_str_name()
                ),
            ));
        }
    };
    let options = spec.options.clone().unwrap_or_default();
    let response_format = match options.format.as_deref() {
        None | Some("") => None,
        Some("json") => Some(ResponseFormat {
            kind: "json_object",
        }),
        Some(_) => {
            return Err(failure(
                ProviderErrorKind::Unsupported,
                "groq: only format \"json\" is supported here, not a JSON schema".to_owned(),
            ));
        }
    };
    Ok(ChatBody {
        model: &spec.model,
        messages,
        stream: true,
        stream_options: StreamOptions {
            include_usage: true,
        },
        temperature: options.temperature,
        max_completion_tokens: options.num_predict,
        seed: options.seed,
        stop: options.stop,
        top_p: options.top_p,
        response_format,
    })
}
