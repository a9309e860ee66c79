//! The drained-nodes file round-trips, a missing one means nothing drained, and a corrupt or
//! unwritable one is an error naming the file and what to do.

use super::{DrainingFileError, read_drained_nodes, write_drained_nodes};

#[test]
fn drained_nodes_survive_a_write_and_read_and_no_temp_file_is_left() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draining.json");
    assert!(read_drained_nodes(&path).unwrap().is_empty());
    write_drained_nodes(&path, &["davas", "homelab"]).unwrap();
    write_drained_nodes(&path, &["davas"]).unwrap();
    assert_eq!(read_drained_nodes(&path).unwrap(), ["davas"]);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(names, ["draining.json"]);
}

#[test]
fn a_corrupt_file_is_an_error_naming_it_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draining.json");
    for corrupt in ["{\"draining\": [\"dav", "[\"davas\"]", "{\"drained\": []}"] {
        std::fs::write(&path, corrupt).unwrap();
        let error = read_drained_nodes(&path).unwrap_err();
        assert!(
            matches!(error, DrainingFileError::Corrupt { .. }),
            "{corrupt}"
        );
        let message = error.to_string();
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains("delete it"), "{message}");
    }
}

#[test]
fn a_failed_write_is_an_error_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draining.json");
    write_drained_nodes(&path, &["davas"]).unwrap();
    // The temp file's name taken by a directory makes the write fail (root ignores modes).
    std::fs::create_dir(dir.path().join("draining.json.tmp")).unwrap();
    let error = write_drained_nodes(&path, &[]).unwrap_err();
    assert!(matches!(error, DrainingFileError::Write { .. }), "{error}");
    assert_eq!(read_drained_nodes(&path).unwrap(), ["davas"]);
}
