//! Reading whole notes: title and day rules, hash, refusals, empty, CRLF, unicode, warnings.

use super::read_note;
use crate::graph::{EdgeKind, NodeKind};
use crate::note::ParsedNote;
use crate::vault::{LinkResolver, MAX_NOTE_BYTES, Skipped, VaultFile, note_facts};

fn file(path: &str) -> VaultFile {
    VaultFile {
        path: path.into(),
        absolute: path.into(),
        modified_ms: 42,
        bytes: 0,
    }
}

fn read(path: &str, text: &str) -> ParsedNote {
    read_note(&file(path), text.as_bytes()).expect("a note")
}

#[test]
fn title_comes_from_frontmatter_then_first_h1_then_file_name() {
    assert_eq!(
        read("a/N.md", "---\ntitle: From props\n---\n# Heading\n").title,
        "From props"
    );
    assert_eq!(
        read("a/N.md", "## Not h1\n# First H1\n# Second\n").title,
        "First H1"
    );
    assert_eq!(read("a/N.md", "```\n# in code\n```\ntext\n").title, "N");
    assert_eq!(read("Ünï/Café ☕ notes.md", "plain").title, "Café ☕ notes");
}

#[test]
fn the_day_comes_from_date_then_created_then_a_daily_note_name() {
    let day = 1_796_256_000_000;
    assert_eq!(
        read("x.md", "---\ndate: 2026-12-03\n---\n").date_ms,
        Some(day)
    );
    assert_eq!(
        read("x.md", "---\ncreated: 2026-12-03T08:30:00Z\n---\n").date_ms,
        Some(day)
    );
    assert_eq!(read("Daily/2026-12-03.md", "text").date_ms, Some(day));
    assert_eq!(read("x.md", "---\ndate: someday\n---\n").date_ms, None);
}

#[test]
fn hash_aliases_tags_links_and_properties_are_gathered() {
    let text = "---\naliases: [Other name]\ntags: [Project]\nstatus: active\nrelated: \"[[Home]]\"\n---\n# Note\nsee [[Missing note]] #todo\n";
    let note = read("N.md", text);
    assert_eq!(note.content_hash.len(), 64);
    assert_eq!(note.content_hash, read("N.md", text).content_hash);
    assert_ne!(note.content_hash, read("N.md", "other").content_hash);
    assert_eq!(note.modified_ms, 42);
    assert_eq!(note.aliases, ["Other name"]);
    let tags: Vec<(&str, u32)> = note
        .tags
        .iter()
        .map(|tag| (tag.tag.as_str(), tag.line))
        .collect();
    assert_eq!(tags, [("Project", 3), ("todo", 8)]);
    let keys: Vec<&str> = note
        .properties
        .iter()
        .map(|property| property.key.as_str())
        .collect();
    assert_eq!(keys, ["status", "related"]);
    let links: Vec<(&str, Option<&str>, u32)> = note
        .links
        .iter()
        .map(|link| (link.target.as_str(), link.property.as_deref(), link.line))
        .collect();
    assert_eq!(
        links,
        [("Home", Some("related"), 5), ("Missing note", None, 8)]
    );
    // A link to a note that does not exist becomes a Missing node, named as written.
    let facts = note_facts(&note, &LinkResolver::new([("Home.md", &[][..])]));
    let missing = facts
        .edges
        .iter()
        .find(|edge| edge.to.kind == NodeKind::Missing)
        .expect("missing");
    assert_eq!(
        (missing.kind.clone(), missing.to.name.as_str()),
        (EdgeKind::Link, "Missing note")
    );
}

#[test]
fn non_utf8_and_oversized_notes_are_skipped_with_the_reason() {
    let bytes = b"ok text \xff\xfe more";
    assert_eq!(
        read_note(&file("x.md"), bytes),
        Err(Skipped::NotUtf8 { at: 8 })
    );
    let huge = vec![b'a'; usize::try_from(MAX_NOTE_BYTES).expect("fits") + 1];
    assert_eq!(
        read_note(&file("x.md"), &huge),
        Err(Skipped::TooLarge {
            bytes: MAX_NOTE_BYTES + 1,
            limit: MAX_NOTE_BYTES
        })
    );
}

#[test]
fn an_empty_note_and_a_frontmatter_only_note_each_get_one_chunk() {
    let empty = read("Empty.md", "");
    assert_eq!(empty.chunks.len(), 1);
    assert_eq!(empty.chunks[0].text, "Empty");
    assert!(empty.warnings.is_empty());

    let props = read("P.md", "---\nstatus: draft\ntags: [a]\n---\n");
    assert_eq!(props.chunks.len(), 1);
    assert_eq!(props.chunks[0].text, "P\nstatus: draft\ntags: a");
    assert_eq!(
        (props.chunks[0].line_start, props.chunks[0].line_end),
        (1, 4)
    );
}

#[test]
fn crlf_notes_read_like_lf_notes_with_the_same_lines() {
    let lf = "---\ntitle: T\n---\n# H\nline [[L]] #t\n\n```\ncode\n```\n";
    let crlf = lf.replace('\n', "\r\n");
    let (lf_note, crlf_note) = (read("N.md", lf), read("N.md", &crlf));
    assert_eq!(lf_note.links, crlf_note.links);
    assert_eq!(lf_note.tags, crlf_note.tags);
    assert_eq!(
        lf_note
            .chunks
            .iter()
            .map(|c| (&c.text, c.line_start, c.line_end))
            .collect::<Vec<_>>(),
        crlf_note
            .chunks
            .iter()
            .map(|c| (&c.text, c.line_start, c.line_end))
            .collect::<Vec<_>>()
    );
    assert!(
        crlf_note
            .chunks
            .iter()
            .all(|chunk| !chunk.text.contains('\r'))
    );
}

#[test]
fn broken_frontmatter_and_an_unclosed_fence_are_warnings_and_the_body_is_read() {
    let note = read(
        "N.md",
        "---\ntitle: [oops\n---\n# Real title\ntext [[Link]]\n```\n# not a heading\n",
    );
    assert_eq!(note.title, "Real title");
    assert_eq!(note.links.len(), 1);
    assert_eq!(note.warnings.len(), 2, "{:?}", note.warnings);
    assert!(note.warnings[0].starts_with("broken frontmatter at line "));
    assert_eq!(
        note.warnings[1],
        "code fence opened at line 6 is never closed"
    );
    assert!(
        note.chunks
            .iter()
            .all(|chunk| chunk.headings == ["Real title"])
    );
    let at_the_end = read("N.md", "text\n```\nclosed\n```\n\n~~~~");
    assert_eq!(
        at_the_end.warnings,
        ["code fence opened at line 6 is never closed"]
    );
    assert!(read("N.md", "```\n```\n").warnings.is_empty());
}

#[test]
fn a_byte_order_mark_does_not_hide_the_frontmatter() {
    let note = read("N.md", "\u{feff}---\ntitle: With BOM\n---\nbody\n");
    assert_eq!(note.title, "With BOM");
    assert_eq!(note.chunks[0].line_start, 4);
}
