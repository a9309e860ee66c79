//! Chunking: breadcrumbs, exact lines, packing limits, fences kept whole, fallback chunk.

use super::super::lines::{LineKind, scan};
use super::{MAX_CHARS, MAX_CODE_CHARS, Note, chunks};
use crate::ChunkId;
use crate::note::{ChunkDraft, Property};

fn chunk(text: &str, first_line: u32) -> Vec<ChunkDraft> {
    let lines = scan(text, first_line);
    chunks(&Note {
        path: "N.md",
        title: "Title",
        lines: &lines,
        properties: &[],
        frontmatter_end: 0,
    })
}

fn passage(chunk: &ChunkDraft) -> &str {
    chunk
        .text
        .split_once('\n')
        .map_or("", |(_, passage)| passage)
}

#[test]
fn each_heading_starts_a_chunk_with_its_breadcrumb_and_exact_lines() {
    let found = chunk(
        "# Title\nintro\n## Risk\nhigh risk\n\nstill risk\n### Deep\ndeep text\n",
        1,
    );
    let summary: Vec<(&str, u32, u32)> = found
        .iter()
        .map(|chunk| (chunk.text.as_str(), chunk.line_start, chunk.line_end))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("Title\nintro", 2, 2),
            ("Title > Risk\nhigh risk\n\nstill risk", 4, 6),
            ("Title > Risk > Deep\ndeep text", 8, 8),
        ]
    );
    assert_eq!(found[2].headings, ["Title", "Risk", "Deep"]);
    for (ordinal, chunk) in found.iter().enumerate() {
        assert_eq!(chunk.ordinal as usize, ordinal);
        assert_eq!(chunk.id, ChunkId::of("N.md", chunk.ordinal, &chunk.text));
    }
}

#[test]
fn a_long_section_splits_at_paragraphs_within_the_limit_and_small_ones_merge() {
    let paragraph = "word ".repeat(60); // 300 characters
    let text = format!("## S\n{paragraph}\n\n{paragraph}\n\n{paragraph}\n\n- a\n- b\n");
    let found = chunk(&text, 10);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found
            .iter()
            .all(|chunk| passage(chunk).chars().count() <= MAX_CHARS)
    );
    assert_eq!((found[0].line_start, found[0].line_end), (11, 13));
    // The third paragraph and the two small list items share a chunk.
    assert_eq!((found[1].line_start, found[1].line_end), (15, 18));
    assert!(passage(&found[1]).ends_with("- a\n- b"));
}

#[test]
fn a_fence_is_never_cut_unless_it_alone_is_huge() {
    let code: String = (0..40)
        .map(|line| format!("let value_{line} = {line};\n"))
        .collect();
    assert!(code.len() > MAX_CHARS && code.len() < MAX_CODE_CHARS);
    let text = format!("before\n```rust\n{code}```\nafter\n");
    let found = chunk(&text, 1);
    let fence = found
        .iter()
        .find(|chunk| chunk.text.contains("```rust"))
        .expect("fence chunk");
    assert!(
        passage(fence).starts_with("```rust") && passage(fence).ends_with("```"),
        "{fence:?}"
    );

    let huge: String = (0..200)
        .map(|line| format!("let value_{line} = {line};\n"))
        .collect();
    let found = chunk(&format!("```\n{huge}```\n"), 1);
    assert!(found.len() > 1);
    assert!(
        found
            .iter()
            .all(|chunk| passage(chunk).chars().count() <= MAX_CHARS)
    );
    assert_eq!(found.first().map(|chunk| chunk.line_start), Some(1));
    assert_eq!(found.last().map(|chunk| chunk.line_end), Some(202));
    assert!(
        found
            .windows(2)
            .all(|pair| pair[0].line_end + 1 == pair[1].line_start)
    );
}

#[test]
fn a_fence_never_closed_still_chunks_to_the_last_line() {
    let found = chunk("text\n\n```\ncode\n# not heading\n", 1);
    let last = found.last().expect("a chunk");
    assert_eq!(last.line_end, 5);
    assert!(found.iter().all(|chunk| chunk.headings.is_empty()));
}

#[test]
fn a_note_without_body_gets_one_chunk_of_title_and_properties() {
    let properties = vec![Property {
        key: "status".into(),
        values: vec!["draft".into(), "x".into()],
        line: 2,
    }];
    let lines = scan("", 4);
    let found = chunks(&Note {
        path: "N.md",
        title: "Only props",
        lines: &lines,
        properties: &properties,
        frontmatter_end: 3,
    });
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].text, "Only props\nstatus: draft, x");
    assert_eq!((found[0].line_start, found[0].line_end), (1, 3));

    let empty = chunk("", 1);
    assert_eq!(empty.len(), 1);
    assert_eq!(empty[0].text, "Title");
}

/// A note of `parts` random pieces (headings, paragraphs, lists, fences, blank lines), from a
/// fixed seed so a failure replays.
fn generated_note(seed: u64, parts: usize) -> String {
    let mut state = seed;
    let mut next = move |below: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % below
    };
    let mut text = String::new();
    for part in 0..parts {
        match next(6) {
            0 => text.push_str(&format!(
                "{} Heading {part}\n",
                "#".repeat(1 + next(3) as usize)
            )),
            1 => text.push_str(&format!(
                "{}\n\n",
                "sentence of prose. ".repeat(1 + next(60) as usize)
            )),
            2 => text.push_str(&format!("- item {part}\n  more of item {part}\n")),
            3 => {
                let body: String = (0..next(150))
                    .map(|line| format!("code {line} # x\n"))
                    .collect();
                text.push_str(&format!("```\n{body}```\n"));
            }
            4 => text.push('\n'),
            _ => text.push_str(&format!("line {part} with [[Link]] #tag\n")),
        }
    }
    text
}

#[test]
fn generated_notes_chunk_into_ordered_exact_non_overlapping_passages() {
    for seed in 0..200 {
        let text = generated_note(seed, 40);
        let source: Vec<&str> = text.lines().collect();
        let lines = scan(&text, 1);
        let found = chunks(&Note {
            path: "G.md",
            title: "G",
            lines: &lines,
            properties: &[],
            frontmatter_end: 0,
        });
        let mut previous_end = 0;
        for chunk in &found {
            assert!(chunk.line_start > previous_end, "seed {seed}: {found:#?}");
            assert!(chunk.line_start <= chunk.line_end, "seed {seed}");
            previous_end = chunk.line_end;
            // The passage is exactly the source lines it claims.
            let claimed = source[chunk.line_start as usize - 1..chunk.line_end as usize].join("\n");
            assert_eq!(passage(chunk), claimed, "seed {seed}");
            // Within the limit, unless it is (part of) a fence under the fence limit, or one line.
            let size = claimed.chars().count();
            let code_only = claimed
                .lines()
                .all(|line| line.starts_with("code") || line == "```");
            assert!(
                size <= MAX_CHARS
                    || (code_only && size <= MAX_CODE_CHARS)
                    || !claimed.contains('\n'),
                "seed {seed}: {size} {chunk:#?}"
            );
        }
        // Nothing is lost: every prose and code line is in a chunk.
        for line in lines
            .iter()
            .filter(|line| matches!(line.kind, LineKind::Text | LineKind::Code))
        {
            assert!(
                found
                    .iter()
                    .any(|chunk| (chunk.line_start..=chunk.line_end).contains(&line.number)),
                "seed {seed}: line {}",
                line.number
            );
        }
    }
}
