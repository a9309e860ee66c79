//! Tests of the `duration` module.

use super::parse_duration;
use std::time::Duration;

#[test]
fn parses_every_unit() {
    assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
    assert_eq!(parse_duration("5s"), Ok(Duration::from_secs(5)));
    assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
    assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
    assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
    assert_eq!(parse_duration("7"), Ok(Duration::from_secs(7)));
}

#[test]
fn rejects_nonsense_with_a_hint() {
    assert!(parse_duration("soon").unwrap_err().contains("use e.g."));
    assert!(
        parse_duration("5 days")
            .unwrap_err()
            .contains("unknown unit")
    );
    assert!(parse_duration("").is_err());
}
