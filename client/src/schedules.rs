//! Schedules in words, the same in the CLI and MCP: the word for each `FiringOutcome`
//! (`started`, `missed`, …), a slot read in its schedule's zone ("2026-12-03 07:00
//! Europe/London"), how far off the next one is ("in 3h"), and a firing in one line
//! ("… → job 01JA… succeeded", "… missed (coordinator down)", "… rejected: …").

#[cfg(test)]
mod tests;

use chrono::DateTime;
use chrono_tz::Tz;
use proto::v1::{Firing, FiringOutcome};

use crate::words::UNKNOWN;

/// The outcome's proto name without its prefix, lowercase; `unknown` for a newer value.
pub fn firing_outcome(outcome: i32) -> &'static str {
    match FiringOutcome::try_from(outcome) {
        Ok(FiringOutcome::Pending) => "pending",
        Ok(FiringOutcome::Started) => "started",
        Ok(FiringOutcome::Rejected) => "rejected",
        Ok(FiringOutcome::Skipped) => "skipped",
        Ok(FiringOutcome::Missed) => "missed",
        Ok(FiringOutcome::Failed) => "failed",
        Ok(FiringOutcome::Unspecified) | Err(_) => UNKNOWN,
    }
}

/// `2026-12-03 07:00 Europe/London`: the instant as the schedule's cron reads it. A zone this
/// build does not know reads in UTC, and says so.
pub fn slot_time(unix_ms: i64, time_zone: &str) -> String {
    let zone = time_zone.parse::<Tz>().unwrap_or(Tz::UTC);
    format!("{} {zone}", local_time(unix_ms, time_zone))
}

/// `2026-12-03 07:00` in `time_zone` (UTC for a zone this build does not know), for a column
/// whose heading or neighbour already names the zone.
pub fn local_time(unix_ms: i64, time_zone: &str) -> String {
    let Some(at) = DateTime::from_timestamp_millis(unix_ms) else {
        return format!("{unix_ms} ms after the Unix epoch");
    };
    let zone = time_zone.parse::<Tz>().unwrap_or(Tz::UTC);
    at.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string()
}

/// `in 3h`, `in 12m`, `in 2d 4h`, `now` for a slot already due: how long until `at_ms`.
pub fn time_until(now_ms: i64, at_ms: i64) -> String {
    let minutes = at_ms.saturating_sub(now_ms).max(0) / 60_000;
    match minutes {
        0 => "now".to_owned(),
        1..60 => format!("in {minutes}m"),
        60..1_440 => format!("in {}h", minutes / 60),
        _ if minutes % 1_440 / 60 == 0 => format!("in {}d", minutes / 1_440),
        _ => format!("in {}d {}h", minutes / 1_440, minutes % 1_440 / 60),
    }
}

/// A firing in one line: its slot, then what came of it.
pub fn firing_line(firing: &Firing, time_zone: &str) -> String {
    let slot = slot_time(firing.scheduled_at_ms, time_zone);
    let by_hand = if firing.manual { " (by hand)" } else { "" };
    let reason = |otherwise: &str| {
        if firing.reason.is_empty() {
            otherwise.to_owned()
        } else {
            firing.reason.clone()
        }
    };
    let mut line = match FiringOutcome::try_from(firing.outcome) {
        Ok(FiringOutcome::Started) => format!("{slot}{by_hand} → {}", started(firing)),
        Ok(FiringOutcome::Pending) => format!("{slot}{by_hand} pending (job not yet submitted)"),
        Ok(FiringOutcome::Missed) => format!("{slot} missed ({})", reason("coordinator down")),
        Ok(FiringOutcome::Skipped) => {
            format!(
                "{slot} skipped ({})",
                reason("the previous job was still running")
            )
        }
        Ok(FiringOutcome::Rejected) => format!("{slot}{by_hand} rejected: {}", reason("-")),
        Ok(FiringOutcome::Failed) => format!("{slot}{by_hand} failed: {}", reason("-")),
        Ok(FiringOutcome::Unspecified) | Err(_) => format!("{slot}{by_hand} {UNKNOWN}"),
    };
    if firing.missed_before > 0 {
        let slots = if firing.missed_before == 1 {
            "slot"
        } else {
            "slots"
        };
        line.push_str(&format!(
            "; {} older {slots} recorded missed",
            firing.missed_before
        ));
    }
    line
}

/// `job 01JA… succeeded`, or for an agent `research run R running (step job 01JB…)`.
fn started(firing: &Firing) -> String {
    let state = if firing.state.is_empty() {
        UNKNOWN
    } else {
        &firing.state
    };
    match &firing.run {
        Some(run) if !run.agent.is_empty() => {
            let mut text = format!("{} run {} {}", run.agent, run.id, or_unknown(&run.state));
            if !firing.job_id.is_empty() {
                text.push_str(&format!(" (step job {})", firing.job_id));
            }
            text
        }
        _ => format!("job {} {state}", or_unknown(&firing.job_id)),
    }
}

fn or_unknown(text: &str) -> &str {
    if text.is_empty() { UNKNOWN } else { text }
}

/// A firing's `reason` for a rejection back in its parts: the headline ("no node can run M")
/// and each node's reason, as `rejection_text` joined them (`headline: r1; r2`).
pub fn rejection_parts(reason: &str) -> (String, Vec<String>) {
    match reason.split_once(": ") {
        Some((headline, reasons)) => (
            headline.to_owned(),
            reasons.split("; ").map(str::to_owned).collect(),
        ),
        None => (reason.to_owned(), Vec::new()),
    }
}
