//! What a provider's failure does: a rate limit cools the model down until the provider's
//! hint, a refused key takes the node down, a gone model is marked; each is logged once with
//! the provider's figures, never the key, and the prober is woken to publish it at once.

use proto::v1::{FailureCause, JobSpec};
use tracing::warn;

use super::{DEFAULT_COOL_DOWN, ProviderBackend, clock_time, now_ms};
use crate::backend::JobFailure;
use crate::providers::{ProviderApi, ProviderError, ProviderErrorKind};

impl<A: ProviderApi> ProviderBackend<A> {
    /// Acts on a failure and words it for the job; logged here, once.
    pub(super) fn failed(&self, spec: &JobSpec, error: ProviderError) -> JobFailure {
        let vendor = self.api.vendor();
        let words = self.redact(&error.to_string());
        let limits: Vec<String> = error
            .limits
            .iter()
            .map(|(name, value)| format!("{name}={}", self.redact(value)))
            .collect();
        let (message, cause) = match &error.kind {
            ProviderErrorKind::RateLimited { retry_after } => {
                let wait = retry_after.unwrap_or(DEFAULT_COOL_DOWN);
                let until =
                    now_ms().saturating_add(i64::try_from(wait.as_millis()).unwrap_or(i64::MAX));
                let reason = format!("{vendor} answered {words}");
                self.state()
                    .rate_limited(&spec.model, until, reason.clone());
                warn!(backend = vendor, model = %spec.model, status = ?error.status, error_type = %error.error_type, code = %error.code, retry_after = ?retry_after, cool_down = ?wait, limits = %limits.join(" "), message = %self.redact(&error.message),
                    "{vendor} rate limit: {} rejected until {}", spec.model, clock_time(until));
                (
                    format!(
                        "{vendor} rate limited {} until {}: {reason}",
                        spec.model,
                        clock_time(until)
                    ),
                    FailureCause::RateLimited,
                )
            }
            ProviderErrorKind::KeyRejected => {
                let reason = self.trouble_reason(&error);
                self.state().key_rejected(reason.clone());
                warn!(backend = vendor, status = ?error.status, error = %reason, "{vendor}: the API key was rejected; every model of this node is unavailable until it works");
                (reason, FailureCause::ProviderError)
            }
            ProviderErrorKind::ModelGone => {
                let reason = format!("{vendor} answered {words}");
                self.state().model_gone(&spec.model, reason.clone());
                warn!(backend = vendor, model = %spec.model, status = ?error.status, code = %error.code, error = %words, "{vendor} does not serve {}; it stays unavailable until {vendor} lists it again", spec.model);
                (reason, FailureCause::ProviderError)
            }
            ProviderErrorKind::Timeout => {
                warn!(backend = vendor, model = %spec.model, error = %words, "{vendor} timed out");
                (format!("{vendor}: {words}"), FailureCause::ProviderError)
            }
            _ => {
                warn!(backend = vendor, model = %spec.model, status = ?error.status, error_type = %error.error_type, code = %error.code, limits = %limits.join(" "), error = %words, "{vendor} failed the job");
                (
                    format!("{vendor} answered {words}"),
                    FailureCause::ProviderError,
                )
            }
        };
        if matches!(
            error.kind,
            ProviderErrorKind::RateLimited { .. }
                | ProviderErrorKind::KeyRejected
                | ProviderErrorKind::ModelGone
        ) {
            self.changes.notify_one();
        }
        JobFailure {
            message,
            cause,
            usage: error.partial_usage,
        }
    }
}
