//! Setting properties in a note's frontmatter without touching anything else: the worker
//! rewrites only copies in the folders it owns (`processing/`, `done/`, `failed/`), never the
//! operator's note in `inbox/`.

use crate::job_note::bounds::{self, FrontmatterBounds};

mod yaml_scalar;

pub use yaml_scalar::{yaml_link, yaml_string};

/// `text` with each `(key, yaml_value)` set: the top-level key's whole entry (a block list or
/// an indented value under it included) replaced where it stands, or appended at the end of the
/// frontmatter; a note without frontmatter gets one. Everything else is kept byte for byte,
/// and new lines use the note's line ending (`\r\n` when its first line has one).
pub fn set_properties(text: &str, properties: &[(&str, String)]) -> String {
    if properties.is_empty() {
        return text.to_owned();
    }
    let line_ending = if text
        .split('\n')
        .next()
        .is_some_and(|line| line.ends_with('\r'))
    {
        "\r\n"
    } else {
        "\n"
    };
    let entry = |key: &str, value: &str| {
        let value = value.replace("\r\n", "\n").replace('\n', line_ending);
        let separator = if value.is_empty() || value.starts_with(line_ending) {
            ""
        } else {
            " "
        };
        format!("{key}:{separator}{value}{line_ending}")
    };
    let Some(found) = bounds::find(text) else {
        let mut edited = format!("---{line_ending}");
        for (key, value) in properties {
            edited.push_str(&entry(key, value));
        }
        edited.push_str(&format!("---{line_ending}"));
        edited.push_str(text);
        return edited;
    };
    let FrontmatterBounds {
        yaml_start,
        yaml_end,
        ..
    } = found;
    let mut edited = text[..yaml_start].to_owned();
    let mut written = vec![false; properties.len()];
    let mut at = yaml_start;
    while at < yaml_end {
        let end = bounds::line_end(text, at);
        let line = &text[at..end];
        let Some(index) = bounds::top_level_entry(line)
            .and_then(|(key, _)| properties.iter().position(|(wanted, _)| *wanted == key))
        else {
            edited.push_str(line);
            at = end;
            continue;
        };
        if !written[index] {
            let (key, value) = &properties[index];
            edited.push_str(&entry(key, value));
            written[index] = true;
        }
        at = entry_end(text, end, yaml_end);
    }
    for (index, (key, value)) in properties.iter().enumerate() {
        if !written[index] {
            edited.push_str(&entry(key, value));
        }
    }
    edited.push_str(&text[yaml_end..]);
    edited
}

/// Where the entry whose first line ends at `from` ends: after its continuation lines (indented,
/// or `- item` at column 0), and after blank lines only when more continuation follows.
fn entry_end(text: &str, from: usize, yaml_end: usize) -> usize {
    let mut end = from;
    let mut at = from;
    while at < yaml_end {
        let next = bounds::line_end(text, at);
        let line = &text[at..next];
        // Blank as YAML sees it: only spaces and tabs (a vertical tab is text in a scalar).
        if line.trim_matches([' ', '\t', '\r', '\n']).is_empty() {
            at = next;
            continue;
        }
        let continues = line.starts_with([' ', '\t'])
            || line == "-"
            || line.starts_with("- ")
            || line.starts_with("-\r")
            || line.starts_with("-\n");
        if !continues {
            break;
        }
        at = next;
        end = next;
    }
    end
}

#[cfg(test)]
mod tests;
