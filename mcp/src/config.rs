//! `[mcp]` in the coordinator's config: the extra `Host` names `/mcp` answers to, and the
//! optional bearer token, which comes only from the environment (`RUNNER_MCP_TOKEN`).

use settings::{EnvSource, Problems, Secret, Step, toml};

/// The environment variable holding the bearer token `/mcp` requires when it is set.
pub const TOKEN_ENV: &str = "RUNNER_MCP_TOKEN";

/// Every key `[mcp]` takes (the token is not one: it comes from `RUNNER_MCP_TOKEN`).
pub const KEYS: &[&str] = &["allowed_hosts"];

/// `[mcp]` in the coordinator's config, the bearer token from the environment.
#[derive(Debug, Clone, Default)]
pub struct McpConfig {
    /// When set (env `RUNNER_MCP_TOKEN`), `/mcp` requires `Authorization: Bearer <token>`.
    pub bearer_token: Option<Secret>,
    /// Extra `Host` header values accepted besides localhost and the address the coordinator
    /// binds (e.g. a MagicDNS name such as `vps.tailnet.ts.net`).
    pub allowed_hosts: Vec<String>,
}

impl McpConfig {
    pub fn from_settings(
        table: Option<&toml::Table>,
        env: &dyn EnvSource,
        problems: &mut Problems,
    ) -> Self {
        let mut config = Self {
            bearer_token: env
                .get(TOKEN_ENV)
                .filter(|token| !token.trim().is_empty())
                .map(Secret::new),
            allowed_hosts: Vec::new(),
        };
        let Some(table) = table else {
            return config;
        };
        for (key, value) in table {
            match key.as_str() {
                "allowed_hosts" => config.allowed_hosts = allowed_hosts(value, problems),
                _ => problems.unknown_key_noting(
                    &[Step::key("mcp")],
                    key,
                    KEYS,
                    &format!("the token comes from {TOKEN_ENV}"),
                ),
            }
        }
        config
    }
}

/// A list of host names or `host:port` authorities, as clients put them in the `Host` header.
fn allowed_hosts(value: &toml::Value, problems: &mut Problems) -> Vec<String> {
    let expected = "mcp.allowed_hosts: expected a list of host names or host:port, like \
                    [\"vps.tailnet.ts.net\", \"100.64.0.1:8000\"]";
    let Some(items) = value.as_array() else {
        problems.push(expected);
        return Vec::new();
    };
    let mut hosts = Vec::new();
    for item in items {
        match item.as_str().map(str::trim) {
            Some(host) if host.contains("://") || host.contains('/') => problems.push(format!(
                "mcp.allowed_hosts: `{host}` is a URL; give only the host (and port), e.g. `vps.tailnet.ts.net`"
            )),
            Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => {
                hosts.push(host.to_ascii_lowercase());
            }
            _ => problems.push(expected),
        }
    }
    hosts
}

#[cfg(test)]
mod tests;
