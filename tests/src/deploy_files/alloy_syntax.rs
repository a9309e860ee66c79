//! A small reader of Alloy's configuration syntax, enough to check a pipeline's wiring where
//! Alloy itself cannot be installed: the components a file defines (`a.b.c "label" { … }` at
//! the top level), every reference to a component's export in an expression
//! (`a.b.c.label.export`), and the variables read with `sys.env("NAME")`. The real
//! `alloy fmt` and `alloy validate` run on the hosts at deploy time.

mod tokens;

#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use tokens::{Located, Token};

/// Standard-library namespaces: a dotted name starting with one is not a component reference.
const STDLIB_NAMESPACES: &[&str] = &[
    "sys",
    "constants",
    "string",
    "encoding",
    "array",
    "json_path",
    "convert",
    "file",
    "map",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    pub kind: String,
    pub label: String,
    pub line: usize,
}

impl Component {
    /// `kind.label`, as references name it.
    pub fn path(&self) -> String {
        format!("{}.{}", self.kind, self.label)
    }
}

/// `otelcol.processor.batch.default.input`: component `otelcol.processor.batch.default`,
/// export `input`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub component: String,
    pub export: String,
    pub line: usize,
}

#[derive(Debug, Default)]
pub struct AlloyConfig {
    pub components: Vec<Component>,
    pub references: Vec<Reference>,
    pub env_vars: BTreeSet<String>,
}

impl AlloyConfig {
    /// One configuration of several files, as `alloy run <dir>` loads every `*.alloy` in it.
    pub fn merge(&mut self, other: AlloyConfig) {
        self.components.extend(other.components);
        self.references.extend(other.references);
        self.env_vars.extend(other.env_vars);
    }
}

/// Reads one file's text; a syntax error is one line naming where.
pub fn parse(text: &str) -> Result<AlloyConfig, String> {
    let mut parser = Parser {
        tokens: tokens::tokenize(text)?,
        at: 0,
        config: AlloyConfig::default(),
    };
    parser.body(0)?;
    Ok(parser.config)
}

struct Parser {
    tokens: Vec<Located>,
    at: usize,
    config: AlloyConfig,
}

impl Parser {
    fn next(&mut self) -> Option<Located> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn next_is(&self, punct: &str) -> bool {
        matches!(self.tokens.get(self.at), Some(Located { token: Token::Punct(p), .. }) if p == punct)
    }

    /// Attributes and blocks until the end of input (top level) or the `}` closing a block.
    fn body(&mut self, depth: usize) -> Result<(), String> {
        loop {
            let Some(first) = self.next() else {
                return match depth {
                    0 => Ok(()),
                    _ => Err("the file ends inside a block".to_owned()),
                };
            };
            let name = match first.token {
                Token::Punct(p) if p == "}" && depth > 0 => return Ok(()),
                Token::Name(name) => name,
                other => return Err(format!("line {}: unexpected {other:?}", first.line)),
            };
            match self.next().map(|located| located.token) {
                Some(Token::Punct(p)) if p == "=" => self.expression(first.line)?,
                Some(Token::Punct(p)) if p == "{" => self.body(depth + 1)?,
                Some(Token::Text(label)) if self.next_is("{") => {
                    self.at += 1;
                    if depth == 0 {
                        self.config.components.push(Component {
                            kind: name,
                            label,
                            line: first.line,
                        });
                    }
                    self.body(depth + 1)?;
                }
                _ => {
                    return Err(format!(
                        "line {}: `{name}` is no attribute or block",
                        first.line
                    ));
                }
            }
        }
    }

    /// An attribute's value: tokens up to the end of its line, or on while brackets are open.
    fn expression(&mut self, line: usize) -> Result<(), String> {
        let (mut depth, mut last_line) = (0usize, line);
        while let Some(located) = self.tokens.get(self.at).cloned() {
            let closes_block = located.token == Token::Punct("}".to_owned());
            if depth == 0 && (located.line > last_line || closes_block) {
                break;
            }
            self.at += 1;
            last_line = located.line;
            match &located.token {
                Token::Punct(p) if ["(", "[", "{"].contains(&p.as_str()) => depth += 1,
                Token::Punct(p) if [")", "]", "}"].contains(&p.as_str()) => {
                    depth = depth
                        .checked_sub(1)
                        .ok_or_else(|| format!("line {}: unbalanced `{p}`", located.line))?;
                }
                Token::Name(name) => self.name_in_expression(name, located.line)?,
                _ => {}
            }
        }
        match depth {
            0 => Ok(()),
            _ => Err(format!("line {line}: a bracket opened here is not closed")),
        }
    }

    fn name_in_expression(&mut self, name: &str, line: usize) -> Result<(), String> {
        if name == "sys.env" {
            return match self.tokens.get(self.at + 1).map(|located| &located.token) {
                Some(Token::Text(variable)) if self.next_is("(") => {
                    self.config.env_vars.insert(variable.clone());
                    Ok(())
                }
                _ => Err(format!("line {line}: sys.env without a string literal")),
            };
        }
        let namespace = name.split('.').next().unwrap_or_default();
        if self.next_is("(") || STDLIB_NAMESPACES.contains(&namespace) {
            return Ok(());
        }
        if let Some((component, export)) = name.rsplit_once('.') {
            self.config.references.push(Reference {
                component: component.to_owned(),
                export: export.to_owned(),
                line,
            });
        }
        Ok(())
    }
}
