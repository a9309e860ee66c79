//! The request body for each kind of job and option (§2.1).

use std::time::Duration;

use proto::v1::{JobKind, JobSpec, ModelOptions};

use super::recorded::{DONE, FINISH, OL};
use super::{chat_spec, client, stream_once};
use crate::backend::Tokens;
use crate::providers::replay_server::{ReplayServer, Reply};
use crate::providers::{ProviderApi, ProviderErrorKind};

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
async fn stop_and_top_p_are_sent_as_openai_names_them() {
    let mut spec = chat_spec("openai/gpt-oss-120b");
    spec.options = Some(ModelOptions {
        stop: vec!["\n\n".to_owned(), "END".to_owned()],
        top_p: Some(0.9),
        ..ModelOptions::default()
    });
    let (outcome, _, server) = stream_once(Reply::event_stream(&[OL, FINISH, DONE]), &spec).await;
    outcome.unwrap();
    let body = server.only_request().json();
    assert_eq!(body["stop"], serde_json::json!(["\n\n", "END"]));
    assert_eq!(body["top_p"], 0.9);
    spec.options = Some(ModelOptions::default());
    let (outcome, _, server) = stream_once(Reply::event_stream(&[OL, FINISH, DONE]), &spec).await;
    outcome.unwrap();
    let body = server.only_request().json();
    assert!(
        body.get("stop").is_none() && body.get("top_p").is_none(),
        "{body}"
    );
}
