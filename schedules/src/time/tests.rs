//! Milliseconds and instants, both ways.

use super::*;

#[test]
fn an_instant_survives_milliseconds_and_a_bad_value_reads_as_the_epoch() {
    let instant: DateTime<Utc> = "2026-12-02T07:00:00.123Z".parse().unwrap();
    assert_eq!(from_ms(to_ms(instant)), instant);
    assert_eq!(from_ms(i64::MAX), DateTime::<Utc>::default());
}
