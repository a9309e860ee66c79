//! Tests of the `job_id` module.

use super::*;

#[test]
fn ids_increase_strictly_and_sort_by_time() {
    let generator = JobIdGenerator::default();
    let first = generator.next(1_000);
    let second = generator.next(1_000);
    let older_clock = generator.next(999);
    let later = generator.next(2_000);
    assert!(first < second && second < older_clock && older_clock < later);
    assert!(looks_like_job_id(&first), "{first}");
}

#[test]
fn malformed_ids_are_recognised() {
    assert!(!looks_like_job_id("42"));
    assert!(!looks_like_job_id("01J0000000000000000000000u"));
    assert!(!looks_like_job_id("../../etc/passwd"));
}
