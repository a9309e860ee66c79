//! Days of instants, across leap years and the epoch.

use super::day_of;

#[test]
fn instants_name_their_utc_day() {
    assert_eq!(day_of(0), "1970-01-01");
    assert_eq!(day_of(1_764_720_000_000), "2025-12-03");
    assert_eq!(day_of(951_782_400_000), "2000-02-29");
    assert_eq!(day_of(-1), "1969-12-31");
}
