//! A synthetic Obsidian vault written with plain `std::fs`, the same for the same seed: notes in
//! folders (some nested), YAML frontmatter with tags, dates and a status, 2–6 headings with
//! paragraphs drawn from a Zipf-like vocabulary, `[[wikilinks]]` to other notes (with aliases
//! and heading anchors, and some to notes that do not exist) and `#tags` in the prose.

use std::path::{Path, PathBuf};

use anyhow::Context;

use super::vocabulary::{SeededRandom, Vocabulary};

mod note_text;

use note_text::note_text;

/// Distinct words the vault is written in.
const VOCABULARY_WORDS: usize = 5_000;
const TOP_FOLDERS: usize = 8;
const NESTED_FOLDERS: usize = 8;
const TAGS: usize = 40;
/// Queries draw their words from these frequency ranks: specific enough to narrow a search,
/// common enough to be in the vault.
const QUERY_RANKS: std::ops::Range<usize> = 20..2_000;

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VaultFacts {
    pub notes: usize,
    pub bytes: u64,
    pub folders: usize,
    pub headings: usize,
    pub links: usize,
    pub missing_links: usize,
    pub body_tags: usize,
}

/// A vault on disk and what it is made of, so notes can be edited and queries drawn from it.
#[derive(Debug, Clone)]
pub struct SyntheticVault {
    pub root: PathBuf,
    /// Vault-relative paths, `/`-separated, in the order written.
    pub paths: Vec<String>,
    pub facts: VaultFacts,
    vocabulary: Vocabulary,
    seed: u64,
}

struct Plan {
    titles: Vec<String>,
    folders: Vec<String>,
    tags: Vec<String>,
}

fn capitalised(word: &str) -> String {
    let mut characters = word.chars();
    characters.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(characters).collect()
    })
}

fn plan(notes: usize, vocabulary: &Vocabulary, random: &mut SeededRandom) -> Plan {
    let top: Vec<String> = (0..TOP_FOLDERS)
        .map(|index| capitalised(vocabulary.word(100 + index)))
        .collect();
    let mut folders = top.clone();
    folders.extend((0..NESTED_FOLDERS).map(|index| {
        format!(
            "{}/{}",
            top[index % top.len()],
            capitalised(vocabulary.word(200 + index))
        )
    }));
    let tags = (0..TAGS)
        .map(|index| match index % 4 {
            0 => format!("area/{}", vocabulary.word(300 + index)),
            _ => vocabulary.word(300 + index).to_owned(),
        })
        .collect();
    // The index keeps titles unique; the words make them read like titles.
    let titles = (0..notes)
        .map(|index| {
            let first = vocabulary.word(random.below(QUERY_RANKS));
            let second = vocabulary.word(random.below(QUERY_RANKS));
            format!("{} {second} {index}", capitalised(first))
        })
        .collect();
    Plan {
        titles,
        folders,
        tags,
    }
}

impl SyntheticVault {
    /// Writes `notes` notes under `root` (which must not hold a vault already).
    pub fn write(root: &Path, notes: usize, seed: u64) -> anyhow::Result<Self> {
        let mut random = SeededRandom::new(seed);
        let vocabulary = Vocabulary::new(VOCABULARY_WORDS, &mut random);
        let plan = plan(notes, &vocabulary, &mut random);
        let mut facts = VaultFacts {
            notes,
            folders: plan.folders.len(),
            ..VaultFacts::default()
        };
        let mut paths = Vec::with_capacity(notes);
        for (index, title) in plan.titles.iter().enumerate() {
            let folder = &plan.folders[random.below(0..plan.folders.len())];
            let path = format!("{folder}/{title}.md");
            let text = note_text(index, &plan, &vocabulary, &mut random, &mut facts);
            let file = root.join(&path);
            if let Some(parent) = file.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
            }
            std::fs::write(&file, &text)
                .with_context(|| format!("cannot write {}", file.display()))?;
            facts.bytes += text.len() as u64;
            paths.push(path);
        }
        Ok(Self {
            root: root.to_owned(),
            paths,
            facts,
            vocabulary,
            seed,
        })
    }

    /// Appends a paragraph to every `stride`-th note (at least one note): their content hashes
    /// change, nothing else does. Returns how many notes were edited.
    pub fn edit_every(&self, stride: usize) -> anyhow::Result<usize> {
        let mut random = SeededRandom::new(self.seed ^ 0xED17);
        let mut edited = 0;
        for path in self.paths.iter().step_by(stride.max(1)) {
            let file = self.root.join(path);
            let mut text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            text.push_str(&format!(
                "\n## Edited\n\n{}.\n",
                self.vocabulary.phrase(40, &mut random)
            ));
            std::fs::write(&file, text)
                .with_context(|| format!("cannot write {}", file.display()))?;
            edited += 1;
        }
        Ok(edited)
    }

    /// `count` queries of two or three words from the vault's vocabulary, the same every run.
    pub fn queries(&self, count: usize) -> Vec<String> {
        let mut random = SeededRandom::new(self.seed ^ 0x0E21E5);
        (0..count)
            .map(|_| {
                let words = random.below(2..4);
                (0..words)
                    .map(|_| self.vocabulary.word(random.below(QUERY_RANKS)))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
