//! The embedder memory uses in production: one `embed` job per batch through the coordinator's
//! public gRPC API (`SubmitAndWatch`), routed like any job — so a batch runs on the configured
//! model or is rejected with the cluster's reason, never embedded by another model.

use client::Coordinator;
use proto::v1::{Job, JobKind, JobSpec, JobState, SubmitJobRequest, job_event::Event};

use super::{EmbedError, Embedded, Embedder, EmbeddingSpace};

#[derive(Clone)]
pub struct ClusterEmbedder {
    coordinator: Coordinator,
    model: String,
}

impl ClusterEmbedder {
    pub fn new(coordinator: Coordinator, model: impl Into<String>) -> Self {
        Self {
            coordinator,
            model: model.into(),
        }
    }

    async fn run(&self, texts: Vec<String>) -> Result<Job, EmbedError> {
        let spec = JobSpec {
            kind: JobKind::Embed.into(),
            model: self.model.clone(),
            texts,
            ..JobSpec::default()
        };
        let request = SubmitJobRequest { spec: Some(spec) };
        let mut stream = match self.coordinator.jobs().submit_and_watch(request).await {
            Ok(response) => response.into_inner(),
            Err(status) => return Err(self.refused(&status)),
        };
        let mut last = None;
        loop {
            match stream.message().await {
                Ok(Some(event)) => {
                    if let Some(Event::Job(job)) = event.event {
                        let done = client::is_terminal(job.state);
                        last = Some(job);
                        if done {
                            break;
                        }
                    }
                }
                Ok(None) => break,
                Err(status) => return Err(self.refused(&status)),
            }
        }
        last.ok_or_else(|| EmbedError::Failed {
            model: self.model.clone(),
            reason: "the coordinator sent no job snapshot".into(),
        })
    }

    fn refused(&self, status: &tonic::Status) -> EmbedError {
        match self.coordinator.unreachable(status) {
            Some(error) => EmbedError::Unreachable(error.to_string()),
            None => EmbedError::Rejected {
                model: self.model.clone(),
                reason: client::rejection_text(status),
            },
        }
    }
}

impl Embedder for ClusterEmbedder {
    fn model(&self) -> &str {
        &self.model
    }

    async fn embed(&self, texts: Vec<String>) -> Result<Embedded, EmbedError> {
        let asked = texts.len();
        let job = self.run(texts).await?;
        embedded_from(&self.model, job, asked)
    }
}

/// The vectors of an ended embed job, or why there are none.
pub(crate) fn embedded_from(model: &str, job: Job, asked: usize) -> Result<Embedded, EmbedError> {
    let failed = |reason: String| EmbedError::Failed {
        model: model.to_owned(),
        reason,
    };
    if job.state == i32::from(JobState::Rejected) {
        return Err(EmbedError::Rejected {
            model: model.to_owned(),
            reason: job.reason,
        });
    }
    if job.state != i32::from(JobState::Succeeded) {
        let state = client::words::job_state(job.state);
        return Err(failed(format!(
            "job {} ended {state}: {}",
            job.id, job.reason
        )));
    }
    let vectors: Vec<Vec<f32>> = job.embeddings.into_iter().map(|e| e.values).collect();
    if vectors.len() != asked {
        return Err(failed(format!(
            "job {} answered {} vectors for {asked} texts",
            job.id,
            vectors.len()
        )));
    }
    let dimension = vectors.first().map_or(0, Vec::len);
    if dimension == 0 || vectors.iter().any(|vector| vector.len() != dimension) {
        return Err(failed(format!(
            "job {} answered vectors of unequal or no width",
            job.id
        )));
    }
    let served = if job.served_model.is_empty() {
        model.to_owned()
    } else {
        job.served_model
    };
    Ok(Embedded {
        space: EmbeddingSpace {
            model: canonical_model(&served),
            dimension: u32::try_from(dimension).unwrap_or(u32::MAX),
        },
        vectors,
    })
}

/// `nomic-embed-text:latest` and `nomic-embed-text` are one model: the space names it without
/// Ollama's default tag, so a config naming it either way keeps its vectors.
fn canonical_model(model: &str) -> String {
    model.strip_suffix(":latest").unwrap_or(model).to_owned()
}

#[cfg(test)]
mod tests;
