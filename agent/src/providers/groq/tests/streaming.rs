//! Streaming: the request sent, the text, and the usage read once (§2.2, §2.3, §5).

use std::time::Duration;

use proto::v1::{JobKind, JobSpec, ModelOptions, TokenUsage};

use super::{chat_spec, client, stream_once};
use crate::backend::Tokens;
use crate::providers::replay_server::{ReplayServer, Reply};
use crate::providers::{ProviderApi, ProviderErrorKind};

const ROLE: &str = "data: {\"id\":\"chatcmpl-f07b368c-ae72-4555-9465-ae09fe4614e6\",\"object\":\"chat.completion.chunk\",\"created\":1773345612,\"model\":\"moonshotai/kimi-k2-instruct-0905\",\"system_fingerprint\":\"fp_00c37775b7\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}],\"x_groq\":{\"id\":\"req_01kkht58hmfqdt7taat7yqmh20\",\"seed\":2139001717}}\n\n";
const OL: &str = "data: {\"id\":\"chatcmpl-f07b368c-ae72-4555-9465-ae09fe4614e6\",\"object\":\"chat.completion.chunk\",\"created\":1773345612,\"model\":\"moonshotai/kimi-k2-instruct-0905\",\"system_fingerprint\":\"fp_00c37775b7\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Ol\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n";
const A: &str = "data: {\"id\":\"chatcmpl-f07b368c-ae72-4555-9465-ae09fe4614e6\",\"object\":\"chat.completion.chunk\",\"created\":1773345612,\"model\":\"moonshotai/kimi-k2-instruct-0905\",\"system_fingerprint\":\"fp_00c37775b7\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"á\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n";
const BANG: &str = "data: {\"id\":\"chatcmpl-f07b368c-ae72-4555-9465-ae09fe4614e6\",\"object\":\"chat.completion.chunk\",\"created\":1773345612,\"model\":\"moonshotai/kimi-k2-instruct-0905\",\"system_fingerprint\":\"fp_00c37775b7\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"!\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n";
const FINISH: &str = "data: {\"id\":\"chatcmpl-f07b368c-ae72-4555-9465-ae09fe4614e6\",\"object\":\"chat.completion.chunk\",\"created\":1773345612,\"model\":\"moonshotai/kimi-k2-instruct-0905\",\"system_fingerprint\":\"fp_00c37775b7\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"x_groq\":{\"id\":\"req_01kkht58hmfqdt7taat7yqmh20\",\"usage\":{\"queue_time\":0.193227832,\"prompt_tokens\":20,\"prompt_time\":0.010710679,\"completion_tokens\":4,\"completion_time\":0.009030045,\"total_tokens\":24,\"total_time\":0.019740724}},\"usage\":{\"queue_time\":0.193227832,\"prompt_tokens\":20,\"prompt_time\":0.010710679,\"completion_tokens\":4,\"completion_time\":0.009030045,\"total_tokens\":24,\"total_time\":0.019740724}}\n\n";
const USAGE_TAIL: &str = "data: {\"id\":\"chatcmpl-f07b368c-ae72-4555-9465-ae09fe4614e6\",\"object\":\"chat.completion.chunk\",\"created\":1773345612,\"model\":\"moonshotai/kimi-k2-instruct-0905\",\"system_fingerprint\":\"fp_00c37775b7\",\"choices\":[],\"usage\":{\"queue_time\":0.193227832,\"prompt_tokens\":20,\"prompt_time\":0.010710679,\"completion_tokens\":4,\"completion_time\":0.009030045,\"total_tokens\":24,\"total_time\":0.019740724},\"service_tier\":\"on_demand\"}\n\n";
/// The finish chunk as it comes without `include_usage`: only `x_groq.usage`, here with the
/// cached and reasoning details of `types/completion_usage.py`.
const FINISH_X_GROQ_ONLY: &str = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1773345612,\"model\":\"qwen/qwen3-32b\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"length\"}],\"x_groq\":{\"id\":\"req_1\",\"usage\":{\"prompt_tokens\":120,\"completion_tokens\":64,\"total_tokens\":184,\"prompt_tokens_details\":{\"cached_tokens\":100},\"completion_tokens_details\":{\"reasoning_tokens\":40}}}}\n\n";
const DONE: &str = "data: [DONE]\n\n";

fn usage(input: u64, output: u64) -> TokenUsage {
    TokenUsage {
        input_tokens: Some(input),
        output_tokens: Some(output),
        ..TokenUsage::default()
    }
}

#[tokio::test]
async fn recorded_stream_sends_the_request_streams_the_text_and_counts_usage_once() {
    let mut spec = chat_spec("moonshotai/kimi-k2-instruct-0905");
    spec.options = Some(ModelOptions {
        temperature: Some(0.5),
        num_predict: Some(300),
        seed: Some(7),
        format: Some("json".to_owned()),
        num_ctx: Some(4096),
        keep_alive: Some("5m".to_owned()),
    });
    let reply = Reply::event_stream(&[ROLE, OL, A, BANG, FINISH, USAGE_TAIL, DONE]);
    let (outcome, text, server) = stream_once(reply, &spec).await;

    let completion = outcome.unwrap();
    assert_eq!(text, "Olá!");
    assert_eq!(
        completion.usage,
        usage(20, 4),
        "usage read once, not summed over 3 reports"
    );
    assert_eq!(completion.model, "moonshotai/kimi-k2-instruct-0905");
    assert_eq!(completion.stop_reason, "stop");

    let request = server.only_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/openai/v1/chat/completions");
    assert_eq!(request.query, None);
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {}", super::KEY).as_str())
    );
    let body = request.json();
    assert_eq!(body["model"], "moonshotai/kimi-k2-instruct-0905");
    assert_eq!(body["stream"], true);
    assert_eq!(
        body["stream_options"],
        serde_json::json!({"include_usage": true})
    );
    assert_eq!(
        body["messages"][0],
        serde_json::json!({"role": "system", "content": "You are a helpful assistant"})
    );
    assert_eq!(
        body["messages"][1],
        serde_json::json!({"role": "user", "content": "Say hi in Portuguese"})
    );
    assert_eq!(body["temperature"], 0.5);
    assert_eq!(body["max_completion_tokens"], 300);
    assert_eq!(body["seed"], 7);
    assert_eq!(
        body["response_format"],
        serde_json::json!({"type": "json_object"})
    );
    for absent in ["max_tokens", "num_ctx", "keep_alive", "options"] {
        assert!(body.get(absent).is_none(), "{absent} sent: {body}");
    }
}

#[tokio::test]
async fn without_include_usage_the_x_groq_usage_is_read_once_with_its_details() {
    let reply = Reply::event_stream(&[OL, FINISH_X_GROQ_ONLY, DONE]);
    let (outcome, text, _server) = stream_once(reply, &chat_spec("qwen/qwen3-32b")).await;
    let completion = outcome.unwrap();
    assert_eq!(text, "Ol");
    assert_eq!(
        completion.usage,
        TokenUsage {
            input_tokens: Some(120),
            output_tokens: Some(64),
            cached_input_tokens: Some(100),
            reasoning_tokens: Some(40),
        }
    );
    assert_eq!(completion.stop_reason, "length");
    assert_eq!(completion.model, "qwen/qwen3-32b", "the last chunk's model");
}

#[tokio::test]
async fn a_generate_job_sends_its_system_and_prompt_and_leaves_unset_options_out() {
    let spec = JobSpec {
        kind: JobKind::Generate as i32,
        model: "openai/gpt-oss-120b".to_owned(),
        system: "Be brief".to_owned(),
        prompt: "Why is the sky blue?".to_owned(),
        ..JobSpec::default()
    };
    let (outcome, _, server) = stream_once(Reply::event_stream(&[OL, FINISH, DONE]), &spec).await;
    outcome.unwrap();
    let body = server.only_request().json();
    assert_eq!(
        body["messages"],
        serde_json::json!([{"role": "system", "content": "Be brief"}, {"role": "user", "content": "Why is the sky blue?"}])
    );
    for absent in [
        "temperature",
        "max_completion_tokens",
        "seed",
        "response_format",
    ] {
        assert!(body.get(absent).is_none(), "{absent} sent: {body}");
    }
}

#[tokio::test]
async fn a_stream_that_ends_before_its_finish_chunk_is_interrupted_with_no_usage() {
    let (outcome, text, _server) =
        stream_once(Reply::event_stream(&[ROLE, OL]), &chat_spec("m")).await;
    let error = outcome.unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Interrupted);
    assert_eq!(
        error.partial_usage, None,
        "no usage was reported: unknown, not 0"
    );
    assert_eq!(text, "Ol");
}

#[tokio::test]
async fn an_error_data_line_mid_stream_is_interrupted_with_its_words() {
    let error_line = "data: {\"error\":{\"message\":\"Service Unavailable\",\"type\":\"internal_server_error\"}}\n\n";
    let (outcome, _, _server) = stream_once(
        Reply::event_stream(&[OL, error_line, DONE]),
        &chat_spec("m"),
    )
    .await;
    let error = outcome.unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Interrupted);
    assert_eq!(error.error_type, "internal_server_error");
    assert!(error.message.contains("Service Unavailable"), "{error}");
}

#[tokio::test]
async fn an_x_groq_error_stops_the_stream_as_interrupted() {
    let stopped = "data: {\"id\":\"c\",\"model\":\"m\",\"choices\":[],\"x_groq\":{\"id\":\"req_1\",\"error\":\"stream stopped: capacity\"}}\n\n";
    let (outcome, _, _server) =
        stream_once(Reply::event_stream(&[OL, stopped, DONE]), &chat_spec("m")).await;
    let error = outcome.unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Interrupted);
    assert!(
        error.message.contains("stream stopped: capacity"),
        "{error}"
    );
}

#[tokio::test]
async fn a_schema_format_and_an_embed_job_are_refused_before_any_request() {
    let server = ReplayServer::start(Vec::new()).await;
    let groq = client(&server, Duration::from_secs(5));
    let mut spec = chat_spec("m");
    spec.options = Some(ModelOptions {
        format: Some("{\"type\":\"object\"}".to_owned()),
        ..ModelOptions::default()
    });
    let (mut tokens, _updates) = Tokens::for_tests("job-1");
    let schema = groq.stream(&spec, &mut tokens).await.unwrap().unwrap_err();
    assert_eq!(schema.kind, ProviderErrorKind::Unsupported);
    let embed = groq
        .embed(&JobSpec {
            kind: JobKind::Embed as i32,
            ..JobSpec::default()
        })
        .await;
    assert_eq!(embed.unwrap_err().kind, ProviderErrorKind::Unsupported);
    assert!(server.recorded().is_empty());
}

#[tokio::test]
async fn no_byte_within_the_request_timeout_is_a_timeout_naming_the_setting() {
    let mut reply = Reply::event_stream(&[OL, FINISH, DONE]);
    reply.delay = Duration::from_secs(3);
    let server = ReplayServer::start(vec![reply]).await;
    let groq = client(&server, Duration::from_millis(200));
    let (mut tokens, _updates) = Tokens::for_tests("job-1");
    let started = std::time::Instant::now();
    let error = groq
        .stream(&chat_spec("m"), &mut tokens)
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Timeout, "{error}");
    assert!(error.message.contains("request_timeout"), "{error}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "gave up after {:?}",
        started.elapsed()
    );
}
