//! Tests: The day's new notes: what is listed, what is left out, a vault that is not there.

use std::fs;

use super::*;

fn today() -> BriefingDay {
    let now = chrono::DateTime::from_timestamp_millis(crate::run_record::now_ms()).unwrap();
    let text = now.format("%Y-%m-%d").to_string();
    BriefingDay::parse(&text, chrono_tz::UTC).unwrap()
}

#[test]
fn todays_notes_are_listed_as_links_leaving_out_what_is_not_the_operators() {
    let vault = tempfile::tempdir().unwrap();
    let root = vault.path();
    for folder in ["Projects/Birds", ".obsidian", "Runner/briefings"] {
        fs::create_dir_all(root.join(folder)).unwrap();
    }
    for file in [
        "Inbox.md",
        "Projects/Birds/Heron.md",
        "Projects/picture.png",
        ".obsidian/workspace.md",
        ".hidden.md",
        "Runner/briefings/2026-12-02.md",
        "Projects/Heron.sync-conflict-20261202-1234.md",
    ] {
        fs::write(root.join(file), "text").unwrap();
    }
    assert_eq!(
        notes_of_day(root, &today()).unwrap(),
        ["Inbox", "Projects/Birds/Heron"]
    );
}

#[test]
fn notes_of_another_day_are_left_out() {
    let vault = tempfile::tempdir().unwrap();
    fs::write(vault.path().join("Old.md"), "text").unwrap();
    let long_ago = BriefingDay::parse("2001-01-01", chrono_tz::UTC).unwrap();
    assert!(notes_of_day(vault.path(), &long_ago).unwrap().is_empty());
}

#[test]
fn a_vault_that_is_not_there_is_an_error() {
    assert!(notes_of_day(Path::new("/nonexistent/vault"), &today()).is_err());
}
