//! Tests of the cheap `status:` and `id:` reads.

use super::*;

#[test]
fn status_is_read_from_the_frontmatter_only() {
    assert_eq!(read_status(CHAT), NoteStatus::Submitted);
    assert_eq!(
        read_status("---\nstatus: \"Submitted\" # ready\n---\n"),
        NoteStatus::Submitted
    );
    assert_eq!(read_status("---\nstatus: draft\n---\n"), NoteStatus::Draft);
    assert_eq!(
        read_status("---\nstatus: done\n---\n"),
        NoteStatus::Other("done".into())
    );
    assert_eq!(read_status("---\nstatus:\n---\n"), NoteStatus::Draft);
    assert_eq!(
        read_status("---\ntype: chat\n---\nstatus: submitted\n"),
        NoteStatus::Draft
    );
    assert_eq!(read_status("status: submitted\n"), NoteStatus::Draft);
    assert_eq!(
        read_status("---\nnested:\n  status: submitted\n---\n"),
        NoteStatus::Draft
    );
    assert_eq!(read_status(""), NoteStatus::Draft);
}

#[test]
fn a_half_typed_note_is_a_draft() {
    // No closing `---` yet.
    assert_eq!(
        read_status("---\nstatus: submitted\ntype: ch"),
        NoteStatus::Draft
    );
    // Broken YAML elsewhere does not hide a submitted status: the parse will explain it.
    assert_eq!(
        read_status("---\nstatus: submitted\nmodel: [\n---\n"),
        NoteStatus::Submitted
    );
}

#[test]
fn ids_are_read_when_valid() {
    assert_eq!(
        read_id("---\nid: why-sky_2\n---\n").as_deref(),
        Some("why-sky_2")
    );
    assert_eq!(read_id("---\nid: 'abc'\n---\n").as_deref(), Some("abc"));
    assert_eq!(read_id("---\nid: a/b\n---\n"), None);
    assert_eq!(read_id("---\nid: été\n---\n"), None);
    assert_eq!(
        read_id(&format!("---\nid: {}\n---\n", "a".repeat(65))),
        None
    );
    assert_eq!(
        read_id(&format!("---\nid: {}\n---\n", "a".repeat(64))).map(|id| id.len()),
        Some(64)
    );
    assert_eq!(read_id("---\nid:\n---\n"), None);
    assert_eq!(read_id("no frontmatter"), None);
}
