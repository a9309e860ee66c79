//! An ended embed job becomes vectors in a named space, or the reason it cannot.

use proto::v1::{Embedding, Job, JobState};

use super::embedded_from;
use crate::embed::EmbedError;

fn job(state: JobState, vectors: &[&[f32]]) -> Job {
    Job {
        id: "01JOB".into(),
        state: state.into(),
        served_model: "nomic-embed-text:latest".into(),
        reason: "no node serves it".into(),
        embeddings: vectors
            .iter()
            .map(|values| Embedding {
                values: values.to_vec(),
            })
            .collect(),
        ..Job::default()
    }
}

#[test]
fn a_succeeded_job_gives_its_vectors_in_the_served_models_space() {
    let embedded = embedded_from(
        "nomic-embed-text",
        job(JobState::Succeeded, &[&[1.0, 0.0], &[0.0, 1.0]]),
        2,
    )
    .expect("vectors");
    assert_eq!(embedded.space.model, "nomic-embed-text");
    assert_eq!(embedded.space.dimension, 2);
    assert_eq!(embedded.vectors, vec![vec![1.0, 0.0], vec![0.0, 1.0]]);
}

#[test]
fn a_rejected_job_is_a_rejection_with_its_reason() {
    let error =
        embedded_from("nomic-embed-text", job(JobState::Rejected, &[]), 1).expect_err("rejected");
    assert_eq!(
        error,
        EmbedError::Rejected {
            model: "nomic-embed-text".into(),
            reason: "no node serves it".into()
        }
    );
}

#[test]
fn a_wrong_count_or_ragged_vectors_are_failures() {
    let short = embedded_from("m", job(JobState::Succeeded, &[&[1.0]]), 2);
    assert!(matches!(short, Err(EmbedError::Failed { .. })), "{short:?}");
    let ragged = embedded_from("m", job(JobState::Succeeded, &[&[1.0], &[1.0, 2.0]]), 2);
    assert!(
        matches!(ragged, Err(EmbedError::Failed { .. })),
        "{ragged:?}"
    );
    let failed = embedded_from("m", job(JobState::Failed, &[]), 1);
    assert!(
        matches!(failed, Err(EmbedError::Failed { .. })),
        "{failed:?}"
    );
}
