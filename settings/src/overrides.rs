//! Warnings for `RUNNER_*` variables that set nothing: a misspelt override (`RUNNER_GRPC_ADR`)
//! would otherwise be ignored without a word.

use crate::EnvSource;
use crate::layered::{ENV_PREFIX, override_variable};
use crate::suggest::nearest;

/// `RUNNER_*` variables that llm-runner reads but that are not config keys: the tokens, and the
/// CLI's coordinator address. Node tokens are conventionally `RUNNER_TOKEN_<NODE>`.
pub const OTHER_VARIABLES: &[&str] = &[
    "RUNNER_AGENT_TOKEN",
    "RUNNER_WEB_TOKEN",
    "RUNNER_MCP_TOKEN",
    "RUNNER_API_TOKEN",
    "RUNNER_COORDINATOR",
];

/// The prefix of the node token variables the README suggests (`RUNNER_TOKEN_DAVAS`).
const TOKEN_PREFIX: &str = "RUNNER_TOKEN_";

/// One warning per `RUNNER_*` variable in `env` that is neither the override of one of `keys`,
/// nor one of [`OTHER_VARIABLES`] or `also_known`, nor a `RUNNER_TOKEN_*` token; each names the
/// nearest override when one is close.
pub fn unknown_overrides(env: &dyn EnvSource, keys: &[&str], also_known: &[&str]) -> Vec<String> {
    let mut known: Vec<String> = keys.iter().map(|key| override_variable(key)).collect();
    known.extend(
        OTHER_VARIABLES
            .iter()
            .chain(also_known)
            .map(|name| (*name).to_owned()),
    );
    env.names()
        .into_iter()
        .filter(|name| name.starts_with(ENV_PREFIX) && !name.starts_with(TOKEN_PREFIX))
        .filter(|name| !known.contains(name))
        .map(|name| {
            let hint = nearest(&name, known.iter().map(String::as_str))
                .map(|close| format!(" (did you mean {close}?)"))
                .unwrap_or_default();
            format!("{name} is not a setting and is ignored{hint}")
        })
        .collect()
}

#[cfg(test)]
mod tests;
