//! The `runner-agent` binary refuses a bad config before connecting anywhere: exit status 2
//! and one line per problem on stderr.

#![allow(clippy::unwrap_used)]

use std::process::Command;

#[test]
fn a_bad_config_exits_2_with_one_line_per_problem() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("agent.toml");
    std::fs::write(&config, "max_parallel = 0\nlog_format = \"xml\"\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_runner-agent"))
        .arg("--config")
        .arg(&config)
        .current_dir(dir.path())
        .env_clear()
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    assert!(
        lines.iter().all(|line| line.starts_with("config: ")),
        "{stderr}"
    );
    for expected in [
        "node: missing",
        "max_parallel",
        "log_format",
        "RUNNER_AGENT_TOKEN",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
}

#[test]
fn version_prints_the_crate_version() {
    let output = Command::new(env!("CARGO_BIN_EXE_runner-agent"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout.trim(),
        format!("runner-agent {}", env!("CARGO_PKG_VERSION"))
    );
}
