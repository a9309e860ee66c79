//! Where results and filed job notes go, and filing over a temp vault, crashes included.

use super::*;
use crate::ledger::tests::claimed_job;
use crate::worker::shared::tests::TestWorker;

/// 2026-12-03 12:00 UTC.
const CLAIMED_AT_MS: i64 = 1_796_299_200_000;

const NOTE: &str =
    "---\ntype: chat\nmodel: qwen2.5:14b\nstatus: submitted\n---\n\nWhy is the sky blue?\n";

#[test]
fn a_result_goes_to_runner_results_named_by_day_title_and_id() {
    let job = claimed_job("j1", "Why Sky.md", CLAIMED_AT_MS);
    let (folder, name) = result_place(&job, None);
    assert_eq!(folder, "Runner/results");
    assert_eq!(
        name,
        result_file_name(
            "j1",
            "Why Sky",
            chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
        )
    );
    assert!(
        name.starts_with("2026-12-03 ") && name.ends_with(" (j1).md"),
        "{name}"
    );
}

#[test]
fn a_result_goes_to_the_output_folder_without_its_slashes() {
    let job = claimed_job("j1", "why-sky.md", CLAIMED_AT_MS);
    let (folder, name) = result_place(&job, Some("/Answers/Sky/"));
    assert_eq!(folder, "Answers/Sky");
    assert_eq!(name, result_place(&job, None).1, "only the folder changes");
}

#[tokio::test]
async fn a_job_note_is_filed_in_done_only_when_it_succeeded() {
    let worker = TestWorker::new();
    let job = claimed_job("j1", "why-sky.md", CLAIMED_AT_MS);
    let place = |outcome| filed_place(&worker.shared, &job, outcome);
    assert_eq!(
        place(Some(Outcome::Succeeded)),
        (Folder::Done, "why-sky.md".to_owned())
    );
    for outcome in [
        None,
        Some(Outcome::Rejected),
        Some(Outcome::Invalid),
        Some(Outcome::Failed),
    ] {
        assert_eq!(
            place(outcome),
            (Folder::Failed, "why-sky.md".to_owned()),
            "{outcome:?}"
        );
    }
}

#[tokio::test]
async fn a_taken_name_gets_the_id_and_a_chosen_name_is_kept() {
    let worker = TestWorker::new();
    worker.write(Folder::Done, "why-sky.md", "an older job");
    let mut job = claimed_job("j1", "why-sky.md", CLAIMED_AT_MS);
    let succeeded = Some(Outcome::Succeeded);
    assert_eq!(
        filed_place(&worker.shared, &job, succeeded),
        (Folder::Done, "why-sky (j1).md".to_owned())
    );
    assert_eq!(
        filed_place(&worker.shared, &job, None),
        (Folder::Failed, "why-sky.md".to_owned()),
        "only the folder it goes to counts"
    );
    job.filed_name = Some("why-sky.md".to_owned());
    assert_eq!(
        filed_place(&worker.shared, &job, succeeded),
        (Folder::Done, "why-sky.md".to_owned()),
        "the name chosen before a restart stands, even once the file exists"
    );
}

/// A job that has written its result, its note in `processing/`, claimed in the ledger.
fn ended_job(worker: &TestWorker) -> VaultJob {
    let mut job = claimed_job("j1", "why-sky.md", CLAIMED_AT_MS);
    worker.shared.ledger.claim(&job).unwrap();
    worker.write(Folder::Processing, "why-sky.md", NOTE);
    job.stage = Stage::ResultWritten;
    job.outcome = Some(Outcome::Succeeded);
    job.cluster_job_id = Some("01JDX8Q3ZK".to_owned());
    job.result_path = Some("Runner/results/2026-12-03 why-sky (j1).md".to_owned());
    job.filed_name = Some("why-sky.md".to_owned());
    worker.shared.ledger.advance(&job).unwrap();
    job
}

#[tokio::test]
async fn filing_writes_the_note_with_its_outcome_and_removes_the_processing_copy() {
    let worker = TestWorker::new();
    let job = ended_job(&worker);
    let filed = file_job_note(&worker.shared, job).unwrap();
    assert_eq!(filed.stage, Stage::Filed);
    assert_eq!(filed.filed_name.as_deref(), Some("why-sky.md"));
    assert_eq!(worker.shared.ledger.get("j1").unwrap(), Some(filed));
    assert!(worker.names_in(Folder::Processing).is_empty());
    let text = std::fs::read_to_string(worker.path(Folder::Done, "why-sky.md")).unwrap();
    assert!(text.contains("\nstatus: done\n"), "{text}");
    assert!(text.contains("\njob: j1\n"), "{text}");
    assert!(text.contains("\ncluster_job: \"01JDX8Q3ZK\"\n"), "{text}");
    assert!(
        text.contains("\nresult: \"[[Runner/results/2026-12-03 why-sky (j1)]]\"\n"),
        "{text}"
    );
    assert!(
        text.ends_with("---\n\nWhy is the sky blue?\n"),
        "the body is kept: {text}"
    );
    assert!(!text.contains("submitted"), "{text}");
}

#[tokio::test]
async fn a_failed_job_is_filed_in_failed_with_its_outcome_word() {
    let worker = TestWorker::new();
    let mut job = ended_job(&worker);
    job.outcome = Some(Outcome::Rejected);
    file_job_note(&worker.shared, job).unwrap();
    assert!(worker.names_in(Folder::Done).is_empty());
    let text = std::fs::read_to_string(worker.path(Folder::Failed, "why-sky.md")).unwrap();
    assert!(text.contains("\nstatus: rejected\n"), "{text}");
}

#[tokio::test]
async fn filing_again_after_a_crash_before_the_record_is_harmless() {
    let worker = TestWorker::new();
    let job = ended_job(&worker);
    file_job_note(&worker.shared, job.clone()).unwrap();
    let first = std::fs::read_to_string(worker.path(Folder::Done, "why-sky.md")).unwrap();
    // The restart resumes from the stage the crash left: ResultWritten.
    let again = file_job_note(&worker.shared, job).unwrap();
    assert_eq!(again.stage, Stage::Filed);
    assert_eq!(worker.names_in(Folder::Done), ["why-sky.md"]);
    let second = std::fs::read_to_string(worker.path(Folder::Done, "why-sky.md")).unwrap();
    assert_eq!(first, second);
}

#[tokio::test]
async fn filing_again_after_a_crash_before_the_processing_copy_went_keeps_one_note() {
    let worker = TestWorker::new();
    let job = ended_job(&worker);
    worker.write(Folder::Done, "why-sky.md", "filed before the crash");
    file_job_note(&worker.shared, job).unwrap();
    assert_eq!(worker.names_in(Folder::Done), ["why-sky.md"]);
    assert!(worker.names_in(Folder::Processing).is_empty());
    let text = std::fs::read_to_string(worker.path(Folder::Done, "why-sky.md")).unwrap();
    assert_eq!(
        text, "filed before the crash",
        "create-only: never replaced"
    );
}
