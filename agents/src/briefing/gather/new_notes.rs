//! The vault's notes created or changed during the day (by their file times), as the wiki
//! links the briefing lists: markdown files only, not in dot-folders, not the runner's own
//! `Runner/` folder, not Syncthing's conflict copies.

#[cfg(test)]
mod tests;

use std::fs::Metadata;
use std::path::Path;
use std::time::UNIX_EPOCH;

use crate::briefing::day::BriefingDay;

/// Vault paths without `.md` ("Projects/Heron"), sorted.
pub(super) fn notes_of_day(vault: &Path, day: &BriefingDay) -> std::io::Result<Vec<String>> {
    let mut notes = Vec::new();
    let mut folders = vec![(vault.to_path_buf(), String::new())];
    while let Some((folder, prefix)) = folders.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            if name.starts_with('.') || (prefix.is_empty() && name == "Runner") {
                continue;
            }
            let kind = entry.file_type()?;
            if kind.is_dir() {
                folders.push((entry.path(), format!("{prefix}{name}/")));
                continue;
            }
            let Some(stem) = name.strip_suffix(".md") else {
                continue;
            };
            if kind.is_file()
                && !name.contains(".sync-conflict-")
                && touched_during(&entry.metadata()?, day)
            {
                notes.push(format!("{prefix}{stem}"));
            }
        }
    }
    notes.sort();
    Ok(notes)
}

/// Whether the file was created or last changed during `day`.
fn touched_during(metadata: &Metadata, day: &BriefingDay) -> bool {
    let in_day = |time: std::io::Result<std::time::SystemTime>| {
        time.ok()
            .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
            .and_then(|since| i64::try_from(since.as_millis()).ok())
            .is_some_and(|ms| day.contains(ms))
    };
    in_day(metadata.modified()) || in_day(metadata.created())
}
