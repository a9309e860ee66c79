//! Blocks: paragraphs, list items, fences, sections and their heading paths.

use super::super::lines::scan;
use super::blocks;

#[test]
fn paragraphs_list_items_and_fences_are_blocks_within_sections() {
    let text = "intro\n# A\npara one\nstill one\n\n- item 1\n  nested\n- item 2\n## B\n```\ncode\n\nmore\n```\nafter\n# C\n";
    let lines = scan(text, 1);
    let found: Vec<(usize, Vec<String>, u32, u32, bool)> = blocks(&lines)
        .into_iter()
        .map(|block| {
            (
                block.section,
                block.headings,
                lines[block.first].number,
                lines[block.last].number,
                block.code,
            )
        })
        .collect();
    let a = vec!["A".to_owned()];
    let ab = vec!["A".to_owned(), "B".to_owned()];
    assert_eq!(
        found,
        vec![
            (0, vec![], 1, 1, false),
            (1, a.clone(), 3, 4, false),
            (1, a.clone(), 6, 7, false),
            (1, a, 8, 8, false),
            (2, ab.clone(), 10, 14, true),
            (2, ab, 15, 15, false),
        ]
    );
}

#[test]
fn a_shallower_heading_closes_deeper_ones() {
    let lines = scan("# A\n### C\nx\n## B\ny\n", 1);
    let paths: Vec<Vec<String>> = blocks(&lines)
        .into_iter()
        .map(|block| block.headings)
        .collect();
    assert_eq!(
        paths,
        vec![
            vec!["A".to_owned(), "C".to_owned()],
            vec!["A".to_owned(), "B".to_owned()]
        ]
    );
}
