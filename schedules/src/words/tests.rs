use proto::v1::FiringOutcome;

use super::*;

#[test]
fn every_outcome_has_its_word() {
    assert_eq!(outcome(FiringOutcome::Pending.into()), "pending");
    assert_eq!(outcome(FiringOutcome::Started.into()), "started");
    assert_eq!(outcome(FiringOutcome::Rejected.into()), "rejected");
    assert_eq!(outcome(FiringOutcome::Skipped.into()), "skipped");
    assert_eq!(outcome(FiringOutcome::Missed.into()), "missed");
    assert_eq!(outcome(FiringOutcome::Failed.into()), "failed");
    assert_eq!(outcome(99), "unknown");
}
