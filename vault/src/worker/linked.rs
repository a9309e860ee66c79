//! The notes a summary job links with `[[...]]`, found as Obsidian finds them: a
//! vault-relative path (with or without `.md`), else the note of that name anywhere in the
//! vault (the shortest path wins). Each is read without its frontmatter and cut to a size a
//! prompt can hold.

use std::path::{Path, PathBuf};

/// Each linked note gives at most this many characters to the prompt.
const MAX_NOTE_CHARS: usize = 24_000;

#[derive(Debug, Clone, PartialEq)]
pub struct LinkedNote {
    /// The link as written (`Projects/AI governance`).
    pub target: String,
    pub text: String,
}

/// Reads every target; `Err` names every link that finds no note.
pub fn read_linked(vault: &Path, targets: &[String]) -> Result<Vec<LinkedNote>, String> {
    let mut missing = Vec::new();
    let mut notes = Vec::new();
    for target in targets {
        match find_note(vault, target).and_then(|path| std::fs::read_to_string(path).ok()) {
            Some(text) => notes.push(LinkedNote {
                target: target.clone(),
                text: cut(without_frontmatter(&text)),
            }),
            None => missing.push(format!("[[{target}]]")),
        }
    }
    if missing.is_empty() {
        Ok(notes)
    } else {
        Err(format!(
            "these links name no note in the vault: {}",
            missing.join(", ")
        ))
    }
}

fn find_note(vault: &Path, target: &str) -> Option<PathBuf> {
    if target.contains("..") {
        return None;
    }
    let with_md = if target.to_ascii_lowercase().ends_with(".md") {
        target.to_owned()
    } else {
        format!("{target}.md")
    };
    let direct = vault.join(&with_md);
    if direct.is_file() {
        return Some(direct);
    }
    let wanted = Path::new(&with_md).file_name()?.to_str()?.to_lowercase();
    let mut best: Option<PathBuf> = None;
    let mut folders = vec![vault.to_owned()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                folders.push(path);
            } else if name.to_lowercase() == wanted
                && best
                    .as_ref()
                    .is_none_or(|known| path.components().count() < known.components().count())
            {
                best = Some(path);
            }
        }
    }
    best
}

fn without_frontmatter(text: &str) -> &str {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return text;
    };
    match rest.find("\n---") {
        Some(end) => rest[end + 4..].trim_start_matches(['\r', '\n']),
        None => text,
    }
}

fn cut(text: &str) -> String {
    match text.char_indices().nth(MAX_NOTE_CHARS) {
        Some((at, _)) => format!("{}\n…(cut)", &text[..at]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests;
