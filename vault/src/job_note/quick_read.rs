//! Cheap, tolerant reads of one property, for every note in `inbox/` on every look: a line
//! `status: …` or `id: …` at the top level of the frontmatter, without parsing the YAML (a
//! draft may be half-typed; a submitted note with broken YAML is still seen as submitted, so
//! its result note can say what is broken).

use super::NoteStatus;
use super::bounds;

/// The longest `id:`.
pub const MAX_ID_CHARS: usize = 64;

/// The note's `status:`; `Draft` without frontmatter (or without its closing `---` yet).
pub fn read_status(text: &str) -> NoteStatus {
    top_level_value(text, "status").map_or(NoteStatus::Draft, |value| status_from(&value))
}

/// The note's `id:` when it is a valid id.
pub fn read_id(text: &str) -> Option<String> {
    top_level_value(text, "id").filter(|id| is_valid_id(id))
}

/// Letters, digits, `-` and `_`, 1 to 64 of them.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.chars().count() <= MAX_ID_CHARS
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A status as written, read case-insensitively (`Submitted` is what the operator means).
pub(crate) fn status_from(value: &str) -> NoteStatus {
    let value = value.trim();
    if value.is_empty() || value.eq_ignore_ascii_case("draft") {
        NoteStatus::Draft
    } else if value.eq_ignore_ascii_case("submitted") {
        NoteStatus::Submitted
    } else {
        NoteStatus::Other(value.to_owned())
    }
}

/// The one-line value of a top-level `key:`, unquoted, without a trailing comment.
fn top_level_value(text: &str, key: &str) -> Option<String> {
    let found = bounds::find(text)?;
    let mut at = found.yaml_start;
    while at < found.yaml_end {
        let end = bounds::line_end(text, at);
        if let Some((line_key, rest)) = bounds::top_level_entry(&text[at..end])
            && line_key == key
        {
            return Some(one_line_scalar(rest));
        }
        at = end;
    }
    None
}

/// `"x"`, `'x'` or plain `x # comment` as the text it holds.
fn one_line_scalar(rest: &str) -> String {
    let rest = rest.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = rest.strip_prefix(quote)
            && let Some(close) = inner.find(quote)
        {
            return inner[..close].to_owned();
        }
    }
    let without_comment = match rest.find(" #") {
        Some(at) => &rest[..at],
        None if rest.starts_with('#') => "",
        None => rest,
    };
    without_comment.trim().to_owned()
}
