//! One answer being produced: token by token with the think time the test asked for, failing
//! where it was told to. It keeps the books too: an active stream while it lives, an aborted one
//! if it is dropped (the client went away) before its last step. Each vendor turns the steps
//! into its own frames through a [`Framer`].

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::body::{Body, Bytes};
use futures::StreamExt as _;
use serde_json::Value;

use super::state::Shared;
use crate::fake_ollama::stop_sequences::stop_cut;
use crate::fake_ollama::{AnswerSlot, ReportedUsage, answer_token};

/// What an answer will be, fixed when the request arrives.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    /// The text the answer is built from: the last user message.
    pub prompt: String,
    pub input_tokens: usize,
    pub tokens: usize,
    /// True when the request's own output cap made the answer shorter.
    pub capped: bool,
    /// Fail (in the vendor's in-stream way) after this many tokens.
    pub fail_after: Option<usize>,
    /// The request's stop sequence that ended the answer (the text stops just before it).
    pub stop_sequence: Option<String>,
    /// The last token's text when the stop sequence begins inside it.
    pub partial_last_token: Option<String>,
}

impl Plan {
    /// The answer length for a request capping output at `cap`, under the current behaviour.
    pub fn new(shared: &Shared, prompt: String, input_tokens: usize, cap: Option<u64>) -> Self {
        let wanted = shared.behaviour().answer_tokens;
        let cap = cap.map_or(usize::MAX, |cap| usize::try_from(cap).unwrap_or(usize::MAX));
        Self {
            prompt,
            input_tokens,
            tokens: wanted.min(cap),
            capped: cap < wanted,
            fail_after: None,
            stop_sequence: None,
            partial_last_token: None,
        }
    }

    /// Ends the answer before the first of `stop` it contains, as every vendor documents it
    /// (the returned text does not contain the stop sequence); then it was not capped.
    pub fn with_stop(mut self, stop: &[String]) -> Self {
        if let Some(cut) = stop_cut(&self.prompt, self.tokens, stop) {
            self.tokens = cut.streamed_tokens;
            self.capped = false;
            self.stop_sequence = Some(cut.sequence);
            self.partial_last_token = cut.partial_last_token;
        }
        self
    }
}

#[derive(Clone, Debug)]
pub(crate) enum Step {
    Token {
        index: usize,
        text: String,
    },
    /// The vendor's in-stream error, where a test asked for one.
    Failed,
    Finished {
        emitted: usize,
    },
}

/// Turns an answer's steps into one vendor's bytes.
pub(crate) trait Framer: Send + 'static {
    /// Sent with the response headers, before any think time.
    fn opening(&mut self) -> String;
    fn frame(&mut self, step: &Step) -> String;
    /// The usage one `data:` object of this vendor's stream reports, if it reports any.
    fn reported_usage(&self, data: &Value) -> Option<ReportedUsage>;
}

/// Books the usage in the `data:` lines of `frames`, just written, under `slot`.
fn book_frames(shared: &Shared, slot: AnswerSlot, framer: &impl Framer, frames: &str) {
    let objects = frames.lines().filter_map(|line| line.strip_prefix("data:"));
    let objects = objects.filter_map(|data| serde_json::from_str::<Value>(data.trim()).ok());
    for object in objects {
        if let Some(usage) = framer.reported_usage(&object) {
            shared.usage.report(slot, usage);
        }
    }
}

pub(crate) struct Generation {
    shared: Arc<Shared>,
    plan: Plan,
    next_index: usize,
    text: String,
    over: bool,
}

impl Generation {
    pub fn start(shared: Arc<Shared>, plan: Plan) -> Self {
        shared.active_streams.fetch_add(1, Ordering::SeqCst);
        let text = String::new();
        let (next_index, over) = (0, false);
        Self {
            shared,
            plan,
            next_index,
            text,
            over,
        }
    }

    /// Waits the think time, then says what comes next; `None` once the answer is over.
    pub async fn next_step(&mut self) -> Option<Step> {
        if self.over {
            return None;
        }
        let (index, tokens) = (self.next_index, self.plan.tokens);
        let behaviour = self.shared.behaviour();
        if self.plan.fail_after.map(|after| after.min(tokens)) == Some(index) {
            self.over = true;
            return Some(Step::Failed);
        }
        if index >= tokens {
            self.over = true;
            return Some(Step::Finished { emitted: index });
        }
        let think = if index == 0 {
            behaviour.first_token_delay
        } else {
            behaviour.token_delay
        };
        if think > Duration::ZERO {
            tokio::time::sleep(think).await;
        }
        let text = match &self.plan.partial_last_token {
            Some(partial) if index + 1 == tokens => partial.clone(),
            _ => answer_token(&self.plan.prompt, index),
        };
        self.text.push_str(&text);
        self.next_index += 1;
        Some(Step::Token { index, text })
    }

    /// Runs to the end without streaming: the whole answer and its token count, after every
    /// think time.
    pub async fn collect(mut self) -> (String, usize) {
        while self.next_step().await.is_some() {}
        (self.text.clone(), self.next_index)
    }

    /// The streamed body: the framer's opening at once, then one write per step. The usage each
    /// write reports is booked under `model` as it is written.
    pub fn stream_body(self, mut framer: impl Framer, model: &str) -> Body {
        let slot = self.shared.usage.open(model);
        let opening = framer.opening();
        book_frames(&self.shared, slot, &framer, &opening);
        let opening = Bytes::from(opening);
        let steps = futures::stream::unfold(
            (self, framer),
            move |(mut generation, mut framer)| async move {
                let step = generation.next_step().await?;
                let frames = framer.frame(&step);
                book_frames(&generation.shared, slot, &framer, &frames);
                Some((
                    Ok::<_, Infallible>(Bytes::from(frames)),
                    (generation, framer),
                ))
            },
        );
        Body::from_stream(futures::stream::once(async { Ok(opening) }).chain(steps))
    }
}

impl Drop for Generation {
    fn drop(&mut self) {
        self.shared.active_streams.fetch_sub(1, Ordering::SeqCst);
        if !self.over {
            self.shared.aborted_streams.fetch_add(1, Ordering::SeqCst);
            let tokens_sent = self.next_index;
            tracing::info!(
                tokens_sent,
                "stand-in provider: client went away mid-answer"
            );
        }
    }
}
