//! Traces reach a real OTLP collector (rotel) over both protocols — the coordinator over gRPC,
//! the agents over HTTP protobuf — and a job submitted with a client's `traceparent` is one
//! trace: the client's span is the parent of the coordinator's job span, the agent's spans are
//! children of the coordinator's dispatch, and the job record names the same trace id.

use anyhow::{Context, ensure};
use proto::v1::{JobState, SubmitJobRequest};
use tests::cluster::{ClusterSpec, Patience, TestCluster, eventually, generate_spec};
use tests::otlp_receiver::{OtlpReceiver, ReceivedSpan};

use crate::support::GEMMA;

const CLIENT_TRACE_ID: &str = "5b8efff798038103d269b633813fc60c";
const CLIENT_SPAN_ID: &str = "eee19b7ec3c1b174";

fn named<'a>(spans: &'a [ReceivedSpan], service: &str, name: &str) -> Option<&'a ReceivedSpan> {
    spans
        .iter()
        .find(|span| span.service == service && span.name == name)
}

#[tokio::test]
async fn one_job_is_one_trace_across_coordinator_and_agent() -> anyhow::Result<()> {
    let collector = OtlpReceiver::start().await?;
    // Export every 100 ms rather than every 5 s, so the spans arrive while the test waits.
    let spec = ClusterSpec::three_hosts()
        .coordinator_env("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.grpc_endpoint())
        .coordinator_env("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
        .coordinator_env("OTEL_BSP_SCHEDULE_DELAY", "100")
        .agent_env("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.http_endpoint())
        .agent_env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
        .agent_env("OTEL_BSP_SCHEDULE_DELAY", "100");
    let cluster = TestCluster::start(spec).await?;

    let mut request = tonic::Request::new(SubmitJobRequest {
        spec: Some(generate_spec(GEMMA, "why is the sky blue?")),
    });
    request.metadata_mut().insert(
        "traceparent",
        format!("00-{CLIENT_TRACE_ID}-{CLIENT_SPAN_ID}-01").parse()?,
    );
    let submitted = cluster
        .jobs_client()
        .await?
        .submit_job(request)
        .await?
        .into_inner()
        .job
        .context("submit answered without a job")?;
    assert_eq!(submitted.trace_id, CLIENT_TRACE_ID);
    let watched = cluster.watch_to_end(&submitted.id).await?;
    assert_eq!(
        watched.job.state,
        JobState::Succeeded as i32,
        "{}",
        watched.job.reason
    );
    assert_eq!(
        cluster.get_job(&submitted.id).await?.trace_id,
        CLIENT_TRACE_ID
    );

    let spans = eventually(
        "the coordinator's and the agent's spans at the collector",
        Patience::seconds(30),
        || async {
            let spans: Vec<ReceivedSpan> = collector
                .spans()
                .into_iter()
                .filter(|span| span.trace_id == CLIENT_TRACE_ID)
                .collect();
            for (service, name) in [
                ("llm-runner-coordinator", "job"),
                ("llm-runner-coordinator", "route"),
                ("llm-runner-coordinator", "queue_wait"),
                ("llm-runner-coordinator", "dispatch"),
                ("llm-runner-agent", "run_job"),
                ("llm-runner-agent", "ollama_request"),
            ] {
                ensure!(
                    named(&spans, service, name).is_some(),
                    "no {name} span from {service} in trace {CLIENT_TRACE_ID}: {spans:#?}"
                );
            }
            Ok(spans)
        },
    )
    .await
    .with_context(|| format!("{}\n{}", collector.log(), cluster.all_logs()))?;

    let job = named(&spans, "llm-runner-coordinator", "job").context("job span")?;
    assert_eq!(
        job.parent_id, CLIENT_SPAN_ID,
        "the job span continues the client's"
    );
    let dispatch = named(&spans, "llm-runner-coordinator", "dispatch").context("dispatch")?;
    assert_eq!(dispatch.parent_id, job.span_id);
    let run_job = named(&spans, "llm-runner-agent", "run_job").context("run_job span")?;
    assert_eq!(
        run_job.parent_id, dispatch.span_id,
        "the agent continues the dispatch"
    );
    let request = named(&spans, "llm-runner-agent", "ollama_request").context("request")?;
    assert_eq!(request.parent_id, run_job.span_id);
    Ok(())
}
