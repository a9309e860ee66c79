//! Jobs in alert text: one line per job (id, model, what happened), a bounded list, and the
//! alert for jobs that failed (with `job_failures = true`).

use proto::v1::Job;

use crate::alert::{Alert, AlertKind, Severity};

/// Jobs listed by name before the rest are only counted.
const JOBS_LISTED: usize = 10;

fn model_of(job: &Job) -> &str {
    job.spec.as_ref().map_or("?", |spec| spec.model.as_str())
}

/// "`01KB…` gemma4:27b: node_lost: …" lines, at most ten, then "… and N more".
pub fn job_list(jobs: &[Job], what: impl Fn(&Job) -> String) -> String {
    let mut lines: Vec<String> = jobs
        .iter()
        .take(JOBS_LISTED)
        .map(|job| format!("`{}` {}: {}", job.id, model_of(job), what(job)))
        .collect();
    if jobs.len() > JOBS_LISTED {
        lines.push(format!("… and {} more", jobs.len() - JOBS_LISTED));
    }
    lines.join("\n")
}

/// One alert for every job that failed since the last look: coalesced, not one each.
pub fn failed_jobs_alert(jobs: &[Job]) -> Alert {
    let first_node = jobs.first().map(|job| job.node.clone()).unwrap_or_default();
    let one_node = !first_node.is_empty() && jobs.iter().all(|job| job.node == first_node);
    let title = match jobs.len() {
        1 => "1 job failed".to_owned(),
        count => format!("{count} jobs failed"),
    };
    Alert {
        kind: AlertKind::JobsFailed,
        severity: Severity::Warning,
        node: one_node.then_some(first_node),
        title,
        description: job_list(jobs, |job| {
            let node = if job.node.is_empty() {
                "no node"
            } else {
                job.node.as_str()
            };
            format!("on {node}: {}", job.reason)
        }),
        fields: Vec::new(),
        occurred_at_ms: jobs.iter().map(|job| job.finished_at_ms).max().unwrap_or(0),
    }
}
