//! `[[schedules]]` in the coordinator's config, each checked at start-up: a bad cron, zone,
//! policy or job is a problem naming the schedule (and its file line), listed with every other
//! problem so `runner serve` exits 2 once with all of them.

use std::time::Duration;

use settings::{Key, Kind, Problems, Step, parse_duration, toml};

use crate::cron_spec::CronSpec;

mod job_template;

pub use job_template::{JOB_KEYS, JobTemplate, TemplateKind};

/// Every key a `[[schedules]]` entry takes.
pub const KEYS: &[Key] = &[
    Key::required("name", Kind::Text),
    Key::required("cron", Kind::Text),
    Key::optional("time_zone", Kind::Text),
    Key::optional("overlap", Kind::Text),
    Key::optional("catch_up", Kind::Text),
    Key::optional("starting_deadline", Kind::Duration),
    Key::required("job", Kind::Open),
];

/// Without `starting_deadline`: a firing more than this late is recorded missed, not run.
pub const DEFAULT_STARTING_DEADLINE: Duration = Duration::from_secs(60 * 60);
/// A name goes into idempotency keys, URLs and file names.
const MAX_NAME_BYTES: usize = 64;

/// What a firing does while the previous firing's job still runs (Nomad's `prohibit_overlap`,
/// Kubernetes' `concurrencyPolicy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlap {
    /// Record the firing as skipped (the default: briefings and memory syncs are long).
    Skip,
    /// Run both.
    Allow,
    /// Cancel the running job, then run the new one.
    Replace,
}

/// What start-up does with slots that passed while the coordinator was down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatchUp {
    /// One late run for the newest slot, if within `starting_deadline`; older ones missed.
    Once,
    /// Every passed slot is recorded missed.
    None,
}

#[derive(Debug, Clone)]
pub struct ScheduleConfig {
    pub name: String,
    pub cron: CronSpec,
    pub overlap: Overlap,
    pub catch_up: CatchUp,
    pub starting_deadline: Duration,
    pub job: JobTemplate,
}

impl Overlap {
    pub fn word(self) -> &'static str {
        match self {
            Overlap::Skip => "skip",
            Overlap::Allow => "allow",
            Overlap::Replace => "replace",
        }
    }
}

impl CatchUp {
    pub fn word(self) -> &'static str {
        match self {
            CatchUp::Once => "once",
            CatchUp::None => "none",
        }
    }
}

/// Reads every `[[schedules]]` table; a wrong one is left out and its problems noted.
pub fn parse_schedules(tables: &[toml::Table], problems: &mut Problems) -> Vec<ScheduleConfig> {
    let mut schedules: Vec<ScheduleConfig> = Vec::new();
    for (index, table) in tables.iter().enumerate() {
        let at = [Step::key("schedules"), Step::Index(index)];
        let Some(schedule) = parse_one(table, &at, problems) else {
            continue;
        };
        if schedules.iter().any(|other| other.name == schedule.name) {
            problems.push_at(&at, &format!("schedule `{}` is named twice", schedule.name));
            continue;
        }
        schedules.push(schedule);
    }
    schedules
}

fn parse_one(table: &toml::Table, at: &[Step], problems: &mut Problems) -> Option<ScheduleConfig> {
    let mut table = table.clone();
    let before = problems.len();
    settings::check_table(&mut table, at, KEYS, problems);
    let text = |key: &str| table.get(key).and_then(toml::Value::as_str).map(str::trim);
    let name = text("name").unwrap_or_default().to_owned();
    let named = |key: &str| {
        let mut path = at.to_vec();
        path.push(Step::key(key));
        path
    };
    let label = if name.is_empty() {
        "a schedule".to_owned()
    } else {
        format!("schedule `{name}`")
    };
    if let Some(problem) = name_problem(&name) {
        problems.push_at(&named("name"), &problem);
    }
    let zone = match crate::cron_spec::parse_zone(text("time_zone").unwrap_or("UTC")) {
        Ok(zone) => zone,
        Err(problem) => {
            problems.push_at(&named("time_zone"), &format!("{label}: {problem}"));
            chrono_tz::Tz::UTC
        }
    };
    let cron = match CronSpec::parse_in(text("cron").unwrap_or_default(), zone) {
        Ok(cron) => Some(cron),
        Err(problem) => {
            problems.push_at(&named("cron"), &format!("{label}: {problem}"));
            None
        }
    };
    let overlap = match text("overlap").unwrap_or("skip") {
        "skip" => Overlap::Skip,
        "allow" => Overlap::Allow,
        "replace" => Overlap::Replace,
        other => {
            let problem = format!("{label}: `{other}` is not skip, allow or replace");
            problems.push_at(&named("overlap"), &problem);
            Overlap::Skip
        }
    };
    let catch_up = match text("catch_up").unwrap_or("once") {
        "once" => CatchUp::Once,
        "none" => CatchUp::None,
        other => {
            let problem = format!("{label}: `{other}` is not once or none");
            problems.push_at(&named("catch_up"), &problem);
            CatchUp::Once
        }
    };
    let starting_deadline = match text("starting_deadline").map(parse_duration) {
        None => DEFAULT_STARTING_DEADLINE,
        Some(Ok(deadline)) if deadline >= Duration::from_secs(1) => deadline,
        Some(Ok(_)) => {
            problems.push_at(
                &named("starting_deadline"),
                &format!("{label}: at least 1s"),
            );
            DEFAULT_STARTING_DEADLINE
        }
        Some(Err(problem)) => {
            problems.push_at(&named("starting_deadline"), &format!("{label}: {problem}"));
            DEFAULT_STARTING_DEADLINE
        }
    };
    let job = match table.get("job").and_then(toml::Value::as_table) {
        Some(job) => JobTemplate::parse(job, &named("job"), &label, problems),
        None => None,
    };
    if problems.len() > before {
        return None;
    }
    Some(ScheduleConfig {
        name,
        cron: cron?,
        overlap,
        catch_up,
        starting_deadline,
        job: job?,
    })
}

fn name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("name the schedule, e.g. name = \"briefing\"".to_owned());
    }
    if name.len() > MAX_NAME_BYTES {
        return Some(format!("`{name}` is longer than {MAX_NAME_BYTES} bytes"));
    }
    let allowed = |character: char| character.is_ascii_alphanumeric() || "-_.".contains(character);
    (!name.chars().all(allowed)).then(|| {
        format!("`{name}`: use letters, digits, `-`, `_` and `.` only (it names files and URLs)")
    })
}

#[cfg(test)]
mod tests;
