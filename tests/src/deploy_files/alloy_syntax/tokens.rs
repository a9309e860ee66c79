//! Alloy's tokens, as far as the wiring checks need them: dotted names, strings, numbers and
//! punctuation, each with its line; comments (`//`, `/* */`) are skipped.

#[derive(Debug, Clone, PartialEq)]
pub enum Token {
    /// An identifier or a dotted chain of them: `otelcol.processor.batch.default.input`.
    Name(String),
    /// A string literal, its escapes resolved.
    Text(String),
    /// Anything else that is not a name or a string: a number, `=`, `{`, `!=`, ….
    Punct(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub token: Token,
    pub line: usize,
}

/// Splits `text` into tokens; an unterminated string or comment is an error naming its line.
pub fn tokenize(text: &str) -> Result<Vec<Located>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let (mut at, mut line) = (0, 1);
    while at < chars.len() {
        let c = chars[at];
        let start_line = line;
        if c == '\n' {
            line += 1;
            at += 1;
        } else if c.is_whitespace() {
            at += 1;
        } else if c == '/' && chars.get(at + 1) == Some(&'/') {
            while at < chars.len() && chars[at] != '\n' {
                at += 1;
            }
        } else if c == '/' && chars.get(at + 1) == Some(&'*') {
            at += 2;
            loop {
                match (chars.get(at), chars.get(at + 1)) {
                    (Some('*'), Some('/')) => break at += 2,
                    (Some('\n'), _) => line += 1,
                    (None, _) => return Err(format!("line {start_line}: unterminated comment")),
                    _ => {}
                }
                at += 1;
            }
        } else if c == '"' {
            let (text, next) = string_literal(&chars, at + 1)
                .ok_or_else(|| format!("line {start_line}: unterminated string"))?;
            tokens.push(Located {
                token: Token::Text(text),
                line,
            });
            at = next;
        } else if c.is_alphabetic() || c == '_' {
            let begin = at;
            while at < chars.len()
                && (chars[at].is_alphanumeric() || chars[at] == '_' || chars[at] == '.')
            {
                at += 1;
            }
            let name: String = chars[begin..at].iter().collect();
            tokens.push(Located {
                token: Token::Name(name),
                line,
            });
        } else {
            let begin = at;
            at += 1;
            let two: String = chars[begin..(begin + 2).min(chars.len())].iter().collect();
            if ["==", "!=", "<=", ">=", "&&", "||"].contains(&two.as_str()) {
                at += 1;
            } else if c.is_ascii_digit() {
                while at < chars.len() && (chars[at].is_ascii_alphanumeric() || chars[at] == '.') {
                    at += 1;
                }
            }
            let punct: String = chars[begin..at].iter().collect();
            tokens.push(Located {
                token: Token::Punct(punct),
                line,
            });
        }
    }
    Ok(tokens)
}

/// The string starting after its opening quote, and the index after its closing one.
fn string_literal(chars: &[char], mut at: usize) -> Option<(String, usize)> {
    let mut text = String::new();
    while let Some(&c) = chars.get(at) {
        match c {
            '"' => return Some((text, at + 1)),
            '\n' => return None,
            '\\' => {
                let escaped = *chars.get(at + 1)?;
                text.push(match escaped {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    other => other,
                });
                at += 2;
            }
            other => {
                text.push(other);
                at += 1;
            }
        }
    }
    None
}
