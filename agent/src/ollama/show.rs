//! `POST /api/show` (Ollama's docs/api.md, "Show Model Information"): what one installed model
//! can do, as its `capabilities` (`completion`, `embedding`, `tools`, `vision`, …).

use serde::Deserialize;
use serde_json::json;

use super::{OllamaClient, OllamaError, PROBE_TIMEOUT, check_status};

#[derive(Debug, Deserialize)]
struct ShowBody {
    /// Absent from Ollama versions older than the field: then nothing is known.
    #[serde(default)]
    capabilities: Option<Vec<String>>,
}

impl OllamaClient {
    /// The capabilities Ollama reports for `model`; empty when this Ollama does not say.
    pub async fn capabilities(&self, model: &str) -> Result<Vec<String>, OllamaError> {
        let url = format!("{}/api/show", self.base_url);
        let transport =
            |error: reqwest::Error| OllamaError::from_transport(&url, Some(PROBE_TIMEOUT), &error);
        let response = self
            .http
            .post(&url)
            .timeout(PROBE_TIMEOUT)
            .json(&json!({ "model": model }))
            .send()
            .await
            .map_err(transport)?;
        let body: ShowBody = check_status(response)
            .await?
            .json()
            .await
            .map_err(transport)?;
        Ok(body.capabilities.unwrap_or_default())
    }
}
