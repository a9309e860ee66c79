//! Gemini's recorded bytes and error bodies, verbatim from providers.md §3.2 and §3.4 (the
//! multi-chunk stream is built from the recorded `usageMetadata` of §3.2, whose other fields
//! the document elides).

/// `TestGoogleCommon/gemini-2.5-flash/simple_streaming.yaml`: one chunk, CRLF CRLF framing.
pub(super) const SINGLE_CHUNK: &str = "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Olá!\"}],\"role\": \"model\"},\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 11,\"candidatesTokenCount\": 2,\"totalTokenCount\": 34,\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": 11}],\"thoughtsTokenCount\": 21},\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"VwCzabneCuzPz7IP0aL64A0\"}\r\n\r\n";

/// A thinking first chunk (a `"thought": true` part, no `candidatesTokenCount`), then the two
/// recorded cumulative chunks of `complex_object_streaming.yaml`.
pub(super) fn multi_chunk() -> Vec<String> {
    vec![
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"**Planning the object**\",\"thought\": true}],\"role\": \"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 38,\"totalTokenCount\": 184,\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": 38}],\"thoughtsTokenCount\": 146},\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"r1\"}\r\n\r\n".to_owned(),
        // The CR LF CR LF of the next frame split across two network writes.
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"{\\\"name\\\": \"}],\"role\": \"model\"},\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 38,\"candidatesTokenCount\": 8,\"totalTokenCount\": 192,\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": 38}],\"thoughtsTokenCount\": 146},\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"r1\"}\r".to_owned(),
        "\n\r\n".to_owned(),
        "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"\\\"Ada\\\"}\"}],\"role\": \"model\"},\"finishReason\": \"STOP\",\"index\": 0}],\"usageMetadata\": {\"promptTokenCount\": 38,\"candidatesTokenCount\": 51,\"totalTokenCount\": 235,\"promptTokensDetails\": [{\"modality\": \"TEXT\",\"tokenCount\": 38}],\"thoughtsTokenCount\": 146},\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"r1\"}\r\n\r\n".to_owned(),
    ]
}

/// A text chunk (compact JSON) with cumulative usage and no finishReason.
pub(super) fn text_chunk(text: &str, candidates: u64) -> String {
    format!(
        "data: {{\"candidates\":[{{\"content\":{{\"parts\":[{{\"text\":\"{text}\"}}],\"role\":\"model\"}},\"index\":0}}],\"usageMetadata\":{{\"promptTokenCount\":9,\"candidatesTokenCount\":{candidates},\"totalTokenCount\":{}}},\"modelVersion\":\"gemini-2.5-flash\"}}\r\n\r\n",
        9 + candidates
    )
}

/// Google's answer to a made-up key (2026-10-03).
pub(super) const API_KEY_INVALID: &str = r#"{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}},{"@type":"type.googleapis.com/google.rpc.LocalizedMessage","locale":"en-US","message":"API key not valid. Please pass a valid API key."}]}}"#;

/// A daily free-tier quota spent.
pub(super) const QUOTA_EXHAUSTED: &str = r#"{"error":{"code":429,"message":"You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. To monitor your current usage, head to: https://ai.dev/usage?tab=rate-limit. \n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 50, model: gemini-2.5-pro\nPlease retry in 41.528s.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests","quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaDimensions":{"location":"global","model":"gemini-2.5-pro"},"quotaValue":"50"}]},{"@type":"type.googleapis.com/google.rpc.Help","links":[{"description":"Learn more about Gemini API quotas","url":"https://ai.google.dev/gemini-api/docs/rate-limits"}]},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"41s"}]}}"#;

pub(super) const MODEL_NOT_FOUND: &str = r#"{"error":{"code":404,"message":"models/gemini-2.5-flash-native-audio-preview-09-2025 is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.","status":"NOT_FOUND"}}"#;

pub(super) const NO_KEY: &str = r#"{"error":{"code":403,"message":"Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.","status":"PERMISSION_DENIED"}}"#;

pub(super) const GEO_BLOCKED: &str = r#"{"error":{"code":400,"message":"User location is not supported for the API use.","status":"FAILED_PRECONDITION"}}"#;

pub(super) const OVERLOADED: &str = r#"{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}"#;
