//! The result note's name and text: frontmatter whose property types stay the same across the
//! vault (Obsidian assigns one type per property name), then a body a person reads first.

use std::fmt::Write;

use chrono::{DateTime, NaiveDate};

use super::{Outcome, ResultFacts};
use crate::frontmatter_edit::{yaml_link, yaml_string};
use crate::names::slug_within_bytes;

/// The longest result note name, in bytes (well under every filesystem's 255).
pub const MAX_RESULT_NAME_BYTES: usize = 120;

/// `2026-12-03 why-sky (ID).md`: the day, the title's slug (cut to fit), and the id, so the
/// name alone says which job it answers. `id` is a valid job id (see `job_note::is_valid_id`).
pub fn result_file_name(id: &str, title: &str, day: NaiveDate) -> String {
    let day = day.format("%Y-%m-%d").to_string();
    let suffix = format!(" ({id}).md");
    let budget = MAX_RESULT_NAME_BYTES.saturating_sub(day.len() + 1 + suffix.len());
    let slug = slug_within_bytes(title, budget);
    if slug.is_empty() {
        format!("{day}{suffix}")
    } else {
        format!("{day} {slug}{suffix}")
    }
}

/// The whole result note. Facts that are absent are left out, never written as 0.
pub fn render_result(facts: &ResultFacts) -> String {
    let mut note = String::from("---\n");
    let mut property = |key: &str, value: Option<String>| {
        if let Some(value) = value {
            // Writing to a String cannot fail.
            let _ = writeln!(note, "{key}: {value}");
        }
    };
    let text = |value: &str| (!value.is_empty()).then(|| yaml_string(value));
    property(
        "status",
        facts.outcome.map(|outcome| outcome.word().to_owned()),
    );
    property("job", text(&facts.id));
    property("run", facts.run_id.as_deref().and_then(text));
    property("state", facts.run_state.as_deref().and_then(text));
    property(
        "cluster_job",
        facts.cluster_job_id.as_deref().and_then(text),
    );
    property("type", text(&facts.job_type));
    property("model", text(&facts.model));
    property("node", facts.node.as_deref().and_then(text));
    property(
        "input_tokens",
        facts.input_tokens.map(|tokens| tokens.to_string()),
    );
    property(
        "output_tokens",
        facts.output_tokens.map(|tokens| tokens.to_string()),
    );
    property("duration_ms", facts.duration_ms.map(|ms| ms.to_string()));
    let cost = facts.cost_usd.filter(|cost| cost.is_finite());
    property("cost_usd", cost.map(|cost| cost.to_string()));
    property("started", facts.started_ms.and_then(date_time));
    property("finished", date_time(facts.finished_ms));
    let link = &facts.job_note_link;
    property("source", (!link.is_empty()).then(|| yaml_link(link)));
    property("tags", Some("[runner/result]".to_owned()));
    note.push_str("---\n");
    let _ = write!(note, "# {}\n\n{}", heading(facts), body(facts));
    note.push_str(&super::agent_sections::steps_section(&facts.steps));
    if !link.is_empty() {
        let _ = write!(note, "\nJob note: [[{link}]]\n");
    }
    note
}

/// `YYYY-MM-DDTHH:MM:SS` in UTC (Obsidian's Date & time).
fn date_time(ms: i64) -> Option<String> {
    let at = DateTime::from_timestamp_millis(ms)?;
    Some(at.format("%Y-%m-%dT%H:%M:%S").to_string())
}

fn heading(facts: &ResultFacts) -> String {
    let link_name = facts.job_note_link.rsplit('/').next().unwrap_or_default();
    let title = [facts.title.as_str(), link_name, facts.id.as_str()]
        .into_iter()
        .map(str::trim)
        .find(|title| !title.is_empty())
        .unwrap_or("Result");
    title.replace(['\r', '\n'], " ")
}

/// The answer, or what happened and why, each reason on its own line.
fn body(facts: &ResultFacts) -> String {
    let model = if facts.model.is_empty() {
        "the model"
    } else {
        &facts.model
    };
    let node = facts
        .node
        .as_deref()
        .map(|node| format!(" on {node}"))
        .unwrap_or_default();
    let job_type = if facts.job_type.is_empty() {
        "this"
    } else {
        &facts.job_type
    };
    let headline = match facts.outcome {
        Some(Outcome::Succeeded) => return success(facts),
        Some(Outcome::Rejected) => format!("Rejected: no node could run {model}."),
        Some(Outcome::Failed) => format!("Failed: {model}{node} did not finish the job."),
        Some(Outcome::Invalid) => {
            "Invalid: the job note has problems, so nothing was run. Fix them in a new note."
                .to_owned()
        }
        Some(Outcome::Cancelled) => "Cancelled: the job was stopped before it finished.".to_owned(),
        Some(Outcome::Unavailable) => {
            format!("Unavailable: `{job_type}` jobs cannot run here.")
        }
        None => "The job's outcome is not known.".to_owned(),
    };
    let mut text = format!("{headline}\n");
    let reasons: Vec<&str> = facts
        .reason
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    if !reasons.is_empty() {
        text.push('\n');
        for reason in reasons {
            let _ = writeln!(text, "- {reason}");
        }
    }
    if facts.outcome == Some(Outcome::Rejected) {
        text.push_str("\nIt was not run on another model.\n");
    }
    text
}

fn success(facts: &ResultFacts) -> String {
    let answer = facts.answer.trim_end();
    let mut text = if answer.trim().is_empty() {
        "The model returned no text.\n".to_owned()
    } else {
        format!("{answer}\n")
    };
    if facts.run_id.is_some() {
        text.push_str(&super::agent_sections::sources_section(&facts.cited));
    } else if !facts.cited.is_empty() {
        text.push_str("\nUsed:\n");
        for target in &facts.cited {
            let _ = writeln!(text, "- [[{target}]]");
        }
    }
    text
}
