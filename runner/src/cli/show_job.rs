//! `runner job ID`: one job in full (state, reason, its source, where and on which model it ran, timings,
//! token counts and cost, its trace id, input, output, and why each node refused it) or `--json`;
//! `--follow` streams a queued or running job's output to its end instead.

mod follow_output;
mod usage_lines;

use std::future::Future;

use std::fmt::Write as _;

use proto::v1::{GetJobRequest, Job, ModelOptions};

use super::args::ShowJobArgs;
use super::connect::Coordinator;
use super::exit_code::{ClientError, ClientExit};
use super::json::write_json;
use super::rejection::violation_line;
use super::render::{
    format_age, format_millis, format_timestamp, job_kind_name, job_state_name, now_unix_ms,
};
use super::submit::embedding_summary;
use super::{Interrupt, Terminal};
use usage_lines::{cost_line, ollama_line, tokens_line, usage_line};

pub async fn show_job(
    args: &ShowJobArgs,
    terminal: &mut Terminal<'_>,
    interrupt: impl Future<Output = Interrupt> + Send,
) -> Result<ClientExit, ClientError> {
    let coordinator = Coordinator::connect(&args.coordinator.url).await?;
    if args.follow {
        let id = args.id.trim();
        return follow_output::follow_output(&coordinator, id, args.json, terminal, interrupt)
            .await;
    }
    let answer = coordinator
        .jobs()
        .get_job(GetJobRequest {
            id: args.id.trim().to_owned(),
        })
        .await;
    let job = answer
        .map_err(|status| coordinator.call_failed(status))?
        .into_inner();
    if args.json {
        write_json(terminal.out, &job)?;
    } else {
        terminal
            .out
            .write_all(job_details(&job, now_unix_ms()).as_bytes())?;
        terminal.out.flush()?;
    }
    Ok(ClientExit::Success)
}

pub fn job_details(job: &Job, now_ms: i64) -> String {
    let mut text = String::new();
    let mut field = |label: &str, value: &str| {
        if !value.is_empty() {
            let _ = writeln!(text, "{label:<11}{value}");
        }
    };
    let spec = job.spec.clone().unwrap_or_default();
    field("id", &job.id);
    field("state", job_state_name(job.state));
    field("reason", &job.reason);
    field("kind", job_kind_name(spec.kind));
    // Where a job that was not a direct call came from: "vault: Runner/inbox/why-sky.md".
    field("source", &spec.source);
    field("model", &spec.model);
    field("served by", &served_by(job));
    // Zero attempts: the job never ran (rejected, or still queued).
    if job.attempt > 0 {
        field("attempt", &job.attempt.to_string());
    }
    field("retries", &spec.retries.to_string());
    field(
        "options",
        &spec.options.as_ref().map(options_line).unwrap_or_default(),
    );
    for (label, at_ms) in [
        ("created", job.created_at_ms),
        ("started", job.started_at_ms),
        ("finished", job.finished_at_ms),
    ] {
        if at_ms > 0 {
            field(
                label,
                &format!(
                    "{} ({} ago)",
                    format_timestamp(at_ms),
                    format_age(now_ms, at_ms)
                ),
            );
        }
    }
    let timings = job.timings.clone().unwrap_or_default();
    let millis = |value: Option<u64>| value.map(format_millis).unwrap_or_default();
    field("queued", &millis(timings.queued_ms));
    field("ttft", &millis(timings.time_to_first_token_ms));
    field("total", &millis(timings.total_ms));
    if let Some(ollama) = &timings.ollama {
        field("tokens", &tokens_line(ollama));
        field("ollama", &ollama_line(ollama));
    }
    field("usage", &usage_line(job));
    field("cost", &cost_line(job));
    for warning in &job.warnings {
        field("warning", warning);
    }
    // The id to look the job's trace up by in the tracing backend (Jaeger, Tempo, …).
    field("trace", &job.trace_id);
    if !job.embeddings.is_empty() {
        field("embeddings", &embedding_summary(&job.embeddings));
    }
    let mut sections = String::new();
    if !job.rejections.is_empty() {
        let lines: Vec<String> = job
            .rejections
            .iter()
            .map(|rejection| violation_line(&rejection.node, &rejection.reason))
            .collect();
        section(&mut sections, "rejections", &lines.join("\n"));
    }
    section(&mut sections, "prompt", &spec.prompt);
    let messages: Vec<String> = spec
        .messages
        .iter()
        .map(|message| format!("{}: {}", message.role, message.content))
        .collect();
    section(&mut sections, "messages", &messages.join("\n"));
    section(&mut sections, "texts", &spec.texts.join("\n"));
    section(&mut sections, "output", &job.output);
    text + &sections
}

/// `davas (gemma4:27b)`: the node, and the model as Ollama named it in its answer.
fn served_by(job: &Job) -> String {
    // A job that never started (cancelled while queued) was served by no one.
    if job.attempt == 0 {
        return String::new();
    }
    match (job.node.as_str(), job.served_model.as_str()) {
        ("", _) => String::new(),
        (node, "") => node.to_owned(),
        (node, model) => format!("{node} ({model})"),
    }
}

fn options_line(options: &ModelOptions) -> String {
    let mut parts = Vec::new();
    let mut option = |name: &str, value: Option<String>| {
        parts.extend(value.map(|value| format!("{name}={value}")))
    };
    option(
        "temperature",
        options.temperature.map(|value| value.to_string()),
    );
    option("num_ctx", options.num_ctx.map(|value| value.to_string()));
    option("seed", options.seed.map(|value| value.to_string()));
    option("keep_alive", options.keep_alive.clone());
    option("format", options.format.clone());
    option(
        "num_predict",
        options.num_predict.map(|value| value.to_string()),
    );
    parts.join(" ")
}

/// A titled block with its lines indented, for values that may span lines.
fn section(text: &mut String, title: &str, body: &str) {
    if body.is_empty() {
        return;
    }
    let _ = writeln!(text, "{title}:");
    for line in body.lines() {
        let _ = writeln!(text, "  {line}");
    }
}

#[cfg(test)]
mod tests;
