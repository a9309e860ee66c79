//! Tests of the `job_arguments` module.

use serde_json::json;

use super::*;

#[test]
fn embed_and_list_arguments_become_requests() {
    let embed: EmbedArguments =
        serde_json::from_value(json!({"model": "nomic-embed-text", "texts": ["a", "b"]})).unwrap();
    let spec = embed.job_spec();
    assert_eq!(spec.kind, JobKind::Embed as i32);
    assert_eq!(spec.texts, ["a", "b"]);
    let list: ListJobsArguments =
        serde_json::from_value(json!({"state": "rejected", "model": "gemma4:27b", "limit": 5000}))
            .unwrap();
    let request = list.request();
    assert_eq!(request.state, Some(JobState::Rejected as i32));
    assert_eq!(request.model, "gemma4:27b");
    assert_eq!(request.limit, MAX_LIST_LIMIT);
    assert_eq!(
        ListJobsArguments::default().request().limit,
        DEFAULT_LIST_LIMIT
    );
}
