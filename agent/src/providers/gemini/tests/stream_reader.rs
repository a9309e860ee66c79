//! Streams read from the stand-in: the recorded CRLF frames, cumulative usage, thinking parts,
//! the model that answered, a stream cut short, and an error after HTTP 200.

use proto::v1::TokenUsage;

use super::chat_spec;
use super::fake_gemini::{Answer, FakeGemini, KEY};
use super::recordings::{SINGLE_CHUNK, multi_chunk, text_chunk};
use crate::backend::Tokens;
use crate::providers::{Completion, ProviderApi, ProviderError, ProviderErrorKind};

/// Streams one chat job for `model` against a stand-in answering `answer`.
async fn run(
    model: &str,
    answer: Answer,
) -> (FakeGemini, Result<Completion, ProviderError>, String) {
    let fake = FakeGemini::start(vec![answer]).await;
    let (mut tokens, mut updates) = Tokens::for_tests("job-1");
    let spec = chat_spec(model, &[("user", "Say hi in Portuguese")]);
    let outcome = fake.client().stream(&spec, &mut tokens).await.unwrap();
    drop(tokens);
    let text = crate::backend::sent_text(&mut updates).await;
    (fake, outcome, text)
}

#[tokio::test]
async fn the_recorded_single_chunk_stream_is_read_whole() {
    let (fake, outcome, text) = run(
        "models/gemini-2.5-flash",
        Answer::Stream(vec![SINGLE_CHUNK.into()]),
    )
    .await;
    let completion = outcome.unwrap();
    assert_eq!(text, "Olá!");
    assert_eq!(completion.model, "gemini-2.5-flash");
    assert_eq!(completion.stop_reason, "STOP");
    assert_eq!(
        completion.usage,
        TokenUsage {
            input_tokens: Some(11),
            output_tokens: Some(2 + 21),
            cached_input_tokens: None,
            reasoning_tokens: Some(21),
        }
    );
    let recorded = fake.recorded();
    assert_eq!(
        recorded[0].path_and_query,
        "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"
    );
    assert_eq!(recorded[0].api_key.as_deref(), Some(KEY));
    assert_eq!(
        recorded[0].body["contents"][0]["parts"][0]["text"],
        "Say hi in Portuguese"
    );
}

#[tokio::test]
async fn the_bare_model_name_gets_one_models_prefix() {
    let (fake, outcome, _) = run(
        "gemini-2.5-flash",
        Answer::Stream(vec![SINGLE_CHUNK.into()]),
    )
    .await;
    outcome.unwrap();
    let path = &fake.recorded()[0].path_and_query;
    assert_eq!(
        path,
        "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"
    );
    assert!(!path.contains("key="), "{path}");
}

#[tokio::test]
async fn cumulative_usage_is_the_last_chunks_and_thoughts_are_not_text() {
    let (_fake, outcome, text) =
        run("models/gemini-2.5-flash", Answer::Stream(multi_chunk())).await;
    let completion = outcome.unwrap();
    assert_eq!(text, "{\"name\": \"Ada\"}");
    assert_eq!(completion.usage.input_tokens, Some(38));
    assert_eq!(completion.usage.output_tokens, Some(51 + 146));
    assert_eq!(completion.usage.reasoning_tokens, Some(146));
}

#[tokio::test]
async fn no_usage_metadata_means_unknown_usage() {
    let chunk = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"hi\"}],\"role\":\"model\"},\"finishReason\":\"STOP\"}],\"modelVersion\":\"gemini-2.5-flash\"}\r\n\r\n";
    let (_fake, outcome, text) = run("gemini-2.5-flash", Answer::Stream(vec![chunk.into()])).await;
    assert_eq!(text, "hi");
    assert_eq!(outcome.unwrap().usage, TokenUsage::default());
}

#[tokio::test]
async fn the_model_that_answered_is_reported_as_gemini_names_it() {
    let rerouted = SINGLE_CHUNK.replace(
        "\"modelVersion\": \"gemini-2.5-flash\"",
        "\"modelVersion\": \"gemini-3.5-flash-lite\"",
    );
    let (_fake, outcome, _) = run("models/gemini-2.5-flash", Answer::Stream(vec![rerouted])).await;
    assert_eq!(outcome.unwrap().model, "gemini-3.5-flash-lite");
}

#[tokio::test]
async fn a_stream_without_a_finish_reason_is_interrupted_with_its_usage() {
    let pieces = vec![text_chunk("Ol", 1), text_chunk("á", 2)];
    let (_fake, outcome, text) = run("gemini-2.5-flash", Answer::Stream(pieces)).await;
    assert_eq!(text, "Olá");
    let error = outcome.unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Interrupted);
    let partial = error.partial_usage.unwrap();
    assert_eq!(
        (partial.input_tokens, partial.output_tokens),
        (Some(9), Some(2))
    );
}

#[tokio::test]
async fn an_error_after_200_keeps_the_partial_usage() {
    let overloaded = "data: {\"error\": {\"code\": 503, \"message\": \"The model is overloaded. Please try again later.\", \"status\": \"UNAVAILABLE\"}}\r\n\r\n";
    let pieces = vec![text_chunk("Ol", 3), overloaded.to_owned()];
    let (_fake, outcome, text) = run("gemini-2.5-flash", Answer::Stream(pieces)).await;
    assert_eq!(text, "Ol");
    let error = outcome.unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Overloaded);
    assert_eq!(error.status, None);
    assert_eq!(error.error_type, "UNAVAILABLE");
    assert_eq!(error.partial_usage.unwrap().output_tokens, Some(3));

    let internal = "data: {\"error\": {\"code\": 500, \"message\": \"An internal error has occurred.\", \"status\": \"INTERNAL\"}}\r\n\r\n";
    let (_fake, outcome, _) = run("gemini-2.5-flash", Answer::Stream(vec![internal.into()])).await;
    let error = outcome.unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Interrupted);
    assert_eq!(error.partial_usage, None);
}

#[tokio::test]
async fn a_blocked_prompt_is_refused_not_interrupted() {
    let blocked = "data: {\"promptFeedback\": {\"blockReason\": \"SAFETY\"},\"usageMetadata\": {\"promptTokenCount\": 8,\"totalTokenCount\": 8},\"modelVersion\": \"gemini-2.5-flash\"}\r\n\r\n";
    let (_fake, outcome, _) = run("gemini-2.5-flash", Answer::Stream(vec![blocked.into()])).await;
    let error = outcome.unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::BadRequest);
    assert!(error.message.contains("SAFETY"), "{}", error.message);
}

#[tokio::test]
async fn an_unreadable_chunk_is_malformed() {
    let (_fake, outcome, _) = run(
        "gemini-2.5-flash",
        Answer::Stream(vec!["data: {not json\r\n\r\n".into()]),
    )
    .await;
    assert_eq!(outcome.unwrap_err().kind, ProviderErrorKind::Malformed);
}

#[tokio::test]
async fn nobody_listening_is_link_gone() {
    let fake = FakeGemini::start(vec![Answer::Stream(vec![SINGLE_CHUNK.into()])]).await;
    let (mut tokens, updates) = Tokens::for_tests("job-1");
    drop(updates);
    let spec = chat_spec("gemini-2.5-flash", &[("user", "hi")]);
    assert!(fake.client().stream(&spec, &mut tokens).await.is_err());
}
