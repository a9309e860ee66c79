//! One running generation: produces the answer token by token with the think time the test
//! asked for, fails where it was told to, and measures itself for the final statistics. It also
//! keeps the books: it is an active stream while it lives, and an aborted one if it is dropped
//! (the client went away) before its last event.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;

use super::answer::answer_token;
use super::reported_usage::ReportedUsage;
use super::state::{Behaviour, SharedState};
use super::stop_sequences::stop_cut;
use super::wire::Metrics;

/// What a generation was asked to do, fixed when the request arrives.
#[derive(Clone, Debug)]
pub(crate) struct GenerationPlan {
    pub prompt: String,
    pub prompt_eval_count: usize,
    pub answer_tokens: usize,
    /// `stop` normally or when a stop sequence ended it, `length` when `options.num_predict`
    /// cut the answer short.
    pub done_reason: &'static str,
    /// The last token's text when a stop sequence begins inside it.
    pub partial_last_token: Option<String>,
    /// `eval_count` when a stop sequence ended the answer (tokens through the sequence).
    pub evaluated_tokens: Option<usize>,
    pub fail_after: Option<(usize, String)>,
    pub request_started: Instant,
    /// The model name as the request sent it, for the usage book.
    pub model: String,
    /// `prompt_eval_cached_count`: prompt tokens read from the prompt cache.
    pub cached_tokens: usize,
}

impl GenerationPlan {
    pub fn new(
        prompt: String,
        prompt_eval_count: usize,
        behaviour: &Behaviour,
        num_predict: Option<usize>,
        stop: &[String],
        request_started: Instant,
    ) -> Self {
        let (mut answer_tokens, mut done_reason) = match num_predict {
            Some(limit) if limit < behaviour.answer_tokens => (limit, "length"),
            _ => (behaviour.answer_tokens, "stop"),
        };
        let cut = stop_cut(&prompt, answer_tokens, stop);
        if let Some(cut) = &cut {
            answer_tokens = cut.streamed_tokens;
            done_reason = "stop";
        }
        let (partial_last_token, evaluated_tokens) = cut.map_or((None, None), |cut| {
            (cut.partial_last_token, Some(cut.evaluated_tokens))
        });
        Self {
            prompt,
            prompt_eval_count,
            answer_tokens,
            done_reason,
            partial_last_token,
            evaluated_tokens,
            fail_after: behaviour.fail_mid_stream_after.clone(),
            request_started,
            model: String::new(),
            cached_tokens: 0,
        }
    }
}

/// The next thing a generation has to say.
#[derive(Debug)]
pub(crate) enum GenerationEvent {
    Token(String),
    /// The model failed after some tokens; Ollama sends `{"error": ...}` and ends the stream.
    Failed(String),
    Finished(FinishedGeneration),
    /// The stand-in stopped answering; the connection is being cut.
    Killed,
}

#[derive(Debug)]
pub(crate) struct FinishedGeneration {
    pub done_reason: &'static str,
    pub metrics: Metrics,
    pub text: String,
}

pub(crate) struct Generation {
    state: Arc<SharedState>,
    plan: GenerationPlan,
    stopped: CancellationToken,
    loaded_at: Instant,
    first_token_at: Option<Instant>,
    next_index: usize,
    text: String,
    over: bool,
    reached_its_end: bool,
}

impl Generation {
    pub fn start(state: Arc<SharedState>, plan: GenerationPlan) -> Self {
        state.active_streams.fetch_add(1, Ordering::SeqCst);
        state.generations.started(&plan.prompt);
        Self {
            stopped: state.answering_token(),
            state,
            plan,
            loaded_at: Instant::now(),
            first_token_at: None,
            next_index: 0,
            text: String::new(),
            over: false,
            reached_its_end: false,
        }
    }

    /// Waits the think time, then says what comes next; `None` once the generation is over.
    pub async fn next_event(&mut self) -> Option<GenerationEvent> {
        if self.over {
            return None;
        }
        let index = self.next_index;
        let failure = match &self.plan.fail_after {
            Some((after_tokens, message)) if *after_tokens == index => Some(message.clone()),
            _ => None,
        };
        let finishing = failure.is_none() && index >= self.plan.answer_tokens;
        // Delays are read now, not at the start, so a test can slow down a running stream.
        let behaviour = self.state.behaviour();
        let think_time = match (index, finishing) {
            (0, _) => behaviour.first_token_delay,
            // Ollama sends the final statistics right after the last token.
            (_, true) => Duration::ZERO,
            (_, false) => behaviour.token_delay,
        };
        if !self.wait(think_time).await {
            self.over = true;
            return Some(GenerationEvent::Killed);
        }
        if index == 0 {
            self.first_token_at = Some(Instant::now());
        }
        if let Some(message) = failure {
            self.end();
            return Some(GenerationEvent::Failed(message));
        }
        if finishing {
            self.end();
            let finished = self.finished();
            self.count_reported_usage(&finished.metrics);
            (self.state.generations).finished(&self.plan.prompt, &finished.text);
            return Some(GenerationEvent::Finished(finished));
        }
        let token = match &self.plan.partial_last_token {
            Some(partial) if index + 1 == self.plan.answer_tokens => partial.clone(),
            _ => answer_token(&self.plan.prompt, index),
        };
        self.text.push_str(&token);
        self.next_index += 1;
        Some(GenerationEvent::Token(token))
    }

    /// Sleeps `think_time` unless the stand-in stops answering first; false if it did.
    async fn wait(&self, think_time: Duration) -> bool {
        if think_time.is_zero() {
            return !self.stopped.is_cancelled();
        }
        tokio::select! {
            () = tokio::time::sleep(think_time) => true,
            () = self.stopped.cancelled() => false,
        }
    }

    fn end(&mut self) {
        self.over = true;
        self.reached_its_end = true;
    }

    /// Books the final chunk's counts, which go on the wire next, under the plan's model.
    fn count_reported_usage(&self, metrics: &Metrics) {
        let usage = ReportedUsage::of_answer(
            metrics.prompt_eval_count,
            metrics.eval_count,
            metrics.prompt_eval_cached_count,
            0,
        );
        self.state.usage.report_whole(&self.plan.model, usage);
    }

    fn finished(&self) -> FinishedGeneration {
        let now = Instant::now();
        let first_token_at = self.first_token_at.unwrap_or(self.loaded_at);
        // Go omits zero durations; a real run never takes zero nanoseconds, so neither do we.
        let nanoseconds = |from: Instant, to: Instant| {
            u64::try_from(to.saturating_duration_since(from).as_nanos())
                .unwrap_or(u64::MAX)
                .max(1)
        };
        FinishedGeneration {
            done_reason: self.plan.done_reason,
            metrics: Metrics {
                total_duration: nanoseconds(self.plan.request_started, now),
                load_duration: nanoseconds(self.plan.request_started, self.loaded_at),
                prompt_eval_count: self.plan.prompt_eval_count as u64,
                prompt_eval_cached_count: self.plan.cached_tokens as u64,
                prompt_eval_duration: nanoseconds(self.loaded_at, first_token_at),
                eval_count: self.plan.evaluated_tokens.unwrap_or(self.next_index) as u64,
                eval_duration: nanoseconds(first_token_at, now),
            },
            text: self.text.clone(),
        }
    }
}

impl Drop for Generation {
    fn drop(&mut self) {
        self.state.active_streams.fetch_sub(1, Ordering::SeqCst);
        // Streams cut by stop_answering() are the server's doing, not a client hanging up.
        if !self.reached_its_end && !self.stopped.is_cancelled() {
            self.state.aborted_streams.fetch_add(1, Ordering::SeqCst);
            tracing::info!(
                tokens_generated = self.next_index,
                "stand-in ollama: client went away before the generation ended"
            );
        }
    }
}
