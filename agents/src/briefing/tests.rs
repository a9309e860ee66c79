//! Tests: The briefing's post key.

use super::*;

#[test]
fn a_days_post_key_is_the_same_for_every_run() {
    assert_eq!(post_key("2026-12-02"), "briefing:2026-12-02");
}
