//! The task prefixes each embedding model expects.
use super::{TextRole, task_prefix};

#[test]
fn nomic_models_get_their_task_prefixes_and_others_none() {
    assert_eq!(
        task_prefix("nomic-embed-text", TextRole::Document),
        "search_document: "
    );
    assert_eq!(
        task_prefix("nomic-embed-text:latest", TextRole::Query),
        "search_query: "
    );
    assert_eq!(task_prefix("mxbai-embed-large", TextRole::Query), "");
}
