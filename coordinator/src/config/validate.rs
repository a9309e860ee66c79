//! Turns the raw configuration into a typed one, noting every problem rather than the first.

use std::collections::{BTreeMap, HashSet};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use settings::{EnvSource, Problems, Secret};

use super::raw::RawConfig;
use super::{CoordinatorConfig, LogFormat, NodeConfig};

const DEFAULT_GRPC_ADDR: &str = "127.0.0.1:7070";
const DEFAULT_HTTP_ADDR: &str = "127.0.0.1:8000";
const DEFAULT_HEARTBEAT_TIMEOUT: Duration = Duration::from_secs(3);
/// Long enough for a Tailscale link to come back after a flap or a relay change.
const DEFAULT_DISCONNECT_GRACE: Duration = Duration::from_secs(30);
const DEFAULT_QUEUE_CAPACITY: usize = 16;
const DEFAULT_MAX_PROMPT_BYTES: usize = 1024 * 1024;

pub(super) fn validate(
    raw: RawConfig,
    env: &dyn EnvSource,
    problems: &mut Problems,
) -> CoordinatorConfig {
    let grpc_addr = address(problems, "grpc_addr", raw.grpc_addr, DEFAULT_GRPC_ADDR);
    let http_addr = address(problems, "http_addr", raw.http_addr, DEFAULT_HTTP_ADDR);
    let heartbeat_timeout = duration(
        problems,
        "heartbeat_timeout",
        raw.heartbeat_timeout,
        DEFAULT_HEARTBEAT_TIMEOUT,
    );
    let disconnect_grace = duration(
        problems,
        "disconnect_grace",
        raw.disconnect_grace,
        DEFAULT_DISCONNECT_GRACE,
    );
    if heartbeat_timeout < Duration::from_millis(200) {
        problems.push("heartbeat_timeout: must be at least 200ms (agents report every second)");
    }
    let queue_capacity =
        count(problems, "queue_capacity", raw.queue_capacity, 0).unwrap_or(DEFAULT_QUEUE_CAPACITY);
    let max_prompt_bytes = count(problems, "max_prompt_bytes", raw.max_prompt_bytes, 1)
        .unwrap_or(DEFAULT_MAX_PROMPT_BYTES);
    let log_format = match raw.log_format.as_deref() {
        None | Some("text") => LogFormat::Text,
        Some("json") => LogFormat::Json,
        Some(other) => {
            problems.push(format!("log_format: `{other}` is not one of text, json"));
            LogFormat::Text
        }
    };
    let agent_tls = super::agent_tls::validate(
        super::agent_tls::RawAgentTls {
            addr: raw.agent_tls_addr,
            cert: raw.agent_tls_cert,
            key: raw.agent_tls_key,
            client_ca: raw.agent_tls_client_ca,
        },
        problems,
    );
    // Every node the file names, usable or not: a node whose token is missing is one
    // problem, not also one for each route and budget naming it.
    let named: Vec<String> = raw.nodes.iter().map(|node| node.name.clone()).collect();
    let nodes = nodes(problems, raw.nodes, env);
    let known: HashSet<&str> = named.iter().map(String::as_str).collect();
    let mut routes = BTreeMap::new();
    for route in raw.routes {
        if route.model.trim().is_empty() {
            problems.push("routes: a route has an empty model name");
        }
        if route.nodes.is_empty() {
            problems.push(format!("routes: `{}` lists no nodes", route.model));
        }
        for node in &route.nodes {
            if !known.contains(node.as_str()) {
                problems.push(format!(
                    "routes: `{}` names node `{node}`, which is not in [[nodes]]",
                    route.model
                ));
            }
        }
        if routes.insert(route.model.clone(), route.nodes).is_some() {
            problems.push(format!("routes: `{}` is routed twice", route.model));
        }
    }
    let spend = super::spend::validate(raw.prices, raw.budgets, &known, problems);
    let data_dir = PathBuf::from(raw.data_dir.unwrap_or_else(|| "./data".to_owned()));
    CoordinatorConfig {
        grpc_addr,
        http_addr,
        data_dir,
        heartbeat_timeout,
        disconnect_grace,
        queue_capacity,
        max_prompt_bytes,
        log_format,
        agent_tls,
        nodes,
        routes,
        spend,
    }
}

fn duration(
    problems: &mut Problems,
    key: &str,
    value: Option<String>,
    default: Duration,
) -> Duration {
    value
        .map(|text| settings::parse_duration(&text).map_err(|problem| format!("{key}: {problem}")))
        .transpose()
        .map_err(|problem| problems.push(problem))
        .ok()
        .flatten()
        .unwrap_or(default)
}

fn address(problems: &mut Problems, key: &str, value: Option<String>, default: &str) -> SocketAddr {
    let text = value.unwrap_or_else(|| default.to_owned());
    text.parse().unwrap_or_else(|_| {
        problems.push(format!("{key}: `{text}` is not an address like {default}"));
        SocketAddr::from(([127, 0, 0, 1], 0))
    })
}

fn count(problems: &mut Problems, key: &str, value: Option<i64>, minimum: i64) -> Option<usize> {
    let value = value?;
    if value < minimum {
        problems.push(format!("{key}: must be at least {minimum}, not {value}"));
        return None;
    }
    usize::try_from(value).ok()
}

fn nodes(
    problems: &mut Problems,
    raw: Vec<super::raw::RawNode>,
    env: &dyn EnvSource,
) -> Vec<NodeConfig> {
    let mut seen = HashSet::new();
    let mut nodes = Vec::new();
    for node in raw {
        if !is_node_name(&node.name) {
            problems.push(format!(
                "nodes: `{}` is not a node name (use lowercase letters, digits, - _ .)",
                node.name
            ));
            continue;
        }
        if !seen.insert(node.name.clone()) {
            problems.push(format!("nodes: `{}` is listed twice", node.name));
            continue;
        }
        let Some(token_env) = node.token_env else {
            problems.push(format!(
                "nodes: `{}` has no token_env (the environment variable holding its token)",
                node.name
            ));
            continue;
        };
        match env.get(&token_env).filter(|token| !token.is_empty()) {
            Some(token) => nodes.push(NodeConfig {
                name: node.name,
                labels: node.labels,
                token_env,
                token: Secret::new(token),
            }),
            None => problems.push(format!(
                "nodes: `{}` needs its token in the environment variable {token_env} (or in .env)",
                node.name
            )),
        }
    }
    nodes
}

pub(crate) fn is_node_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}
