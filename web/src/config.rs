//! The web UI's settings: the `[web]` table of the coordinator's config (no keys yet) and the
//! optional access token from the environment.

use settings::{EnvSource, Problems, Secret, Step, toml};

/// The environment variable holding the UI's access token.
pub const ACCESS_TOKEN_ENV: &str = "RUNNER_WEB_TOKEN";

/// Every key `[web]` takes: none yet (the access token comes from `RUNNER_WEB_TOKEN`).
pub const KEYS: &[&str] = &[];

/// The web UI's settings: `[web]` in the coordinator's config, secrets from the environment.
#[derive(Debug, Clone, Default)]
pub struct WebConfig {
    /// When set (env `RUNNER_WEB_TOKEN`), every request must present it, as a bearer token or
    /// as the password of HTTP basic auth (any user name).
    pub access_token: Option<Secret>,
}

impl WebConfig {
    pub fn from_settings(
        table: Option<&toml::Table>,
        env: &dyn EnvSource,
        problems: &mut Problems,
    ) -> Self {
        if let Some(table) = table {
            for key in table.keys() {
                problems.unknown_key_noting(
                    &[Step::key("web")],
                    key,
                    KEYS,
                    &format!(
                        "[web] takes no keys (the access token comes from {ACCESS_TOKEN_ENV})"
                    ),
                );
            }
        }
        Self {
            access_token: env
                .get(ACCESS_TOKEN_ENV)
                .filter(|token| !token.is_empty())
                .map(Secret::new),
        }
    }
}

#[cfg(test)]
mod tests;
