//! What `runner submit` says once its job has ended: the one-line summary on stderr, the
//! embedding shape or the JSON on stdout, and the exit code for the job's final state.

use proto::v1::{Embedding, Job, JobKind, JobState};

use crate::cli::Terminal;
use crate::cli::exit_code::{ClientError, ClientExit, violation_line};
use crate::cli::json::write_json;
use crate::cli::render::{format_millis, job_state_name, or_dash};

pub fn report_finished_job(
    job: &Job,
    json: bool,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    if json {
        write_json(terminal.out, job)?;
    }
    let is_embed = job
        .spec
        .as_ref()
        .is_some_and(|spec| spec.kind == JobKind::Embed as i32);
    let exit = match JobState::try_from(job.state) {
        Ok(JobState::Succeeded) => {
            if !json {
                if is_embed {
                    writeln!(terminal.out, "{}", embedding_summary(&job.embeddings))?;
                }
                writeln!(terminal.err, "{}", success_summary(job))?;
            }
            ClientExit::Success
        }
        Ok(JobState::Failed) => {
            let node = if job.node.is_empty() {
                String::new()
            } else {
                format!(" on {}", job.node)
            };
            writeln!(
                terminal.err,
                "job {} failed{node}: {}",
                job.id,
                or_dash(&job.reason)
            )?;
            ClientExit::FailedOrNotFound
        }
        Ok(JobState::Cancelled) => {
            writeln!(
                terminal.err,
                "job {} was cancelled: {}",
                job.id,
                or_dash(&job.reason)
            )?;
            ClientExit::FailedOrNotFound
        }
        Ok(JobState::Rejected) => {
            writeln!(
                terminal.err,
                "job {} was rejected: {}",
                job.id,
                or_dash(&job.reason)
            )?;
            for rejection in &job.rejections {
                writeln!(
                    terminal.err,
                    "  {}",
                    violation_line(&rejection.node, &rejection.reason)
                )?;
            }
            ClientExit::Rejected
        }
        _ => {
            let state = job_state_name(job.state);
            return Err(ClientError::BadAnswer(format!(
                "job {} ended in state {state}",
                job.id
            )));
        }
    };
    terminal.out.flush()?;
    Ok(exit)
}

/// `job 01J… served by davas (gemma4:27b) in 1.23 s, ttft 85 ms, 42 tokens`
pub fn success_summary(job: &Job) -> String {
    let mut summary = format!("job {} served by {}", job.id, or_dash(&job.node));
    if !job.served_model.is_empty() {
        summary.push_str(&format!(" ({})", job.served_model));
    }
    let timings = job.timings.as_ref();
    if let Some(total_ms) = timings.and_then(|timings| timings.total_ms) {
        summary.push_str(&format!(" in {}", format_millis(total_ms)));
    }
    if let Some(ttft_ms) = timings.and_then(|timings| timings.time_to_first_token_ms) {
        summary.push_str(&format!(", ttft {}", format_millis(ttft_ms)));
    }
    let generated_tokens = timings
        .and_then(|timings| timings.ollama.as_ref())
        .map_or(0, |ollama| ollama.eval_count);
    if generated_tokens > 0 {
        summary.push_str(&format!(", {generated_tokens} tokens"));
    }
    if job.attempt > 1 {
        summary.push_str(&format!(", attempt {}", job.attempt));
    }
    summary
}

/// `2 vectors of 768 dimensions`; mixed sizes (which Ollama should never send) are listed.
pub fn embedding_summary(embeddings: &[Embedding]) -> String {
    let count = embeddings.len();
    let vectors = if count == 1 { "vector" } else { "vectors" };
    let mut dimensions: Vec<usize> = embeddings
        .iter()
        .map(|embedding| embedding.values.len())
        .collect();
    dimensions.sort_unstable();
    dimensions.dedup();
    match dimensions.as_slice() {
        [] => format!("{count} {vectors}"),
        [only] => format!("{count} {vectors} of {only} dimensions"),
        several => {
            let listed: Vec<String> = several.iter().map(usize::to_string).collect();
            format!("{count} {vectors} of {} dimensions", listed.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use proto::v1::{JobSpec, JobTimings, NodeIneligibility, OllamaStats};

    use super::*;

    fn job(state: JobState) -> Job {
        Job {
            id: "01JA".into(),
            spec: Some(JobSpec {
                kind: JobKind::Generate as i32,
                model: "gemma4:27b".into(),
                ..Default::default()
            }),
            state: state as i32,
            node: "davas".into(),
            served_model: "gemma4:27b".into(),
            timings: Some(JobTimings {
                total_ms: Some(1_234),
                time_to_first_token_ms: Some(85),
                ollama: Some(OllamaStats {
                    eval_count: 42,
                    ..Default::default()
                }),
                ..Default::default()
            }),
            attempt: 1,
            ..Default::default()
        }
    }

    fn report(job: &Job, json: bool) -> (ClientExit, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let exit = report_finished_job(
            job,
            json,
            &mut Terminal {
                out: &mut out,
                err: &mut err,
            },
        )
        .unwrap();
        (
            exit,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn a_success_is_summarised_on_stderr() {
        let (exit, out, err) = report(&job(JobState::Succeeded), false);
        assert_eq!(exit, ClientExit::Success);
        assert_eq!(out, "");
        assert_eq!(
            err,
            "job 01JA served by davas (gemma4:27b) in 1.23 s, ttft 85 ms, 42 tokens\n"
        );
    }

    #[test]
    fn failures_and_rejections_give_the_reason_and_their_exit_code() {
        let mut failed = job(JobState::Failed);
        failed.reason = "node_lost: davas stopped answering".into();
        assert_eq!(
            report(&failed, false),
            (
                ClientExit::FailedOrNotFound,
                String::new(),
                "job 01JA failed on davas: node_lost: davas stopped answering\n".into()
            )
        );
        let mut rejected = job(JobState::Rejected);
        rejected.reason = "no node can run gemma4:27b".into();
        rejected.rejections = vec![NodeIneligibility {
            node: "davas".into(),
            code: 2,
            reason: "agent down".into(),
        }];
        let (exit, _, err) = report(&rejected, false);
        assert_eq!(exit, ClientExit::Rejected);
        assert_eq!(
            err,
            "job 01JA was rejected: no node can run gemma4:27b\n  davas: agent down\n"
        );
    }

    #[test]
    fn json_prints_the_job_and_no_summary() {
        let (exit, out, err) = report(&job(JobState::Succeeded), true);
        assert_eq!(exit, ClientExit::Success);
        assert_eq!(err, "");
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(value["state"], "JOB_STATE_SUCCEEDED");
    }

    #[test]
    fn embeddings_print_their_count_and_dimensions() {
        let vector = |size: usize| Embedding {
            values: vec![0.5; size],
        };
        assert_eq!(
            embedding_summary(&[vector(768), vector(768)]),
            "2 vectors of 768 dimensions"
        );
        assert_eq!(embedding_summary(&[vector(3)]), "1 vector of 3 dimensions");
        assert_eq!(
            embedding_summary(&[vector(3), vector(4)]),
            "2 vectors of 3, 4 dimensions"
        );
        assert_eq!(embedding_summary(&[]), "0 vectors");
    }

    #[test]
    fn a_job_still_running_is_a_bad_answer() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let result = report_finished_job(
            &job(JobState::Running),
            false,
            &mut Terminal {
                out: &mut out,
                err: &mut err,
            },
        );
        assert!(matches!(result, Err(ClientError::BadAnswer(_))));
    }
}
