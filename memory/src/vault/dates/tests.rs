//! Days to ms and back, RFC 3339, invalid days, daily-note names.

use super::{daily_note_ms, day_ms, day_name};

#[test]
fn a_day_is_midnight_utc() {
    assert_eq!(day_ms("1970-01-01"), Some(0));
    assert_eq!(day_ms("1970-01-02"), Some(86_400_000));
    // 2026-12-03T00:00:00Z, as `date -d 2026-12-03 +%s` says (1796256000).
    assert_eq!(day_ms("2026-12-03"), Some(1_796_256_000_000));
    assert_eq!(day_ms("2026-12-03T23:59:00+05:00"), day_ms("2026-12-03"));
    assert_eq!(day_ms("2026-12-03 10:00"), day_ms("2026-12-03"));
}

#[test]
fn impossible_or_other_text_is_not_a_day() {
    for text in [
        "2026-02-30",
        "2026-13-01",
        "2026-1-01",
        "tomorrow",
        "2026-12-03x",
        "",
        "２０２６-12-03",
    ] {
        assert_eq!(day_ms(text), None, "{text}");
    }
    assert!(day_ms("2024-02-29").is_some());
    assert!(day_ms("2023-02-29").is_none());
}

#[test]
fn day_names_round_trip() {
    for day in ["1969-12-31", "2000-02-29", "2026-12-03", "2100-03-01"] {
        assert_eq!(day_name(day_ms(day).unwrap()), day);
    }
}

#[test]
fn a_daily_note_is_named_by_its_day() {
    assert_eq!(daily_note_ms("Journal/2026-12-03.md"), day_ms("2026-12-03"));
    assert_eq!(daily_note_ms("2026-12-03 meeting.md"), None);
    assert_eq!(daily_note_ms("Notes.md"), None);
}
