//! Remembered notes land whole under `Runner/memory/`, never replacing one another.

use super::{RememberError, Remembered, write_note};

fn note<'a>(title: &'a str, content: &'a str, tags: &'a [String]) -> Remembered<'a> {
    Remembered {
        title,
        content,
        tags,
        source: "job 01JD3",
        day: "2026-12-03",
    }
}

#[test]
fn a_note_is_written_with_its_properties_and_a_second_of_the_same_title_gets_a_number() {
    let vault = tempfile::tempdir().expect("vault");
    let tags = vec!["#governance".to_owned(), "decision".to_owned()];
    let first = write_note(
        vault.path(),
        &note("Model risk: tiers", "Tier 3 needs review.", &tags),
    )
    .expect("written");
    assert_eq!(first, "Runner/memory/2026-12-03 Model risk tiers.md");
    let text = std::fs::read_to_string(vault.path().join(&first)).expect("read");
    assert_eq!(
        text,
        "---\ntitle: \"Model risk: tiers\"\ndate: 2026-12-03\ntags:\n  - \"governance\"\n  - \"decision\"\nsource: \"job 01JD3\"\nremembered_by: llm-runner\n---\n\nTier 3 needs review.\n"
    );
    let second =
        write_note(vault.path(), &note("Model risk: tiers", "Again.", &[])).expect("written");
    assert_eq!(second, "Runner/memory/2026-12-03 Model risk tiers 2.md");
    assert_eq!(
        std::fs::read_to_string(vault.path().join(&first)).expect("read"),
        text,
        "the first note was replaced"
    );
    let leftovers: Vec<_> = std::fs::read_dir(vault.path().join("Runner/memory"))
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn a_title_cannot_escape_the_folder_and_empty_input_is_refused() {
    let vault = tempfile::tempdir().expect("vault");
    let path = write_note(vault.path(), &note("../../etc/passwd", "x", &[])).expect("written");
    assert_eq!(path, "Runner/memory/2026-12-03 etc passwd.md");
    assert!(matches!(
        write_note(vault.path(), &note(" /// ", "x", &[])),
        Err(RememberError::NoTitle)
    ));
    assert!(matches!(
        write_note(vault.path(), &note("t", "  \n", &[])),
        Err(RememberError::NoContent)
    ));
}
