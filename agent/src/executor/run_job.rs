//! Runs one job against Ollama and reports it as `started`, a `delta` per token, then
//! `completed` or `failed` with Ollama's own message.

use proto::v1::agent_job_update::Event;
use proto::v1::{AgentJobUpdate, JobCompletedOnNode, JobKind, JobSpec, JobStartedOnNode};
use tokio::sync::mpsc;

use super::failed;
use crate::ollama::{GenerationStream, OllamaClient, OllamaError};

/// The link has gone: nobody is left to tell.
struct LinkGone;

pub(super) async fn run_job(
    ollama: OllamaClient,
    job_id: String,
    spec: JobSpec,
    updates: mpsc::Sender<AgentJobUpdate>,
) {
    let reporter = Reporter { job_id, updates };
    if reporter
        .send(Event::Started(JobStartedOnNode {}))
        .await
        .is_err()
    {
        return;
    }
    let outcome = match spec.kind() {
        JobKind::Chat => stream_tokens(ollama.chat(&spec).await, &reporter).await,
        JobKind::Generate => stream_tokens(ollama.generate(&spec).await, &reporter).await,
        JobKind::Embed => Ok(ollama.embed(&spec).await.map(|outcome| JobCompletedOnNode {
            model: outcome.model,
            stats: Some(outcome.stats),
            embeddings: outcome.embeddings,
        })),
        JobKind::Unspecified => Ok(Err(OllamaError::BadSpec {
            reason: "job kind is unspecified; submit it as chat, generate or embed".to_owned(),
        })),
    };
    let Ok(outcome) = outcome else {
        return;
    };
    let last = match outcome {
        Ok(completed) => AgentJobUpdate {
            job_id: reporter.job_id.clone(),
            event: Some(Event::Completed(completed)),
        },
        Err(error) => failed(reporter.job_id.clone(), error.to_string(), false),
    };
    // If the link has gone meanwhile there is nobody left to tell.
    let _ = reporter.updates.send(last).await;
}

/// Forwards every non-empty token as a delta; the final chunk becomes the completion.
async fn stream_tokens(
    stream: Result<GenerationStream, OllamaError>,
    reporter: &Reporter,
) -> Result<Result<JobCompletedOnNode, OllamaError>, LinkGone> {
    let mut stream = match stream {
        Ok(stream) => stream,
        Err(error) => return Ok(Err(error)),
    };
    loop {
        let chunk = match stream.next_chunk().await {
            Ok(Some(chunk)) => chunk,
            // `next_chunk` reports a stream without its final chunk as an error, so `None`
            // only follows the final chunk, which returned below.
            Ok(None) => return Ok(Err(OllamaError::Truncated)),
            Err(error) => return Ok(Err(error)),
        };
        if !chunk.text.is_empty() {
            reporter.send(Event::Delta(chunk.text)).await?;
        }
        if let Some(stats) = chunk.final_stats {
            return Ok(Ok(JobCompletedOnNode {
                model: chunk.model,
                stats: Some(stats),
                embeddings: Vec::new(),
            }));
        }
    }
}

struct Reporter {
    job_id: String,
    updates: mpsc::Sender<AgentJobUpdate>,
}

impl Reporter {
    async fn send(&self, event: Event) -> Result<(), LinkGone> {
        let update = AgentJobUpdate {
            job_id: self.job_id.clone(),
            event: Some(event),
        };
        self.updates.send(update).await.map_err(|_| LinkGone)
    }
}
