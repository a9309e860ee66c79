//! Links: every wikilink form, embeds, markdown links to notes, none in code, property links.

use super::super::lines::scan;
use super::{body_links, property_links};
use crate::note::{Link, Property};

fn link(target: &str, line: u32) -> Link {
    Link {
        target: target.into(),
        heading: None,
        block: None,
        alias: None,
        embed: false,
        property: None,
        line,
    }
}

#[test]
fn every_wikilink_form_is_read() {
    let text = "[[Plain]] [[Note|shown]] [[Note#Heading]]\n![[Embedded]] [[Note#^block-1]] [[Dir/Deep.md#H|a]]";
    let found = body_links(&scan(text, 1));
    assert_eq!(
        found,
        vec![
            link("Plain", 1),
            Link {
                alias: Some("shown".into()),
                ..link("Note", 1)
            },
            Link {
                heading: Some("Heading".into()),
                ..link("Note", 1)
            },
            Link {
                embed: true,
                ..link("Embedded", 2)
            },
            Link {
                block: Some("block-1".into()),
                ..link("Note", 2)
            },
            Link {
                heading: Some("H".into()),
                alias: Some("a".into()),
                ..link("Dir/Deep.md", 2)
            },
        ]
    );
}

#[test]
fn markdown_links_to_local_notes_are_links_and_urls_are_not() {
    let text = "[a](Other%20note.md) [b](https://example.com/x.md) [c](#local) [d](./Dir/N.md#Part)\n[e](<With space.md>) [f](mailto:x@y.z) ![img](pic.png) [g](Bare) [h](Note%20(1).md)";
    let targets: Vec<(String, Option<String>)> = body_links(&scan(text, 1))
        .into_iter()
        .map(|link| (link.target, link.heading))
        .collect();
    assert_eq!(
        targets,
        vec![
            ("Other note.md".to_owned(), None),
            ("Dir/N.md".to_owned(), Some("Part".to_owned())),
            ("With space.md".to_owned(), None),
            ("Bare".to_owned(), None),
            ("Note (1).md".to_owned(), None),
        ]
    );
}

#[test]
fn links_in_code_attachments_and_self_links_are_left_out() {
    let text = "`[[InCode]]` ![[photo.PNG]] [[#Same note heading]]\n```\n[[Fenced]]\n```\n[[Kept]]";
    assert_eq!(body_links(&scan(text, 1)), vec![link("Kept", 5)]);
}

#[test]
fn a_table_escaped_pipe_an_unclosed_link_and_a_link_inside_brackets() {
    let found = body_links(&scan("| [[Note\\|alias]] | [[Never closed [[Inner]]", 7));
    assert_eq!(
        found,
        vec![
            Link {
                alias: Some("alias".into()),
                ..link("Note", 7)
            },
            link("Inner", 7),
        ]
    );
}

#[test]
fn property_values_that_are_links_carry_their_property() {
    let properties = vec![
        Property {
            key: "related".into(),
            values: vec!["[[A]]".into(), "[[B|b]]".into()],
            line: 3,
        },
        Property {
            key: "status".into(),
            values: vec!["draft".into()],
            line: 4,
        },
    ];
    let found = property_links(&properties);
    assert_eq!(
        found,
        vec![
            Link {
                property: Some("related".into()),
                ..link("A", 3)
            },
            Link {
                property: Some("related".into()),
                alias: Some("b".into()),
                ..link("B", 3)
            },
        ]
    );
}
