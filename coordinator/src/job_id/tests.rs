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
fn ids_of_one_run_differ_in_their_random_part() {
    let generator = JobIdGenerator::default();
    let ids: Vec<String> = (0..50).map(|ms| generator.next(1_000 + ms)).collect();
    // The time takes the first 10 characters; the 16 after it are random, not a shared salt
    // and zeros.
    let tails: std::collections::HashSet<&str> = ids.iter().map(|id| &id[10..16]).collect();
    assert_eq!(tails.len(), ids.len(), "{ids:?}");
    assert!(ids.iter().all(|id| !id.ends_with("000000")), "{ids:?}");
    assert!(ids.windows(2).all(|pair| pair[0] < pair[1]), "{ids:?}");
}

#[test]
fn ids_made_in_one_millisecond_still_increase() {
    let generator = JobIdGenerator::default();
    let ids: Vec<String> = (0..1_000).map(|_| generator.next(7)).collect();
    assert!(ids.windows(2).all(|pair| pair[0] < pair[1]));
    assert!(ids.iter().all(|id| id.starts_with("0000000007")), "{ids:?}");
}

#[test]
fn malformed_ids_are_recognised() {
    assert!(!looks_like_job_id("42"));
    assert!(!looks_like_job_id("01J000000000000000000000U0"));
    assert!(!looks_like_job_id("../../etc/passwd"));
    assert!(looks_like_job_id("01j0000000000000000000000a"), "any case");
}

#[test]
fn prefixes_are_checked_before_any_lookup() {
    assert_eq!(resolve::normalized("01kb3z").unwrap(), "01KB3Z");
    assert_eq!(
        resolve::normalized("01kb3").unwrap_err().to_string(),
        "`01kb3` is too short to name a job: give at least 6 characters of its id"
    );
    assert!(matches!(
        resolve::normalized("01KB3Z-"),
        Err(JobIdError::NotBase32 { character: '-', .. })
    ));
    assert!(matches!(
        resolve::normalized("01KB3ZQ4T8ABCDEFGH000000000"),
        Err(JobIdError::TooLong(_))
    ));
    assert!(matches!(
        resolve::normalized("01KB3Zé"),
        Err(JobIdError::NotBase32 {
            character: 'é', ..
        })
    ));
}
