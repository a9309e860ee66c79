//! The line scanner: fences (closed, never closed, `~~~`), headings, CRLF.

use super::{LineKind, scan};

fn kinds(text: &str) -> Vec<LineKind> {
    scan(text, 1).into_iter().map(|line| line.kind).collect()
}

#[test]
fn a_heading_inside_a_code_fence_is_code_not_a_heading() {
    let lines = scan("# Real\n```md\n# Not a heading\n```\ntext\n", 1);
    assert_eq!(
        lines
            .iter()
            .map(|line| line.kind.clone())
            .collect::<Vec<_>>(),
        vec![
            LineKind::Heading {
                level: 1,
                text: "Real".into()
            },
            LineKind::Fence,
            LineKind::Code,
            LineKind::Fence,
            LineKind::Text,
        ]
    );
    assert_eq!(lines[4].number, 5);
}

#[test]
fn a_fence_never_closed_runs_to_the_end() {
    assert_eq!(
        kinds("a\n~~~\n## x\n\n"),
        vec![
            LineKind::Text,
            LineKind::Fence,
            LineKind::Code,
            LineKind::Code
        ]
    );
}

#[test]
fn a_fence_closes_only_with_the_same_character_and_at_least_its_length() {
    assert_eq!(
        kinds("````\n```\n~~~~\n````\nafter"),
        vec![
            LineKind::Fence,
            LineKind::Code,
            LineKind::Code,
            LineKind::Fence,
            LineKind::Text
        ]
    );
}

#[test]
fn crlf_line_endings_are_stripped_and_numbers_start_where_asked() {
    let lines = scan("## Title ##\r\nbody\r\n\r\n", 4);
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[0].kind,
        LineKind::Heading {
            level: 2,
            text: "Title".into()
        }
    );
    assert_eq!(lines[1].text, "body");
    assert_eq!((lines[1].number, lines[2].number), (5, 6));
    assert_eq!(lines[2].kind, LineKind::Blank);
}

#[test]
fn a_tag_or_seven_hashes_is_not_a_heading() {
    assert_eq!(
        kinds("#tag\n####### seven\n#\n"),
        vec![
            LineKind::Text,
            LineKind::Text,
            LineKind::Heading {
                level: 1,
                text: String::new()
            },
        ]
    );
}
