//! Finding and reading the notes a summary links, over a temp vault.

use super::*;

fn vault() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn note(vault: &Path, relative: &str, text: &str) {
    let path = vault.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn read_one(vault: &Path, target: &str) -> Result<LinkedNote, String> {
    read_linked(vault, &[target.to_owned()]).map(|mut notes| notes.remove(0))
}

#[test]
fn a_path_link_reads_that_note_even_when_a_shorter_one_has_its_name() {
    let dir = vault();
    note(dir.path(), "Plan.md", "the short one");
    note(dir.path(), "Archive/Old/Plan.md", "the old plan");
    for target in ["Archive/Old/Plan", "Archive/Old/Plan.md"] {
        let linked = read_one(dir.path(), target).unwrap();
        assert_eq!(linked.target, target);
        assert_eq!(linked.text, "the old plan");
    }
}

#[test]
fn a_bare_name_is_found_anywhere_and_the_shortest_path_wins() {
    let dir = vault();
    note(dir.path(), "deep/er/still/Topic.md", "deepest");
    note(dir.path(), "notes/Topic.md", "shallow");
    note(dir.path(), "deep/Topic-not.md", "another name");
    assert_eq!(read_one(dir.path(), "Topic").unwrap().text, "shallow");
}

#[test]
fn a_bare_name_matches_whatever_its_case() {
    let dir = vault();
    note(dir.path(), "notes/Topic.md", "found");
    let linked = read_one(dir.path(), "tOPIC").unwrap();
    assert_eq!(linked.target, "tOPIC", "the link stays as written");
    assert_eq!(linked.text, "found");
}

#[test]
fn notes_in_dot_folders_are_not_found() {
    let dir = vault();
    note(dir.path(), ".trash/Topic.md", "deleted");
    assert!(read_one(dir.path(), "Topic").is_err());
}

#[test]
fn a_link_with_dot_dot_is_refused_even_when_the_note_exists() {
    let dir = vault();
    note(dir.path(), "secret.md", "outside the vault");
    let inner = dir.path().join("inner");
    note(&inner, "Inside.md", "inside");
    let error = read_one(&inner, "../secret").unwrap_err();
    assert!(error.contains("[[../secret]]"), "{error}");
}

#[test]
fn frontmatter_is_stripped_with_either_line_ending() {
    let dir = vault();
    note(dir.path(), "Unix.md", "---\ntags: [a]\n---\n\nThe body.\n");
    note(
        dir.path(),
        "Windows.md",
        "---\r\ntags: [a]\r\n---\r\n\r\nThe body.\r\n",
    );
    note(dir.path(), "Plain.md", "No frontmatter.\n---\nA rule.\n");
    note(dir.path(), "Unclosed.md", "---\ntags: [a]\nstill typing");
    assert_eq!(read_one(dir.path(), "Unix").unwrap().text, "The body.\n");
    assert_eq!(
        read_one(dir.path(), "Windows").unwrap().text,
        "The body.\r\n"
    );
    assert_eq!(
        read_one(dir.path(), "Plain").unwrap().text,
        "No frontmatter.\n---\nA rule.\n"
    );
    assert_eq!(
        read_one(dir.path(), "Unclosed").unwrap().text,
        "---\ntags: [a]\nstill typing"
    );
}

#[test]
fn a_long_note_is_cut_at_a_character_boundary_and_says_so() {
    let dir = vault();
    note(dir.path(), "Long.md", &"é".repeat(MAX_NOTE_CHARS + 10));
    note(dir.path(), "Exact.md", &"é".repeat(MAX_NOTE_CHARS));
    let long = read_one(dir.path(), "Long").unwrap().text;
    assert_eq!(
        long,
        format!("{}\n…(cut)", "é".repeat(MAX_NOTE_CHARS)),
        "cut to the first {MAX_NOTE_CHARS} characters"
    );
    let exact = read_one(dir.path(), "Exact").unwrap().text;
    assert_eq!(exact.chars().count(), MAX_NOTE_CHARS);
    assert!(!exact.ends_with("(cut)"));
}

#[test]
fn every_missing_link_is_named_and_the_found_ones_are_not() {
    let dir = vault();
    note(dir.path(), "Here.md", "present");
    let targets = ["Here", "Gone", "Also/gone"].map(str::to_owned);
    let error = read_linked(dir.path(), &targets).unwrap_err();
    assert_eq!(
        error,
        "these links name no note in the vault: [[Gone]], [[Also/gone]]"
    );
}

#[test]
fn notes_come_back_in_the_order_linked() {
    let dir = vault();
    note(dir.path(), "B.md", "bee");
    note(dir.path(), "a/A.md", "ay");
    let targets = ["B", "A"].map(str::to_owned);
    let notes = read_linked(dir.path(), &targets).unwrap();
    let read: Vec<(&str, &str)> = notes
        .iter()
        .map(|note| (note.target.as_str(), note.text.as_str()))
        .collect();
    assert_eq!(read, [("B", "bee"), ("A", "ay")]);
}
