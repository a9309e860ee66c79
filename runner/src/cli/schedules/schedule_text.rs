//! Schedules in the terminal: the table of every schedule (its cron with its zone, the next
//! slot in that zone and how far off, the last firing, its job and whether it is paused), and
//! one schedule in full with its recent firings and an agent run's steps.

use client::schedules::{firing_line, firing_outcome, local_time, time_until};
use proto::v1::{AgentRun, Firing, Schedule};

use super::super::render::{Table, or_dash, truncate};

/// Characters of a job id in the table: enough to tell jobs apart and to paste into
/// `runner job ID` (which takes a unique prefix).
const JOB_ID_PREFIX: usize = 10;

/// The table in at most `width` characters a line (`None`: all of it): LAST, then JOB, give
/// way before NEXT is cut.
pub fn schedules_table(schedules: &[Schedule], now_ms: i64, width: Option<usize>) -> String {
    let mut table = Table::new(&["NAME", "CRON", "NEXT", "LAST", "JOB", "PAUSED"])
        .optional(&["LAST", "JOB"])
        .last_needs(3);
    for schedule in schedules {
        table.push_row(vec![
            schedule.name.clone(),
            format!("{} {}", schedule.cron, schedule.time_zone),
            next_cell(schedule, now_ms),
            last_cell(schedule.last_firing.as_ref(), &schedule.time_zone),
            job_cell(schedule.last_firing.as_ref()),
            if schedule.paused { "yes" } else { "no" }.to_owned(),
        ]);
    }
    table.render_within(width)
}

fn next_cell(schedule: &Schedule, now_ms: i64) -> String {
    match schedule.next_at_ms {
        _ if schedule.paused => "paused".to_owned(),
        Some(next) => format!(
            "{} ({})",
            local_time(next, &schedule.time_zone),
            time_until(now_ms, next)
        ),
        None => "-".to_owned(),
    }
}

fn last_cell(firing: Option<&Firing>, time_zone: &str) -> String {
    firing.map_or_else(
        || "never".to_owned(),
        |firing| {
            format!(
                "{} {}",
                local_time(firing.scheduled_at_ms, time_zone),
                firing_outcome(firing.outcome)
            )
        },
    )
}

fn job_cell(firing: Option<&Firing>) -> String {
    let Some(firing) = firing.filter(|firing| !firing.job_id.is_empty()) else {
        return "-".to_owned();
    };
    let prefix: String = firing.job_id.chars().take(JOB_ID_PREFIX).collect();
    format!("{prefix} {}", or_dash(&firing.state))
}

/// One schedule in full: what it runs and when, its firings newest first, and the steps of
/// the newest agent run among them.
pub fn schedule_text(schedule: &Schedule, now_ms: i64) -> String {
    let mut text = format!("schedule  {}\n", schedule.name);
    let described = if schedule.cron_description.is_empty() {
        String::new()
    } else {
        format!(" — {}", schedule.cron_description)
    };
    text.push_str(&format!(
        "cron      {} in {}{described}\n",
        schedule.cron, schedule.time_zone
    ));
    if let Some(job) = &schedule.job {
        let on = if job.model.is_empty() {
            String::new()
        } else {
            format!(" on {}", job.model)
        };
        let prompt = if job.prompt.is_empty() {
            String::new()
        } else {
            format!(": {}", truncate(&job.prompt, 60))
        };
        text.push_str(&format!("runs      {}{on}{prompt}\n", job.r#type));
    }
    text.push_str(&format!(
        "policy    overlap {}, catch_up {}, starting deadline {} s\n",
        or_dash(&schedule.overlap),
        or_dash(&schedule.catch_up),
        schedule.starting_deadline_ms / 1_000
    ));
    text.push_str(&format!("next      {}\n", next_cell(schedule, now_ms)));
    let firings = if schedule.recent_firings.is_empty() {
        schedule.last_firing.iter().collect::<Vec<_>>()
    } else {
        schedule.recent_firings.iter().collect()
    };
    if firings.is_empty() {
        text.push_str("\nnever fired\n");
    } else {
        text.push_str("\nfirings, newest first:\n");
        for firing in &firings {
            text.push_str(&format!("  {}\n", firing_line(firing, &schedule.time_zone)));
        }
    }
    if let Some(run) = firings.iter().find_map(|firing| firing.run.as_ref()) {
        text.push_str(&run_text(run));
    }
    text
}

/// An agent run's steps: name, state, job, tokens, and the first line of output or the error.
fn run_text(run: &AgentRun) -> String {
    let mut text = format!(
        "\n{} run {} ({}):\n",
        run.agent,
        run.id,
        or_dash(&run.state)
    );
    let mut table = Table::new(&["STEP", "STATE", "JOB", "TOKENS", "OUTPUT"]);
    for step in &run.steps {
        let tokens = match (step.input_tokens, step.output_tokens) {
            (None, None) => "-".to_owned(),
            (input, output) => format!("{}→{}", input.unwrap_or(0), output.unwrap_or(0)),
        };
        let said = if step.error.is_empty() {
            &step.output
        } else {
            &step.error
        };
        table.push_row(vec![
            step.name.clone(),
            or_dash(&step.state),
            or_dash(&step.job_id),
            tokens,
            truncate(said.lines().next().unwrap_or(""), 72),
        ]);
    }
    for line in table.render_within(None).lines() {
        text.push_str(&format!("  {line}\n"));
    }
    if !run.error.is_empty() {
        text.push_str(&format!("  error: {}\n", run.error));
    }
    text
}
