//! Unit tests of the bench timer's slots.

use super::*;

#[test]
fn the_next_whole_second_is_strictly_later() {
    assert_eq!(next_whole_second_ms(4_000), 5_000);
    assert_eq!(next_whole_second_ms(4_999), 5_000);
    assert_eq!(next_whole_second_ms(4_001), 5_000);
}
