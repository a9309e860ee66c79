//! Link targets to notes, as Obsidian resolves them: the exact vault path (with or without
//! `.md`), else the note whose path ends with the target (a bare name matches the file name),
//! the shortest path when several do, else a note that has the target as an alias. Case does
//! not matter, as in Obsidian.

use std::collections::HashMap;

/// Resolves link targets to note paths.
#[derive(Debug, Default, Clone)]
pub struct LinkResolver {
    /// Lowercased path without `.md` → the path as stored.
    by_path: HashMap<String, String>,
    /// Lowercased file name without `.md` → (lowercased path without `.md`, path) of each
    /// note of that name.
    by_name: HashMap<String, Vec<(String, String)>>,
    /// Lowercased alias → every note that has it.
    by_alias: HashMap<String, Vec<String>>,
}

impl LinkResolver {
    /// From every note's path and aliases.
    pub fn new<'a>(notes: impl IntoIterator<Item = (&'a str, &'a [String])>) -> Self {
        let mut resolver = Self::default();
        for (path, aliases) in notes {
            let stored = key(path);
            resolver
                .by_name
                .entry(file_name(&stored).to_owned())
                .or_default()
                .push((stored.clone(), path.to_owned()));
            resolver.by_path.insert(stored, path.to_owned());
            for alias in aliases {
                resolver
                    .by_alias
                    .entry(alias.trim().to_lowercase())
                    .or_default()
                    .push(path.to_owned());
            }
        }
        resolver
    }

    /// The note path `target` names, if any.
    pub fn resolve(&self, target: &str) -> Option<String> {
        let wanted = key(target);
        if wanted.is_empty() {
            return None;
        }
        if let Some(path) = self.by_path.get(&wanted) {
            return Some(path.clone());
        }
        let suffix = format!("/{wanted}");
        let same_name = self.by_name.get(file_name(&wanted));
        let by_name = same_name
            .into_iter()
            .flatten()
            .filter(|(stored, _)| stored.ends_with(&suffix))
            .map(|(_, path)| path);
        if let Some(path) = shortest(by_name) {
            return Some(path);
        }
        let by_alias = self.by_alias.get(&target.trim().to_lowercase())?;
        shortest(by_alias.iter())
    }
}

/// `./Projects/AI Governance.md` → `projects/ai governance`; leading `./`, `../` and `/` go,
/// since a relative link is matched by its ending.
fn key(target: &str) -> String {
    let mut rest = target.trim();
    loop {
        let stripped = rest
            .strip_prefix("./")
            .or_else(|| rest.strip_prefix("../"))
            .or_else(|| rest.strip_prefix('/'));
        match stripped {
            Some(shorter) => rest = shorter,
            None => break,
        }
    }
    let lower = rest.to_lowercase();
    lower
        .strip_suffix(".md")
        .map_or(lower.clone(), str::to_owned)
}

fn file_name(key: &str) -> &str {
    key.rsplit('/').next().unwrap_or(key)
}

/// The shortest path, then the first in order: deterministic when several notes match.
fn shortest<'a>(paths: impl Iterator<Item = &'a String>) -> Option<String> {
    paths
        .min_by(|left, right| left.len().cmp(&right.len()).then_with(|| left.cmp(right)))
        .cloned()
}

#[cfg(test)]
mod tests;
