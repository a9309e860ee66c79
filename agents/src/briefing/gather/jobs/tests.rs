//! Tests: Counting the day's jobs by state and model, and listing failures and rejections.

use proto::v1::JobSpec;

use super::*;

fn job(id: &str, model: &str, state: JobState, reason: &str) -> Job {
    Job {
        id: id.into(),
        spec: Some(JobSpec {
            model: model.into(),
            ..JobSpec::default()
        }),
        state: state.into(),
        reason: reason.into(),
        ..Job::default()
    }
}

#[test]
fn jobs_are_counted_by_state_and_model_and_failures_listed() {
    let jobs = [
        job("01A", "qwen2.5:14b", JobState::Succeeded, ""),
        job("01B", "qwen2.5:14b", JobState::Succeeded, ""),
        job(
            "01C",
            "gemma4:27b",
            JobState::Rejected,
            "no node can run gemma4:27b\ndavas: down",
        ),
        job("01D", "qwen2.5:14b", JobState::Failed, "node_lost: davas"),
        job(
            "01E",
            "qwen2.5:14b",
            JobState::Cancelled,
            "cancelled by a caller",
        ),
    ];
    let counted = count_jobs(&jobs);
    assert_eq!(
        counted.by_state,
        BTreeMap::from([
            ("cancelled".to_owned(), 1),
            ("failed".to_owned(), 1),
            ("rejected".to_owned(), 1),
            ("succeeded".to_owned(), 2),
        ])
    );
    assert_eq!(
        counted.by_model,
        BTreeMap::from([("gemma4:27b".to_owned(), 1), ("qwen2.5:14b".to_owned(), 4)])
    );
    let failures: Vec<(&str, &str)> = counted
        .failures
        .iter()
        .map(|failure| (failure.id.as_str(), failure.reason.as_str()))
        .collect();
    assert_eq!(
        failures,
        [
            ("01C", "no node can run gemma4:27b"),
            ("01D", "node_lost: davas")
        ]
    );
}

#[test]
fn a_long_reason_is_cut_on_a_character() {
    let reason = "é".repeat(1000);
    let counted = count_jobs(&[job("01A", "m", JobState::Failed, &reason)]);
    assert_eq!(counted.failures[0].reason.chars().count(), MAX_REASON_CHARS);
}
