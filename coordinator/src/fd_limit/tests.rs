//! Tests of the `fd_limit` module.

use super::*;

fn limit(soft: Option<u64>, hard: Option<u64>) -> Rlimit {
    Rlimit {
        current: soft,
        maximum: hard,
    }
}

#[test]
fn a_soft_limit_below_the_hard_one_is_raised_to_it() {
    assert_eq!(
        wanted_soft_limit(limit(Some(1024), Some(524_288))),
        Some(Some(524_288))
    );
    assert_eq!(wanted_soft_limit(limit(Some(1024), None)), Some(None));
}

#[test]
fn a_soft_limit_at_the_hard_one_or_unlimited_stays() {
    assert_eq!(wanted_soft_limit(limit(Some(4096), Some(4096))), None);
    assert_eq!(wanted_soft_limit(limit(None, None)), None);
}

#[test]
fn after_raising_the_soft_limit_equals_the_hard_one() {
    let outcome = raise_open_files_limit();
    assert!(
        !matches!(outcome, FdLimitOutcome::Refused { .. }),
        "{outcome:?}"
    );
    let now = getrlimit(Resource::Nofile);
    assert_eq!(now.current, now.maximum);
}

#[test]
fn a_limit_is_logged_as_a_number_or_unlimited() {
    assert_eq!(limit_text(Some(20_000)), "20000");
    assert_eq!(limit_text(None), "unlimited");
}
