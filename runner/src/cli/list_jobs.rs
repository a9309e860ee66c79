//! `runner jobs`: recent jobs, newest first, as a table (or `--json`), filtered by state,
//! model or node, and paged with `--before`; it fits the terminal unless `--wide`.

use proto::v1::{Job, ListJobsRequest, ListJobsResponse};

use super::Terminal;
use super::args::ListJobsArgs;
use super::connect::Coordinator;
use super::exit_code::{ClientError, ClientExit};
use super::json::write_json;
use super::render::{
    Table, format_age, format_millis, job_state_name, now_unix_ms, or_dash, output_width,
};

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
        let width = output_width(args.wide);
        let table = jobs_table(&response, now_unix_ms(), args.wide, width);
        terminal.out.write_all(table.as_bytes())?;
        terminal.out.flush()?;
        if !response.next_before_id.is_empty() {
            writeln!(
                terminal.err,
                "older jobs: runner jobs --before {}",
                response.next_before_id
            )?;
        }
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

/// The table; ids are cut to the shortest prefix (8 characters or more) that tells the listed
/// jobs apart, which every command taking an id accepts, unless `wide`. In `width` characters
/// a line (`None`: all of it): TTFT, then TOTAL, then FROM give way, then the reason is cut
/// (`runner job ID` shows all of it). FROM, where a job came from (`vault`; all of its source
/// when `wide`), is there only when a listed job has a source.
pub fn jobs_table(
    response: &ListJobsResponse,
    now_ms: i64,
    wide: bool,
    width: Option<usize>,
) -> String {
    let with_sources = response.jobs.iter().any(|job| !source(job).is_empty());
    let headers: &[&'static str] = if with_sources {
        &[
            "ID", "STATE", "MODEL", "NODE", "FROM", "AGE", "TTFT", "TOTAL", "REASON",
        ]
    } else {
        &[
            "ID", "STATE", "MODEL", "NODE", "AGE", "TTFT", "TOTAL", "REASON",
        ]
    };
    let mut table = Table::new(headers).optional(&["TTFT", "TOTAL", "FROM"]);
    let ids: Vec<&str> = response.jobs.iter().map(|job| job.id.as_str()).collect();
    let id_width = if wide {
        usize::MAX
    } else {
        unique_prefix_len(&ids)
    };
    for job in &response.jobs {
        let mut row = job_row(job, now_ms);
        row[0] = job.id.chars().take(id_width).collect();
        if with_sources {
            row.insert(4, source_marker(source(job), wide));
        }
        table.push_row(row);
    }
    table.render_within(width)
}

/// The shortest length, at least [`MIN_ID_PREFIX`], at which the ids' prefixes all differ.
pub fn unique_prefix_len(ids: &[&str]) -> usize {
    let longest = ids.iter().map(|id| id.len()).max().unwrap_or(0);
    (MIN_ID_PREFIX..longest)
        .find(|&len| {
            let mut prefixes: Vec<&str> = ids.iter().map(|id| &id[..len.min(id.len())]).collect();
            prefixes.sort_unstable();
            prefixes.windows(2).all(|pair| pair[0] != pair[1])
        })
        .unwrap_or(longest)
}

fn source(job: &Job) -> &str {
    job.spec.as_ref().map_or("", |spec| spec.source.as_str())
}

/// `vault` for `vault: Runner/inbox/why-sky.md`: what kind of source, short enough for a
/// column (at most [`SOURCE_MARKER_CHARS`]); all of it when `wide`, `-` for a direct call.
fn source_marker(source: &str, wide: bool) -> String {
    if wide {
        return or_dash(source);
    }
    let kind = source
        .split_once(':')
        .map_or(source, |(kind, _)| kind)
        .trim();
    or_dash(&kind.chars().take(SOURCE_MARKER_CHARS).collect::<String>())
}

const SOURCE_MARKER_CHARS: usize = 12;

/// Short ids are at least this long (the coordinator resolves prefixes of 6 or more).
const MIN_ID_PREFIX: usize = 8;

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
        job.reason.clone(),
    ]
}

#[cfg(test)]
mod tests;
