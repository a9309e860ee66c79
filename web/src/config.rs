//! The web UI's settings: the `[web]` table of the coordinator's config (no keys yet) and the
//! optional access token from the environment.

use settings::{EnvSource, Problems, Secret, toml};

/// The environment variable holding the UI's access token.
pub const ACCESS_TOKEN_ENV: &str = "RUNNER_WEB_TOKEN";

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
                problems.push(format!(
                    "web: unknown key `{key}`; the [web] table takes no keys (set the access token in {ACCESS_TOKEN_ENV})"
                ));
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
