//! An embed request becomes an embed job, and the job's vectors its answer.

use proto::v1::{Embedding, JobTimings, OllamaStats};

use super::*;

fn request(body: Value) -> EmbedRequest {
    serde_json::from_value(body).unwrap()
}

#[test]
fn a_string_or_a_list_becomes_the_jobs_texts() {
    let one = request(json!({"model": "nomic-embed-text:latest", "input": "hi", "truncate": true}))
        .job_spec()
        .unwrap();
    assert_eq!(one.kind, JobKind::Embed as i32);
    assert_eq!(one.texts, ["hi"]);
    let many = request(json!({"model": "m", "input": ["a", "b"]}))
        .job_spec()
        .unwrap();
    assert_eq!(many.texts, ["a", "b"]);
    assert!(
        request(json!({"model": "m", "input": ""}))
            .job_spec()
            .unwrap()
            .texts
            .is_empty()
    );
}

#[test]
fn dimensions_are_refused_by_name() {
    let refusal = request(json!({"model": "m", "input": "x", "dimensions": 256}))
        .job_spec()
        .unwrap_err();
    assert_eq!(refusal.param, Some("dimensions"));
}

#[test]
fn the_answer_is_the_jobs_vectors_and_known_statistics() {
    let job = Job {
        served_model: "nomic-embed-text:latest".into(),
        embeddings: vec![
            Embedding {
                values: vec![0.5, -0.25],
            },
            Embedding {
                values: vec![1.0, 0.0],
            },
        ],
        timings: Some(JobTimings {
            ollama: Some(OllamaStats {
                total_duration_ns: 900,
                load_duration_ns: 100,
                prompt_eval_count: 4,
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(
        embed_reply(&job),
        json!({
            "model": "nomic-embed-text:latest",
            "embeddings": [[0.5, -0.25], [1.0, 0.0]],
            "total_duration": 900, "load_duration": 100, "prompt_eval_count": 4,
        })
    );
}
