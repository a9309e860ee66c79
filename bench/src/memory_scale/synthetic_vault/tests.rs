//! The vault is the same for the same seed, holds what its facts say, and an edit touches only
//! the notes it names.

use super::SyntheticVault;

fn read_all(vault: &SyntheticVault) -> Vec<String> {
    vault
        .paths
        .iter()
        .map(|path| std::fs::read_to_string(vault.root.join(path)).unwrap())
        .collect()
}

#[test]
fn the_same_seed_writes_the_same_vault_and_another_seed_another() {
    let (one, two, three) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let first = SyntheticVault::write(one.path(), 50, 9).unwrap();
    let again = SyntheticVault::write(two.path(), 50, 9).unwrap();
    let other = SyntheticVault::write(three.path(), 50, 10).unwrap();
    assert_eq!(first.paths, again.paths);
    assert_eq!(read_all(&first), read_all(&again));
    assert_eq!(first.facts, again.facts);
    assert_ne!(read_all(&first), read_all(&other));
}

#[test]
fn every_note_has_frontmatter_headings_links_and_the_facts_add_up() {
    let dir = tempfile::tempdir().unwrap();
    let vault = SyntheticVault::write(dir.path(), 300, 15).unwrap();
    let texts = read_all(&vault);
    assert_eq!(texts.len(), 300);
    let bytes: u64 = texts.iter().map(|text| text.len() as u64).sum();
    assert_eq!(bytes, vault.facts.bytes);
    for text in &texts {
        assert!(text.starts_with("---\ntags: [") && text.contains("\ncreated: 20"));
        let headings = text.lines().filter(|line| line.starts_with("##")).count();
        assert!((2..=6).contains(&headings), "{headings} headings:\n{text}");
    }
    let count = |needle: &str| {
        texts
            .iter()
            .map(|text| text.matches(needle).count())
            .sum::<usize>()
    };
    assert_eq!(count("[["), vault.facts.links);
    assert_eq!(count("[[Missing "), vault.facts.missing_links);
    assert!(vault.facts.missing_links > 0 && vault.facts.missing_links < vault.facts.links / 4);
    // A link names an existing note by its title (the file name without `.md`).
    let titles: std::collections::HashSet<&str> = vault
        .paths
        .iter()
        .map(|path| path.rsplit('/').next().unwrap().trim_end_matches(".md"))
        .collect();
    let first_link = texts
        .iter()
        .flat_map(|text| text.split("[[").skip(1))
        .map(|rest| rest.split([']', '|', '#']).next().unwrap())
        .find(|target| !target.starts_with("Missing "))
        .unwrap();
    assert!(titles.contains(first_link), "{first_link}");
    assert!(
        vault
            .paths
            .iter()
            .any(|path| path.matches('/').count() == 2)
    );
}

#[test]
fn an_edit_every_hundredth_note_changes_those_notes_only() {
    let dir = tempfile::tempdir().unwrap();
    let vault = SyntheticVault::write(dir.path(), 250, 15).unwrap();
    let before = read_all(&vault);
    assert_eq!(vault.edit_every(100).unwrap(), 3);
    let after = read_all(&vault);
    let changed: Vec<usize> = (0..before.len())
        .filter(|index| before[*index] != after[*index])
        .collect();
    assert_eq!(changed, vec![0, 100, 200]);
}

#[test]
fn queries_repeat_and_use_words_of_the_vault() {
    let dir = tempfile::tempdir().unwrap();
    let vault = SyntheticVault::write(dir.path(), 100, 15).unwrap();
    let queries = vault.queries(20);
    assert_eq!(queries, vault.queries(20));
    let text = read_all(&vault).join(" ");
    let found = queries
        .iter()
        .flat_map(|query| query.split(' '))
        .filter(|word| text.contains(word))
        .count();
    let words = queries.iter().flat_map(|query| query.split(' ')).count();
    assert!((2 * 20..=3 * 20).contains(&words));
    // Mid-frequency words: most of them appear in even a small vault.
    assert!(
        found * 2 > words,
        "{found} of {words} query words are in the vault"
    );
}
