//! Tests of the `config` module.

mod fuzz;

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

#[test]
fn a_misspelt_override_is_a_warning_naming_the_nearest_variable() {
    let env = MapEnv::from_pairs([
        ("RUNNER_GRPC_ADR", "127.0.0.1:1"),
        ("RUNNER_NODE", "davas"),
        ("RUNNER_WEB_TOKEN", "t"),
        ("RUNNER_TOKEN_DAVAS", "t"),
    ]);
    let config = RunnerConfig::load(None, &env).unwrap();
    assert_eq!(
        config.warnings,
        ["RUNNER_GRPC_ADR is not a setting and is ignored (did you mean RUNNER_GRPC_ADDR?)"]
    );
}

#[test]
fn a_misspelt_key_in_a_part_is_listed_with_the_core_s_problems_in_the_same_format() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("coordinator.toml");
    std::fs::write(
        &file,
        "heartbeat_timout = \"3s\"\nqueue_capacity = -1\n[alerts]\nalert_afer = \"1s\"\n[mcp]\nallowed_host = []\n",
    )
    .unwrap();
    let text = RunnerConfig::load(Some(&file), &MapEnv::default())
        .unwrap_err()
        .to_string();
    let name = file.display();
    for expected in [
        format!("{name}:1: unknown key `heartbeat_timout` (did you mean `heartbeat_timeout`?)"),
        "queue_capacity: must be at least 0".to_owned(),
        format!("{name}:4: unknown key `alert_afer` in [alerts] (did you mean `alert_after`?)"),
        format!("{name}:6: unknown key `allowed_host` in [mcp] (did you mean `allowed_hosts`?)"),
    ] {
        assert!(text.contains(&expected), "missing {expected:?} in:\n{text}");
    }
    assert_eq!(text.lines().count(), 4, "{text}");
}

#[test]
fn memory_indexes_the_workers_vault_unless_it_names_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("coordinator.toml");
    let load = |text: &str| {
        std::fs::write(&file, text).unwrap();
        RunnerConfig::load(Some(&file), &MapEnv::default()).unwrap()
    };
    let shared = load("[vault]\npath = \"/srv/vault\"\n[memory]\n");
    let memory = shared.parts.memory.expect("memory is on");
    assert_eq!(memory.vault, std::path::Path::new("/srv/vault"));
    let own = load("[vault]\npath = \"/srv/vault\"\n[memory]\nvault = \"/srv/other\"\n");
    assert_eq!(
        own.parts.memory.unwrap().vault,
        std::path::Path::new("/srv/other")
    );
    std::fs::write(&file, "[memory]\n").unwrap();
    let error = RunnerConfig::load(Some(&file), &MapEnv::default()).unwrap_err();
    assert!(
        error.to_string().contains("or give [vault] a path"),
        "{error}"
    );
}

#[test]
fn a_bad_schedule_is_listed_with_the_other_problems() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("coordinator.toml");
    let text = "[[schedules]]\nname = \"b\"\ncron = \"0 7 * *\"\njob = { type = \"chat\", model = \"m\", prompt = \"p\" }\n[web]\nno_such_key = 1\n";
    std::fs::write(&file, text).unwrap();
    let error = RunnerConfig::load(Some(&file), &MapEnv::default())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("schedule `b`: cron `0 7 * *` has 4 fields"),
        "{error}"
    );
    assert!(error.contains("no_such_key"), "{error}");
}
