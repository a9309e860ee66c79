//! The API's access: the optional bearer token (`RUNNER_API_TOKEN`, only from the
//! environment), and the rule that it is required when `http_addr` can be reached from
//! beyond this host and its tailnet.

#[cfg(test)]
mod tests;

use std::net::{IpAddr, SocketAddr};

use settings::{EnvSource, Secret};

/// The environment variable holding the bearer token the API requires when it is set.
pub const TOKEN_ENV: &str = "RUNNER_API_TOKEN";

#[derive(Debug, Clone, Default)]
pub struct ApiConfig {
    /// When set, every `/v1/…` and Ollama-compatible request must send
    /// `Authorization: Bearer <token>` (what OpenAI clients send as their API key).
    pub token: Option<Secret>,
    /// The variable the token came from: `RUNNER_API_TOKEN`, or the web UI's when only that
    /// one is set (a UI behind a token never leaves the API open beside it).
    pub token_env: &'static str,
}

impl ApiConfig {
    /// The token from `RUNNER_API_TOKEN`, else `fallback` (the web UI's token, from the
    /// variable `fallback_env`).
    pub fn from_env(
        env: &dyn EnvSource,
        fallback: Option<&Secret>,
        fallback_env: &'static str,
    ) -> Self {
        let own = env
            .get(TOKEN_ENV)
            .filter(|token| !token.trim().is_empty())
            .map(Secret::new);
        match (own, fallback) {
            (Some(token), _) => Self {
                token: Some(token),
                token_env: TOKEN_ENV,
            },
            (None, Some(token)) => Self {
                token: Some(token.clone()),
                token_env: fallback_env,
            },
            (None, None) => Self {
                token: None,
                token_env: TOKEN_ENV,
            },
        }
    }
}

/// The configuration problem when the API would be open to a network beyond loopback and
/// Tailscale: then a token is required.
pub fn exposure_problem(http_addr: SocketAddr, config: &ApiConfig) -> Option<String> {
    if config.token.is_some() || is_private_address(http_addr.ip()) {
        return None;
    }
    Some(format!(
        "http_addr {http_addr} is not a loopback or Tailscale address, so anyone who reaches it \
         could run jobs through the OpenAI- and Ollama-compatible API: set {TOKEN_ENV} (clients \
         send it as their API key), or bind http_addr to 127.0.0.1 or this host's Tailscale address"
    ))
}

/// Loopback, or inside Tailscale's ranges (100.64.0.0/10, fd7a:115c:a1e0::/48). The
/// unspecified address (every interface) is neither.
pub fn is_private_address(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => {
            let [first, second, ..] = ip.octets();
            ip.is_loopback() || (first == 100 && (64..128).contains(&second))
        }
        IpAddr::V6(ip) => {
            let segments = ip.segments();
            ip.is_loopback()
                || ip
                    .to_ipv4_mapped()
                    .is_some_and(|v4| is_private_address(IpAddr::V4(v4)))
                || segments[..3] == [0xfd7a, 0x115c, 0xa1e0]
        }
    }
}
