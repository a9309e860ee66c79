//! Tests of reading a note's fingerprint and text.

use std::io::ErrorKind;
use std::time::{Duration, SystemTime};

use super::*;

#[test]
fn size_mtime_hash_and_text_come_from_one_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("why-sky.md");
    std::fs::write(&path, "abc").unwrap();
    let mtime = SystemTime::UNIX_EPOCH + Duration::from_millis(1_764_000_000_123);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    let (print, text) = fingerprint(&path).unwrap();
    assert_eq!(text, "abc");
    assert_eq!(print.bytes, 3);
    assert_eq!(print.modified_ms, 1_764_000_000_123);
    // SHA-256("abc"), FIPS 180-2 appendix B.1.
    assert_eq!(
        print.sha256,
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn an_empty_file_has_the_hash_of_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.md");
    std::fs::write(&path, "").unwrap();
    let (print, text) = fingerprint(&path).unwrap();
    assert_eq!((print.bytes, text.as_str()), (0, ""));
    assert_eq!(
        print.sha256,
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_invalid_data_naming_the_file_and_offset() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.md");
    std::fs::write(&path, b"caf\xe9").unwrap();
    let error = fingerprint(&path).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidData);
    let message = error.to_string();
    assert!(message.contains("latin1.md"), "{message}");
    assert!(message.contains("offset 3"), "{message}");
}

#[test]
fn a_missing_file_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let error = fingerprint(&dir.path().join("gone.md")).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotFound);
}

#[test]
fn a_time_before_the_epoch_is_negative() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.md");
    std::fs::write(&path, "x").unwrap();
    let mtime = SystemTime::UNIX_EPOCH - Duration::from_millis(2_500);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(fingerprint(&path).unwrap().0.modified_ms, -2_500);
}
