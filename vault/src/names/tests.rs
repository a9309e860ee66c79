//! Tests of which inbox names are taken and of slugs.

use super::*;

#[test]
fn markdown_notes_are_candidates_whatever_the_case_of_the_extension() {
    assert_eq!(classify("why-sky.md"), NameKind::Candidate);
    assert_eq!(classify("Why the sky.MD"), NameKind::Candidate);
    assert_eq!(classify("résumé du jour.Md"), NameKind::Candidate);
}

#[test]
fn temp_files_dot_files_and_other_extensions_are_ignored() {
    for name in [
        ".runner-tmp-12-3-99",
        ".syncthing.why-sky.md.tmp",
        "~syncthing~why-sky.md.tmp",
        "~syncthing~why-sky.md",
        ".hidden.md",
        ".md",
        "why-sky.txt",
        "why-sky.md.tmp",
        "why-sky.markdown",
        "md",
        "",
    ] {
        assert!(
            matches!(classify(name), NameKind::Ignored(_)),
            "{name:?} is {:?}",
            classify(name)
        );
    }
}

#[test]
fn syncthing_conflict_copies_are_recognised_by_their_shape() {
    assert_eq!(
        classify("why-sky.sync-conflict-20261202-170525-DRYE65A.md"),
        NameKind::SyncConflict
    );
    // A conflict on a note whose name has dots and dashes of its own.
    assert_eq!(
        classify("v1.2-plan.sync-conflict-20260101-000000-ABCDEFG.md"),
        NameKind::SyncConflict
    );
}

#[test]
fn names_that_only_mention_sync_conflict_are_candidates() {
    for name in [
        "why-sky.sync-conflict-2026-170525-DRYE65A.md",
        "why-sky.sync-conflict-20261202-1705-DRYE65A.md",
        "why-sky.sync-conflict-20261202-170525-.md",
        "how to resolve a .sync-conflict-.md",
        "sync-conflict-20261202-170525-DRYE65A.md",
    ] {
        assert_eq!(classify(name), NameKind::Candidate, "{name}");
    }
}

#[test]
fn slugs_are_lowercase_words_joined_by_dashes() {
    assert_eq!(slug("Why is the sky blue?"), "why-is-the-sky-blue");
    assert_eq!(
        slug("  C++ / Rust: 2026 #plans [[x]] ^a|b  "),
        "c-rust-2026-plans-x-a-b"
    );
    assert_eq!(slug("a\\b*c\"d<e>f"), "a-b-c-d-e-f");
}

#[test]
fn slugs_keep_letters_of_any_language() {
    assert_eq!(slug("Résumé de l'été"), "résumé-de-l-été");
    assert_eq!(slug("Почему небо синее"), "почему-небо-синее");
    assert_eq!(slug("空はなぜ青い？"), "空はなぜ青い");
    // The virama and vowel signs stay inside the Hindi word.
    assert_eq!(slug("नमस्ते दुनिया।"), "नमस्ते-दुनिया");
}

#[test]
fn slugs_are_never_empty() {
    assert_eq!(slug(""), "note");
    assert_eq!(slug("?? // ##"), "note");
}

#[test]
fn long_slugs_are_cut_at_a_word_boundary() {
    let text = "the quick brown fox jumps over the lazy dog and keeps running far away";
    let cut = slug(text);
    assert!(cut.chars().count() <= MAX_SLUG_CHARS, "{cut}");
    assert_eq!(cut, "the-quick-brown-fox-jumps-over-the-lazy-dog-and-keeps");
    let one_long_word = "x".repeat(200);
    assert_eq!(slug(&one_long_word), "x".repeat(MAX_SLUG_CHARS));
    let cyrillic = "слово ".repeat(30);
    let cut = slug(&cyrillic);
    assert!(cut.chars().count() <= MAX_SLUG_CHARS);
    assert!(cut.ends_with("слово"), "{cut}");
}

#[test]
fn slug_within_bytes_counts_bytes_not_characters() {
    assert_eq!(slug_within_bytes("été été été", 12), "été-été");
    assert_eq!(slug_within_bytes("why is the sky blue", 10), "why-is-the");
    assert_eq!(slug_within_bytes("why", 0), "");
}
