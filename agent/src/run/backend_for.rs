//! Builds the node's backend from its config: Ollama at `ollama_url`, or a provider's client
//! inside the generic provider backend.

use std::sync::Arc;

use crate::backend::{Backend, OllamaBackend};
use crate::config::{Config, ProviderConfig, Vendor};
use crate::ollama::OllamaClient;
use crate::providers::{AnthropicClient, GeminiClient, GroqClient, ProviderApi, ProviderBackend};

use super::AgentError;

pub(super) fn backend_for(config: &Config) -> Result<Arc<dyn Backend>, AgentError> {
    let Some(provider) = &config.provider else {
        let ollama =
            OllamaClient::new(&config.ollama_url).map_err(|source| AgentError::Ollama {
                url: config.ollama_url.clone(),
                source,
            })?;
        return Ok(Arc::new(OllamaBackend::new(ollama)));
    };
    let settings = provider.settings.clone();
    let setup = |error: crate::providers::ProviderError| AgentError::Provider {
        vendor: provider.vendor.name(),
        reason: error.to_string(),
    };
    Ok(match provider.vendor {
        Vendor::Groq => wrap(GroqClient::new(settings).map_err(setup)?, provider),
        Vendor::Gemini => wrap(GeminiClient::new(settings).map_err(setup)?, provider),
        Vendor::Anthropic => wrap(AnthropicClient::new(settings).map_err(setup)?, provider),
    })
}

fn wrap<A: ProviderApi>(api: A, provider: &ProviderConfig) -> Arc<dyn Backend> {
    Arc::new(ProviderBackend::new(
        api,
        provider.settings.base_url.clone(),
        provider.settings.api_key.clone(),
        provider.models.clone(),
        provider.list_interval,
    ))
}
