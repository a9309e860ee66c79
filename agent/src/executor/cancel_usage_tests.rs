//! A cancelled job reports the usage its backend had reported before the cancel: a backend
//! that reports usage as it goes (as the Anthropic and Gemini clients do), then waits for the
//! cancel; and none when the backend had reported nothing (Ollama's case, tested in `tests.rs`).

use std::sync::Arc;
use std::time::Duration;

use proto::v1::agent_job_update::Event;
use proto::v1::{JobFailedOnNode, JobSpec, TokenUsage};
use telemetry::TraceCarrier;
use tokio::sync::Notify;

use super::Executor;
use crate::backend::{Backend, BackendHealth, BoxFuture, JobOutcome, LinkGone, Tokens};

/// Reports `usage` (if any) like a provider's `message_start`, signals, then never ends.
struct ReportsThenWaits {
    usage: Option<TokenUsage>,
    reported: Arc<Notify>,
}

impl Backend for ReportsThenWaits {
    fn name(&self) -> &'static str {
        "anthropic"
    }

    fn address(&self) -> &str {
        "http://127.0.0.1:9"
    }

    fn probe(&self) -> BoxFuture<'_, BackendHealth> {
        Box::pin(async { BackendHealth::not_probed_yet() })
    }

    fn run<'a>(
        &'a self,
        _spec: &'a JobSpec,
        tokens: &'a mut Tokens,
    ) -> BoxFuture<'a, Result<JobOutcome, LinkGone>> {
        Box::pin(async move {
            tokens.report_usage_so_far(self.usage);
            self.reported.notify_one();
            std::future::pending().await
        })
    }
}

async fn cancelled_report(usage: Option<TokenUsage>) -> Option<Event> {
    let reported = Arc::new(Notify::new());
    let backend = ReportsThenWaits {
        usage,
        reported: reported.clone(),
    };
    let (mut executor, _updates) = Executor::new(Arc::new(backend), 1);
    let spec = Some(JobSpec {
        model: "claude-sonnet-4-5".to_owned(),
        ..JobSpec::default()
    });
    executor.assign("job-1".to_owned(), spec, &TraceCarrier::new());
    tokio::time::timeout(Duration::from_secs(5), reported.notified())
        .await
        .expect("the backend did not start within 5 s");
    executor.cancel("job-1").unwrap().event
}

#[tokio::test]
async fn a_cancelled_job_reports_the_usage_its_provider_reported_before_the_cancel() {
    let input_only = TokenUsage {
        input_tokens: Some(1_200),
        cached_input_tokens: Some(1_000),
        ..TokenUsage::default()
    };
    let event = cancelled_report(Some(input_only)).await;
    assert_eq!(
        event,
        Some(Event::Failed(JobFailedOnNode {
            message: "cancelled".to_owned(),
            cancelled: true,
            usage: Some(input_only),
            ..JobFailedOnNode::default()
        }))
    );
}

#[tokio::test]
async fn a_cancelled_job_whose_backend_reported_nothing_has_no_usage() {
    let Some(Event::Failed(failure)) = cancelled_report(None).await else {
        panic!("a cancel reports a failure");
    };
    assert!(failure.cancelled);
    assert_eq!(failure.usage, None);
}
