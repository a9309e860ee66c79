//! Tests of the `schedules_page` module.

use super::*;
use crate::test_support::{DEC_4_0700_UTC, operators_schedules};

#[test]
fn every_schedule_is_one_row() {
    let text = schedules_page_body(&operators_schedules(), DEC_4_0700_UTC).into_string();
    assert_eq!(text.matches(r#"<tr class="schedule""#).count(), 3, "{text}");
    assert!(text.contains(r#"<div class="table-scroll">"#), "{text}");
    assert!(!text.contains("schedules-empty"), "{text}");
}

#[test]
fn without_schedules_the_page_says_how_to_add_one() {
    let text = schedules_page_body(&[], DEC_4_0700_UTC).into_string();
    assert!(text.contains("No schedules are configured."), "{text}");
    assert!(text.contains("<code>[[schedules]]</code>"), "{text}");
    assert!(text.contains("coordinator.toml"), "{text}");
    assert_eq!(EXAMPLE.lines().count(), 5);
    assert!(text.contains("cron = &quot;0 7 * * *&quot;"), "{text}");
    assert!(!text.contains("<table"), "{text}");
}
