//! Tags: `#tag` and `#nested/tag` in the body (not in code, not a heading's `#`, not a number
//! like `#123`, not a URL fragment) and the frontmatter `tags` property.

use super::lines::Line;
use crate::note::Tagged;

/// Every `#tag` in the body, in order, without `#`.
pub fn body_tags(lines: &[Line<'_>]) -> Vec<Tagged> {
    let mut tags = Vec::new();
    for line in lines.iter().filter(|line| line.is_prose()) {
        let text = line.without_code();
        let mut previous: Option<char> = None;
        for (at, character) in text.char_indices() {
            let starts_tag = character == '#' && previous.is_none_or(char::is_whitespace);
            previous = Some(character);
            if !starts_tag {
                continue;
            }
            if let Some(tag) = tag_at(&text[at + 1..]) {
                tags.push(Tagged {
                    tag,
                    line: line.number,
                });
            }
        }
    }
    tags
}

/// The tags a `tags` property names: each list item, or a comma- or space-separated string,
/// with any leading `#` dropped.
pub fn property_tags(values: &[String], line: u32) -> Vec<Tagged> {
    values
        .iter()
        .flat_map(|value| value.split([',', ' ', '\t']))
        .filter_map(|word| tag_at(word.trim().trim_start_matches('#')))
        .map(|tag| Tagged { tag, line })
        .collect()
}

/// The tag that `rest` starts with: letters, digits, `_`, `-` and `/`, with at least one letter
/// or `_` (Obsidian's rule: `#1984` is not a tag; nor is a `#---` rule).
fn tag_at(rest: &str) -> Option<String> {
    let end = rest
        .char_indices()
        .find(|(_, character)| !is_tag_character(*character))
        .map_or(rest.len(), |(at, _)| at);
    let tag = rest[..end].trim_end_matches('/');
    let meaningful = tag
        .chars()
        .any(|character| character.is_alphabetic() || character == '_');
    (meaningful && !tag.starts_with('/')).then(|| tag.to_owned())
}

fn is_tag_character(character: char) -> bool {
    character.is_alphanumeric() || matches!(character, '_' | '-' | '/')
}

#[cfg(test)]
mod tests;
