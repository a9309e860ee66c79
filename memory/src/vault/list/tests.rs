//! Listing a real folder: what counts as a note, order, symlinks, a vanished vault.

use std::fs;
use std::path::Path;

use super::list_notes;
use crate::vault::VaultError;

fn write(root: &Path, path: &str, text: &str) {
    let file = root.join(path);
    fs::create_dir_all(file.parent().expect("a parent")).expect("create folders");
    fs::write(file, text).expect("write note");
}

#[test]
fn only_markdown_notes_outside_hidden_and_sync_files_in_path_order() {
    let vault = tempfile::tempdir().expect("temp dir");
    let root = vault.path();
    for path in [
        "b.md",
        "A/z.md",
        "A/a.md",
        "Ünïcode/Ü.md",
        "image.png",
        "notes.md.bak",
        ".hidden.md",
        ".obsidian/workspace.md",
        ".trash/deleted.md",
        ".stfolder/x.md",
        ".syncthing.b.md.tmp",
        "~syncthing~b.md.tmp",
        "A/a.sync-conflict-20261203-101010-ABCDEFG.md",
    ] {
        write(root, path, "text");
    }
    let found = list_notes(root).expect("list");
    let paths: Vec<&str> = found.iter().map(|file| file.path.as_str()).collect();
    assert_eq!(paths, ["A/a.md", "A/z.md", "b.md", "Ünïcode/Ü.md"]);
    assert_eq!(found[0].absolute, root.join("A/a.md"));
    assert_eq!(found[0].bytes, 4);
    assert!(found[0].modified_ms > 1_600_000_000_000);
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed() {
    let vault = tempfile::tempdir().expect("temp dir");
    let outside = tempfile::tempdir().expect("temp dir");
    write(outside.path(), "secret.md", "outside the vault");
    write(vault.path(), "in.md", "inside");
    std::os::unix::fs::symlink(outside.path(), vault.path().join("linked")).expect("dir link");
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        vault.path().join("link.md"),
    )
    .expect("file link");
    let paths: Vec<String> = list_notes(vault.path())
        .expect("list")
        .into_iter()
        .map(|file| file.path)
        .collect();
    assert_eq!(paths, ["in.md"]);
}

#[cfg(unix)]
#[test]
fn a_vault_reached_through_a_symlink_is_listed() {
    let place = tempfile::tempdir().expect("temp dir");
    write(place.path(), "real/note.md", "x");
    let link = place.path().join("vault");
    std::os::unix::fs::symlink(place.path().join("real"), &link).expect("root link");
    let found = list_notes(&link).expect("list");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].path, "note.md");
    assert_eq!(found[0].absolute, link.join("note.md"));
}

#[test]
fn a_missing_vault_is_an_error_naming_it() {
    let vault = tempfile::tempdir().expect("temp dir");
    let gone = vault.path().join("gone");
    assert!(matches!(list_notes(&gone), Err(VaultError::Missing(path)) if path == gone));
    write(vault.path(), "file.md", "x");
    assert!(matches!(
        list_notes(&vault.path().join("file.md")),
        Err(VaultError::Missing(_))
    ));
}
