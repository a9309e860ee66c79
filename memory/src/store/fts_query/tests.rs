//! The FTS5 expression built from user text.

use super::or_terms;

#[test]
fn words_are_quoted_lowercased_deduplicated_and_ored() {
    assert_eq!(
        or_terms(r#"What's "model-risk" OR (x"#).as_deref(),
        Some(r#""what" OR "s" OR "model" OR "risk" OR "or" OR "x""#)
    );
    assert_eq!(or_terms("Gpu gpu GPU").as_deref(), Some(r#""gpu""#));
    assert_eq!(
        or_terms("Überprüfung 日本").as_deref(),
        Some(r#""überprüfung" OR "日本""#)
    );
}

#[test]
fn text_without_words_is_no_query_and_long_text_is_capped() {
    assert_eq!(or_terms(""), None);
    assert_eq!(or_terms(r#"*"()^:-+ "#), None);
    let many: String = (0..500).map(|i| format!("w{i} ")).collect();
    let expression = or_terms(&many).expect("words");
    assert_eq!(expression.matches(" OR ").count(), 63);
}
