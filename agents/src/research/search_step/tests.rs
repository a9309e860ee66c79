//! Tests: How a search step ends when memory does not answer, and its output.

use super::*;

#[test]
fn memory_not_configured_skips_the_step_in_memorys_words() {
    let status = Status::failed_precondition("memory is not configured: add [memory]");
    assert_eq!(
        unanswered(&status),
        (
            StepState::Skipped,
            "memory is not configured: add [memory]".to_owned()
        )
    );
}

#[test]
fn other_errors_fail_the_step() {
    let (state, reason) = unanswered(&Status::internal("disk on fire"));
    assert_eq!(state, StepState::Failed);
    assert_eq!(reason, "memory search failed: disk on fire");
}

#[test]
fn the_output_lists_each_passage_and_the_warnings() {
    let hits = [MemoryHit {
        note: "Homelab/Restic.md".into(),
        line_start: 3,
        line_end: 9,
        ..MemoryHit::default()
    }];
    assert_eq!(
        found_text(&hits, &["vectors not used".into()]),
        "Homelab/Restic.md, lines 3–9\nwarning: vectors not used"
    );
    assert_eq!(found_text(&[], &[]), "no passages found");
}
