//! The body of a note as lines, each marked as prose, a heading, a code-fence delimiter or code
//! inside a fence, so links, tags and chunks all agree on what is code. A line scanner rather
//! than a full markdown parser: what the reader needs is which lines are code and where the
//! headings are, with exact 1-based line numbers.

use super::inline_code::without_inline_code;

/// One line of a note, without its line ending (`\n` or `\r\n`).
#[derive(Debug, Clone, PartialEq)]
pub struct Line<'a> {
    /// 1-based, in the file (frontmatter lines count).
    pub number: u32,
    pub text: &'a str,
    pub kind: LineKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LineKind {
    /// Prose, a list item, a quote, a table row: anything outside code that is not a heading.
    Text,
    Blank,
    /// An ATX heading (`## Risk tiers`), its text without the `#` marks.
    Heading {
        level: u8,
        text: String,
    },
    /// A line that opens or closes a code fence.
    Fence,
    /// A line inside a code fence (a fence never closed runs to the end of the note).
    Code,
}

impl Line<'_> {
    /// Whether links and tags may be read from this line.
    pub fn is_prose(&self) -> bool {
        matches!(self.kind, LineKind::Text | LineKind::Heading { .. })
    }

    /// The text with inline code blanked out (byte offsets kept), for the link and tag scanners.
    pub fn without_code(&self) -> String {
        without_inline_code(self.text)
    }
}

/// Splits `text` into lines numbered from `first_number`, marking code fences and headings.
pub fn scan(text: &str, first_number: u32) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    if text.is_empty() {
        return lines;
    }
    // The open fence: its character and length; a closing fence uses the same character, at
    // least as many times, and nothing after it.
    let mut open_fence: Option<(char, usize)> = None;
    let mut pieces: Vec<&str> = text.split('\n').collect();
    if pieces.len() > 1 && pieces.last() == Some(&"") {
        // The empty piece after a final newline is not a line.
        pieces.pop();
    }
    for (index, raw) in pieces.into_iter().enumerate() {
        let line_text = raw.strip_suffix('\r').unwrap_or(raw);
        let offset = u32::try_from(index).unwrap_or(u32::MAX);
        let number = first_number.saturating_add(offset);
        let kind = match open_fence {
            Some((fence_char, fence_len)) => {
                if closes_fence(line_text, fence_char, fence_len) {
                    open_fence = None;
                    LineKind::Fence
                } else {
                    LineKind::Code
                }
            }
            None => {
                if let Some(fence) = opens_fence(line_text) {
                    open_fence = Some(fence);
                    LineKind::Fence
                } else if line_text.trim().is_empty() {
                    LineKind::Blank
                } else if let Some((level, heading)) = heading(line_text) {
                    LineKind::Heading {
                        level,
                        text: heading,
                    }
                } else {
                    LineKind::Text
                }
            }
        };
        lines.push(Line {
            number,
            text: line_text,
            kind,
        });
    }
    lines
}

/// Up to three spaces of indentation, as CommonMark allows before a fence or heading.
fn unindented(line: &str) -> Option<&str> {
    let trimmed = line.trim_start_matches(' ');
    (line.len() - trimmed.len() <= 3).then_some(trimmed)
}

fn opens_fence(line: &str) -> Option<(char, usize)> {
    let rest = unindented(line)?;
    let fence_char = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let length = rest.chars().take_while(|c| *c == fence_char).count();
    if length < 3 {
        return None;
    }
    // A backtick fence's info string may not contain a backtick.
    let info = &rest[length..];
    (fence_char == '~' || !info.contains('`')).then_some((fence_char, length))
}

fn closes_fence(line: &str, fence_char: char, fence_len: usize) -> bool {
    let Some(rest) = unindented(line) else {
        return false;
    };
    let length = rest.chars().take_while(|c| *c == fence_char).count();
    length >= fence_len && rest[length..].trim().is_empty()
}

/// `## Text ##` → (2, "Text"); `#tag` and `####### x` are not headings.
fn heading(line: &str) -> Option<(u8, String)> {
    let rest = unindented(line)?;
    let level = rest.chars().take_while(|c| *c == '#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let after = &rest[level..];
    if !(after.is_empty() || after.starts_with(' ') || after.starts_with('\t')) {
        return None;
    }
    let mut text = after.trim();
    // An optional closing sequence of `#`, preceded by a space.
    let without_closing = text.trim_end_matches('#');
    if without_closing.is_empty() || without_closing.ends_with(' ') {
        text = without_closing.trim_end();
    }
    Some((u8::try_from(level).unwrap_or(6), text.to_owned()))
}

#[cfg(test)]
mod tests;
