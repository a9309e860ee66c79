//! Reading one property after another from a parsed frontmatter, collecting a problem for each
//! one that is there but wrong (or required and missing), so a note gets every problem at once.

use super::output_folder::output_folder;
use super::quick_read::{is_valid_id, status_from};
use super::yaml_read::{self, Property, PropertyValue};
use super::{NoteProblem, NoteStatus};

pub(crate) struct Checker {
    properties: Vec<Property>,
    problems: Vec<NoteProblem>,
}

impl Checker {
    /// The properties of `yaml` (file line `first_line` on), or the one problem that stops
    /// them being read.
    pub fn load(yaml: &str, first_line: u32) -> Result<Self, NoteProblem> {
        Ok(Self {
            properties: yaml_read::load(yaml, first_line)?,
            problems: Vec::new(),
        })
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

    /// `status:`, which must be `submitted`.
    pub fn status(&mut self) {
        let Some((status, line)) = self.text("status") else {
            let message = "missing `status`: write `status: submitted`".to_owned();
            self.problem("status", None, message);
            return;
        };
        if status_from(&status) != NoteStatus::Submitted {
            let message = format!("`status` is `{status}`: only `status: submitted` notes are run");
            self.problem("status", Some(line), message);
        }
    }

    /// `notify:`, absent or `discord`.
    pub fn notify_discord(&mut self) -> bool {
        let Some((notify, line)) = self.text("notify") else {
            return false;
        };
        let discord = notify.trim().eq_ignore_ascii_case("discord");
        if !discord {
            let message =
                format!("`notify` is `{notify}`: the only choice is `discord`, or leave it out");
            self.problem("notify", Some(line), message);
        }
        discord
    }

    /// `id:`, when valid.
    pub fn id(&mut self) -> Option<String> {
        let (id, line) = self.text("id")?;
        let valid = is_valid_id(&id);
        if !valid {
            let message = format!("`id` `{id}` must be 1 to 64 letters, digits, `-` or `_`");
            self.problem("id", Some(line), message);
        }
        valid.then_some(id)
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
