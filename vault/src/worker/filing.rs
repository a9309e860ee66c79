//! Where a job's result note goes and where its job note is filed, both chosen so that a
//! restart chooses the same: the result in `Runner/results/` (or the note's `output:` folder)
//! named by the claim's day, the note's name and the job's id; the job note in `done/` or
//! `failed/` under its own name, or with its id when that name is taken.

use chrono::DateTime;

use crate::frontmatter_edit::{set_properties, yaml_link, yaml_string};
use crate::layout::Folder;
use crate::ledger::{Stage, VaultJob};
use crate::result_note::{Outcome, result_file_name};
use crate::whole_file::{create_whole, remove_durably};

use super::moves::record;
use super::shared::Shared;
use super::take::with_id;

/// The result note's vault-relative folder and file name.
pub fn result_place(job: &VaultJob, output: Option<&str>) -> (String, String) {
    let folder = output.map_or_else(
        || "Runner/results".to_owned(),
        |folder| folder.trim_matches('/').to_owned(),
    );
    let day = DateTime::from_timestamp_millis(job.claimed_at_ms)
        .unwrap_or_default()
        .date_naive();
    let title = job
        .source_name
        .strip_suffix(".md")
        .unwrap_or(&job.source_name);
    (folder, result_file_name(&job.id, title, day))
}

/// The folder and name the job note is filed under.
pub fn filed_place(shared: &Shared, job: &VaultJob, outcome: Option<Outcome>) -> (Folder, String) {
    let folder = if outcome.is_some_and(Outcome::succeeded) {
        Folder::Done
    } else {
        Folder::Failed
    };
    if let Some(name) = &job.filed_name {
        return (folder, name.clone());
    }
    let own = &job.processing_name;
    if shared.folders.path(folder).join(own).exists() {
        (folder, with_id(own, &job.id))
    } else {
        (folder, own.clone())
    }
}

/// Writes the job note, its status set, into `done/` or `failed/`, then removes it from
/// `processing/`, then records `Filed`.
pub fn file_job_note(shared: &Shared, mut job: VaultJob) -> Option<VaultJob> {
    let (folder, name) = filed_place(shared, &job, job.outcome);
    let processing = shared
        .folders
        .path(Folder::Processing)
        .join(&job.processing_name);
    let filed = match std::fs::read_to_string(&processing) {
        Ok(text) => {
            let text = set_properties(&text, &filed_properties(&job));
            create_whole(&shared.folders.path(folder), &name, text.as_bytes())
                .and_then(|_| remove_durably(&processing).map(|_| ()))
        }
        // Filed before a crash, not yet recorded; or gone: the result note says what happened.
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(error),
    };
    if let Err(error) = filed {
        tracing::error!(vault_job = %job.id, %error, "vault: cannot file the job note; the next start-up tries again");
        shared
            .status
            .error(format!("cannot file {}: {error}", job.processing_name));
        return None;
    }
    job.filed_name = Some(name);
    job.stage = Stage::Filed;
    record(shared, &job).then_some(job)
}

fn filed_properties(job: &VaultJob) -> Vec<(&'static str, String)> {
    let mut properties = vec![
        (
            "status",
            yaml_string(job.outcome.map_or("failed", Outcome::word)),
        ),
        ("job", yaml_string(&job.id)),
    ];
    if let Some(cluster_job) = &job.cluster_job_id {
        properties.push(("cluster_job", yaml_string(cluster_job)));
    }
    if let Some(result) = &job.result_path {
        properties.push((
            "result",
            yaml_link(result.strip_suffix(".md").unwrap_or(result)),
        ));
    }
    properties
}

#[cfg(test)]
mod tests;
