//! YAML scalars for any text: plain when YAML (1.1 or 1.2) and Obsidian read it back as the
//! same text, else double-quoted with escapes.

use std::fmt::Write;

/// `value` as a YAML scalar that reads back as exactly `value`, as text.
pub fn yaml_string(value: &str) -> String {
    if is_safe_plain(value) {
        value.to_owned()
    } else {
        double_quoted(value)
    }
}

/// `"[[target]]"`: a wiki link in a Text property (quoted: unquoted `[[x]]` is a YAML list).
pub fn yaml_link(target: &str) -> String {
    double_quoted(&format!("[[{target}]]"))
}

/// Words that YAML 1.1 (which many tools still follow) or 1.2 read as booleans or null.
const SPECIAL_WORDS: [&str; 12] = [
    "null", "true", "false", "yes", "no", "on", "off", "y", "n", "~", ".inf", ".nan",
];

fn is_safe_plain(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    let starts_like_number = first.is_ascii_digit()
        || (matches!(first, '+' | '-' | '.')
            && value[1..].starts_with(|c: char| c.is_ascii_digit() || c == '.'));
    !(value != value.trim()
        || "-?:,[]{}#&*!|>'\"%@`.+".contains(first)
        || starts_like_number
        || value.ends_with(':')
        || value.contains(": ")
        || value.contains(" #")
        || value.contains(|c: char| c.is_control() || is_unprintable_in_yaml(c))
        || SPECIAL_WORDS
            .iter()
            .any(|word| value.eq_ignore_ascii_case(word)))
}

/// Characters YAML must not hold raw in a scalar besides the controls, or that readers would
/// take as line breaks or a byte-order mark.
fn is_unprintable_in_yaml(c: char) -> bool {
    matches!(
        c,
        '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}'
    )
}

fn double_quoted(value: &str) -> String {
    let mut quoted = String::with_capacity(value.len() + 2);
    quoted.push('"');
    for character in value.chars() {
        match character {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            '\0' => quoted.push_str("\\0"),
            c if c.is_control() || is_unprintable_in_yaml(c) => {
                // Writing to a String cannot fail.
                let _ = write!(quoted, "\\u{:04X}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}
