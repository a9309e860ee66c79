//! `remember`: a fact or note written back into the vault, under `Runner/memory/`, as a note
//! Obsidian reads (frontmatter properties, the source kept), written whole (a temporary file,
//! synced, then renamed in the same folder) so Syncthing never ships half of it.

use std::io::Write;
use std::path::Path;

/// The vault folder remembered notes go to.
pub const FOLDER: &str = "Runner/memory";

/// What to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Remembered<'a> {
    pub title: &'a str,
    pub content: &'a str,
    pub tags: &'a [String],
    pub source: &'a str,
    /// `YYYY-MM-DD`, the note's date and its file name's start.
    pub day: &'a str,
}

#[derive(Debug, thiserror::Error)]
pub enum RememberError {
    #[error("a note to remember needs a title")]
    NoTitle,
    #[error("a note to remember needs content")]
    NoContent,
    #[error("could not write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// Writes the note and returns its vault path; never replaces an existing note (a second note
/// of the same title and day gets " 2", " 3", … ).
pub fn write_note(vault: &Path, note: &Remembered<'_>) -> Result<String, RememberError> {
    let title = file_safe(note.title);
    if title.is_empty() {
        return Err(RememberError::NoTitle);
    }
    if note.content.trim().is_empty() {
        return Err(RememberError::NoContent);
    }
    let folder = vault.join(FOLDER);
    let failed = |path: &str, source| RememberError::Write {
        path: path.to_owned(),
        source,
    };
    std::fs::create_dir_all(&folder).map_err(|error| failed(FOLDER, error))?;
    let text = render(note);
    for attempt in 1..=1000u32 {
        let name = match attempt {
            1 => format!("{} {title}.md", note.day),
            n => format!("{} {title} {n}.md", note.day),
        };
        let relative = format!("{FOLDER}/{name}");
        match write_new(&folder, &name, &text) {
            Ok(()) => return Ok(relative),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(failed(&relative, error)),
        }
    }
    Err(failed(
        FOLDER,
        std::io::Error::other("a thousand notes of that title and day already exist"),
    ))
}

/// Writes `name` in `folder` whole, failing with `AlreadyExists` rather than replacing a note.
fn write_new(folder: &Path, name: &str, text: &str) -> std::io::Result<()> {
    let target = folder.join(name);
    if target.exists() {
        return Err(std::io::ErrorKind::AlreadyExists.into());
    }
    // A dot-file: the vault reader and Obsidian ignore it while it is incomplete.
    let mut temporary = tempfile::Builder::new()
        .prefix(".remember-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temporary.write_all(text.as_bytes())?;
    temporary.as_file().sync_all()?;
    temporary
        .persist_noclobber(&target)
        .map_err(|error| error.error)?;
    if let Ok(directory) = std::fs::File::open(folder) {
        let _ = directory.sync_all();
    }
    Ok(())
}

/// The note's text: frontmatter Obsidian shows as properties, then the content.
pub fn render(note: &Remembered<'_>) -> String {
    let mut text = String::from("---\n");
    text.push_str(&format!("title: {}\n", yaml_string(note.title.trim())));
    text.push_str(&format!("date: {}\n", note.day));
    if !note.tags.is_empty() {
        text.push_str("tags:\n");
        for tag in note.tags {
            let tag = tag.trim().trim_start_matches('#');
            if !tag.is_empty() {
                text.push_str(&format!("  - {}\n", yaml_string(tag)));
            }
        }
    }
    if !note.source.trim().is_empty() {
        text.push_str(&format!("source: {}\n", yaml_string(note.source.trim())));
    }
    text.push_str("remembered_by: llm-runner\n---\n\n");
    text.push_str(note.content.trim_end());
    text.push('\n');
    text
}

/// A double-quoted YAML scalar.
fn yaml_string(value: &str) -> String {
    let escaped = value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', " ");
    format!("\"{escaped}\"")
}

/// A title as a file name Obsidian can link to: no path separators or link syntax, no
/// leading dot, at most 120 characters.
fn file_safe(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '#' | '^' | '[' | ']' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let words: Vec<&str> = cleaned
        .split_whitespace()
        .filter(|word| !word.chars().all(|c| c == '.'))
        .collect();
    let joined = words.join(" ");
    let trimmed = joined.trim_start_matches('.').trim();
    trimmed
        .chars()
        .take(120)
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests;
