//! A chat or generate job answered as Ollama answers: NDJSON (`application/x-ndjson`), one
//! object a line — the text as it comes, then the last object with `done: true` and the
//! statistics — or, with `"stream": false`, one object with the whole text. A job that fails
//! after the stream began ends it with one `{"error": "…"}` line, as Ollama does. The stream
//! owns the job: a caller closing the connection drops it, which cancels the job.

use std::convert::Infallible;

use axum::Json;
use axum::body::{Body, Bytes};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::error::OllamaError;
use super::reply::{Flavour, chunk, final_object, now, served_model};
use crate::job_headers::job_headers;
use crate::job_run::{JobRun, RunStep};

/// The answer to an accepted job, with the headers naming the job and its node.
pub async fn answer(run: JobRun, flavour: Flavour, stream: bool) -> Result<Response, OllamaError> {
    let headers = job_headers(&run.job);
    if stream {
        let body = Body::from_stream(lines(run, flavour));
        return Ok((
            headers,
            [(header::CONTENT_TYPE, "application/x-ndjson")],
            body,
        )
            .into_response());
    }
    let job = run.finish().await.map_err(OllamaError)?;
    let body = final_object(flavour, &job, &now(), &job.output);
    Ok((headers, Json(body)).into_response())
}

enum Phase {
    /// Nothing sent yet: any output made before the stream began comes first.
    Start(JobRun),
    Running(JobRun),
    /// These lines end the stream.
    Ending(std::vec::IntoIter<Bytes>),
}

fn lines(run: JobRun, flavour: Flavour) -> impl futures::Stream<Item = Result<Bytes, Infallible>> {
    futures::stream::unfold(Some(Phase::Start(run)), move |phase| async move {
        let (line, next) = match phase? {
            Phase::Start(run) if !run.output_so_far().is_empty() => {
                let text = run.output_so_far().to_owned();
                (text_line(flavour, &run, &text), Some(Phase::Running(run)))
            }
            Phase::Start(mut run) | Phase::Running(mut run) => match run.next().await {
                Ok(RunStep::Text(text)) => {
                    (text_line(flavour, &run, &text), Some(Phase::Running(run)))
                }
                Ok(RunStep::Succeeded { job, tail }) => {
                    let created_at = now();
                    let mut ending = Vec::with_capacity(2);
                    if !tail.is_empty() {
                        ending.push(line(&chunk(
                            flavour,
                            served_model(&job),
                            &created_at,
                            &tail,
                        )));
                    }
                    ending.push(line(&final_object(flavour, &job, &created_at, "")));
                    let mut ending = ending.into_iter();
                    (ending.next()?, Some(Phase::Ending(ending)))
                }
                Err(refusal) => {
                    tracing::info!(job_id = %run.job.id, reason = %refusal.message, "a streamed Ollama answer failed after it began");
                    (OllamaError(refusal).line(), None)
                }
            },
            Phase::Ending(mut rest) => {
                let line = rest.next()?;
                (line, Some(Phase::Ending(rest)))
            }
        };
        Some((Ok(line), next))
    })
}

fn text_line(flavour: Flavour, run: &JobRun, text: &str) -> Bytes {
    line(&chunk(flavour, served_model(&run.job), &now(), text))
}

/// One NDJSON line: the object and a newline.
pub fn line(body: &Value) -> Bytes {
    let mut line = body.to_string().into_bytes();
    line.push(b'\n');
    Bytes::from(line)
}
