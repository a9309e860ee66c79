//! Every model the key may use: `GET {root}/models?pageSize=1000`, following `nextPageToken`
//! as `pageToken` (ai.google.dev/api/rest/v1beta/models/list: page size at most 1000, no token
//! on the last page). A model can chat when its `supportedGenerationMethods` holds
//! `generateContent`, and embed when it holds `embedContent` or `batchEmbedContents`
//! (providers.md §3.5, §6).

use super::GeminiClient;
use super::errors::local;
use super::wire::ModelList;
use super::{ListedModel, ProviderError, ProviderErrorKind};

/// The largest page Google serves.
const PAGE_SIZE: &str = "1000";
/// More pages than this is a paging loop, not a catalogue (Google lists a few hundred models).
const MAX_PAGES: usize = 50;

pub(super) async fn list_models(client: &GeminiClient) -> Result<Vec<ListedModel>, ProviderError> {
    let mut listed = Vec::new();
    let mut page_token: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let url = page_url(&client.base_url, page_token.as_deref())?;
        let response = client.send(client.http.get(url)).await?;
        let page: ModelList = client.read_json(response).await?;
        listed.extend(page.models.into_iter().map(|model| {
            let supports = |method: &str| {
                model
                    .supported_generation_methods
                    .iter()
                    .any(|supported| supported == method)
            };
            ListedModel {
                chat: supports("generateContent"),
                embed: supports("embedContent") || supports("batchEmbedContents"),
                id: model.name,
            }
        }));
        match page.next_page_token.filter(|token| !token.is_empty()) {
            // The same token again would list the same page forever.
            Some(token) if page_token.as_ref() == Some(&token) => break,
            Some(token) => page_token = Some(token),
            None => return Ok(listed),
        }
    }
    Err(local(
        ProviderErrorKind::Malformed,
        &format!(
            "gemini's model list did not end (a repeated page token, or over {MAX_PAGES} pages)"
        ),
    ))
}

/// `{root}/models?pageSize=1000[&pageToken=…]`, the token percent-encoded.
fn page_url(base_url: &str, page_token: Option<&str>) -> Result<reqwest::Url, ProviderError> {
    let mut url = reqwest::Url::parse(&format!("{base_url}/models")).map_err(|error| {
        local(
            ProviderErrorKind::Unreachable,
            &format!("the gemini base_url {base_url:?} is not a URL ({error}); check base_url"),
        )
    })?;
    url.query_pairs_mut().append_pair("pageSize", PAGE_SIZE);
    if let Some(token) = page_token {
        url.query_pairs_mut().append_pair("pageToken", token);
    }
    Ok(url)
}
