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
mod tests {
    use super::*;

    #[test]
    fn short_text_is_kept_and_long_text_is_cut_to_the_limit() {
        assert_eq!(truncate("davas", 256), "davas");
        let long = "x".repeat(300);
        let cut = truncate(&long, TITLE_MAX);
        assert_eq!(char_count(&cut), TITLE_MAX);
        assert!(cut.ends_with('…'));
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn characters_are_counted_not_bytes() {
        let text = "é".repeat(10);
        assert_eq!(truncate(&text, 10), text);
        assert_eq!(char_count(&truncate(&text, 5)), 5);
    }

    #[test]
    fn empty_values_become_a_dash() {
        assert_eq!(non_empty(""), "-");
        assert_eq!(non_empty("  "), "-");
        assert_eq!(non_empty("x"), "x");
    }
}
