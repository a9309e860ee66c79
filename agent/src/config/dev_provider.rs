//! The provider agents `runner dev` starts beside its local one: one per provider whose key is
//! in the environment (or `.env`), at the provider's API unless `GROQ_BASE_URL`,
//! `GEMINI_BASE_URL` or `ANTHROPIC_BASE_URL` (the vendors' SDKs' own override variables) says
//! otherwise, offering every model the provider lists.

use settings::{EnvSource, Secret};

use super::Config;
use super::provider::{
    DEFAULT_LIST_INTERVAL, DEFAULT_MAX_TOKENS, DEFAULT_REQUEST_TIMEOUT, ProviderConfig, Vendor,
};
use crate::providers::ProviderSettings;

/// Every provider, in the order `runner dev` reports them.
pub const VENDORS: [Vendor; 3] = [Vendor::Groq, Vendor::Gemini, Vendor::Anthropic];

impl Vendor {
    /// The variable that moves the API root, e.g. to a local stand-in.
    pub fn base_url_env(self) -> &'static str {
        match self {
            Self::Groq => "GROQ_BASE_URL",
            Self::Gemini => "GEMINI_BASE_URL",
            Self::Anthropic => "ANTHROPIC_BASE_URL",
        }
    }
}

impl Config {
    /// The agent of `vendor`'s node for `runner dev`, or why it is skipped (no key).
    pub fn for_dev_provider(
        vendor: Vendor,
        coordinator_url: impl Into<String>,
        token: Secret,
        env: &dyn EnvSource,
    ) -> Result<Self, String> {
        let key_env = vendor.default_key_env();
        let Some(key) = env
            .get(key_env)
            .map(|key| key.trim().to_owned())
            .filter(|key| !key.is_empty())
        else {
            return Err(format!("{key_env} is not set"));
        };
        let base_url = env
            .get(vendor.base_url_env())
            .filter(|url| !url.trim().is_empty())
            .unwrap_or_else(|| vendor.default_base_url().to_owned());
        let mut config = Self::for_dev(vendor.name(), coordinator_url, "", token);
        config.max_parallel = 4;
        config.provider = Some(ProviderConfig {
            vendor,
            settings: ProviderSettings {
                base_url: base_url.trim_end_matches('/').to_owned(),
                api_key: Secret::new(key),
                request_timeout: DEFAULT_REQUEST_TIMEOUT,
                max_tokens_default: DEFAULT_MAX_TOKENS,
            },
            models: Vec::new(),
            list_interval: DEFAULT_LIST_INTERVAL,
            api_key_env: key_env.to_owned(),
        });
        Ok(config)
    }
}
