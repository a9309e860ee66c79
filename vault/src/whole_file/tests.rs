//! Tests of whole-file writes and no-replace moves on a temp dir.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::*;

mod no_replace;

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn write_whole_creates_and_replaces_leaving_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    write_whole(dir.path(), "a.md", b"first").unwrap();
    write_whole(dir.path(), "a.md", b"second").unwrap();
    assert_eq!(std::fs::read(dir.path().join("a.md")).unwrap(), b"second");
    assert_eq!(names_in(dir.path()), ["a.md"]);
}

#[test]
fn create_whole_twice_keeps_the_first_content() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        create_whole(dir.path(), "r.md", b"first").unwrap(),
        Placed::Placed
    );
    assert_eq!(
        create_whole(dir.path(), "r.md", b"second").unwrap(),
        Placed::AlreadyThere
    );
    assert_eq!(std::fs::read(dir.path().join("r.md")).unwrap(), b"first");
    assert_eq!(names_in(dir.path()), ["r.md"]);
}

#[test]
fn a_write_into_a_missing_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing");
    assert!(write_whole(&missing, "a.md", b"x").is_err());
    assert!(create_whole(&missing, "a.md", b"x").is_err());
}

#[test]
fn a_reader_never_sees_a_partial_file() {
    const SIZE: usize = 1 << 20;
    let dir = tempfile::tempdir().unwrap();
    write_whole(dir.path(), "big.md", &vec![0_u8; SIZE]).unwrap();
    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let path = dir.path().join("big.md");
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            let mut reads = 0_u32;
            while !done.load(Ordering::Relaxed) || reads == 0 {
                let bytes = std::fs::read(&path).unwrap();
                assert_eq!(bytes.len(), SIZE, "a read saw a file of another size");
                let first = bytes[0];
                assert!(
                    bytes.iter().all(|&byte| byte == first),
                    "a read mixed versions"
                );
                reads += 1;
            }
            reads
        })
    };
    for version in 1..=40_u8 {
        write_whole(dir.path(), "big.md", &vec![version; SIZE]).unwrap();
    }
    done.store(true, Ordering::Relaxed);
    let reads = reader.join().unwrap();
    assert!(reads > 0);
    assert_eq!(names_in(dir.path()), ["big.md"]);
}

#[test]
fn move_no_replace_moves_between_folders() {
    let dir = tempfile::tempdir().unwrap();
    let (inbox, processing) = (dir.path().join("inbox"), dir.path().join("processing"));
    std::fs::create_dir_all(&inbox).unwrap();
    std::fs::create_dir_all(&processing).unwrap();
    std::fs::write(inbox.join("job.md"), "job").unwrap();
    let placed = move_no_replace(&inbox.join("job.md"), &processing.join("job.md")).unwrap();
    assert_eq!(placed, Placed::Placed);
    assert_eq!(
        std::fs::read_to_string(processing.join("job.md")).unwrap(),
        "job"
    );
    assert!(names_in(&inbox).is_empty());
    // Again: the source is gone now.
    let again = move_no_replace(&inbox.join("job.md"), &processing.join("job.md")).unwrap();
    assert_eq!(again, Placed::SourceGone);
}

#[test]
fn move_no_replace_never_replaces_an_existing_note() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("from.md"), "new").unwrap();
    std::fs::write(dir.path().join("to.md"), "old").unwrap();
    let placed = move_no_replace(&dir.path().join("from.md"), &dir.path().join("to.md")).unwrap();
    assert_eq!(placed, Placed::AlreadyThere);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("to.md")).unwrap(),
        "old"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("from.md")).unwrap(),
        "new"
    );
}

#[test]
fn move_into_a_missing_folder_is_an_error_not_source_gone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("from.md"), "x").unwrap();
    let to = dir.path().join("missing").join("to.md");
    assert!(move_no_replace(&dir.path().join("from.md"), &to).is_err());
    assert!(dir.path().join("from.md").exists());
}

#[test]
fn remove_durably_says_whether_there_was_something_to_remove() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.md");
    std::fs::write(&path, "x").unwrap();
    assert!(remove_durably(&path).unwrap());
    assert!(!path.exists());
    assert!(!remove_durably(&path).unwrap());
}

#[test]
fn sweep_removes_only_the_workers_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        ".runner-tmp-1-2-3",
        ".runner-tmp-4",
        ".syncthing.a.md.tmp",
        "a.md",
    ] {
        std::fs::write(dir.path().join(name), "x").unwrap();
    }
    std::fs::create_dir(dir.path().join(".runner-tmp-dir")).unwrap();
    assert_eq!(sweep_temp_files(dir.path()).unwrap(), 2);
    assert_eq!(
        names_in(dir.path()),
        [".runner-tmp-dir", ".syncthing.a.md.tmp", "a.md"]
    );
    assert_eq!(sweep_temp_files(dir.path()).unwrap(), 0);
}

#[test]
fn temp_names_are_hidden_and_unique() {
    let (first, second) = (temp_name(), temp_name());
    assert!(first.starts_with(TEMP_PREFIX));
    assert_ne!(first, second);
}
