//! The config file as read, kept so a problem can name the file and the line of the key it is
//! about (`coordinator.toml:4: unknown key …`).

use toml::de::{DeTable, DeValue};

/// One step of the way to a key: a table's key, or an entry of an array of tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

impl Step {
    pub fn key(name: impl Into<String>) -> Self {
        Self::Key(name.into())
    }
}

/// A config file's name (as given) and text.
#[derive(Debug, Clone)]
pub(crate) struct ConfigFile {
    pub name: String,
    pub text: String,
}

impl ConfigFile {
    /// The 1-based line where the key at `path` is written, when it is written in this file.
    pub fn line_of(&self, path: &[Step]) -> Option<usize> {
        let parsed = DeTable::parse(&self.text).ok()?;
        let (last, walk) = path.split_last()?;
        let Step::Key(last) = last else {
            return None;
        };
        let mut table = parsed.get_ref();
        let mut value: Option<&DeValue<'_>> = None;
        for step in walk {
            let next = match (step, value) {
                (Step::Key(name), None) => find(table, name)?,
                (Step::Key(name), Some(DeValue::Table(inner))) => find(inner, name)?,
                (Step::Index(index), Some(DeValue::Array(array))) => array.get(*index)?.get_ref(),
                _ => return None,
            };
            value = Some(next);
            if let DeValue::Table(inner) = next {
                table = inner;
                value = None;
            }
        }
        let start = table
            .iter()
            .find(|(key, _)| key.get_ref() == last)?
            .0
            .span()
            .start;
        Some(self.text[..start].matches('\n').count() + 1)
    }
}

fn find<'t, 'i>(table: &'t DeTable<'i>, name: &str) -> Option<&'t DeValue<'i>> {
    table
        .iter()
        .find(|(key, _)| key.get_ref() == name)
        .map(|(_, value)| value.get_ref())
}

/// `file:line:column` and the parser's message, on one line, for a file that is not TOML.
pub(crate) fn syntax_error(name: &str, text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim().replace('\n', "; ");
    match error.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.len() - before.rfind('\n').map_or(0, |at| at + 1) + 1;
            format!("{name}:{line}:{column}: not valid TOML: {message}")
        }
        None => format!("{name}: not valid TOML: {message}"),
    }
}

#[cfg(test)]
mod tests;
