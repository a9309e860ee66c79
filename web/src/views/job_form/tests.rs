//! Tests of the `job_form` module.

use super::*;

#[test]
fn the_form_offers_both_kinds_and_labels_its_fields() {
    let text = job_form(&ClusterView::default()).into_string();
    assert!(
        text.contains(r#"value="generate" checked"#) && text.contains(r#"value="chat""#),
        "{text}"
    );
    assert!(text.contains(r#"<label for="prompt">Prompt</label>"#));
    assert!(text.contains(r#"action="/jobs""#));
}
