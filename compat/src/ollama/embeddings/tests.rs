//! The legacy answer is the one vector.

use proto::v1::Embedding;

use super::*;

#[test]
fn the_answer_is_the_first_vector_or_none() {
    let job = Job {
        embeddings: vec![Embedding {
            values: vec![0.5, 0.25],
        }],
        ..Default::default()
    };
    assert_eq!(embedding_reply(&job), json!({"embedding": [0.5, 0.25]}));
    assert_eq!(embedding_reply(&Job::default()), json!({"embedding": []}));
}

#[test]
fn the_request_reads_model_and_prompt() {
    let request: EmbeddingsRequest =
        serde_json::from_value(json!({"model": "m", "prompt": "hi", "keep_alive": "1m"})).unwrap();
    let spec = embed_spec(
        request.common.model().unwrap(),
        vec![request.prompt.clone()],
        &request.common,
    )
    .unwrap();
    assert_eq!(spec.texts, ["hi"]);
    assert_eq!(spec.options.unwrap().keep_alive.as_deref(), Some("1m"));
}
