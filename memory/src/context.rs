//! The prompt that makes a model answer from memory: the passages found for the question,
//! numbered for citation, each naming its note, headings and lines, then the question. The
//! caller submits it like any prompt, to the model it names.

use proto::v1::MemoryHit;

/// Keeps a prompt well inside a small model's context: passages past this many characters are
/// left out (the citations list only the passages included).
pub const MAX_CONTEXT_CHARS: usize = 12_000;

/// The prompt, and the hits it includes (in the order of their numbers).
pub fn build_prompt(question: &str, hits: &[MemoryHit]) -> (String, Vec<MemoryHit>) {
    let question = question.trim();
    if hits.is_empty() {
        let prompt = format!(
            "No note in the operator's vault matched this question, so answer from what you know \
             and say that the notes had nothing on it.\n\nQuestion: {question}"
        );
        return (prompt, Vec::new());
    }
    let mut passages = String::new();
    let mut included = Vec::new();
    for hit in hits {
        let number = included.len() + 1;
        let passage = format!("[{number}] {}\n{}\n\n", source_line(hit), hit.text.trim());
        if !included.is_empty() && passages.len() + passage.len() > MAX_CONTEXT_CHARS {
            break;
        }
        passages.push_str(&passage);
        included.push(hit.clone());
    }
    let prompt = format!(
        "Answer the question using the notes from the operator's vault below. Cite each note you \
         use by its number in square brackets, like [1]. If the notes do not answer the \
         question, say so rather than guess.\n\n{passages}Question: {question}"
    );
    (prompt, included)
}

/// "Projects/AI governance.md › Risk tiers › Tier 3, lines 12–20".
pub fn source_line(hit: &MemoryHit) -> String {
    let mut line = hit.note.clone();
    for heading in &hit.headings {
        line.push_str(" › ");
        line.push_str(heading);
    }
    if hit.line_start == hit.line_end {
        line.push_str(&format!(", line {}", hit.line_start));
    } else {
        line.push_str(&format!(", lines {}–{}", hit.line_start, hit.line_end));
    }
    line
}

#[cfg(test)]
mod tests;
