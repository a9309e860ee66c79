//! A job for a Groq model is one trace like an Ollama one: the provider agent's `run_job` span
//! continues the coordinator's dispatch, and its `provider_request` span (the call to Groq)
//! sits under it, all under the trace id the job record names. The coordinator's `job` span
//! carries the OpenTelemetry GenAI attributes: the provider, the model asked for and the one
//! that answered, and the tokens Groq reported.

use anyhow::{Context, ensure};
use proto::v1::JobState;
use tests::cluster::{ClusterSpec, NodeSpec, Patience, TestCluster, eventually, generate_spec};
use tests::fake_providers::FakeGroq;
use tests::otlp_receiver::{OtlpReceiver, ReceivedSpan};

const KEY: &str = "gsk_trace_scenario_key_18";
const QWEN3: &str = "qwen/qwen3-32b";

fn named<'a>(spans: &'a [ReceivedSpan], service: &str, name: &str) -> Option<&'a ReceivedSpan> {
    spans
        .iter()
        .find(|span| span.service == service && span.name == name)
}

#[tokio::test]
async fn a_cloud_job_is_one_trace_across_the_coordinator_and_its_provider_agent()
-> anyhow::Result<()> {
    let collector = OtlpReceiver::start().await?;
    let groq = FakeGroq::start(KEY, &[QWEN3]).await?;
    let spec = ClusterSpec::three_hosts()
        .with_node(NodeSpec::provider("groq", "groq", &groq.base_url(), KEY))
        .coordinator_env("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.grpc_endpoint())
        .coordinator_env("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
        .coordinator_env("OTEL_BSP_SCHEDULE_DELAY", "100")
        .agent_env("OTEL_EXPORTER_OTLP_ENDPOINT", &collector.http_endpoint())
        .agent_env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
        .agent_env("OTEL_BSP_SCHEDULE_DELAY", "100");
    let cluster = TestCluster::start(spec).await?;

    let job = cluster
        .run_job(generate_spec(QWEN3, "why is the sky blue?"))
        .await?
        .job;
    assert_eq!(job.state, JobState::Succeeded as i32, "{}", job.reason);
    let trace_id = job.trace_id.clone();
    let spans = eventually(
        "the job's spans at the collector",
        Patience::seconds(30),
        || async {
            let spans: Vec<ReceivedSpan> = collector
                .spans()
                .into_iter()
                .filter(|span| span.trace_id == trace_id)
                .collect();
            for (service, name) in [
                ("llm-runner-coordinator", "job"),
                ("llm-runner-coordinator", "dispatch"),
                ("llm-runner-agent", "run_job"),
                ("llm-runner-agent", "provider_request"),
            ] {
                ensure!(
                    named(&spans, service, name).is_some(),
                    "no {name} from {service}: {spans:#?}"
                );
            }
            Ok(spans)
        },
    )
    .await
    .with_context(|| format!("{}\n{}", collector.log(), cluster.all_logs()))?;
    let dispatch = named(&spans, "llm-runner-coordinator", "dispatch").context("dispatch")?;
    let run_job = named(&spans, "llm-runner-agent", "run_job").context("run_job")?;
    assert_eq!(
        run_job.parent_id, dispatch.span_id,
        "the provider agent continues the dispatch"
    );
    let request = named(&spans, "llm-runner-agent", "provider_request").context("request")?;
    assert_eq!(request.parent_id, run_job.span_id);
    assert!(
        named(&spans, "llm-runner-agent", "ollama_request").is_none(),
        "a cloud job made an Ollama request"
    );
    let job_span = named(&spans, "llm-runner-coordinator", "job").context("job")?;
    let usage = job.usage.context("a groq job's usage")?;
    let input = usage.input_tokens.context("input")?.to_string();
    let output = usage.output_tokens.context("output")?.to_string();
    for (key, value) in [
        ("gen_ai.operation.name", "text_completion"),
        ("gen_ai.provider.name", "groq"),
        ("gen_ai.request.model", QWEN3),
        ("gen_ai.response.model", job.served_model.as_str()),
        ("gen_ai.usage.input_tokens", input.as_str()),
        ("gen_ai.usage.output_tokens", output.as_str()),
    ] {
        assert_eq!(
            job_span.attributes.get(key).map(String::as_str),
            Some(value),
            "{key} on the job span: {:?}",
            job_span.attributes
        );
    }
    Ok(())
}
