//! Tests: Gathering against a cluster that does not answer.

use tokio_util::sync::CancellationToken;

use super::*;
use crate::{AgentDeps, AgentInput, AgentKind};

#[tokio::test]
async fn a_cluster_that_does_not_answer_is_said_in_words() {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    let coordinator = client::Coordinator::lazy("127.0.0.1:1").unwrap();
    let span = tracing::info_span!("agent_run", trace_id = tracing::field::Empty);
    let context = RunContext {
        input: AgentInput {
            run_id: "r".into(),
            agent: AgentKind::Briefing,
            model: "qwen2.5:14b".into(),
            input: "2026-12-02".into(),
            source: String::new(),
            time_zone: chrono_tz::UTC,
        },
        deps: AgentDeps {
            coordinator,
            vault: None,
            post: None,
            alerts: None,
        },
        cancel: CancellationToken::new(),
        trace: telemetry::JobTrace::adopt(&span, &telemetry::TraceCarrier::new()),
    };
    let day = BriefingDay::parse("2026-12-02", chrono_tz::UTC).unwrap();
    let problem = gather_facts(&context, &day).await.unwrap_err();
    assert!(
        problem.starts_with("listing the jobs failed: "),
        "{problem}"
    );
}
