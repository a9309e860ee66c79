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
mod tests {
    use settings::MapEnv;

    use super::*;

    #[test]
    fn the_token_comes_from_the_environment_and_never_shows_in_debug() {
        let env = MapEnv::from_pairs([(ACCESS_TOKEN_ENV, "hunter2")]);
        let mut problems = Problems::default();
        let config = WebConfig::from_settings(None, &env, &mut problems);
        assert!(problems.is_empty());
        assert_eq!(
            config.access_token.as_ref().map(|token| token.expose()),
            Some("hunter2")
        );
        assert!(!format!("{config:?}").contains("hunter2"));
    }

    #[test]
    fn an_empty_token_means_no_access_control() {
        let env = MapEnv::from_pairs([(ACCESS_TOKEN_ENV, "")]);
        let mut problems = Problems::default();
        let config = WebConfig::from_settings(None, &env, &mut problems);
        assert!(config.access_token.is_none());
    }

    #[test]
    fn unknown_keys_are_each_reported() {
        let table: toml::Table = toml::from_str("colour = \"blue\"\nsize = 3").unwrap();
        let mut problems = Problems::default();
        WebConfig::from_settings(Some(&table), &MapEnv::default(), &mut problems);
        let text = problems.finish(|| ()).unwrap_err().to_string();
        assert!(
            text.contains("`colour`") && text.contains("`size`"),
            "{text}"
        );
    }
}
