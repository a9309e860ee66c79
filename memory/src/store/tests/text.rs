//! Full text: any user text is a valid query, partial matches rank below fuller ones, and a
//! re-written note's old chunks leave the index.

use super::{note, temp_db};
use crate::text_index::TextIndex;

#[test]
fn hostile_queries_never_error_and_still_find_their_words() {
    let (_dir, db) = temp_db();
    let parsed = note("risk.md", &["The model risk register lists every model"]);
    db.write_note(&parsed, "", "h", 1).expect("write");
    for query in [
        r#"what's "model-risk" OR (x"#,
        "NEAR(model risk) AND NOT",
        "model* ^risk :col \" ' ) ( {",
        "",
        "!!! ??? ---",
    ] {
        let hits = db
            .full_text(query, 10)
            .unwrap_or_else(|e| panic!("{query}: {e}"));
        let expected = usize::from(query.contains("model"));
        assert_eq!(hits.len(), expected, "{query}: {hits:?}");
    }
}

#[test]
fn more_matching_words_rank_first_and_scores_are_higher_for_better() {
    let (_dir, db) = temp_db();
    let parsed = note(
        "n.md",
        &[
            "gpu memory budget",
            "gpu drivers",
            "unrelated cooking notes",
        ],
    );
    db.write_note(&parsed, "", "h", 1).expect("write");
    let hits = db.full_text("gpu memory", 10).expect("search");
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert_eq!(hits[0].0, parsed.chunks[0].id);
    assert!(hits[0].1 > hits[1].1, "{hits:?}");
    let shown = db.chunks(&[hits[1].0, hits[0].0]).expect("chunks");
    assert_eq!(shown[0].text, "gpu drivers");
    assert_eq!(shown[1].headings, vec!["H0".to_owned()]);
    assert_eq!(shown[1].note_time_ms, 1_000);
}

#[test]
fn a_rewritten_note_keeps_unchanged_chunks_and_drops_the_rest() {
    let (_dir, db) = temp_db();
    let first = note("n.md", &["stable passage", "zebra passage"]);
    db.write_note(&first, "", "h1", 1).expect("write");
    let second = note("n.md", &["stable passage", "giraffe passage"]);
    let removed = db.write_note(&second, "", "h2", 2).expect("rewrite");
    assert_eq!(removed, vec![first.chunks[1].id]);
    assert!(db.full_text("zebra", 5).expect("search").is_empty());
    assert_eq!(db.full_text("giraffe", 5).expect("search").len(), 1);
    let all = db.chunks_of_notes(&["n.md".to_owned()]).expect("chunks");
    let texts: Vec<&str> = all.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["stable passage", "giraffe passage"]);
}
