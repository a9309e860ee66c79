//! Any user text as an FTS5 query: split into the words the `unicode61` tokenizer would see,
//! each quoted as a string (so `"`, `-`, `OR`, `(` and `*` are never syntax), joined by OR so a
//! chunk with some of the words still matches and BM25 ranks those with more first.

/// Words beyond this many are ignored: a query is a question, not a document.
const MAX_TERMS: usize = 64;

/// The FTS5 expression for `text`; `None` when it has no word at all.
pub(super) fn or_terms(text: &str) -> Option<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        let word = word.to_lowercase();
        if !terms.contains(&word) {
            terms.push(word);
        }
        if terms.len() == MAX_TERMS {
            break;
        }
    }
    if terms.is_empty() {
        return None;
    }
    let quoted: Vec<String> = terms.iter().map(|term| format!("\"{term}\"")).collect();
    Some(quoted.join(" OR "))
}

#[cfg(test)]
mod tests;
