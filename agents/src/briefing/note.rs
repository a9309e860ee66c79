//! The briefing's note, `Runner/briefings/YYYY-MM-DD.md`: frontmatter (`type: briefing`,
//! `day`, `model`, `run`), the summary, then the facts; written whole and create-only, so a
//! day's note is written once however often the briefing fires.

#[cfg(test)]
mod tests;

use std::path::Path;

use vault::whole_file::{Placed, create_whole};

/// The briefings' folder, vault-relative.
pub(super) const BRIEFINGS_FOLDER: &str = "Runner/briefings";

/// What writing the note found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Written {
    /// Written now, at this vault path.
    Created(String),
    /// The day's note was there already (an earlier run wrote it); nothing was changed.
    AlreadyThere(String),
}

/// The note's body: the summary, then the facts.
pub(super) fn note_body(day: &str, summary: &str, facts: &str) -> String {
    format!("# Briefing {day}\n\n{}\n\n{facts}", summary.trim())
}

/// The whole note: frontmatter, then the body.
pub(super) fn note_text(day: &str, model: &str, run_id: &str, body: &str) -> String {
    format!(
        "---\ntype: briefing\nday: {day}\nmodel: {}\nrun: {}\n---\n{body}",
        yaml_text(model),
        yaml_text(run_id)
    )
}

/// Writes `text` as the day's note unless it exists.
pub(super) fn write_note(vault: &Path, day: &str, text: &str) -> std::io::Result<Written> {
    let folder = vault.join(BRIEFINGS_FOLDER);
    std::fs::create_dir_all(&folder)?;
    let name = format!("{day}.md");
    let path = format!("{BRIEFINGS_FOLDER}/{name}");
    match create_whole(&folder, &name, text.as_bytes())? {
        Placed::AlreadyThere => Ok(Written::AlreadyThere(path)),
        Placed::Placed | Placed::SourceGone => Ok(Written::Created(path)),
    }
}

/// A YAML scalar as a double-quoted string (a model name like `qwen2.5:14b` holds a colon).
fn yaml_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{escaped}\"")
}
