//! The `crate::…` and `super::…` paths a Rust file names: a small tokenizer, `use` trees
//! expanded to their leaves, and paths written in code.

/// Identifiers (`$crate` as one), `::`, and every other character as its own token.
pub fn tokens(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut characters = code.char_indices().peekable();
    while let Some((start, character)) = characters.next() {
        if character.is_whitespace() {
            continue;
        }
        let mut end = start + character.len_utf8();
        if character.is_alphanumeric() || character == '_' || character == '$' {
            while let Some(&(at, next)) = characters.peek() {
                if !(next.is_alphanumeric() || next == '_') {
                    break;
                }
                end = at + next.len_utf8();
                characters.next();
            }
        } else if character == ':' && characters.peek().is_some_and(|&(_, next)| next == ':') {
            characters.next();
            end += 1;
        }
        out.push(code[start..end].to_string());
    }
    out
}

/// Every path starting with `crate` or `super`: the leaves of `use` trees, and paths in code
/// (without their last segment when it is called, `f(…)` or `m!(…)`: that is an item).
pub fn internal_paths(tokens: &[String]) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut position = 0;
    while position < tokens.len() {
        let token = tokens[position].as_str();
        let starts_path = matches!(token, "crate" | "super")
            && tokens.get(position + 1).is_some_and(|next| next == "::")
            && (position == 0 || tokens[position - 1] != "::");
        if token == "use" {
            position += 1;
            paths.extend(use_tree(tokens, &mut position, Vec::new()));
        } else if starts_path {
            let mut path = vec![token.to_string()];
            position += 1;
            while tokens.get(position).is_some_and(|next| next == "::")
                && tokens
                    .get(position + 1)
                    .is_some_and(|next| is_identifier(next))
            {
                path.push(tokens[position + 1].clone());
                position += 2;
            }
            if tokens
                .get(position)
                .is_some_and(|next| next == "(" || next == "!")
            {
                path.pop();
            }
            paths.push(path);
        } else {
            position += 1;
        }
    }
    paths.retain(|path| {
        path.first()
            .is_some_and(|first| first == "crate" || first == "super")
    });
    paths
}

/// The leaves of the use tree at `position` under `prefix`: `crate::{a::{B, c}, d}` gives
/// `crate::a::B`, `crate::a::c` and `crate::d`; `as` renames are dropped.
pub fn use_tree(tokens: &[String], position: &mut usize, prefix: Vec<String>) -> Vec<Vec<String>> {
    let mut segments = prefix;
    while let Some(token) = tokens.get(*position) {
        *position += 1;
        match token.as_str() {
            "::" => continue,
            "{" => {
                let mut leaves = Vec::new();
                while let Some(next) = tokens.get(*position) {
                    match next.as_str() {
                        "}" => {
                            *position += 1;
                            break;
                        }
                        "," => *position += 1,
                        _ => {
                            let before = *position;
                            leaves.extend(use_tree(tokens, position, segments.clone()));
                            // Not a use tree after all (a `use` inside a string-free macro
                            // such as maud's `p.budget-use { … }`): skip the token rather
                            // than read it again forever.
                            if *position == before {
                                *position += 1;
                            }
                        }
                    }
                }
                return leaves;
            }
            "as" => *position += 1,
            word if is_identifier(word) || word == "*" => segments.push(word.to_string()),
            _ => {
                *position -= 1;
                break;
            }
        }
        let continues = tokens
            .get(*position)
            .is_some_and(|next| next == "::" || next == "as");
        if !continues {
            break;
        }
    }
    vec![segments]
}

pub fn is_identifier(token: &str) -> bool {
    token
        .chars()
        .next()
        .is_some_and(|first| first.is_alphabetic() || first == '_')
}
