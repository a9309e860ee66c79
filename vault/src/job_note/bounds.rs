//! Where a note's frontmatter is: a first line `---`, the YAML, a closing line `---`. Shared by
//! the parser and by `frontmatter_edit`, so both agree on what the frontmatter is.

/// Byte offsets into the note's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FrontmatterBounds {
    /// Where the YAML starts (after the opening line).
    pub yaml_start: usize,
    /// Where the closing `---` line starts (the end of the YAML).
    pub yaml_end: usize,
    /// Where the body starts (after the closing line).
    pub body_start: usize,
    /// The 1-based line of the YAML's first line (2, or 2 after a byte-order mark too).
    pub yaml_first_line: u32,
    /// The 1-based line of the body's first line.
    pub body_first_line: u32,
}

/// The frontmatter's bounds, or `None` when the note has none (no opening line, or no closing
/// line: a note still being typed).
pub(crate) fn find(text: &str) -> Option<FrontmatterBounds> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let opening_end = delimiter_line_end(text, start)?;
    let mut line_start = opening_end;
    let mut line_number: u32 = 2;
    while line_start < text.len() {
        if let Some(closing_end) = delimiter_line_end(text, line_start) {
            return Some(FrontmatterBounds {
                yaml_start: opening_end,
                yaml_end: line_start,
                body_start: closing_end,
                yaml_first_line: 2,
                body_first_line: line_number.saturating_add(1),
            });
        }
        line_start = line_end(text, line_start);
        line_number = line_number.saturating_add(1);
    }
    None
}

/// The end (after its line ending) of the line starting at `start`.
pub(crate) fn line_end(text: &str, start: usize) -> usize {
    text[start..]
        .find('\n')
        .map_or(text.len(), |at| start + at + 1)
}

/// The end of the line at `start` when it is exactly `---` (trailing spaces allowed).
fn delimiter_line_end(text: &str, start: usize) -> Option<usize> {
    let end = line_end(text, start);
    let line = text[start..end].trim_end_matches(['\n', '\r', ' ', '\t']);
    (line == "---").then_some(end)
}

/// The key a line starts at column 0 (`key:`, `"key":`, `'key':`), if it starts one, and
/// the rest of the line after the colon.
pub(crate) fn top_level_entry(line: &str) -> Option<(&str, &str)> {
    let quote = line.chars().next().filter(|c| matches!(c, '"' | '\''));
    let (key, rest) = match quote {
        Some(quote) => {
            let close = line[1..].find(quote)? + 1;
            (&line[1..close], &line[close + 1..])
        }
        None => {
            if line.starts_with([' ', '\t', '#', '-', '\r', '\n']) {
                return None;
            }
            let colon = line.match_indices(':').map(|(at, _)| at).find(|&at| {
                line[at + 1..].is_empty() || line[at + 1..].starts_with([' ', '\t', '\r', '\n'])
            })?;
            (line[..colon].trim_end(), &line[colon..])
        }
    };
    let after_colon = rest.strip_prefix(':')?;
    (after_colon.is_empty() || after_colon.starts_with([' ', '\t', '\r', '\n']))
        .then_some((key, after_colon))
}
