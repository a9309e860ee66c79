//! What each installed model can do, learnt from Ollama's `/api/show` once per model version
//! (its digest) and remembered, so a steady probe asks nothing new. A model whose answer did
//! not come (in time) keeps empty capabilities, which means "unknown", never a guess; it is
//! asked again at the next probe.

use std::collections::HashMap;

use proto::v1::InstalledModel;
use tracing::debug;

use crate::ollama::{OllamaClient, PROBE_TIMEOUT};

#[derive(Debug, Default)]
pub struct CapabilityCache {
    /// Keyed by digest (the name when Ollama gave none): a re-pulled model is asked again.
    known: HashMap<String, Vec<String>>,
}

fn key(model: &InstalledModel) -> &str {
    if model.digest.is_empty() {
        &model.name
    } else {
        &model.digest
    }
}

impl CapabilityCache {
    /// Fills `installed[..].capabilities`, asking Ollama only about versions not yet known,
    /// one at a time and for at most one probe timeout in all: what is not asked by then is
    /// asked at the next probe.
    pub async fn fill(&mut self, ollama: &OllamaClient, installed: &mut [InstalledModel]) {
        let unknown: Vec<(String, String)> = installed
            .iter()
            .filter(|model| !self.known.contains_key(key(model)))
            .map(|model| (key(model).to_owned(), model.name.clone()))
            .collect();
        let asking = async {
            for (key, name) in unknown {
                if self.known.contains_key(&key) {
                    continue;
                }
                match ollama.capabilities(&name).await {
                    // An empty list (an Ollama too old to say) is not remembered: still unknown.
                    Ok(capabilities) if !capabilities.is_empty() => {
                        self.known.insert(key, capabilities);
                    }
                    Ok(_) => debug!(model = %name, "ollama reports no capabilities"),
                    Err(error) => debug!(model = %name, %error, "ollama did not show the model"),
                }
            }
        };
        if tokio::time::timeout(PROBE_TIMEOUT, asking).await.is_err() {
            debug!(
                "asking ollama for capabilities took too long; the rest wait for the next probe"
            );
        }
        // Versions no longer installed are forgotten, so the cache stays as small as the list.
        let current: std::collections::HashSet<&str> = installed.iter().map(key).collect();
        self.known.retain(|key, _| current.contains(key.as_str()));
        for model in installed.iter_mut() {
            model.capabilities = self.known.get(key(model)).cloned().unwrap_or_default();
        }
    }
}
