//! Just enough Rust lexing for tidy: the code with comments and literals blanked, and where an
//! inline `#[cfg(test)] mod … { … }` block sits, so checks do not match text inside strings.

use std::ops::Range;

/// `text` with every comment and the inside of every string, raw string and char literal
/// replaced by spaces (newlines kept), so byte offsets and line numbers stay the same.
pub fn code_only(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut blank = |range: Range<usize>| {
        for index in range {
            if out[index] != b'\n' {
                out[index] = b' ';
            }
        }
    };
    let mut index = 0;
    while index < bytes.len() {
        let rest = &bytes[index..];
        let end = if rest.starts_with(b"//") {
            index + rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len())
        } else if rest.starts_with(b"/*") {
            block_comment_end(bytes, index)
        } else if let Some(hashes) = raw_string_hashes(bytes, index) {
            let body_start = index + hashes + 2 + usize::from(bytes[index] == b'b');
            let closing = [b"\"".as_slice(), &vec![b'#'; hashes]].concat();
            find(bytes, body_start, &closing).map_or(bytes.len(), |at| at + closing.len())
        } else if bytes[index] == b'"' && !is_identifier_byte(bytes, index.wrapping_sub(1)) {
            quoted_end(bytes, index, b'"')
        } else if bytes[index] == b'\'' && is_char_literal(bytes, index) {
            quoted_end(bytes, index, b'\'')
        } else {
            index += 1;
            continue;
        };
        blank(index..end);
        index = end;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The byte range of the first inline `#[cfg(test)] mod NAME { … }` in `code` (from
/// [`code_only`]), from the attribute to the closing brace; `mod tests;` is not one.
pub fn inline_test_module(code: &str) -> Option<Range<usize>> {
    let mut search_from = 0;
    while let Some(found) = code[search_from..].find("#[cfg(test)]") {
        let attribute_start = search_from + found;
        let after_attribute = attribute_start + "#[cfg(test)]".len();
        search_from = after_attribute;
        let rest = code[after_attribute..].trim_start();
        let Some(after_mod) = rest.strip_prefix("mod ") else {
            continue;
        };
        let name_length = after_mod
            .find(|character: char| !(character.is_alphanumeric() || character == '_'))
            .unwrap_or(after_mod.len());
        if !after_mod[name_length..].trim_start().starts_with('{') {
            continue;
        }
        let open = after_attribute + code[after_attribute..].find('{')?;
        return Some(attribute_start..matching_brace(code, open)? + 1);
    }
    None
}

/// The 1-based line that byte `offset` of `text` is on.
pub fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The offset of the `}` closing the `{` at `open`, in code without comments or literals.
fn matching_brace(code: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (offset, byte) in code.bytes().enumerate().skip(open) {
        match byte {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(offset);
                }
            }
            _ => {}
        }
    }
    None
}

fn block_comment_end(bytes: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut index = start;
    while index + 1 < bytes.len() {
        match &bytes[index..index + 2] {
            b"/*" => depth += 1,
            b"*/" if depth == 1 => return index + 2,
            b"*/" => depth -= 1,
            _ => {
                index += 1;
                continue;
            }
        }
        index += 2;
    }
    bytes.len()
}

/// For `r"`, `r#"`, `br##"` … at `index`: how many `#`s it has.
fn raw_string_hashes(bytes: &[u8], index: usize) -> Option<usize> {
    if is_identifier_byte(bytes, index.wrapping_sub(1)) {
        return None;
    }
    let after_prefix = match bytes.get(index..index + 2)? {
        [b'b', b'r'] => index + 2,
        [b'r', _] => index + 1,
        _ => return None,
    };
    let hashes = bytes[after_prefix..]
        .iter()
        .take_while(|&&b| b == b'#')
        .count();
    (bytes.get(after_prefix + hashes) == Some(&b'"')).then_some(hashes)
}

/// The end of a `"…"` or `'…'` literal opening at `start`, escapes skipped.
fn quoted_end(bytes: &[u8], start: usize, quote: u8) -> usize {
    let mut index = start + 1;
    while index < bytes.len() {
        match bytes[index] {
            b'\\' => index += 2,
            byte if byte == quote => return index + 1,
            _ => index += 1,
        }
    }
    bytes.len()
}

/// A `'` opens a char literal (`'x'`, `'\n'`, `'"'`) rather than a lifetime (`'a`).
fn is_char_literal(bytes: &[u8], index: usize) -> bool {
    match bytes.get(index + 1) {
        Some(b'\\') => true,
        Some(&lead) => {
            let width = match lead {
                0x00..=0x7f => 1,
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                _ => 4,
            };
            bytes.get(index + 1 + width) == Some(&b'\'')
        }
        None => false,
    }
}

fn is_identifier_byte(bytes: &[u8], index: usize) -> bool {
    bytes
        .get(index)
        .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|window| window == needle)
        .map(|at| from + at)
}
