//! `GET /jobs/{id}/events?view=chat|job`: one job as server-sent events, from
//! `JobService.WatchJob`: `token` (text to append), `meta` (the status line while queued or
//! running), `output` (a retry after a lost node: the new attempt's output replaces what was
//! shown) and `done` (the final form of the chat turn or job section). A broken stream ends
//! with a `done` that says so: the page never waits forever.

use std::convert::Infallible;

use axum::extract::{Path, Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use client::{JobOutput, OutputStep, is_terminal};
use futures::StreamExt;
use maud::{Markup, html};
use proto::v1::{GetJobRequest, Job, JobEvent, WatchJobRequest, job_event};
use serde::Deserialize;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;

use crate::app_state::{AppState, now_ms};
use crate::conversations::Answer;
use crate::views::chat_turn::{answer_turn, live_status};
use crate::views::job_detail::job_section;
use crate::views::live_output::{OutputShape, restarted_output};

#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JobView {
    #[default]
    Job,
    Chat,
}

impl JobView {
    fn shape(self) -> OutputShape {
        match self {
            JobView::Job => OutputShape::Block,
            JobView::Chat => OutputShape::Bubble,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct JobEventsQuery {
    #[serde(default)]
    view: JobView,
}

pub async fn get_job_events(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<JobEventsQuery>,
) -> Response {
    let (sender, receiver) = mpsc::channel(64);
    tokio::spawn(forward_job_events(state, id, query.view, sender));
    let events = ReceiverStream::new(receiver).map(Ok::<Event, Infallible>);
    (
        [("x-accel-buffering", "no")],
        Sse::new(events).keep_alive(KeepAlive::default()),
    )
        .into_response()
}

async fn forward_job_events(
    state: AppState,
    id: String,
    view: JobView,
    events: mpsc::Sender<Event>,
) {
    let shutdown = state.shutdown.clone();
    tokio::select! {
        () = shutdown.cancelled() => {}
        () = events.closed() => {}
        () = follow_job(&state, &id, view, &events) => {}
    }
}

async fn follow_job(state: &AppState, id: &str, view: JobView, events: &mpsc::Sender<Event>) {
    let send = |name: &'static str, html: Markup| {
        events.send(Event::default().event(name).data(html.into_string()))
    };
    let request = WatchJobRequest { id: id.to_owned() };
    let mut stream = match state.coordinator.jobs().watch_job(request).await {
        Ok(response) => response.into_inner(),
        Err(status) => {
            let why = format!("cannot follow the job: {}", status.message());
            let _ = send("done", broken(view, id, &why)).await;
            return;
        }
    };
    // Made from the first snapshot, which carries what was generated before this page looked.
    let mut output: Option<JobOutput> = None;
    while let Some(next) = stream.next().await {
        let event = match next {
            Ok(event) => event,
            Err(status) => {
                let why = format!(
                    "lost the job's stream ({}); reload to see how it ended",
                    status.message()
                );
                let _ = send("done", broken(view, id, &why)).await;
                return;
            }
        };
        let step = match (output.as_mut(), event.event) {
            (None, Some(job_event::Event::Job(job))) if !is_terminal(job.state) => {
                output = Some(JobOutput::new(&job));
                if !job.output.is_empty()
                    && send("token", html! { span { (job.output) } })
                        .await
                        .is_err()
                {
                    return;
                }
                OutputStep::Changed(job)
            }
            (None, Some(job_event::Event::Job(job))) => JobOutput::default().end(job),
            (None, other) => output
                .insert(JobOutput::default())
                .apply(JobEvent { event: other }),
            (Some(output), other) => output.apply(JobEvent { event: other }),
        };
        let sent = match step {
            OutputStep::Tokens(text) => send("token", html! { span { (text) } }).await,
            OutputStep::Restarted(job) => {
                // The shown text belonged to the attempt on the lost node: replace it whole.
                let replaced = send("output", restarted_output(view.shape(), &job)).await;
                match replaced {
                    Ok(()) => send("meta", live_status(&job)).await,
                    Err(closed) => Err(closed),
                }
            }
            OutputStep::Changed(job) => send("meta", live_status(&job)).await,
            OutputStep::Ended { job, .. } => {
                let _ = send("done", finished(view, &job)).await;
                return;
            }
            OutputStep::Unknown => Ok(()),
        };
        if sent.is_err() {
            return; // the page went away
        }
    }
    // The stream ended without a final state: ask once more rather than leave the page waiting.
    let last = state
        .coordinator
        .jobs()
        .get_job(GetJobRequest { id: id.to_owned() })
        .await;
    let done = match last.map(|response| response.into_inner()) {
        Ok(job) if is_terminal(job.state) => finished(view, &job),
        _ => broken(
            view,
            id,
            "the job's stream ended before the job did; reload to see how it ended",
        ),
    };
    let _ = send("done", done).await;
}

fn finished(view: JobView, job: &Job) -> Markup {
    match view {
        JobView::Chat => answer_turn(&Answer::from_job(job)),
        JobView::Job => job_section(job, now_ms()),
    }
}

/// What replaces the live part when the job's stream broke.
fn broken(view: JobView, id: &str, why: &str) -> Markup {
    match view {
        JobView::Chat => html! {
            li.turn.assistant.broken #{"answer-" (id)} data-job=(id) data-state="unknown" {
                div.bubble { p.reason role="alert" { (why) } }
            }
        },
        JobView::Job => html! {
            section.card.job #{"job-" (id)} data-job=(id) { p.reason role="alert" { (why) } }
        },
    }
}

#[cfg(test)]
mod tests;
