//! The keys of a provider node (`backend = "groq" | "gemini" | "anthropic"`): the API root, the
//! variable holding the key (read only from the environment or `.env`), the models offered,
//! the timeout, Anthropic's `max_tokens` default and how often the model list is asked.

use std::time::Duration;

use settings::{EnvSource, Problems, Secret, Step};

use super::raw::{RawConfig, RawDuration};
use crate::providers::ProviderSettings;

/// A cloud provider the agent can serve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vendor {
    Groq,
    Gemini,
    Anthropic,
}

impl Vendor {
    pub fn name(self) -> &'static str {
        match self {
            Self::Groq => "groq",
            Self::Gemini => "gemini",
            Self::Anthropic => "anthropic",
        }
    }

    pub fn default_base_url(self) -> &'static str {
        match self {
            Self::Groq => "https://api.groq.com/openai/v1",
            Self::Gemini => "https://generativelanguage.googleapis.com/v1beta",
            Self::Anthropic => "https://api.anthropic.com/v1",
        }
    }

    pub fn default_key_env(self) -> &'static str {
        match self {
            Self::Groq => "GROQ_API_KEY",
            Self::Gemini => "GEMINI_API_KEY",
            Self::Anthropic => "ANTHROPIC_API_KEY",
        }
    }

    /// Variables other tools use for the same key, which this agent does not read: named in
    /// the problem when the key is missing but one of them is set.
    fn lookalike_key_envs(self) -> &'static [&'static str] {
        match self {
            Self::Groq => &[],
            Self::Gemini => &["GOOGLE_API_KEY"],
            Self::Anthropic => &["CLAUDE_API_KEY"],
        }
    }
}

/// A provider node's settings, validated.
#[derive(Debug, Clone)]
pub struct ProviderConfig {
    pub vendor: Vendor,
    pub settings: ProviderSettings,
    /// The models offered here, as the operator writes them; empty: every model listed.
    pub models: Vec<String>,
    /// How often the provider's model list is asked (it also checks the key).
    pub list_interval: Duration,
    /// Which variable held the key, for messages.
    pub api_key_env: String,
}

pub(crate) const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
pub(crate) const DEFAULT_MAX_TOKENS: u32 = 8192;
pub(crate) const DEFAULT_LIST_INTERVAL: Duration = Duration::from_secs(60);

/// The provider keys that mean nothing to an Ollama node.
const PROVIDER_ONLY: [&str; 6] = [
    "base_url",
    "api_key_env",
    "models",
    "request_timeout",
    "max_tokens_default",
    "list_interval",
];

/// `Ok(None)` for an Ollama node; problems are pushed, never returned early.
pub(super) fn provider(
    raw: &RawConfig,
    env: &dyn EnvSource,
    problems: &mut Problems,
) -> Option<ProviderConfig> {
    let vendor = match raw.backend.as_deref() {
        None | Some("ollama") => {
            for key in PROVIDER_ONLY.iter().filter(|key| raw.has(key)) {
                problems.push(format!(
                    "{key}: only for a provider node; set backend = \"groq\", \"gemini\" or \"anthropic\" too, or remove it"
                ));
            }
            return None;
        }
        Some("groq") => Vendor::Groq,
        Some("gemini") => Vendor::Gemini,
        Some("anthropic") => Vendor::Anthropic,
        Some(other) => {
            problems.push(format!(
                "backend: `{other}` is not one of ollama, groq, gemini, anthropic"
            ));
            return None;
        }
    };
    if raw.ollama_url.is_some() {
        problems.push(format!(
            "ollama_url: a {} node talks to {}, not to Ollama; remove ollama_url (or set base_url)",
            vendor.name(),
            vendor.name()
        ));
    }
    let base_url = raw
        .base_url
        .clone()
        .unwrap_or_else(|| vendor.default_base_url().to_owned());
    if !(base_url.starts_with("https://") || base_url.starts_with("http://"))
        || base_url.contains(['?', '#', ' '])
    {
        problems.push(format!(
            "base_url: `{base_url}` is not an API root like {}",
            vendor.default_base_url()
        ));
    }
    let api_key_env = raw
        .api_key_env
        .clone()
        .unwrap_or_else(|| vendor.default_key_env().to_owned());
    let api_key = match env.get(&api_key_env).map(|key| key.trim().to_owned()) {
        Some(key) if !key.is_empty() => Secret::new(key),
        _ => {
            let lookalikes: Vec<&str> = vendor
                .lookalike_key_envs()
                .iter()
                .copied()
                .filter(|name| env.get(name).is_some_and(|value| !value.trim().is_empty()))
                .collect();
            let also = if lookalikes.is_empty() {
                String::new()
            } else {
                format!(
                    " ({} is set, but this agent reads only {api_key_env}: rename it)",
                    lookalikes.join(", ")
                )
            };
            let message = format!(
                "{api_key_env} is not set: put the {} API key in the environment or in .env{also}",
                vendor.name()
            );
            // A variable the config chose is named with the line (or override) that chose it.
            match raw.api_key_env {
                Some(_) => problems.push_at(&[Step::key("api_key_env")], &message),
                None => problems.push(message),
            }
            Secret::new("")
        }
    };
    let request_timeout = duration(
        problems,
        "request_timeout",
        raw.request_timeout.as_ref(),
        DEFAULT_REQUEST_TIMEOUT,
    );
    let list_interval = duration(
        problems,
        "list_interval",
        raw.list_interval.as_ref(),
        DEFAULT_LIST_INTERVAL,
    );
    let max_tokens_default = match raw.max_tokens_default {
        None => DEFAULT_MAX_TOKENS,
        Some(value) => u32::try_from(value)
            .ok()
            .filter(|value| *value >= 1)
            .unwrap_or_else(|| {
                problems.push(format!(
                    "max_tokens_default: must be a whole number of at least 1, not {value}"
                ));
                DEFAULT_MAX_TOKENS
            }),
    };
    let models = raw.models.clone().unwrap_or_default();
    if let Some(blank) = models.iter().find(|model| model.trim().is_empty()) {
        problems.push(format!("models: `{blank}` is not a model name"));
    }
    Some(ProviderConfig {
        vendor,
        settings: ProviderSettings {
            base_url: base_url.trim_end_matches('/').to_owned(),
            api_key,
            request_timeout,
            max_tokens_default,
        },
        models,
        list_interval,
        api_key_env,
    })
}

fn duration(
    problems: &mut Problems,
    key: &str,
    value: Option<&RawDuration>,
    default: Duration,
) -> Duration {
    let parsed = match value {
        None => return default,
        Some(RawDuration::Text(text)) => settings::parse_duration(text),
        Some(RawDuration::Seconds(seconds)) => Duration::try_from_secs_f64(*seconds)
            .map_err(|_| format!("`{seconds}` is not a duration (use e.g. 500ms, 5s, 2m)")),
    };
    match parsed {
        Ok(duration) if duration >= Duration::from_millis(100) => duration,
        Ok(duration) => {
            problems.push(format!(
                "{key}: {duration:?} is too short; use at least 100ms"
            ));
            default
        }
        Err(problem) => {
            problems.push(format!("{key}: {problem}"));
            default
        }
    }
}
