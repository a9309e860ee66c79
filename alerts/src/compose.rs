//! The words of each alert: a finding becomes a title, a description and fields the operator
//! can act on at a glance (which node, since when, what it costs: models, jobs).

mod budget_lines;
mod job_lines;

#[cfg(test)]
mod tests;

use crate::alert::{Alert, AlertField, AlertKind, Severity};
use crate::detector::Finding;
use crate::time_text::{format_bytes, format_rfc3339, format_span};

use budget_lines::budget_alert;
use job_lines::{failed_jobs_alert, job_list};

fn alert(kind: AlertKind, severity: Severity, node: &str, at_ms: i64) -> Alert {
    Alert {
        kind,
        severity,
        node: Some(node.to_owned()),
        title: String::new(),
        description: String::new(),
        fields: Vec::new(),
        occurred_at_ms: at_ms,
    }
}

pub fn compose(finding: &Finding) -> Alert {
    match finding {
        Finding::NodeLost {
            node,
            since_ms,
            last_seen_ms,
            reason,
            unavailable_models,
            jobs,
        } => {
            let mut lost = alert(AlertKind::NodeLost, Severity::Critical, node, *since_ms);
            lost.title = format!("Node {node} lost");
            lost.description = format!(
                "The agent on **{node}** has been down since {}: {reason}",
                format_rfc3339(*since_ms)
            );
            let last_seen = if *last_seen_ms > 0 {
                format_rfc3339(*last_seen_ms)
            } else {
                "not since the coordinator started".into()
            };
            let models = if unavailable_models.is_empty() {
                "none: another node serves every model it had".into()
            } else {
                format!(
                    "{} (jobs for them are rejected until {node} is back)",
                    unavailable_models.join(", ")
                )
            };
            lost.fields = vec![
                AlertField::inline("Down since", format_rfc3339(*since_ms)),
                AlertField::inline("Last heard from", last_seen),
                AlertField::new("Unavailable models", models),
            ];
            if !jobs.failed.is_empty() {
                lost.fields.push(AlertField::new(
                    format!("Failed jobs ({})", jobs.failed.len()),
                    job_list(&jobs.failed, |job| job.reason.clone()),
                ));
            }
            if !jobs.rerouted.is_empty() {
                lost.fields.push(AlertField::new(
                    format!("Re-routed jobs ({})", jobs.rerouted.len()),
                    job_list(&jobs.rerouted, |job| format!("now on {}", job.node)),
                ));
            }
            lost
        }
        Finding::NodeBack {
            node,
            since_ms,
            back_at_ms,
        } => {
            let mut back = alert(AlertKind::NodeBack, Severity::Resolved, node, *back_at_ms);
            back.title = format!("Node {node} is back");
            back.description = format!(
                "**{node}** rejoined after {} down (lost since {}).",
                format_span(back_at_ms - since_ms),
                format_rfc3339(*since_ms)
            );
            back
        }
        Finding::OllamaStopped {
            node,
            backend,
            since_ms,
            reason,
        } => {
            let mut stopped = alert(AlertKind::OllamaStopped, Severity::Warning, node, *since_ms);
            if backend == "ollama" {
                stopped.title = format!("Ollama on {node} stopped answering");
                stopped.description = format!(
                    "The agent on **{node}** is up, but its Ollama has not answered since {}: {reason}. No jobs go to {node} meanwhile.",
                    format_rfc3339(*since_ms)
                );
            } else {
                stopped.title = if reason.contains("rejected the API key") {
                    format!("{backend} rejected the API key of node {node}")
                } else {
                    format!("{backend} stopped answering node {node}")
                };
                stopped.description = format!(
                    "The agent of **{node}** is up, but {backend} has not served it since {}: {reason}. Its models are unavailable and jobs for them are rejected meanwhile.",
                    format_rfc3339(*since_ms)
                );
            }
            stopped
        }
        Finding::OllamaAnswering {
            node,
            backend,
            since_ms,
            back_at_ms,
            version,
        } if backend != "ollama" => {
            let mut answering = alert(
                AlertKind::OllamaAnswering,
                Severity::Resolved,
                node,
                *back_at_ms,
            );
            answering.title = format!("{backend} serves node {node} again");
            answering.description = format!(
                "{backend} ({version}) serves **{node}** again after {} unusable.",
                format_span(back_at_ms - since_ms)
            );
            answering
        }
        Finding::OllamaAnswering {
            node,
            since_ms,
            back_at_ms,
            version,
            ..
        } => {
            let mut answering = alert(
                AlertKind::OllamaAnswering,
                Severity::Resolved,
                node,
                *back_at_ms,
            );
            answering.title = format!("Ollama on {node} answers again");
            answering.description = format!(
                "Ollama {version} on **{node}** answers again after {} silent.",
                format_span(back_at_ms - since_ms)
            );
            answering
        }
        Finding::PinnedModelMissing {
            node,
            model,
            since_ms,
            served_elsewhere,
        } => {
            let mut missing = alert(
                AlertKind::PinnedModelMissing,
                Severity::Warning,
                node,
                *since_ms,
            );
            missing.title = format!("{model} is gone from {node}");
            let consequence = if *served_elsewhere {
                "Another routed node still serves it.".to_owned()
            } else {
                format!("Jobs for {model} are rejected until it is back.")
            };
            missing.description = format!(
                "The routes pin **{model}** to **{node}**, but its Ollama has not listed it since {}. {consequence}",
                format_rfc3339(*since_ms)
            );
            missing
        }
        Finding::PinnedModelBack {
            node,
            model,
            since_ms,
            back_at_ms,
        } => {
            let mut back = alert(
                AlertKind::PinnedModelBack,
                Severity::Resolved,
                node,
                *back_at_ms,
            );
            back.title = format!("{model} is back on {node}");
            back.description = format!(
                "**{model}** is installed on **{node}** again after {} missing.",
                format_span(back_at_ms - since_ms)
            );
            back
        }
        Finding::DiskPressure {
            node,
            free_bytes,
            total_bytes,
            at_ms,
        } => disk_alert(
            AlertKind::DiskPressure,
            node,
            *free_bytes,
            *total_bytes,
            *at_ms,
        ),
        Finding::DiskPressureCleared {
            node,
            free_bytes,
            total_bytes,
            at_ms,
        } => disk_alert(
            AlertKind::DiskPressureCleared,
            node,
            *free_bytes,
            *total_bytes,
            *at_ms,
        ),
        Finding::JobsFailed { jobs } => failed_jobs_alert(jobs),
        Finding::BudgetNearlySpent { budget, at_ms } => budget_alert(budget, false, *at_ms),
        Finding::BudgetExhausted { budget, at_ms } => budget_alert(budget, true, *at_ms),
    }
}

fn disk_alert(kind: AlertKind, node: &str, free: u64, total: u64, at_ms: i64) -> Alert {
    let cleared = kind == AlertKind::DiskPressureCleared;
    let severity = if cleared {
        Severity::Resolved
    } else {
        Severity::Warning
    };
    let mut disk = alert(kind, severity, node, at_ms);
    let percent = free as f64 * 100.0 / total.max(1) as f64;
    disk.title = if cleared {
        format!("Disk pressure on {node} is over")
    } else {
        format!("Disk pressure on {node}")
    };
    disk.description = format!(
        "**{node}** has {} free of {} ({percent:.1} %).",
        format_bytes(free),
        format_bytes(total)
    );
    disk.fields = vec![
        AlertField::inline("Free", format_bytes(free)),
        AlertField::inline("Total", format_bytes(total)),
    ];
    disk
}
