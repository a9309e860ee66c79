//! The body of Anthropic's streamed `POST /v1/messages` for a chat or generate job
//! (anthropic-sdk-python `types/message_create_params.py`, the recorded request of
//! `research/providers.md` §4.1): `max_tokens` always (it is required), `system` top-level,
//! roles `user`/`assistant`, `stop_sequences` (a match ends the answer with `stop_reason`
//! `stop_sequence`) and `top_p`. `seed` has no Anthropic counterpart and is dropped; JSON `format`
//! is refused as unsupported. Both `temperature` and `top_p` are passed as the job sets them:
//! recent Claude models answer 400 "`temperature` and `top_p` cannot both be specified for this
//! model", which the job then reports rather than having one of them silently dropped here.

use proto::v1::{JobKind, JobSpec};
use serde::Serialize;

use super::super::transport_error::failure;
use super::super::{ProviderError, ProviderErrorKind};

#[derive(Debug, Serialize)]
pub(super) struct MessagesBody<'a> {
    model: &'a str,
    max_tokens: u32,
    messages: Vec<Message<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    system: Option<String>,
    stream: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    temperature: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    stop_sequences: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    top_p: Option<f64>,
}

#[derive(Debug, Serialize)]
struct Message<'a> {
    role: &'a str,
    content: &'a str,
}

/// The request for `spec`: chat `system` messages are joined (blank line between) into the
/// top-level `system`, since Anthropic has no system role in `messages`.
#[expect(
    clippy::result_large_err,
    reason = "ProviderError is returned by value across the shared provider interface (api.rs)"
)]
pub(super) fn messages_body(
    spec: &JobSpec,
    max_tokens_default: u32,
) -> Result<MessagesBody<'_>, ProviderError> {
    let options = spec.options.clone().unwrap_or_default();
    if options
        .format
        .as_deref()
        .is_some_and(|format| !format.is_empty())
    {
        return Err(failure(
            ProviderErrorKind::Unsupported,
            "anthropic has no JSON output mode: leave format unset for claude models".to_owned(),
        ));
    }
    let (system, messages) = match spec.kind() {
        JobKind::Chat => {
            let system: Vec<&str> = spec
                .messages
                .iter()
                .filter(|message| message.role == "system")
                .map(|message| message.content.as_str())
                .collect();
            let turns = spec
                .messages
                .iter()
                .filter(|message| message.role != "system")
                .map(|message| Message {
                    role: &message.role,
                    content: &message.content,
                })
                .collect();
            ((!system.is_empty()).then(|| system.join("\n\n")), turns)
        }
        JobKind::Generate => {
            let turn = Message {
                role: "user",
                content: &spec.prompt,
            };
            (
                (!spec.system.is_empty()).then(|| spec.system.clone()),
                vec![turn],
            )
        }
        other => {
            return Err(failure(
                ProviderErrorKind::BadRequest,
                format!(
                    "a {} job cannot be streamed as messages",
                    other.as_str_name()
                ),
            ));
        }
    };
    Ok(MessagesBody {
        model: &spec.model,
        max_tokens: options.num_predict.unwrap_or(max_tokens_default),
        messages,
        system,
        stream: true,
        temperature: options.temperature,
        stop_sequences: options.stop,
        top_p: options.top_p,
    })
}
