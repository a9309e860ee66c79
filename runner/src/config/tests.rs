//! Tests of the `config` module.

use settings::MapEnv;

use super::*;

#[test]
fn problems_of_the_core_and_of_a_part_are_listed_together() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("coordinator.toml");
    std::fs::write(&file, "grpc_addr = \"nowhere\"\n[web]\nno_such_key = 1\n").unwrap();
    let error = RunnerConfig::load(Some(&file), &MapEnv::default()).unwrap_err();
    let text = error.to_string();
    assert!(text.contains("grpc_addr"), "{text}");
    assert!(text.contains("no_such_key"), "{text}");
}
