//! The ledger's record as JSON, and the job every ledger test starts from.

use super::*;

/// A job just claimed from `source_name` at `claimed_at_ms`.
pub(crate) fn claimed_job(id: &str, source_name: &str, claimed_at_ms: i64) -> VaultJob {
    VaultJob {
        id: id.to_owned(),
        source_name: source_name.to_owned(),
        content_sha256: format!("sha-of-{source_name}"),
        claimed_at_ms,
        stage: Stage::Claimed,
        job_type: Some(JobType::Chat),
        model: "qwen2.5:14b".to_owned(),
        notify_discord: false,
        processing_name: source_name.to_owned(),
        cluster_job_id: None,
        outcome: None,
        result_path: None,
        filed_name: None,
        reason: String::new(),
    }
}

#[test]
fn a_record_reads_back_as_written_with_its_stage_in_snake_case() {
    let mut job = claimed_job("j1", "why-sky.md", 5);
    job.stage = Stage::ResultWritten;
    job.outcome = Some(Outcome::Rejected);
    job.cluster_job_id = Some("01JDX8Q3ZK".to_owned());
    let json = serde_json::to_string(&job).unwrap();
    assert!(json.contains(r#""stage":"result_written""#), "{json}");
    assert!(json.contains(r#""outcome":"rejected""#), "{json}");
    assert_eq!(serde_json::from_str::<VaultJob>(&json).unwrap(), job);
}

#[test]
fn stages_are_ordered_as_the_protocol_runs() {
    let stages = [
        Stage::Claimed,
        Stage::Moved,
        Stage::Submitted,
        Stage::Ended,
        Stage::ResultWritten,
        Stage::Filed,
        Stage::Finished,
    ];
    assert!(stages.windows(2).all(|pair| pair[0] < pair[1]));
}
