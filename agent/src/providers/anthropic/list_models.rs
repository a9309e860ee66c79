//! Anthropic's `GET /v1/models`, page after page (anthropic-sdk-python `pagination.py`,
//! `types/model_info.py`, `types/model_list_params.py`; `research/providers.md` §4.5):
//! `{"data":[…],"has_more","first_id","last_id"}`, the next page asked with
//! `after_id=<last_id>`. Every listed model can serve chat.

use serde::Deserialize;

use super::super::transport_error::{Phase, failure, from_reqwest};
use super::super::{ListedModel, ProviderError, ProviderErrorKind};
use super::AnthropicClient;

/// The largest page the API gives (1–1000).
const PAGE_SIZE: &str = "1000";
/// A bound on the pages followed: far more models than Anthropic lists, so a provider that
/// always says `has_more` cannot keep us looping.
const MAX_PAGES: usize = 50;

#[derive(Debug, Deserialize)]
struct Page {
    data: Vec<Entry>,
    #[serde(default)]
    has_more: bool,
    #[serde(default)]
    last_id: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Entry {
    id: String,
}

impl AnthropicClient {
    pub(super) async fn list_all_models(&self) -> Result<Vec<ListedModel>, ProviderError> {
        let mut models = Vec::new();
        let mut after_id: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let page = self.models_page(after_id.as_deref()).await?;
            models.extend(page.data.into_iter().map(|entry| ListedModel {
                id: entry.id,
                chat: true,
                embed: false,
            }));
            if !page.has_more {
                return Ok(models);
            }
            match page.last_id {
                Some(last_id) if !last_id.is_empty() && Some(&last_id) != after_id.as_ref() => {
                    after_id = Some(last_id);
                }
                _ => {
                    return Err(failure(
                        ProviderErrorKind::Malformed,
                        "anthropic's model list says has_more but names no new last_id".to_owned(),
                    ));
                }
            }
        }
        Err(failure(
            ProviderErrorKind::Malformed,
            format!("anthropic's model list still had more after {MAX_PAGES} pages"),
        ))
    }

    async fn models_page(&self, after_id: Option<&str>) -> Result<Page, ProviderError> {
        let mut url =
            reqwest::Url::parse(&format!("{}/models", self.base_url)).map_err(|error| {
                failure(
                    ProviderErrorKind::BadRequest,
                    format!("base_url {:?} is not a URL: {error}", self.base_url),
                )
            })?;
        url.query_pairs_mut().append_pair("limit", PAGE_SIZE);
        if let Some(after_id) = after_id {
            url.query_pairs_mut().append_pair("after_id", after_id);
        }
        let response = self.send(self.http.get(url)).await?;
        response
            .json()
            .await
            .map_err(|error| from_reqwest(&error, self.request_timeout, Phase::Reading, None))
    }
}
