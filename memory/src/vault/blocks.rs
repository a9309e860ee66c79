//! A note's body cut into blocks, the pieces a chunk is made of: a paragraph, a top-level list
//! item, a whole code fence. Each block knows its section (the headings above it); a heading
//! starts a new section and is not itself part of any block.

use super::lines::{Line, LineKind};

/// Consecutive lines of one section, as indices into the scanned lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// Counts headings seen so far: blocks merge only within one section.
    pub section: usize,
    /// The headings above, outermost first.
    pub headings: Vec<String>,
    pub first: usize,
    pub last: usize,
    /// A code fence (opening to closing line, or to the end when never closed).
    pub code: bool,
}

/// The blocks of `lines`, in order.
pub fn blocks(lines: &[Line<'_>]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut stack: Vec<(u8, String)> = Vec::new();
    let mut section = 0;
    let mut current: Option<Block> = None;
    for (index, line) in lines.iter().enumerate() {
        let starts_new = match &line.kind {
            LineKind::Heading { level, text } => {
                blocks.extend(current.take());
                while stack.last().is_some_and(|(open, _)| open >= level) {
                    stack.pop();
                }
                stack.push((*level, text.clone()));
                section += 1;
                continue;
            }
            LineKind::Blank => {
                blocks.extend(current.take());
                continue;
            }
            LineKind::Fence => match &current {
                // A fence in progress: this line closes it.
                Some(block) if block.code => {
                    extend(&mut current, index);
                    blocks.extend(current.take());
                    continue;
                }
                _ => true,
            },
            LineKind::Code => false,
            LineKind::Text => {
                current.as_ref().is_some_and(|block| block.code) || is_list_item(line.text)
            }
        };
        if starts_new || current.is_none() {
            blocks.extend(current.take());
            current = Some(Block {
                section,
                headings: stack.iter().map(|(_, text)| text.clone()).collect(),
                first: index,
                last: index,
                code: line.kind == LineKind::Fence,
            });
        } else {
            extend(&mut current, index);
        }
    }
    blocks.extend(current);
    blocks
}

fn extend(current: &mut Option<Block>, index: usize) {
    if let Some(block) = current {
        block.last = index;
    }
}

/// `- x`, `* x`, `+ x`, `1. x`, `1) x` at the left margin (nested items stay with their parent).
fn is_list_item(line: &str) -> bool {
    let rest = line.strip_prefix(' ').unwrap_or(line);
    if let Some(after) = rest.strip_prefix(['-', '*', '+']) {
        return after.starts_with([' ', '\t']);
    }
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    (1..=9).contains(&digits)
        && rest[digits..].starts_with(['.', ')'])
        && rest[digits + 1..].starts_with([' ', '\t'])
}

#[cfg(test)]
mod tests;
