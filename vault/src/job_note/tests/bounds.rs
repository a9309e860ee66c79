//! Tests of finding the frontmatter and the top-level keys of its lines.

use crate::job_note::bounds::{FrontmatterBounds, find, top_level_entry};

#[test]
fn the_frontmatter_is_between_the_first_two_delimiter_lines() {
    let text = "---\na: 1\n---  \nbody\n---\n";
    assert_eq!(
        find(text),
        Some(FrontmatterBounds {
            yaml_start: 4,
            yaml_end: 9,
            body_start: 15,
            yaml_first_line: 2,
            body_first_line: 4,
        })
    );
    assert_eq!(&text[15..], "body\n---\n");
}

#[test]
fn crlf_a_byte_order_mark_and_an_empty_frontmatter_are_read() {
    let crlf = find("---\r\na: 1\r\n---\r\nbody").unwrap();
    assert_eq!(
        (crlf.yaml_start, crlf.yaml_end, crlf.body_start),
        (5, 11, 16)
    );
    let bom = find("\u{feff}---\na: 1\n---\n").unwrap();
    assert_eq!((bom.yaml_start, bom.body_first_line), (7, 4));
    let empty = find("---\n---\nbody").unwrap();
    assert_eq!(
        (empty.yaml_start, empty.yaml_end, empty.body_start),
        (4, 4, 8)
    );
}

#[test]
fn without_both_delimiters_there_is_no_frontmatter() {
    for text in [
        "",
        "body",
        "---",
        "---\na: 1\n",
        " ---\na\n---\n",
        "----\na\n---\n",
        "text\n---\na\n---\n",
    ] {
        assert_eq!(find(text), None, "{text:?}");
    }
}

#[test]
fn top_level_entries_are_keys_at_column_zero() {
    assert_eq!(
        top_level_entry("status: done\n"),
        Some(("status", " done\n"))
    );
    assert_eq!(top_level_entry("status:\n"), Some(("status", "\n")));
    assert_eq!(top_level_entry("status:"), Some(("status", "")));
    assert_eq!(top_level_entry("\"a b\": x"), Some(("a b", " x")));
    assert_eq!(top_level_entry("'k': x"), Some(("k", " x")));
    assert_eq!(top_level_entry("url: http://x"), Some(("url", " http://x")));
    assert_eq!(top_level_entry("a:b: c"), Some(("a:b", " c")));
    for line in [
        "  status: x",
        "- status: x",
        "# status: x",
        "status",
        "a:b",
        "\n",
        "",
    ] {
        assert_eq!(top_level_entry(line), None, "{line:?}");
    }
}
