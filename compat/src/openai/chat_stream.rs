//! A chat answer streamed as OpenAI does: server-sent events, each `data:` one
//! `chat.completion.chunk` — the assistant role first, then the text as it comes, then the
//! `finish_reason`, then (with `stream_options.include_usage`) a chunk with empty `choices` and
//! the usage, then `data: [DONE]`. A job that fails after the stream began sends one
//! `data: {"error": …}` event and no `[DONE]`, which OpenAI's SDKs raise as an error. The
//! stream owns the job: a caller closing the connection drops it, which cancels the job.

use std::convert::Infallible;

use axum::response::sse::{Event, KeepAlive, Sse};
use futures::Stream;
use proto::v1::Job;
use serde_json::{Value, json};

use super::chat_completion::{completion_id, created, served_model};
use super::error::OpenAiError;
use super::usage::{finish_reason, usage};
use crate::job_run::{JobRun, RunStep};

enum Phase {
    /// Nothing sent yet: the role chunk comes first.
    Start(JobRun),
    Running(JobRun),
    /// The job succeeded; these events end the stream.
    Ending(std::vec::IntoIter<Event>),
}

pub fn stream_chat(
    run: JobRun,
    include_usage: bool,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let events = futures::stream::unfold(Some(Phase::Start(run)), move |phase| async move {
        let (event, next) = match phase? {
            Phase::Start(run) => {
                let mut delta = json!({"role": "assistant", "content": ""});
                delta["content"] = json!(run.output_so_far());
                let event = chunk(&run.job, delta, None, include_usage);
                (event, Some(Phase::Running(run)))
            }
            Phase::Running(mut run) => match run.next().await {
                Ok(RunStep::Text(text)) => {
                    let event = chunk(&run.job, json!({"content": text}), None, include_usage);
                    (event, Some(Phase::Running(run)))
                }
                Ok(RunStep::Succeeded { job, tail }) => {
                    let mut ending = ending_events(&job, tail, include_usage).into_iter();
                    let first = ending.next()?;
                    (first, Some(Phase::Ending(ending)))
                }
                Err(refusal) => {
                    tracing::info!(job_id = %run.job.id, reason = %refusal.message, "a streamed chat failed after it began");
                    (data(&OpenAiError(refusal).body()), None)
                }
            },
            Phase::Ending(mut rest) => {
                let event = rest.next()?;
                (event, Some(Phase::Ending(rest)))
            }
        };
        Some((Ok(event), next))
    });
    Sse::new(events).keep_alive(KeepAlive::default())
}

/// What follows the last token: any text not streamed yet, the finish reason, the usage when
/// asked for, and `[DONE]`.
fn ending_events(job: &Job, tail: String, include_usage: bool) -> Vec<Event> {
    let mut events = Vec::with_capacity(4);
    if !tail.is_empty() {
        events.push(chunk(job, json!({"content": tail}), None, include_usage));
    }
    events.push(chunk(
        job,
        json!({}),
        Some(finish_reason(job)),
        include_usage,
    ));
    if include_usage {
        let mut last = chunk_body(job, include_usage);
        last["choices"] = json!([]);
        last["usage"] = usage(job).unwrap_or(Value::Null);
        events.push(data(&last));
    }
    events.push(Event::default().data("[DONE]"));
    events
}

fn chunk(job: &Job, delta: Value, finish: Option<&str>, include_usage: bool) -> Event {
    let mut body = chunk_body(job, include_usage);
    body["choices"] = json!([{
        "index": 0,
        "delta": delta,
        "logprobs": null,
        "finish_reason": finish,
    }]);
    data(&body)
}

fn chunk_body(job: &Job, include_usage: bool) -> Value {
    let mut body = json!({
        "id": completion_id(job),
        "object": "chat.completion.chunk",
        "created": created(job),
        "model": served_model(job),
    });
    if include_usage {
        // OpenAI's shape: every chunk has `usage`, null until the last one.
        body["usage"] = Value::Null;
    }
    body
}

fn data(body: &Value) -> Event {
    Event::default().data(body.to_string())
}
