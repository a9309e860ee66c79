//! One note's bytes to a [`ParsedNote`]: frontmatter, title, day, tags, links and chunks.

use sha2::{Digest, Sha256};

use super::chunk::{Note, chunks};
use super::lines::{LineKind, scan};
use super::{MAX_NOTE_BYTES, Skipped, VaultFile, dates, frontmatter, links, tags};
use crate::note::{ParsedNote, Property};

/// Parses one note's bytes.
pub fn read_note(file: &VaultFile, bytes: &[u8]) -> Result<ParsedNote, Skipped> {
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > MAX_NOTE_BYTES {
        return Err(Skipped::TooLarge {
            bytes: size,
            limit: MAX_NOTE_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|error| Skipped::NotUtf8 {
        at: error.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let front = frontmatter::split(text);
    let lines = scan(front.body, front.body_first_line);
    let mut warnings = front.warnings;
    // Fence lines alternate opening and closing: an odd count leaves the last one open.
    let fences: Vec<u32> = lines
        .iter()
        .filter(|line| line.kind == LineKind::Fence)
        .map(|line| line.number)
        .collect();
    if let Some(opened) = fences.last().filter(|_| fences.len() % 2 == 1) {
        warnings.push(format!(
            "code fence opened at line {opened} is never closed"
        ));
    }

    let mut aliases = Vec::new();
    let mut tags = Vec::new();
    let mut properties: Vec<Property> = Vec::new();
    for property in &front.properties {
        match property.key.to_lowercase().as_str() {
            "tags" | "tag" => tags.extend(tags::property_tags(&property.values, property.line)),
            "aliases" | "alias" => aliases.extend(property.values.iter().cloned()),
            _ => properties.push(property.clone()),
        }
    }
    tags.extend(tags::body_tags(&lines));
    let mut note_links = links::property_links(&properties);
    note_links.extend(links::body_links(&lines));

    let title = first_value(&properties, "title")
        .or_else(|| {
            lines.iter().find_map(|line| match &line.kind {
                LineKind::Heading { level: 1, text } if !text.is_empty() => Some(text.clone()),
                _ => None,
            })
        })
        .unwrap_or_else(|| file_stem(&file.path).to_owned());
    let date_ms = first_value(&properties, "date")
        .or_else(|| first_value(&properties, "created"))
        .and_then(|day| dates::day_ms(&day))
        .or_else(|| dates::daily_note_ms(&file.path));
    let chunks = chunks(&Note {
        path: &file.path,
        title: &title,
        lines: &lines,
        properties: &front.properties,
        frontmatter_end: front.closing_line,
    });
    Ok(ParsedNote {
        path: file.path.clone(),
        title,
        content_hash: hex_sha256(bytes),
        modified_ms: file.modified_ms,
        date_ms,
        aliases,
        properties,
        tags,
        links: note_links,
        chunks,
        warnings,
    })
}

fn first_value(properties: &[Property], key: &str) -> Option<String> {
    properties
        .iter()
        .find(|property| property.key.eq_ignore_ascii_case(key))?
        .values
        .first()
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

/// `Projects/AI governance.md` → `AI governance`.
fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name)
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests;
