//! Turns the raw agent configuration into a typed one, noting every problem rather than the
//! first.

use std::time::Duration;

use settings::{ConfigError, EnvSource, Problems, Secret};

use super::raw::{RawConfig, RawDuration};
use super::{
    Config, DEFAULT_COORDINATOR_URL, DEFAULT_HOST_FACTS_INTERVAL, DEFAULT_MAX_PARALLEL,
    DEFAULT_OLLAMA_URL, DEFAULT_PROBE_INTERVAL, LogFormat, TOKEN_ENV,
};

/// Shorter intervals would spend the host's CPU on watching rather than on models.
const MINIMUM_INTERVAL: Duration = Duration::from_millis(100);

pub(super) fn validate(
    raw: RawConfig,
    env: &dyn EnvSource,
    mut problems: Problems,
) -> Result<Config, ConfigError> {
    let provider = super::provider::provider(&raw, env, &mut problems);
    let node = match raw.node {
        None => {
            problems.push("node: missing; set `node = \"<name>\"` (as the coordinator's [[nodes]] lists it) or RUNNER_NODE");
            String::new()
        }
        Some(name) if !is_node_name(&name) => {
            problems.push(format!(
                "node: `{name}` is not a node name (use lowercase letters, digits, - _ .)"
            ));
            name
        }
        Some(name) => name,
    };
    let coordinator_url = raw
        .coordinator
        .unwrap_or_else(|| DEFAULT_COORDINATOR_URL.to_owned());
    if let Err(problem) = check_url(&coordinator_url, true) {
        problems.push(format!("coordinator: {problem}"));
    }
    let tls = super::link_tls::link_tls(
        super::link_tls::RawLinkTls {
            ca: raw.tls_ca.clone(),
            cert: raw.tls_cert.clone(),
            key: raw.tls_key.clone(),
        },
        &coordinator_url,
        &mut problems,
    );
    let ollama_url = raw
        .ollama_url
        .unwrap_or_else(|| DEFAULT_OLLAMA_URL.to_owned());
    if let Err(problem) = check_url(&ollama_url, false) {
        problems.push(format!("ollama_url: {problem}"));
    }
    let max_parallel = match raw.max_parallel {
        None => DEFAULT_MAX_PARALLEL,
        Some(value) => match u32::try_from(value) {
            Ok(count) if count >= 1 => count,
            _ => {
                problems.push(format!("max_parallel: must be at least 1, not {value}"));
                DEFAULT_MAX_PARALLEL
            }
        },
    };
    let probe_interval = interval(
        &mut problems,
        "probe_interval",
        raw.probe_interval,
        DEFAULT_PROBE_INTERVAL,
    );
    let host_facts_interval = interval(
        &mut problems,
        "host_facts_interval",
        raw.host_facts_interval,
        DEFAULT_HOST_FACTS_INTERVAL,
    );
    let log_format = match raw.log_format.as_deref() {
        None | Some("text") => LogFormat::Text,
        Some("json") => LogFormat::Json,
        Some(other) => {
            problems.push(format!("log_format: `{other}` is not one of text, json"));
            LogFormat::Text
        }
    };
    let token = match env.get(TOKEN_ENV).filter(|token| !token.trim().is_empty()) {
        Some(token)
            if !token
                .trim()
                .chars()
                .all(|character| character.is_ascii_graphic()) =>
        {
            problems.push(format!(
                "{TOKEN_ENV} holds spaces or characters that cannot travel in an HTTP header; use printable ASCII"
            ));
            Secret::new("")
        }
        Some(token) => Secret::new(token.trim()),
        None => {
            problems.push(format!(
                "{TOKEN_ENV} is not set: put this node's token (the value of the coordinator's token_env for it) in the environment or in .env"
            ));
            Secret::new("")
        }
    };
    problems.finish(|| Config {
        node,
        coordinator_url,
        ollama_url,
        max_parallel,
        probe_interval,
        host_facts_interval,
        log_format,
        token,
        provider,
        tls,
    })
}

fn interval(
    problems: &mut Problems,
    key: &str,
    value: Option<RawDuration>,
    default: Duration,
) -> Duration {
    let parsed = match value {
        None => return default,
        Some(RawDuration::Text(text)) => settings::parse_duration(&text),
        Some(RawDuration::Seconds(seconds)) => Duration::try_from_secs_f64(seconds)
            .map_err(|_| format!("`{seconds}` is not a duration (use e.g. 500ms, 5s, 2m, 1h)")),
    };
    match parsed {
        Ok(duration) if duration >= MINIMUM_INTERVAL => duration,
        Ok(duration) => {
            problems.push(format!(
                "{key}: {duration:?} is too short; use at least {MINIMUM_INTERVAL:?}"
            ));
            default
        }
        Err(problem) => {
            problems.push(format!("{key}: {problem}"));
            default
        }
    }
}

/// Accepts `http://host[:port][/]`: the agent speaks plain HTTP/2 to the coordinator (Tailscale
/// encrypts the wire) and plain HTTP to its local Ollama.
/// `http://HOST:PORT`, or `https://` where `https` is allowed (the coordinator's mutual-TLS
/// agent listener).
fn check_url(text: &str, https: bool) -> Result<(), String> {
    let rest = match (text.strip_prefix("http://"), text.strip_prefix("https://")) {
        (Some(rest), _) => rest,
        (None, Some(rest)) if https => rest,
        (None, Some(_)) => {
            return Err(format!(
                "`{text}`: https is not supported here; use http:// (over Tailscale)"
            ));
        }
        (None, None) => return Err(format!("`{text}` is not a URL like http://127.0.0.1:7070")),
    };
    let authority = rest.trim_end_matches('/');
    if authority.is_empty() || authority.contains(['/', ' ', '?', '#', '@']) {
        return Err(format!("`{text}` is not a URL like http://127.0.0.1:7070"));
    }
    Ok(())
}

pub(crate) fn is_node_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && name.chars().all(|character| {
            character.is_ascii_lowercase()
                || character.is_ascii_digit()
                || matches!(character, '-' | '_' | '.')
        })
}
