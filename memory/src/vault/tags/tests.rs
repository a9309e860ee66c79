//! Tags: body tags outside code, not headings, numbers or URL fragments; property tags.

use super::super::lines::scan;
use super::{body_tags, property_tags};

fn tags(text: &str) -> Vec<(String, u32)> {
    body_tags(&scan(text, 1))
        .into_iter()
        .map(|tagged| (tagged.tag, tagged.line))
        .collect()
}

#[test]
fn body_tags_are_words_after_hash_at_a_word_start() {
    assert_eq!(
        tags("# Heading #inheading\nsee #ai and #nested/tag, #über_x.\n#start"),
        vec![
            ("inheading".into(), 1),
            ("ai".into(), 2),
            ("nested/tag".into(), 2),
            ("über_x".into(), 2),
            ("start".into(), 3),
        ]
    );
}

#[test]
fn numbers_url_fragments_links_and_code_are_not_tags() {
    let text = "issue #123 and #2026\nhttps://example.com/page#frag [[Note#Heading]]\n`#code` and\n```\n#fenced\n```\n---\n";
    assert_eq!(tags(text), Vec::<(String, u32)>::new());
}

#[test]
fn property_tags_take_lists_and_comma_strings_without_hash() {
    let values = vec!["#one".to_owned(), "two, three".to_owned(), "4".to_owned()];
    let found: Vec<String> = property_tags(&values, 3)
        .into_iter()
        .map(|tagged| tagged.tag)
        .collect();
    assert_eq!(found, ["one", "two", "three"]);
    assert!(
        property_tags(&values, 3)
            .iter()
            .all(|tagged| tagged.line == 3)
    );
}
