//! `runner jobs`: recent jobs, newest first, as a table (or `--json`), filtered by state,
//! model or node, and paged with `--before`.

use proto::v1::{Job, ListJobsRequest, ListJobsResponse};

use super::Terminal;
use super::args::ListJobsArgs;
use super::connect::Coordinator;
use super::exit_code::{ClientError, ClientExit};
use super::json::write_json;
use super::render::{
    Table, format_age, format_millis, job_state_name, now_unix_ms, or_dash, truncate,
};

/// Long enough for "node_lost: davas stopped answering"; `runner job ID` shows all of it.
const REASON_WIDTH: usize = 48;

pub async fn list_jobs(
    args: &ListJobsArgs,
    terminal: &mut Terminal<'_>,
) -> Result<ClientExit, ClientError> {
    let coordinator = Coordinator::connect(&args.coordinator.url).await?;
    let answer = coordinator.jobs().list_jobs(list_request(args)).await;
    let response = answer
        .map_err(|status| coordinator.call_failed(status))?
        .into_inner();
    if args.json {
        write_json(terminal.out, &response)?;
    } else if response.jobs.is_empty() {
        writeln!(terminal.err, "no jobs match")?;
    } else {
        terminal
            .out
            .write_all(jobs_table(&response, now_unix_ms()).as_bytes())?;
        terminal.out.flush()?;
    }
    Ok(ClientExit::Success)
}

fn list_request(args: &ListJobsArgs) -> ListJobsRequest {
    ListJobsRequest {
        state: args.state.map(|state| state.to_proto() as i32),
        model: args.model.clone().unwrap_or_default(),
        node: args.node.clone().unwrap_or_default(),
        // Zero asks for the coordinator's default page size.
        limit: args.limit.unwrap_or(0),
        before_id: args.before.clone().unwrap_or_default(),
    }
}

pub fn jobs_table(response: &ListJobsResponse, now_ms: i64) -> String {
    let mut table = Table::new(&[
        "ID", "STATE", "MODEL", "NODE", "AGE", "TTFT", "TOTAL", "REASON",
    ]);
    for job in &response.jobs {
        table.push_row(job_row(job, now_ms));
    }
    table.render()
}

fn job_row(job: &Job, now_ms: i64) -> Vec<String> {
    let timings = job.timings.as_ref();
    let millis = |value: Option<u64>| value.map_or_else(|| "-".to_owned(), format_millis);
    vec![
        job.id.clone(),
        job_state_name(job.state).to_owned(),
        job.spec
            .as_ref()
            .map_or_else(|| "-".to_owned(), |spec| or_dash(&spec.model)),
        or_dash(&job.node),
        format_age(now_ms, job.created_at_ms),
        millis(timings.and_then(|timings| timings.time_to_first_token_ms)),
        millis(timings.and_then(|timings| timings.total_ms)),
        truncate(&job.reason, REASON_WIDTH),
    ]
}

#[cfg(test)]
mod tests {
    use clap::Parser;
    use proto::v1::{JobSpec, JobState, JobTimings};

    use super::*;
    use crate::cli::{Cli, ClientCommand, Command};

    fn parsed(arguments: &[&str]) -> ListJobsArgs {
        match Cli::try_parse_from([&["runner", "jobs"], arguments].concat())
            .unwrap()
            .command
        {
            Command::Client(ClientCommand::Jobs(args)) => args,
            other => panic!("parsed as {other:?}"),
        }
    }

    #[test]
    fn filters_become_the_request_and_defaults_stay_empty() {
        assert_eq!(list_request(&parsed(&[])), ListJobsRequest::default());
        let request = list_request(&parsed(&[
            "--state",
            "failed",
            "--model",
            "gemma4:27b",
            "--node",
            "davas",
            "--limit",
            "5",
            "--before",
            "01JB",
        ]));
        assert_eq!(request.state, Some(JobState::Failed as i32));
        assert_eq!(
            (request.model.as_str(), request.node.as_str()),
            ("gemma4:27b", "davas")
        );
        assert_eq!((request.limit, request.before_id.as_str()), (5, "01JB"));
    }

    #[test]
    fn the_table_shows_timings_and_a_cut_reason() {
        let now = 1_800_000_000_000;
        let succeeded = Job {
            id: "01JB".into(),
            spec: Some(JobSpec {
                model: "gemma4:27b".into(),
                ..Default::default()
            }),
            state: JobState::Succeeded as i32,
            node: "davas".into(),
            created_at_ms: now - 65_000,
            timings: Some(JobTimings {
                time_to_first_token_ms: Some(85),
                total_ms: Some(1_230),
                ..Default::default()
            }),
            ..Default::default()
        };
        let rejected = Job {
            id: "01JA".into(),
            spec: Some(JobSpec {
                model: "gemma4:27b".into(),
                ..Default::default()
            }),
            state: JobState::Rejected as i32,
            created_at_ms: now - 7_200_000,
            reason: format!(
                "no node can run gemma4:27b: davas: agent down since {}",
                "x".repeat(40)
            ),
            ..Default::default()
        };
        let text = jobs_table(
            &ListJobsResponse {
                jobs: vec![succeeded, rejected],
            },
            now,
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "ID    STATE      MODEL       NODE   AGE  TTFT   TOTAL   REASON"
        );
        assert_eq!(
            lines[1],
            "01JB  succeeded  gemma4:27b  davas  1m   85 ms  1.23 s"
        );
        assert!(
            lines[2].starts_with(
                "01JA  rejected   gemma4:27b  -      2h   -      -       no node can run gemma4:27b"
            ),
            "{}",
            lines[2]
        );
        assert!(lines[2].ends_with('…'));
        let reason_column = lines[0].find("REASON").unwrap();
        assert_eq!(lines[2].chars().skip(reason_column).count(), REASON_WIDTH);
    }
}
