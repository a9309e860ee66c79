//! Ollama as a [`Backend`]: probes through `crate::prober` (with `/api/show` capabilities
//! cached per digest) and runs jobs on `/api/chat`, `/api/generate` and `/api/embed`, each in
//! an `ollama_request` span.

use proto::v1::{FailureCause, JobCompletedOnNode, JobKind, JobSpec, OllamaStats, TokenUsage};
use tokio::sync::Mutex;
use tracing::Instrument;

use super::{Backend, BackendHealth, BoxFuture, JobFailure, JobOutcome, LinkGone, Tokens};
use crate::ollama::{GenerationStream, OllamaClient, OllamaError};
use crate::prober::{CapabilityCache, probe_with};

pub struct OllamaBackend {
    client: OllamaClient,
    /// Only the prober asks, so the lock is never contended.
    capabilities: Mutex<CapabilityCache>,
}

impl OllamaBackend {
    pub fn new(client: OllamaClient) -> Self {
        Self {
            client,
            capabilities: Mutex::new(CapabilityCache::default()),
        }
    }
}

impl Backend for OllamaBackend {
    fn name(&self) -> &'static str {
        "ollama"
    }

    fn address(&self) -> &str {
        self.client.base_url()
    }

    fn probe(&self) -> BoxFuture<'_, BackendHealth> {
        Box::pin(async move {
            let mut capabilities = self.capabilities.lock().await;
            probe_with(&self.client, &mut capabilities).await
        })
    }

    fn run<'a>(
        &'a self,
        spec: &'a JobSpec,
        tokens: &'a mut Tokens,
    ) -> BoxFuture<'a, Result<JobOutcome, LinkGone>> {
        let span = tracing::info_span!(
            "ollama_request",
            model = %spec.model,
            endpoint = endpoint(spec.kind()),
            otel.kind = "client",
        );
        Box::pin(
            async move {
                let outcome = match spec.kind() {
                    JobKind::Chat => stream_tokens(self.client.chat(spec).await, tokens).await?,
                    JobKind::Generate => {
                        stream_tokens(self.client.generate(spec).await, tokens).await?
                    }
                    JobKind::Embed => {
                        self.client
                            .embed(spec)
                            .await
                            .map(|outcome| JobCompletedOnNode {
                                done_reason: outcome.stats.done_reason.clone(),
                                model: outcome.model,
                                usage: Some(usage_of(&outcome.stats)),
                                stats: Some(outcome.stats),
                                embeddings: outcome.embeddings,
                                warnings: Vec::new(),
                            })
                    }
                    JobKind::Unspecified => Err(OllamaError::BadSpec {
                        reason: "job kind is unspecified; submit it as chat, generate or embed"
                            .to_owned(),
                    }),
                };
                Ok(outcome.map_err(|error| JobFailure {
                    message: error.to_string(),
                    cause: FailureCause::OllamaError,
                    usage: None,
                }))
            }
            .instrument(span),
        )
    }
}

/// Ollama's endpoint for a job kind, to name in the request's span.
fn endpoint(kind: JobKind) -> &'static str {
    match kind {
        JobKind::Chat => "/api/chat",
        JobKind::Generate => "/api/generate",
        JobKind::Embed => "/api/embed",
        JobKind::Unspecified => "",
    }
}

/// Ollama's counts as usage: `prompt_eval_count` in, `eval_count` out, and
/// `prompt_eval_cached_count` as cached input when a newer Ollama sends it (it is already
/// included in `prompt_eval_count`). Ollama leaves a count out (read as 0) when it did not
/// measure it, e.g. a prompt served from its cache by an older build or an embedding's output:
/// a zero count with a zero duration is "not said", not 0.
pub(crate) fn usage_of(stats: &OllamaStats) -> TokenUsage {
    let cached = stats.prompt_eval_cached_count;
    TokenUsage {
        input_tokens: (stats.prompt_eval_count > 0
            || stats.prompt_eval_duration_ns > 0
            || cached.is_some())
        .then_some(stats.prompt_eval_count),
        output_tokens: (stats.eval_count > 0 || stats.eval_duration_ns > 0)
            .then_some(stats.eval_count),
        cached_input_tokens: cached,
        ..TokenUsage::default()
    }
}

/// Forwards every non-empty token as a delta; the final chunk becomes the completion.
async fn stream_tokens(
    stream: Result<GenerationStream, OllamaError>,
    tokens: &mut Tokens,
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
        tokens.send(chunk.text).await?;
        if let Some(stats) = chunk.final_stats {
            return Ok(Ok(JobCompletedOnNode {
                done_reason: stats.done_reason.clone(),
                model: chunk.model,
                usage: Some(usage_of(&stats)),
                stats: Some(stats),
                embeddings: Vec::new(),
                warnings: Vec::new(),
            }));
        }
    }
}
