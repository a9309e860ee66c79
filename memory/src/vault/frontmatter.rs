//! A note's YAML frontmatter (Obsidian properties) between `---` lines at the top: each key
//! with its values as written and its line. Parsed with `saphyr` without resolving scalars, so
//! `1.0`, `yes` and `2026-12-03` stay as written; broken YAML is a warning and the body is
//! still read.

use saphyr::{MarkedYaml, YamlData, YamlLoader};
use saphyr_parser::Parser;

use super::nesting::{MAX_ALIAS_NODES, too_deep};
use super::yaml_values::{scalar_text, values};
use crate::note::Property;

/// The frontmatter and where the body starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Frontmatter<'a> {
    pub properties: Vec<Property>,
    pub warnings: Vec<String>,
    /// The text after the closing `---` line (the whole text when there is no frontmatter).
    pub body: &'a str,
    /// The 1-based line of the body's first line.
    pub body_first_line: u32,
    /// The closing `---` line; 0 when the note has no frontmatter.
    pub closing_line: u32,
}

/// Splits `text` into frontmatter and body.
pub fn split(text: &str) -> Frontmatter<'_> {
    let mut frontmatter = Frontmatter {
        properties: Vec::new(),
        warnings: Vec::new(),
        body: text,
        body_first_line: 1,
        closing_line: 0,
    };
    let Some(after_open) = strip_delimiter_line(text) else {
        return frontmatter;
    };
    // Find the closing `---` line.
    let mut offset = 0;
    let mut line_number: u32 = 2;
    let closing = loop {
        let rest = &after_open[offset..];
        if rest.is_empty() {
            break None;
        }
        let line_end = rest.find('\n').map_or(rest.len(), |at| at + 1);
        if strip_delimiter_line(&rest[..line_end]).is_some() {
            break Some((offset, offset + line_end));
        }
        offset += line_end;
        line_number = line_number.saturating_add(1);
    };
    let Some((yaml_end, body_start)) = closing else {
        frontmatter
            .warnings
            .push("broken frontmatter at line 1: no closing `---` line; read as body".into());
        return frontmatter;
    };
    frontmatter.body = &after_open[body_start..];
    frontmatter.closing_line = line_number;
    frontmatter.body_first_line = line_number.saturating_add(1);
    match load(&after_open[..yaml_end]) {
        Ok(properties) => frontmatter.properties = properties,
        Err(warning) => frontmatter.warnings.push(warning),
    }
    frontmatter
}

/// The text after a first line that is exactly `---` (trailing spaces allowed).
fn strip_delimiter_line(text: &str) -> Option<&str> {
    let line_end = text.find('\n').map_or(text.len(), |at| at + 1);
    let line = text[..line_end].trim_end_matches(['\n', '\r', ' ', '\t']);
    (line == "---").then(|| &text[line_end..])
}

/// The properties of the YAML that starts on file line 2.
fn load(yaml: &str) -> Result<Vec<Property>, String> {
    if let Some(line) = too_deep(yaml) {
        return Err(format!(
            "broken frontmatter at line {}: nested too deeply to be properties",
            line + 1
        ));
    }
    let mut loader: YamlLoader<'_, MarkedYaml<'_>> = YamlLoader::default();
    loader.early_parse(false);
    loader.alias_limit(MAX_ALIAS_NODES);
    let mut parser = Parser::new_from_str(yaml);
    let loaded = parser.load(&mut loader, false);
    if let Some(error) = loaded.err().or_else(|| loader.error().cloned()) {
        return Err(format!(
            "broken frontmatter at line {}: {}",
            error.marker().line() + 1,
            error.info()
        ));
    }
    let documents = loader.into_documents();
    let Some(root) = documents.into_iter().next() else {
        return Ok(Vec::new());
    };
    let mapping = match root.data {
        YamlData::Mapping(mapping) => mapping,
        data if scalar_text(&data).is_none() && !matches!(data, YamlData::Sequence(_)) => {
            return Ok(Vec::new());
        }
        _ => {
            return Err(
                "broken frontmatter at line 2: not a list of `key: value` properties".into(),
            );
        }
    };
    let mut properties = Vec::new();
    for (key, value) in mapping {
        let Some(name) = scalar_text(&key.data) else {
            continue;
        };
        let line = u32::try_from(key.span.start.line() + 1).unwrap_or(u32::MAX);
        properties.push(Property {
            key: name,
            values: values(value.data),
            line,
        });
    }
    Ok(properties)
}

#[cfg(test)]
mod tests;
