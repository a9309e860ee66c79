//! [`ProviderBackend`]: a cloud provider as the node's [`Backend`], over one vendor client.
//! It asks the model list every `list_interval` (it also proves the key), refuses a job at
//! once while its model cools down from a rate limit, acts on each failure (a refused key
//! takes the node down, a 429 cools the model down until the provider's hint, a gone model is
//! marked so), logs each failure once with everything the operator needs and never the key,
//! and flags an answer from another model than the one asked for.

mod failure;
#[cfg(test)]
mod tests;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use proto::v1::{FailureCause, JobCompletedOnNode, JobKind, JobSpec};
use settings::Secret;
use tokio::sync::Notify;
use tracing::{Instrument, info, warn};

use super::api::{Completion, ProviderApi, ProviderError, ProviderErrorKind};
use super::provider_state::ProviderState;
use crate::backend::{Backend, BackendHealth, BoxFuture, JobFailure, JobOutcome, LinkGone, Tokens};

/// A rate limit that named no wait cools the model down this long.
pub const DEFAULT_COOL_DOWN: Duration = Duration::from_secs(30);

pub struct ProviderBackend<A> {
    api: A,
    base_url: String,
    api_key: Secret,
    offered: Vec<String>,
    list_interval: Duration,
    state: Mutex<ProviderState>,
    changes: Arc<Notify>,
}

impl<A: ProviderApi> ProviderBackend<A> {
    pub fn new(
        api: A,
        base_url: String,
        api_key: Secret,
        offered: Vec<String>,
        list_interval: Duration,
    ) -> Self {
        Self {
            api,
            base_url,
            api_key,
            offered,
            list_interval,
            state: Mutex::new(ProviderState::default()),
            changes: Arc::new(Notify::new()),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, ProviderState> {
        // Nothing panics while holding it; a poisoned lock still holds consistent data.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The provider's words with the key, should it ever be echoed, replaced by `***`.
    fn redact(&self, text: &str) -> String {
        let key = self.api_key.expose();
        if key.len() < 4 {
            return text.to_owned();
        }
        text.replace(key, "***")
    }

    async fn probe_now(&self) -> BackendHealth {
        let vendor = self.api.vendor();
        let due = self.state().list_due(Instant::now(), self.list_interval);
        if due {
            let started = Instant::now();
            match self.api.list_models().await {
                Ok(models) => self.state().listed_ok(models, started),
                Err(error) => {
                    let reason = self.trouble_reason(&error);
                    warn!(backend = vendor, base_url = %self.base_url, status = ?error.status, error_type = %error.error_type, code = %error.code, error = %reason, "{vendor}: listing the models failed");
                    self.state().list_failed(reason, started);
                }
            }
        }
        self.state()
            .health(vendor, self.api.api_version(), &self.offered, now_ms())
    }

    /// Why the whole provider cannot be used, for the node's state.
    fn trouble_reason(&self, error: &ProviderError) -> String {
        let vendor = self.api.vendor();
        let words = self.redact(&error.to_string());
        match error.kind {
            ProviderErrorKind::KeyRejected => {
                format!("{vendor} rejected the API key ({words})")
            }
            _ => format!("{vendor} API not answering ({words})"),
        }
    }

    async fn run_job(&self, spec: &JobSpec, tokens: &mut Tokens) -> Result<JobOutcome, LinkGone> {
        let vendor = self.api.vendor();
        if let Some((until, reason)) = self
            .state()
            .cooling_until(&spec.model, now_ms())
            .map(|(until, reason)| (until, reason.to_owned()))
        {
            return Ok(Err(JobFailure {
                message: format!(
                    "{vendor} rate limited {} until {}: {reason}",
                    spec.model,
                    clock_time(until)
                ),
                cause: FailureCause::RateLimited,
                usage: None,
            }));
        }
        if let Some(reason) = self.state().gone_reason(&spec.model).map(str::to_owned) {
            return Ok(Err(JobFailure {
                message: format!(
                    "{reason} (for an earlier job; {vendor} is not asked again until it lists the model)"
                ),
                cause: FailureCause::ProviderError,
                usage: None,
            }));
        }
        let answer = match spec.kind() {
            JobKind::Chat | JobKind::Generate => self.api.stream(spec, tokens).await?,
            JobKind::Embed => self.api.embed(spec).await,
            JobKind::Unspecified => Err(ProviderError {
                kind: ProviderErrorKind::Unsupported,
                status: None,
                error_type: String::new(),
                code: String::new(),
                message: "job kind is unspecified; submit it as chat, generate or embed".to_owned(),
                limits: Vec::new(),
                partial_usage: None,
            }),
        };
        Ok(match answer {
            Ok(completion) => Ok(self.completed(spec, completion)),
            Err(error) => Err(self.failed(spec, error)),
        })
    }

    fn completed(&self, spec: &JobSpec, completion: Completion) -> JobCompletedOnNode {
        let vendor = self.api.vendor();
        let mut warnings = Vec::new();
        if !completion.model.is_empty() && !same_model(&spec.model, &completion.model) {
            warn!(backend = vendor, asked = %spec.model, answered = %completion.model,
                "{vendor} answered with another model than the one asked for");
            warnings.push(format!(
                "{vendor} answered with model {}, not {}: the provider may have retired {} and routed the request elsewhere",
                completion.model, spec.model, spec.model
            ));
        }
        warnings.extend(completion.cut_short_warning(vendor));
        JobCompletedOnNode {
            model: if completion.model.is_empty() {
                spec.model.clone()
            } else {
                completion.model
            },
            stats: None,
            embeddings: completion.embeddings,
            usage: Some(completion.usage),
            warnings,
        }
    }
}

impl<A: ProviderApi> Backend for ProviderBackend<A> {
    fn name(&self) -> &'static str {
        self.api.vendor()
    }

    fn address(&self) -> &str {
        &self.base_url
    }

    fn probe(&self) -> BoxFuture<'_, BackendHealth> {
        Box::pin(self.probe_now())
    }

    fn changes(&self) -> Option<Arc<Notify>> {
        Some(Arc::clone(&self.changes))
    }

    fn run<'a>(
        &'a self,
        spec: &'a JobSpec,
        tokens: &'a mut Tokens,
    ) -> BoxFuture<'a, Result<JobOutcome, LinkGone>> {
        let span = tracing::info_span!(
            "provider_request",
            gen_ai.system = self.api.vendor(),
            gen_ai.request.model = %spec.model,
            otel.kind = "client",
        );
        Box::pin(
            async move {
                let outcome = self.run_job(spec, tokens).await;
                if let Ok(Ok(completed)) = &outcome {
                    info!(model = %completed.model, "provider answered");
                }
                outcome
            }
            .instrument(span),
        )
    }
}

/// Whether the provider's `answered` names the model `asked` for: the same id, with or
/// without Gemini's `models/`, or a dated snapshot of it (`claude-x` answered as `claude-x-20250514`).
pub fn same_model(asked: &str, answered: &str) -> bool {
    let asked = asked.strip_prefix("models/").unwrap_or(asked);
    let answered = answered.strip_prefix("models/").unwrap_or(answered);
    answered == asked
        || answered.strip_prefix(asked).is_some_and(|rest| {
            rest.starts_with('-') && rest[1..].chars().all(|c| c.is_ascii_digit())
        })
}

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// `HH:MM:SS UTC` of a unix-ms time: when a cool-down ends, as the operator reads it.
pub fn clock_time(unix_ms: i64) -> String {
    let seconds = unix_ms.div_euclid(1000).rem_euclid(86_400);
    format!(
        "{:02}:{:02}:{:02} UTC",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}
