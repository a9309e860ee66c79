//! Reads a `:streamGenerateContent?alt=sse` answer as it arrives. Follows the REST reference
//! (ai.google.dev/api/generate-content#method:-models.streamgeneratecontent) and the recorded
//! streams of providers.md §3.2: one `data:` event per `GenerateContentResponse`, frames ending
//! `\r\n\r\n` (the shared SSE reader splits them), no `event:` and no `[DONE]`: the body ends
//! when the connection closes, and only a chunk with a `finishReason` (see `stream_progress`)
//! makes the answer complete.

use super::stream_progress::Progress;
use super::{Completion, GeminiClient, ProviderError};
use crate::backend::{LinkGone, Tokens};
use crate::providers::sse::SseStream;

/// Streams the answer's text to `tokens`; `Err(LinkGone)` only when nobody listens.
pub(super) async fn read_stream(
    client: &GeminiClient,
    response: reqwest::Response,
    tokens: &mut Tokens,
) -> Result<Result<Completion, ProviderError>, LinkGone> {
    let mut events = SseStream::new(response);
    let mut progress = Progress::default();
    loop {
        let event = match events.next_event().await {
            Ok(Some(event)) => event,
            Ok(None) => return Ok(progress.finish()),
            // After a finishReason nothing is missing: the connection's end is only late.
            Err(error) if progress.is_finished() => {
                tracing::debug!(%error, "gemini: the connection failed after the final chunk");
                return Ok(progress.finish());
            }
            Err(error) => {
                return Ok(Err(client.transport_error(&error, progress.partial_usage())));
            }
        };
        match progress.take_event(&event.data, &client.api_key) {
            Ok(text) => {
                tokens.report_usage_so_far(progress.partial_usage());
                tokens.send(text).await?;
            }
            Err(error) => return Ok(Err(error)),
        }
    }
}
