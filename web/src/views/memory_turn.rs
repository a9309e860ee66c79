//! What memory gave an answer, shown under it: the notes its prompt quoted, numbered as the
//! answer cites them ([1], [2], …) with their headings and lines, and any warning — above all
//! "answered without memory: …" when memory was asked for and could not be used. A sibling of
//! the answer's turn, so it stays when the live answer is replaced by its final form.

use maud::{Markup, html};

use crate::conversations::{AnswerMemory, Citation};

/// Nothing when the "use memory" switch was off for this turn.
pub fn memory_turn(job_id: &str, memory: &AnswerMemory) -> Markup {
    if memory.is_empty() {
        return html! {};
    }
    let heading = format!("memory-{job_id}");
    html! {
        li.turn.memory aria-labelledby=(heading) {
            div.bubble {
                h3 #(heading) {
                    @if memory.citations.is_empty() { "Memory" } @else { "From memory" }
                }
                @for warning in &memory.warnings {
                    p.warning role="status" { (warning) }
                }
                @if !memory.citations.is_empty() {
                    ol.citations {
                        @for citation in &memory.citations { li { (citation_line(citation)) } }
                    }
                } @else if memory.warnings.is_empty() {
                    p.empty { "No notes matched this question." }
                }
            }
        }
    }
}

/// `Projects/AI governance.md › Risk › Tiers · lines 12–18`.
fn citation_line(citation: &Citation) -> Markup {
    html! {
        span.note { (citation.note) }
        @for heading in &citation.headings { " › " (heading) }
        " · " (lines(citation.line_start, citation.line_end))
    }
}

fn lines(start: u32, end: u32) -> String {
    if end <= start {
        format!("line {start}")
    } else {
        format!("lines {start}–{end}")
    }
}

#[cfg(test)]
mod tests;
