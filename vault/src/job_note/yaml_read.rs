//! The job note's YAML as top-level properties, each with its file line and its value as
//! written (no YAML type resolution: `1.0` and `0x1F` stay text). Bounded first: parsing
//! recurses once per nesting level, and a hostile note must not overflow the stack.

use saphyr::{MarkedYaml, ScalarStyle, YamlData, YamlLoader};
use saphyr_parser::Parser;

use super::NoteProblem;

/// Deepest nesting accepted (indentation columns, open brackets); job notes are flat.
const MAX_INDENT: usize = 64;
const MAX_OPEN_BRACKETS: usize = 32;
/// Nodes YAML aliases may add; nobody writes aliases in a job note.
const MAX_ALIAS_NODES: usize = 100;

/// A property's value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PropertyValue {
    /// Nothing, `~` or `null`.
    Null,
    /// A scalar as written; `quoted` when it was in quotes (or a block scalar).
    Text { text: String, quoted: bool },
    /// A list or a mapping.
    Collection,
}

/// One top-level `key: value`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Property {
    pub key: String,
    /// 1-based line in the file.
    pub line: u32,
    pub value: PropertyValue,
}

/// The properties of `yaml`, whose first line is file line `first_line`; a note whose YAML
/// does not load gives one problem naming the line the parser stopped at.
pub(crate) fn load(yaml: &str, first_line: u32) -> Result<Vec<Property>, NoteProblem> {
    let file_line = |yaml_line: usize| {
        u32::try_from(yaml_line)
            .unwrap_or(u32::MAX)
            .saturating_add(first_line.saturating_sub(1))
    };
    let problem = |line: u32, message: String| NoteProblem {
        property: None,
        line: Some(line),
        message,
    };
    if let Some(line) = too_deep(yaml) {
        let message = "the frontmatter nests too deeply to be properties".to_owned();
        return Err(problem(file_line(line), message));
    }
    let mut loader: YamlLoader<'_, MarkedYaml<'_>> = YamlLoader::default();
    loader.early_parse(false);
    loader.alias_limit(MAX_ALIAS_NODES);
    // Every document, so that a second one is seen (and refused) rather than ignored.
    let loaded = Parser::new_from_str(yaml).load(&mut loader, true);
    if let Some(error) = loaded.err().or_else(|| loader.error().cloned()) {
        let message = format!("the frontmatter is not valid YAML: {}", error.info());
        return Err(problem(file_line(error.marker().line()), message));
    }
    let mut documents = loader.into_documents().into_iter();
    let Some(root) = documents.next() else {
        return Ok(Vec::new());
    };
    // A `--- …` or `...` line (or `---` ended by a lone CR) starts another document, which a
    // job would silently lose, and which an edit appending a property would write into.
    if let Some(second) = documents.next() {
        let message = "the frontmatter holds a second YAML document (a line starting `---` or \
                       `...`): keep one list of properties between the two `---` lines"
            .to_owned();
        return Err(problem(file_line(second.span.start.line()), message));
    }
    let YamlData::Mapping(mapping) = root.data else {
        if matches!(value_of(&root.data), PropertyValue::Null) {
            return Ok(Vec::new());
        }
        let message = "the frontmatter is not a list of `key: value` properties".to_owned();
        return Err(problem(first_line, message));
    };
    let properties = mapping
        .into_iter()
        .filter_map(|(key, value)| {
            let PropertyValue::Text { text: key_text, .. } = value_of(&key.data) else {
                return None;
            };
            Some(Property {
                key: key_text,
                line: file_line(key.span.start.line()),
                value: value_of(&value.data),
            })
        })
        .collect();
    Ok(properties)
}

fn value_of<'input>(data: &YamlData<'input, MarkedYaml<'input>>) -> PropertyValue {
    match data {
        YamlData::Representation(text, style, _) => {
            let plain = matches!(style, ScalarStyle::Plain);
            if plain && matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL") {
                PropertyValue::Null
            } else {
                PropertyValue::Text {
                    text: text.to_string(),
                    quoted: !plain,
                }
            }
        }
        YamlData::Tagged(_, inner) => value_of(&inner.data),
        YamlData::Sequence(_) | YamlData::Mapping(_) => PropertyValue::Collection,
        // Resolved values only appear with early parsing, which is off; aliases are resolved.
        _ => PropertyValue::Collection,
    }
}

/// The first line (1-based within `yaml`) nesting deeper than the bounds, if any.
fn too_deep(yaml: &str) -> Option<usize> {
    let mut open_brackets = 0_usize;
    for (index, line) in yaml.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '\t', '-', '?', ':']).len();
        if indent > MAX_INDENT {
            return Some(index + 1);
        }
        for byte in line.bytes() {
            match byte {
                b'[' | b'{' => open_brackets += 1,
                b']' | b'}' => open_brackets = open_brackets.saturating_sub(1),
                _ => {}
            }
            if open_brackets > MAX_OPEN_BRACKETS {
                return Some(index + 1);
            }
        }
    }
    None
}
