//! Tests of the `overrides` module.

use super::unknown_overrides;
use crate::MapEnv;

#[test]
fn a_misspelt_override_is_named_with_the_nearest_key() {
    let env = MapEnv::from_pairs([
        ("RUNNER_GRPC_ADR", "127.0.0.1:1"),
        ("RUNNER_HTTP_ADDR", "127.0.0.1:2"),
        ("RUNNER_WEB_TOKEN", "t"),
        ("RUNNER_TOKEN_DAVAS", "t"),
        ("RUNNER_NODE", "davas"),
        ("HOME", "/root"),
    ]);
    let warnings = unknown_overrides(&env, &["grpc_addr", "http_addr"], &["RUNNER_NODE"]);
    assert_eq!(
        warnings,
        ["RUNNER_GRPC_ADR is not a setting and is ignored (did you mean RUNNER_GRPC_ADDR?)"]
    );
}
