//! Discord's documented message and embed limits (counted in characters), and cutting text to
//! fit them: an alert is shortened, never refused.

pub const TITLE_MAX: usize = 256;
pub const DESCRIPTION_MAX: usize = 4096;
pub const FIELDS_MAX: usize = 25;
pub const FIELD_NAME_MAX: usize = 256;
pub const FIELD_VALUE_MAX: usize = 1024;
pub const FOOTER_MAX: usize = 2048;
/// Title, description, field names and values, footer (and author) of every embed of one
/// message together.
pub const MESSAGE_EMBED_TEXT_MAX: usize = 6000;
pub const EMBEDS_PER_MESSAGE_MAX: usize = 10;

const ELLIPSIS: char = '…';

pub fn char_count(text: &str) -> usize {
    text.chars().count()
}

/// `text` unchanged when it fits in `max` characters, else cut with a trailing `…` so that the
/// result is exactly `max` characters long.
pub fn truncate(text: &str, max: usize) -> String {
    if char_count(text) <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push(ELLIPSIS);
    cut
}

/// Discord refuses empty field names and values; an empty one becomes a dash.
pub fn non_empty(text: &str) -> &str {
    if text.trim().is_empty() { "-" } else { text }
}

#[cfg(test)]
mod tests;
