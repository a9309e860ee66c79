//! What a provider node knows between calls, the same for every vendor: the last model list
//! and when it was asked, whether the key was refused, and the models that cannot be served
//! now (rate limited until a time, or gone as a job found out). [`ProviderState::health`]
//! turns it into the node's [`BackendHealth`]; nothing here does I/O.

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use proto::v1::{IneligibilityCode, InstalledModel, UnavailableModel};

use super::api::ListedModel;
use crate::backend::BackendHealth;

/// After a failed list call, the next one comes this soon (not a whole `list_interval`).
const RETRY_FAILED_LIST: Duration = Duration::from_secs(5);

#[derive(Debug, Default)]
pub struct ProviderState {
    listed: Option<Vec<ListedModel>>,
    last_list_at: Option<Instant>,
    last_list_failed: bool,
    /// Why the provider cannot be used at all: the key refused, or the list call failing.
    trouble: Option<String>,
    /// Rate-limited models: until (unix ms) and the provider's words.
    cooling: BTreeMap<String, (i64, String)>,
    /// Models a job found gone (404, decommissioned) since the last list call.
    gone: BTreeMap<String, String>,
}

impl ProviderState {
    /// Whether it is time to ask for the model list again.
    pub fn list_due(&self, now: Instant, interval: Duration) -> bool {
        match self.last_list_at {
            None => true,
            Some(at) => {
                let wait = if self.last_list_failed {
                    RETRY_FAILED_LIST.min(interval)
                } else {
                    interval
                };
                now.duration_since(at) >= wait
            }
        }
    }

    pub fn listed_ok(&mut self, models: Vec<ListedModel>, at: Instant) {
        self.listed = Some(models);
        self.last_list_at = Some(at);
        self.last_list_failed = false;
        self.trouble = None;
        // A fresh list is the provider's word again on what it serves.
        self.gone.clear();
    }

    pub fn list_failed(&mut self, reason: String, at: Instant) {
        self.last_list_at = Some(at);
        self.last_list_failed = true;
        self.trouble = Some(reason);
    }

    /// A job's answer said the key is refused: the node is down until a list call works.
    pub fn key_rejected(&mut self, reason: String) {
        self.trouble = Some(reason);
        self.last_list_failed = true;
    }

    pub fn rate_limited(&mut self, model: &str, until_ms: i64, reason: String) {
        self.cooling.insert(model.to_owned(), (until_ms, reason));
    }

    pub fn model_gone(&mut self, model: &str, reason: String) {
        self.gone.insert(model.to_owned(), reason);
    }

    /// Why a job found `model` gone since the last list call, if it did.
    pub fn gone_reason(&self, model: &str) -> Option<&str> {
        self.gone.get(model).map(String::as_str)
    }

    /// The cool-down of `model` still running at `now_ms`, if any.
    pub fn cooling_until(&self, model: &str, now_ms: i64) -> Option<(i64, &str)> {
        self.cooling
            .get(model)
            .filter(|(until, _)| *until > now_ms)
            .map(|(until, reason)| (*until, reason.as_str()))
    }

    /// The node's health now. `offered` is the operator's list (empty: everything listed);
    /// a model is matched to the list by its id, or with Gemini's `models/` before it.
    pub fn health(
        &mut self,
        vendor: &str,
        version: &str,
        offered: &[String],
        now_ms: i64,
    ) -> BackendHealth {
        self.cooling.retain(|_, (until, _)| *until > now_ms);
        let Some(listed) = &self.listed else {
            return BackendHealth {
                error: self
                    .trouble
                    .clone()
                    .unwrap_or_else(|| format!("{vendor} has not been asked for its models yet")),
                ..BackendHealth::default()
            };
        };
        let mut installed = Vec::new();
        let mut unavailable = Vec::new();
        let wanted: Vec<(String, Option<&ListedModel>)> = if offered.is_empty() {
            listed
                .iter()
                .filter(|model| model.chat || model.embed)
                .map(|model| (model.id.clone(), Some(model)))
                .collect()
        } else {
            offered
                .iter()
                .map(|name| (name.clone(), find(listed, name)))
                .collect()
        };
        for (name, listing) in wanted {
            let Some(listing) = listing else {
                unavailable.push(not_offered(
                    &name,
                    format!(
                        "{vendor} does not list {name} (retired, renamed, or not on this account)"
                    ),
                ));
                continue;
            };
            if !listing.chat && !listing.embed {
                unavailable.push(not_offered(
                    &name,
                    format!("{vendor} lists {name} as inactive"),
                ));
                continue;
            }
            if let Some(reason) = self.gone.get(&listing.id).or(self.gone.get(&name)) {
                unavailable.push(not_offered(&listing.id, reason.clone()));
                continue;
            }
            if let Some((until, reason)) = self.cooling.get(&listing.id) {
                unavailable.push(UnavailableModel {
                    model: listing.id.clone(),
                    code: IneligibilityCode::RateLimited as i32,
                    reason: reason.clone(),
                    until_ms: *until,
                });
            }
            installed.push(InstalledModel {
                name: listing.id.clone(),
                capabilities: capabilities(listing),
                ..InstalledModel::default()
            });
        }
        installed.sort_by(|left, right| left.name.cmp(&right.name));
        installed.dedup_by(|left, right| left.name == right.name);
        unavailable.sort_by(|left, right| left.model.cmp(&right.model));
        BackendHealth {
            reachable: self.trouble.is_none(),
            version: version.to_owned(),
            error: self.trouble.clone().unwrap_or_default(),
            installed,
            loaded: Vec::new(),
            unavailable,
        }
    }
}

/// The listing of `name`: its id, or Gemini's `models/` + the bare name.
pub fn find<'a>(listed: &'a [ListedModel], name: &str) -> Option<&'a ListedModel> {
    listed
        .iter()
        .find(|model| model.id == name || model.id.strip_prefix("models/") == Some(name))
}

fn not_offered(model: &str, reason: String) -> UnavailableModel {
    UnavailableModel {
        model: model.to_owned(),
        code: IneligibilityCode::ModelNotOffered as i32,
        reason,
        until_ms: 0,
    }
}

/// Ollama's words for what a model does, so every surface reads providers like hosts.
fn capabilities(model: &ListedModel) -> Vec<String> {
    let mut words = Vec::new();
    if model.chat {
        words.push("completion".to_owned());
    }
    if model.embed {
        words.push("embedding".to_owned());
    }
    words
}
