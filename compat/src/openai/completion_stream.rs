//! An answer streamed as OpenAI does: server-sent events, each `data:` one chunk — for a chat
//! a `chat.completion.chunk` with the assistant role first, then the text as it comes (a
//! `text_completion` chunk per piece for `/v1/completions`), then the `finish_reason`, then
//! (with `stream_options.include_usage`) a chunk with empty `choices` and the usage, then
//! `data: [DONE]`. A job that fails after the stream began sends one
//! `data: {"error": …}` event and no `[DONE]`, which OpenAI's SDKs raise as an error. The
//! stream owns the job: a caller closing the connection drops it, which cancels the job.

#[cfg(test)]
mod tests;

use std::convert::Infallible;

use axum::response::sse::{Event, KeepAlive, Sse};
use futures::Stream;
use proto::v1::Job;
use serde_json::{Value, json};

use super::chat_completion::{created, served_model};
use super::error::OpenAiError;
use super::usage::{finish_reason, usage};
use crate::job_run::{JobRun, RunStep};

/// Which endpoint's chunks to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `/v1/chat/completions`: `chat.completion.chunk` with `delta`s.
    Chat,
    /// `/v1/completions`: `text_completion` chunks with `text`.
    Text,
}

enum Phase {
    /// Nothing sent yet: the role chunk comes first.
    Start(JobRun),
    Running(JobRun),
    /// The job succeeded; these events end the stream.
    Ending(std::vec::IntoIter<String>),
}

pub fn stream_completion(
    run: JobRun,
    shape: Shape,
    include_usage: bool,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let events = futures::stream::unfold(Some(Phase::Start(run)), move |phase| async move {
        let (event, next) = match phase? {
            Phase::Start(run) => {
                let event = match shape {
                    Shape::Chat => {
                        let delta = json!({"role": "assistant", "content": run.output_so_far()});
                        chunk(&run.job, shape, delta, None, include_usage)
                    }
                    Shape::Text => text_chunk(&run.job, shape, run.output_so_far(), include_usage),
                };
                (event, Some(Phase::Running(run)))
            }
            Phase::Running(mut run) => match run.next().await {
                Ok(RunStep::Text(text)) => {
                    let event = text_chunk(&run.job, shape, &text, include_usage);
                    (event, Some(Phase::Running(run)))
                }
                Ok(RunStep::Succeeded { job, tail }) => {
                    let mut ending = ending_events(&job, shape, tail, include_usage).into_iter();
                    let first = ending.next()?;
                    (first, Some(Phase::Ending(ending)))
                }
                Err(refusal) => {
                    tracing::info!(job_id = %run.job.id, reason = %refusal.message, "a streamed answer failed after it began");
                    (data(&OpenAiError(refusal).body()), None)
                }
            },
            Phase::Ending(mut rest) => {
                let event = rest.next()?;
                (event, Some(Phase::Ending(rest)))
            }
        };
        Some((Ok(Event::default().data(event)), next))
    });
    Sse::new(events).keep_alive(KeepAlive::default())
}

/// What follows the last token: any text not streamed yet, the finish reason, the usage when
/// asked for, and `[DONE]`.
fn ending_events(job: &Job, shape: Shape, tail: String, include_usage: bool) -> Vec<String> {
    let mut events = Vec::with_capacity(4);
    if !tail.is_empty() {
        events.push(text_chunk(job, shape, &tail, include_usage));
    }
    let finish = Some(finish_reason(job));
    events.push(match shape {
        Shape::Chat => chunk(job, shape, json!({}), finish, include_usage),
        Shape::Text => chunk(job, shape, json!(""), finish, include_usage),
    });
    if include_usage {
        let mut last = chunk_body(job, shape, include_usage);
        last["choices"] = json!([]);
        last["usage"] = usage(job).unwrap_or(Value::Null);
        events.push(data(&last));
    }
    events.push("[DONE]".to_owned());
    events
}

/// A piece of the answer's text.
fn text_chunk(job: &Job, shape: Shape, text: &str, include_usage: bool) -> String {
    match shape {
        Shape::Chat => chunk(job, shape, json!({"content": text}), None, include_usage),
        Shape::Text => chunk(job, shape, json!(text), None, include_usage),
    }
}

/// One chunk whose only choice carries `content`: a chat's `delta`, or a completion's `text`.
fn chunk(
    job: &Job,
    shape: Shape,
    content: Value,
    finish: Option<&str>,
    include_usage: bool,
) -> String {
    let mut body = chunk_body(job, shape, include_usage);
    let mut choice = json!({"index": 0, "logprobs": null, "finish_reason": finish});
    match shape {
        Shape::Chat => choice["delta"] = content,
        Shape::Text => choice["text"] = content,
    }
    body["choices"] = json!([choice]);
    data(&body)
}

fn chunk_body(job: &Job, shape: Shape, include_usage: bool) -> Value {
    let (id, object) = match shape {
        Shape::Chat => (format!("chatcmpl-{}", job.id), "chat.completion.chunk"),
        Shape::Text => (format!("cmpl-{}", job.id), "text_completion"),
    };
    let mut body = json!({
        "id": id,
        "object": object,
        "created": created(job),
        "model": served_model(job),
    });
    if include_usage {
        // OpenAI's shape: every chunk has `usage`, null until the last one.
        body["usage"] = Value::Null;
    }
    body
}

/// One event's `data`.
fn data(body: &Value) -> String {
    body.to_string()
}
