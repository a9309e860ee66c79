//! Tests of the `process_stats` module.

use super::*;

#[test]
fn user_and_system_ticks_are_added() {
    let line =
        "4242 (runner agent) S 1 4242 4242 0 -1 4194560 1000 0 0 0 150 25 0 0 20 0 9 0 100 0 0";
    assert_eq!(cpu_time_from_stat(line), Some(Duration::from_millis(1750)));
    assert!(cpu_time_from_stat("garbage").is_none());
}

#[test]
fn a_name_with_parentheses_does_not_shift_the_fields() {
    let line = "7 (a) b (c)) R 1 7 7 0 -1 0 0 0 0 0 3 4 0 0 20 0 1 0 5 0 0";
    assert_eq!(cpu_time_from_stat(line), Some(Duration::from_millis(70)));
}

#[test]
fn status_fields_are_read_in_kibibytes() {
    let status = "Name:\trunner\nVmHWM:\t   20480 kB\nVmRSS:\t   10240 kB\n";
    assert_eq!(status_kibibytes(status, "VmRSS:"), Some(10_240));
    assert_eq!(status_kibibytes(status, "VmHWM:"), Some(20_480));
    assert_eq!(status_kibibytes(status, "VmSwap:"), None);
}

#[test]
fn cpu_is_a_share_of_one_core() {
    let percent = percent_of_one_core(Duration::from_millis(500), Duration::from_secs(2));
    assert!((percent - 25.0).abs() < 1e-9);
    assert_eq!(
        percent_of_one_core(Duration::from_secs(1), Duration::ZERO),
        0.0
    );
}

#[test]
fn this_process_can_be_watched() {
    let pid = std::process::id();
    let spin: u64 = (0..1_000_000u64).map(|n| n % 7).sum();
    assert!(spin > 0);
    let memory = memory_usage(pid).unwrap();
    assert!(memory.resident_bytes > 0);
    assert!(memory.peak_resident_bytes >= memory.resident_bytes);
    let usage = UsageWindow::begin(pid).unwrap().finish().unwrap();
    assert!(usage.rss_max_bytes > 0 && usage.cpu_percent >= 0.0);
}

#[test]
fn a_file_read_counts_in_the_bytes_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sixty-four-kib");
    std::fs::write(&path, vec![7u8; 64 * 1024]).unwrap();
    let pid = std::process::id();
    let before = bytes_read(pid).unwrap();
    assert_eq!(std::fs::read(&path).unwrap().len(), 64 * 1024);
    assert!(bytes_read(pid).unwrap() >= before + 64 * 1024);
}
