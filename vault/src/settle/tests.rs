//! Tests of the settle window: every look is at an injected time.

use std::collections::HashSet;
use std::time::Duration;

use super::*;

fn print(bytes: u64, modified_ms: i64, sha256: &str) -> Fingerprint {
    Fingerprint {
        bytes,
        modified_ms,
        sha256: sha256.to_owned(),
    }
}

fn waiting(since_ms: i64, ready_at_ms: i64) -> Settling {
    Settling::Waiting {
        since_ms,
        ready_at_ms,
    }
}

#[test]
fn the_first_look_starts_the_window_and_an_unchanged_file_settles_at_its_end() {
    let mut settler = Settler::new(Duration::from_secs(15));
    let note = print(10, 500, "aa");
    assert_eq!(
        settler.observe("a.md", &note, 1_000),
        waiting(1_000, 16_000)
    );
    assert_eq!(
        settler.observe("a.md", &note, 15_999),
        waiting(1_000, 16_000)
    );
    assert_eq!(settler.observe("a.md", &note, 16_000), Settling::Settled);
    assert_eq!(settler.observe("a.md", &note, 90_000), Settling::Settled);
}

#[test]
fn a_change_of_size_mtime_or_content_restarts_the_window() {
    let mut settler = Settler::new(Duration::from_secs(15));
    let first = print(10, 500, "aa");
    settler.observe("a.md", &first, 0);
    let changes = [
        print(11, 500, "aa"),
        print(11, 600, "aa"),
        print(11, 600, "bb"),
    ];
    for (look, changed) in changes.iter().enumerate() {
        let now = 20_000 * (look as i64 + 1);
        assert_eq!(
            settler.observe("a.md", changed, now),
            waiting(now, now + 15_000),
            "{changed:?}"
        );
    }
    // A settled file that changes is not settled any more.
    assert_eq!(
        settler.observe("a.md", &changes[2], 75_000),
        Settling::Settled
    );
    let edited = print(12, 700, "cc");
    assert_eq!(
        settler.observe("a.md", &edited, 80_000),
        waiting(80_000, 95_000)
    );
}

#[test]
fn a_settle_of_zero_settles_at_the_first_look() {
    let mut settler = Settler::new(Duration::ZERO);
    assert_eq!(
        settler.observe("a.md", &print(1, 1, "aa"), 5),
        Settling::Settled
    );
    assert_eq!(settler.waiting(), 0);
    assert_eq!(settler.next_ready_at_ms(), None);
}

#[test]
fn names_are_watched_apart() {
    let mut settler = Settler::new(Duration::from_secs(10));
    let note = print(1, 1, "aa");
    settler.observe("a.md", &note, 0);
    // The same fingerprint under another name is a first look of that name.
    assert_eq!(
        settler.observe("b.md", &note, 4_000),
        waiting(4_000, 14_000)
    );
    assert_eq!(settler.observe("a.md", &note, 10_000), Settling::Settled);
    assert_eq!(
        settler.observe("b.md", &note, 10_000),
        waiting(4_000, 14_000)
    );
}

#[test]
fn waiting_and_next_ready_at_follow_the_last_looks() {
    let mut settler = Settler::new(Duration::from_secs(10));
    assert_eq!(settler.waiting(), 0);
    assert_eq!(settler.next_ready_at_ms(), None);
    settler.observe("a.md", &print(1, 1, "aa"), 0);
    settler.observe("b.md", &print(2, 2, "bb"), 3_000);
    settler.observe("c.md", &print(3, 3, "cc"), 1_000);
    assert_eq!(settler.waiting(), 3);
    assert_eq!(settler.next_ready_at_ms(), Some(10_000));
    settler.observe("a.md", &print(1, 1, "aa"), 10_000);
    assert_eq!(settler.waiting(), 2);
    assert_eq!(settler.next_ready_at_ms(), Some(11_000));
}

#[test]
fn a_forgotten_name_starts_afresh() {
    let mut settler = Settler::new(Duration::from_secs(10));
    let note = print(1, 1, "aa");
    settler.observe("a.md", &note, 0);
    assert_eq!(settler.observe("a.md", &note, 10_000), Settling::Settled);
    settler.forget("a.md");
    assert_eq!(
        settler.observe("a.md", &note, 12_000),
        waiting(12_000, 22_000)
    );
}

#[test]
fn retain_only_drops_names_no_longer_in_the_folder() {
    let mut settler = Settler::new(Duration::from_secs(10));
    settler.observe("gone.md", &print(1, 1, "aa"), 0);
    settler.observe("kept.md", &print(2, 2, "bb"), 5_000);
    let present: HashSet<String> = ["kept.md".to_owned()].into();
    settler.retain_only(&present);
    assert_eq!(settler.waiting(), 1);
    assert_eq!(settler.next_ready_at_ms(), Some(15_000));
    // The dropped name's window is gone: it starts again.
    assert_eq!(
        settler.observe("gone.md", &print(1, 1, "aa"), 20_000),
        waiting(20_000, 30_000)
    );
    // The kept name's window was not touched.
    assert_eq!(
        settler.observe("kept.md", &print(2, 2, "bb"), 15_000),
        Settling::Settled
    );
}

#[test]
fn a_clock_that_steps_back_keeps_the_window_open() {
    let mut settler = Settler::new(Duration::from_secs(10));
    let note = print(1, 1, "aa");
    settler.observe("a.md", &note, 50_000);
    assert_eq!(
        settler.observe("a.md", &note, 40_000),
        waiting(50_000, 60_000)
    );
    assert_eq!(settler.observe("a.md", &note, 60_000), Settling::Settled);
}

#[test]
fn a_huge_settle_never_overflows() {
    let mut settler = Settler::new(Duration::MAX);
    let note = print(1, 1, "aa");
    assert_eq!(settler.observe("a.md", &note, 5), waiting(5, i64::MAX));
    assert_eq!(settler.next_ready_at_ms(), Some(i64::MAX));
}
