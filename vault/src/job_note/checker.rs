//! Reading one property after another from a parsed frontmatter, collecting a problem for each
//! one that is there but wrong (or required and missing), so a note gets every problem at once.

use super::NoteProblem;
use super::yaml_read::{Property, PropertyValue};

pub(crate) struct Checker<'a> {
    properties: &'a [Property],
    problems: Vec<NoteProblem>,
}

impl<'a> Checker<'a> {
    pub fn new(properties: &'a [Property]) -> Self {
        Self {
            properties,
            problems: Vec::new(),
        }
    }

    pub fn problem(&mut self, property: &str, line: Option<u32>, message: String) {
        self.problems.push(NoteProblem {
            property: Some(property.to_owned()),
            line,
            message,
        });
    }

    pub fn body_problem(&mut self, line: u32, message: String) {
        self.problems.push(NoteProblem {
            property: None,
            line: Some(line),
            message,
        });
    }

    pub fn into_problems(self) -> Vec<NoteProblem> {
        self.problems
    }

    /// The text of `key` and its line; `None` when absent or empty; a list is a problem.
    pub fn text(&mut self, key: &str) -> Option<(String, u32)> {
        self.scalar(key).map(|(text, _, line)| (text, line))
    }

    /// Like `text`, but a missing or blank value is a problem.
    pub fn required(&mut self, key: &str) -> Option<(String, u32)> {
        let line = self.line_of(key);
        match self.text(key) {
            Some((text, line)) if !text.trim().is_empty() => Some((text.trim().to_owned(), line)),
            Some(_) | None if self.is_collection(key) => None,
            _ => {
                self.problem(key, line, format!("missing `{key}`: it is required"));
                None
            }
        }
    }

    /// `temperature:`, a plain number from 0 to 2.
    pub fn temperature(&mut self) -> Option<f32> {
        let (text, quoted, line) = self.scalar("temperature")?;
        let number = text
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|number| !quoted && number.is_finite() && (0.0..=2.0).contains(number));
        if number.is_none() {
            let message = format!("`temperature` is `{text}`: it must be a number from 0 to 2");
            self.problem("temperature", Some(line), message);
        }
        // A number from 0 to 2 fits an f32.
        #[allow(clippy::cast_possible_truncation)]
        number.map(|number| number as f32)
    }

    /// `output:`, a folder inside the vault, normalized without a trailing `/`.
    pub fn output(&mut self) -> Option<String> {
        let (text, line) = self.text("output")?;
        match output_folder(&text) {
            Ok(folder) => Some(folder),
            Err(why) => {
                self.problem("output", Some(line), format!("`output` is `{text}`: {why}"));
                None
            }
        }
    }

    fn scalar(&mut self, key: &str) -> Option<(String, bool, u32)> {
        let property = self
            .properties
            .iter()
            .find(|property| property.key == key)?;
        match &property.value {
            PropertyValue::Null => None,
            PropertyValue::Text { text, quoted } => Some((text.clone(), *quoted, property.line)),
            PropertyValue::Collection => {
                let message = format!("`{key}` is a list or a mapping: it must be one value");
                self.problem(key, Some(property.line), message);
                None
            }
        }
    }

    fn line_of(&self, key: &str) -> Option<u32> {
        let property = self
            .properties
            .iter()
            .find(|property| property.key == key)?;
        Some(property.line)
    }

    fn is_collection(&self, key: &str) -> bool {
        self.properties
            .iter()
            .any(|property| property.key == key && property.value == PropertyValue::Collection)
    }
}

/// A vault-relative folder the result note may go to, or why not.
fn output_folder(text: &str) -> Result<String, &'static str> {
    let folder = text.trim().trim_end_matches('/');
    if folder.is_empty() {
        return Err("name a folder inside the vault, like `Notes/answers`");
    }
    if folder.starts_with(['/', '\\', '~']) || folder.get(1..2) == Some(":") {
        return Err(
            "it must be a folder inside the vault, like `Notes/answers`, not an absolute path",
        );
    }
    if folder.contains('\\') {
        return Err("separate folders with `/`");
    }
    let parts: Vec<&str> = folder.split('/').collect();
    if parts
        .iter()
        .any(|part| part.is_empty() || part.starts_with('.'))
    {
        return Err("it must not contain `..`, hidden folders or empty parts");
    }
    let in_runner = parts[0].eq_ignore_ascii_case("Runner");
    if in_runner
        && !parts
            .get(1)
            .is_some_and(|part| part.eq_ignore_ascii_case("results"))
    {
        return Err("`Runner/` holds the worker's folders: only `Runner/results/...` may be used");
    }
    Ok(folder.to_owned())
}
