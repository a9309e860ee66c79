//! The model list, followed over its pages.

use serde_json::json;

use super::fake_gemini::{Answer, FakeGemini, KEY};
use super::recordings::API_KEY_INVALID;
use crate::providers::{ListedModel, ProviderApi, ProviderErrorKind};

#[tokio::test]
async fn every_page_is_followed_and_methods_say_what_a_model_serves() {
    let first = json!({
        "models": [
            {"name": "models/gemini-2.5-flash", "version": "001", "displayName": "Gemini 2.5 Flash",
             "supportedGenerationMethods": ["generateContent", "countTokens", "createCachedContent", "batchGenerateContent"]},
            {"name": "models/gemini-2.0-flash-exp-image-generation", "version": "2.0",
             "displayName": "Gemini 2.0 Flash (Image Generation) Experimental",
             "inputTokenLimit": 1048576, "outputTokenLimit": 8192,
             "supportedGenerationMethods": ["generateContent", "countTokens", "bidiGenerateContent"],
             "temperature": 1, "topP": 0.95, "topK": 40, "maxTemperature": 2}
        ],
        "nextPageToken": "Ch9tb2RlbHMvZ2VtaW5pLTIuMC1mbGFzaA=="
    });
    let second = json!({
        "models": [
            {"name": "models/gemini-embedding-001", "supportedGenerationMethods": ["embedContent", "countTextTokens", "countTokens"]},
            {"name": "models/aqa", "supportedGenerationMethods": ["generateAnswer"]}
        ]
    });
    let fake = FakeGemini::start(vec![Answer::Json(first), Answer::Json(second)]).await;
    let listed = fake.client().list_models().await.unwrap();
    let model = |id: &str, chat: bool, embed: bool| ListedModel {
        id: id.to_owned(),
        chat,
        embed,
    };
    assert_eq!(
        listed,
        vec![
            model("models/gemini-2.5-flash", true, false),
            model("models/gemini-2.0-flash-exp-image-generation", true, false),
            model("models/gemini-embedding-001", false, true),
            model("models/aqa", false, false),
        ]
    );
    let recorded = fake.recorded();
    assert_eq!(recorded.len(), 2);
    assert_eq!(recorded[0].path_and_query, "/v1beta/models?pageSize=1000");
    assert_eq!(
        recorded[1].path_and_query,
        "/v1beta/models?pageSize=1000&pageToken=Ch9tb2RlbHMvZ2VtaW5pLTIuMC1mbGFzaA%3D%3D"
    );
    assert!(
        recorded
            .iter()
            .all(|request| request.api_key.as_deref() == Some(KEY))
    );
}

#[tokio::test]
async fn a_rejected_key_fails_the_listing() {
    let fake = FakeGemini::start(vec![Answer::Status(400, API_KEY_INVALID.into())]).await;
    let error = fake.client().list_models().await.unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::KeyRejected);
    assert_eq!(error.status, Some(400));
}

#[tokio::test]
async fn a_page_token_that_repeats_is_a_paging_loop() {
    let page = json!({"models": [{"name": "models/a", "supportedGenerationMethods": []}], "nextPageToken": "same"});
    let fake = FakeGemini::start(vec![Answer::Json(page.clone()), Answer::Json(page)]).await;
    let error = fake.client().list_models().await.unwrap_err();
    assert_eq!(error.kind, ProviderErrorKind::Malformed);
    assert_eq!(fake.recorded().len(), 2);
}
