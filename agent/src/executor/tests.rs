//! Tests of the executor against the stand-in Ollama: the update sequence, max_parallel,
//! cancel and abort.

use std::time::Duration;

use proto::v1::agent_job_update::Event;
use proto::v1::{AgentJobUpdate, ChatMessage, JobKind, JobSpec};
use telemetry::TraceCarrier;
use tokio::sync::mpsc;

use super::Executor;
use crate::ollama::OllamaClient;
use crate::test_support::{FakeOllama, Script};

fn chat(model: &str) -> Option<JobSpec> {
    Some(JobSpec {
        kind: JobKind::Chat as i32,
        model: model.to_owned(),
        messages: vec![ChatMessage {
            role: "user".to_owned(),
            content: "hi".to_owned(),
        }],
        ..JobSpec::default()
    })
}

/// The next update the executor lets through, as the link's loop would receive it.
async fn next(
    executor: &mut Executor,
    updates: &mut mpsc::Receiver<AgentJobUpdate>,
) -> AgentJobUpdate {
    loop {
        let update = tokio::time::timeout(Duration::from_secs(5), updates.recv())
            .await
            .expect("no job update within 5 s")
            .expect("the update channel closed");
        if let Some(update) = executor.accept(update, true) {
            return update;
        }
    }
}

async fn setup(
    installed: &[&'static str],
    max_parallel: u32,
) -> (FakeOllama, Executor, mpsc::Receiver<AgentJobUpdate>) {
    let ollama = FakeOllama::start(installed).await;
    let (executor, updates) = Executor::new(
        std::sync::Arc::new(crate::backend::OllamaBackend::new(
            OllamaClient::new(&ollama.url).unwrap(),
        )),
        max_parallel,
    );
    (ollama, executor, updates)
}

#[tokio::test]
async fn a_job_reports_started_deltas_then_completed() {
    let (_ollama, mut executor, mut updates) = setup(&["qwen2.5:14b"], 1).await;
    assert!(
        executor
            .assign(
                "job-1".to_owned(),
                chat("qwen2.5:14b"),
                &TraceCarrier::new()
            )
            .is_none()
    );
    assert_eq!(executor.running_jobs(), 1);
    assert!(matches!(
        next(&mut executor, &mut updates).await.event,
        Some(Event::Started(_))
    ));
    assert_eq!(
        next(&mut executor, &mut updates).await.event,
        Some(Event::Delta("Hel".to_owned()))
    );
    assert_eq!(
        next(&mut executor, &mut updates).await.event,
        Some(Event::Delta("lo".to_owned()))
    );
    let Some(Event::Completed(completed)) = next(&mut executor, &mut updates).await.event else {
        panic!("expected completed");
    };
    assert_eq!(completed.model, "qwen2.5:14b");
    assert_eq!(completed.stats.unwrap().done_reason, "stop");
    assert_eq!(executor.running_jobs(), 0);
}

#[tokio::test]
async fn ollamas_errors_fail_the_job_with_its_message() {
    let (ollama, mut executor, mut updates) = setup(&["qwen2.5:14b"], 2).await;
    executor.assign(
        "missing".to_owned(),
        chat("gemma4:27b"),
        &TraceCarrier::new(),
    );
    next(&mut executor, &mut updates).await;
    let Some(Event::Failed(failure)) = next(&mut executor, &mut updates).await.event else {
        panic!("expected failed");
    };
    assert_eq!(
        failure.message,
        "ollama answered 404: model \"gemma4:27b\" not found, try pulling it first"
    );
    assert!(!failure.cancelled);

    ollama.set_script(Script::FailAfter(vec!["x"], "out of memory"));
    executor.assign("oom".to_owned(), chat("qwen2.5:14b"), &TraceCarrier::new());
    let mut last = None;
    for _ in 0..3 {
        // started, the delta "x", then the failure
        last = next(&mut executor, &mut updates).await.event;
    }
    assert_eq!(
        last,
        Some(Event::Failed(proto::v1::JobFailedOnNode {
            message: "out of memory".to_owned(),
            cancelled: false,
            cause: proto::v1::FailureCause::OllamaError as i32,
            usage: None,
        }))
    );
}

#[tokio::test]
async fn a_job_beyond_max_parallel_fails_at_once() {
    let (ollama, mut executor, _updates) = setup(&["qwen2.5:14b"], 1).await;
    ollama.set_script(Script::Endless);
    assert!(
        executor
            .assign(
                "first".to_owned(),
                chat("qwen2.5:14b"),
                &TraceCarrier::new()
            )
            .is_none()
    );
    let refusal = executor
        .assign(
            "second".to_owned(),
            chat("qwen2.5:14b"),
            &TraceCarrier::new(),
        )
        .unwrap();
    assert_eq!(refusal.job_id, "second");
    assert_eq!(
        refusal.event,
        Some(Event::Failed(proto::v1::JobFailedOnNode {
            message: "agent at max_parallel=1; the coordinator should not have sent it".to_owned(),
            cancelled: false,
            ..proto::v1::JobFailedOnNode::default()
        }))
    );
    assert_eq!(executor.running_jobs(), 1);
}

#[tokio::test]
async fn cancel_aborts_the_ollama_request_and_reports_cancelled_once() {
    let (ollama, mut executor, mut updates) = setup(&["qwen2.5:14b"], 1).await;
    ollama.set_script(Script::Endless);
    executor.assign(
        "job-1".to_owned(),
        chat("qwen2.5:14b"),
        &TraceCarrier::new(),
    );
    next(&mut executor, &mut updates).await;
    assert_eq!(
        next(&mut executor, &mut updates).await.event,
        Some(Event::Delta("tick ".to_owned()))
    );
    let cancelled = executor.cancel("job-1").unwrap();
    assert_eq!(
        cancelled.event,
        Some(Event::Failed(proto::v1::JobFailedOnNode {
            message: "cancelled".to_owned(),
            cancelled: true,
            ..proto::v1::JobFailedOnNode::default()
        }))
    );
    ollama.wait_for_hang_up().await;
    assert_eq!(executor.running_jobs(), 0);
    assert!(
        executor.cancel("job-1").is_none(),
        "a second cancel must not report again"
    );
    // Deltas already queued by the aborted job are dropped, not forwarded.
    while let Ok(update) = updates.try_recv() {
        assert!(executor.accept(update, true).is_none());
    }
}

#[tokio::test]
async fn dropping_the_executor_aborts_running_jobs() {
    let (ollama, mut executor, mut updates) = setup(&["qwen2.5:14b"], 1).await;
    ollama.set_script(Script::Endless);
    executor.assign(
        "job-1".to_owned(),
        chat("qwen2.5:14b"),
        &TraceCarrier::new(),
    );
    next(&mut executor, &mut updates).await;
    // The first delta proves the Ollama request is streaming.
    next(&mut executor, &mut updates).await;
    drop(executor);
    ollama.wait_for_hang_up().await;
}

/// Log output captured in memory, as JSON lines.
#[derive(Clone, Default)]
struct CapturedLogs(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for CapturedLogs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every log line of this test binary, from all threads. A global subscriber, because a
/// thread-local one misses events whose callsites other tests' threads register first.
fn captured_logs() -> CapturedLogs {
    static CAPTURED: std::sync::OnceLock<CapturedLogs> = std::sync::OnceLock::new();
    CAPTURED
        .get_or_init(|| {
            let logs = CapturedLogs::default();
            let writer = logs.clone();
            let subscriber = tracing_subscriber::fmt()
                .json()
                .with_writer(move || writer.clone())
                .finish();
            tracing::subscriber::set_global_default(subscriber)
                .expect("no other agent test installs a global subscriber");
            logs
        })
        .clone()
}

#[tokio::test]
async fn a_jobs_log_lines_carry_its_job_id_and_the_coordinators_trace_id() {
    const TRACE_ID: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
    let logs = captured_logs();
    let (_ollama, mut executor, mut updates) = setup(&["qwen2.5:14b"], 1).await;
    let trace_context = TraceCarrier::from([(
        "traceparent".to_owned(),
        format!("00-{TRACE_ID}-00f067aa0ba902b7-01"),
    )]);
    executor.assign("job-traced".to_owned(), chat("qwen2.5:14b"), &trace_context);
    while !matches!(
        next(&mut executor, &mut updates).await.event,
        Some(Event::Completed(_))
    ) {}
    let output = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    let ours: Vec<serde_json::Value> = output
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .filter(|line| line["fields"]["job_id"] == "job-traced")
        .collect();
    for wanted in ["job started", "job completed"] {
        let line = ours
            .iter()
            .find(|line| line["fields"]["message"] == wanted)
            .unwrap_or_else(|| panic!("no {wanted:?} line in {output}"));
        assert_eq!(line["span"]["name"], "run_job", "{line}");
        assert_eq!(line["span"]["job_id"], "job-traced", "{line}");
        assert_eq!(line["span"]["trace_id"], TRACE_ID, "{line}");
    }
}
