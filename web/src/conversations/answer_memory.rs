//! What memory gave an answer: the passages its prompt quoted (cited by number in the
//! answer) or, when memory could not be used, why — so the page never hides that an answer
//! was made without the notes the user asked for.

use proto::v1::MemoryHit;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnswerMemory {
    /// True when the "use memory" switch was on for this turn.
    pub asked: bool,
    /// The passages in the prompt, in the order of their numbers ([1], [2], …).
    pub citations: Vec<Citation>,
    /// Why memory was not used, or what limited it ("vectors not used: …").
    pub warnings: Vec<String>,
}

/// One quoted passage: where it is in the vault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    /// The note's vault path ("Projects/AI governance.md").
    pub note: String,
    /// The headings above the passage, outermost first.
    pub headings: Vec<String>,
    /// 1-based, inclusive.
    pub line_start: u32,
    pub line_end: u32,
}

impl AnswerMemory {
    /// Memory was asked for but could not be used: the answer is made without it.
    pub fn unavailable(why: impl Into<String>) -> Self {
        Self {
            asked: true,
            citations: Vec::new(),
            warnings: vec![why.into()],
        }
    }

    /// Nothing to show: the switch was off.
    pub fn is_empty(&self) -> bool {
        !self.asked && self.citations.is_empty() && self.warnings.is_empty()
    }
}

impl From<&MemoryHit> for Citation {
    fn from(hit: &MemoryHit) -> Self {
        Self {
            note: hit.note.clone(),
            headings: hit.headings.clone(),
            line_start: hit.line_start,
            line_end: hit.line_end,
        }
    }
}

#[cfg(test)]
mod tests;
