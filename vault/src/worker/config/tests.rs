//! The worker's defaults and the crash points' names.

use super::*;

#[test]
fn a_new_config_takes_the_defaults() {
    let config = WorkerConfig::new(PathBuf::from("/vault"), PathBuf::from("/data"));
    assert_eq!(config.settle, DEFAULT_SETTLE);
    assert_eq!(config.rescan_every, DEFAULT_RESCAN);
    assert_eq!(config.max_in_flight, DEFAULT_MAX_IN_FLIGHT);
    assert_eq!(config.crash_after, None);
}

#[test]
fn every_crash_point_parses_from_its_name_and_nothing_else_does() {
    for point in CrashPoint::ALL {
        assert_eq!(CrashPoint::parse(point.name()), Some(point));
    }
    assert_eq!(
        CrashPoint::parse("result-written"),
        Some(CrashPoint::ResultWritten)
    );
    assert_eq!(CrashPoint::parse("result_written"), None);
    assert_eq!(CrashPoint::parse(""), None);
}

#[test]
fn no_crash_unless_the_configured_point_is_reached() {
    // Reaching the end of this test is the assertion: the process is still alive.
    crash_if(None, CrashPoint::Claimed);
    crash_if(Some(CrashPoint::Filed), CrashPoint::Claimed);
}
