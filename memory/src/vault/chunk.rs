//! Chunks that follow a note's markdown structure: blocks of one section packed together up to
//! [`MAX_CHARS`], a new chunk at each heading, a code fence never cut unless it alone is longer
//! than [`MAX_CODE_CHARS`]. Each chunk's text starts with its breadcrumb ("Title > H1 > H2").

use super::blocks::{Block, blocks};
use super::lines::Line;
use crate::ChunkId;
use crate::note::{ChunkDraft, Property};

/// A chunk's passage grows by whole blocks up to this many characters: long enough for a
/// paragraph with its context, short enough that one embedding says what the passage is about.
pub const MAX_CHARS: usize = 700;
/// A fence longer than this alone is cut at line boundaries into passages of [`MAX_CHARS`];
/// a shorter one stays whole even past [`MAX_CHARS`], since code cut in half reads as nonsense.
pub const MAX_CODE_CHARS: usize = 2000;

/// What the chunker needs of a note.
pub struct Note<'a> {
    pub path: &'a str,
    pub title: &'a str,
    /// The body, scanned.
    pub lines: &'a [Line<'a>],
    /// Every frontmatter property (tags and aliases too), for a note with no body.
    pub properties: &'a [Property],
    /// The closing `---` line of the frontmatter; 0 when none.
    pub frontmatter_end: u32,
}

/// The note's chunks in order; at least one, so a note with an empty body is still found by
/// its title and properties.
pub fn chunks(note: &Note<'_>) -> Vec<ChunkDraft> {
    let mut passages: Vec<(Vec<String>, usize, usize)> = Vec::new();
    let mut open: Option<Block> = None;
    for block in blocks(note.lines) {
        let size = chars(note.lines, block.first, block.last);
        let oversized = if block.code {
            MAX_CODE_CHARS
        } else {
            MAX_CHARS
        };
        if size > oversized {
            passages.extend(
                open.take()
                    .map(|open| (open.headings, open.first, open.last)),
            );
            for (first, last) in split_lines(note.lines, block.first, block.last) {
                passages.push((block.headings.clone(), first, last));
            }
            continue;
        }
        open = match open.take() {
            // Blank lines between blocks count: the passage is the source lines, gaps and all.
            Some(mut current)
                if current.section == block.section
                    && chars(note.lines, current.first, block.last) <= MAX_CHARS =>
            {
                current.last = block.last;
                Some(current)
            }
            Some(current) => {
                passages.push((current.headings, current.first, current.last));
                Some(block)
            }
            None => Some(block),
        };
    }
    passages.extend(open.map(|open| (open.headings, open.first, open.last)));
    if passages.is_empty() {
        return vec![properties_chunk(note)];
    }
    passages
        .into_iter()
        .enumerate()
        .map(|(ordinal, (headings, first, last))| {
            let passage = joined(note.lines, first, last);
            draft(
                note,
                ordinal,
                headings,
                &passage,
                note.lines[first].number,
                note.lines[last].number,
            )
        })
        .collect()
}

/// The only chunk of a note with no body: its title and properties.
fn properties_chunk(note: &Note<'_>) -> ChunkDraft {
    let passage: Vec<String> = note
        .properties
        .iter()
        .map(|property| format!("{}: {}", property.key, property.values.join(", ")))
        .collect();
    let last_line = note
        .lines
        .last()
        .map_or(1, |line| line.number)
        .max(note.frontmatter_end)
        .max(1);
    draft(note, 0, Vec::new(), &passage.join("\n"), 1, last_line)
}

fn draft(
    note: &Note<'_>,
    ordinal: usize,
    headings: Vec<String>,
    passage: &str,
    line_start: u32,
    line_end: u32,
) -> ChunkDraft {
    let mut crumbs = vec![note.title];
    let mut path = headings.iter().map(String::as_str).peekable();
    // A first heading that is the title is not said twice.
    if path.peek() == Some(&note.title) {
        path.next();
    }
    crumbs.extend(path);
    let mut text = crumbs.join(" > ");
    if !passage.is_empty() {
        text.push('\n');
        text.push_str(passage);
    }
    let ordinal = u32::try_from(ordinal).unwrap_or(u32::MAX);
    ChunkDraft {
        id: ChunkId::of(note.path, ordinal, &text),
        ordinal,
        headings,
        text,
        line_start,
        line_end,
    }
}

/// Lines `first..=last` cut into runs of at most [`MAX_CHARS`] (a longer line stays whole).
fn split_lines(lines: &[Line<'_>], first: usize, last: usize) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = first;
    let mut size = 0;
    for (index, line) in lines.iter().enumerate().take(last + 1).skip(first) {
        let length = line.text.chars().count();
        if index > start && size + 1 + length > MAX_CHARS {
            runs.push((start, index - 1));
            start = index;
            size = length;
        } else {
            size += usize::from(index > start) + length;
        }
    }
    runs.push((start, last));
    runs
}

fn joined(lines: &[Line<'_>], first: usize, last: usize) -> String {
    let texts: Vec<&str> = lines[first..=last].iter().map(|line| line.text).collect();
    texts.join("\n")
}

fn chars(lines: &[Line<'_>], first: usize, last: usize) -> usize {
    lines[first..=last]
        .iter()
        .map(|line| line.text.chars().count() + 1)
        .sum::<usize>()
        - 1
}

#[cfg(test)]
mod tests;
