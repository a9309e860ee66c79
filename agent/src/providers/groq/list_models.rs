//! Groq's `GET /openai/v1/models` (`research/providers.md` §2.5; groq-python `types/model.py`
//! plus the live fields `active`, `context_window`): `{"object":"list","data":[…]}`. A model
//! listed with `active: false` cannot serve; an entry without `active` is taken as active.

use std::time::Duration;

use serde::Deserialize;

use super::super::transport_error::{Phase, from_reqwest};
use super::super::{ListedModel, ProviderError};

#[derive(Debug, Deserialize)]
struct ModelList {
    data: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
struct Entry {
    id: String,
    #[serde(default)]
    active: Option<bool>,
}

pub(super) async fn read(
    response: reqwest::Response,
    request_timeout: Duration,
) -> Result<Vec<ListedModel>, ProviderError> {
    let list: ModelList = response
        .json()
        .await
        .map_err(|error| from_reqwest(&error, request_timeout, Phase::Reading, None))?;
    Ok(list
        .data
        .into_iter()
        .map(|entry| ListedModel {
            id: entry.id,
            chat: entry.active != Some(false),
            embed: false,
        })
        .collect())
}
